package io.tivaspark.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tivaspark.jobs.cli.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every table a run leaves empty is named in the summary with its reason. */
class EmptyTablesTest {
  private static Map<String, Long> rows(long n) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (OutputTable t : OutputTable.values()) {
      m.put(t.tableName(), n);
    }
    return m;
  }

  @Test
  void defaultsLeaveOnlyTheThirdCountryTableEmptyAndSaySo() {
    Map<String, Long> r = rows(10);
    r.put("export_decomposition_third", 0L);
    List<String> lines = EmptyTables.describe(r, List.of("core", "gvc", "footprints"), Settings.defaultTiva());
    assertEquals(List.of("empty: export_decomposition_third: switched off by tiva.run.wwz-third-country = off "
        + "(set it to \"country\" or \"industry\" to fill it)"), lines);
  }

  @Test
  void footprintsWithoutExtensionsAndCubesSwitchedOff() {
    Config tiva = ConfigFactory.parseString("run { va-origin-imports = off, va-final-demand-product = false, "
        + "exports-destination = off }").withFallback(Settings.defaultTiva());
    Map<String, Long> r = rows(10);
    for (String t : List.of("footprints", "footprint_coefficients", "va_origin_imports", "va_final_demand_product",
        "va_exports_destination")) {
      r.put(t, 0L);
    }
    List<String> lines = EmptyTables.describe(r, List.of("core", "footprints"), tiva);
    String all = String.join("\n", lines);
    assertTrue(all.contains("empty: footprints: the store has no satellite accounts (extensions/"), all);
    assertTrue(all.contains("empty: footprint_coefficients: the store has no satellite accounts"), all);
    assertTrue(all.contains("empty: va_origin_imports: switched off by tiva.run.va-origin-imports = off"), all);
    assertTrue(all.contains("empty: va_final_demand_product: switched off by tiva.run.va-final-demand-product = false"), all);
    assertTrue(all.contains("empty: va_exports_destination: switched off by tiva.run.exports-destination = off"), all);
    assertTrue(all.contains("not written by this run (family not selected"), all);
    assertTrue(all.contains("export_decomposition, export_decomposition_third, gvc_measures"), all);
    assertEquals(6, lines.size(), all);
  }

  @Test
  void nothingComputedNothingSaid() {
    assertEquals(List.of(), EmptyTables.describe(Map.of(), List.of("core"), Settings.defaultTiva()));
  }
}
