package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.model.Unit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The {@link Indicator} catalog against docs/data-dictionary.md §3 "Indicator codes" (same codes, same
 * units) and against what {@link TivaCore} writes (every code emitted, each with its catalog unit).
 */
class IndicatorCatalogTest {

  static Path dictionary() {
    Path p = Path.of("../docs/data-dictionary.md");
    return Files.isRegularFile(p) ? p : Path.of("docs/data-dictionary.md");
  }

  /** code -> unit of the §3 table ("money" is MONEY). */
  static Map<String, Unit> documented() throws IOException {
    List<String> lines = Files.readAllLines(dictionary());
    Map<String, Unit> out = new TreeMap<>();
    boolean in = false;
    for (String line : lines) {
      if (line.startsWith("## ") || line.startsWith("### ")) {
        in = line.startsWith("## 3."); // §3's own table; its subsections (§3.2 release codes) are not the catalog
        continue;
      }
      if (!in || !line.startsWith("| ") || line.startsWith("| code ") || line.startsWith("|---")) {
        continue;
      }
      String[] cells = line.split("\\|");
      // | code | meaning | formula | partner | industry | basis | unit | status |
      String code = cells[1].trim();
      String unit = cells[7].trim().toUpperCase(Locale.ROOT);
      out.put(code, Unit.valueOf(unit));
    }
    return out;
  }

  @Test
  void catalogMatchesTheDataDictionary() throws IOException {
    Map<String, Unit> doc = documented();
    Map<String, Unit> code = new TreeMap<>();
    for (Indicator i : Indicator.values()) {
      code.put(i.code(), i.unit());
    }
    assertEquals(doc.keySet(), code.keySet(), "codes of docs/data-dictionary.md §3 vs Indicator");
    assertEquals(doc, code, "units of docs/data-dictionary.md §3 vs Indicator");
    assertEquals(57, code.size());
  }

  @Test
  void everyCatalogEntryIsWrittenWithItsUnit() {
    SyntheticMrio gen = new SyntheticMrio(GeneratorSpec.builder().regions(6).industries(5).years(2015, 2015).build());
    TivaOptions opt = TivaOptions.builder().group("GRP", gen.layout().countries().subList(0, 2))
        .serviceIndustries(Set.copyOf(gen.layout().industries().subList(2, 5))).build();
    CollectingSink sink = new CollectingSink();
    TivaCore.compute(gen.year(2015), opt, sink);
    Set<Indicator> seen = EnumSet.noneOf(Indicator.class);
    sink.units.forEach((key, unit) -> {
      Indicator i = Indicator.valueOf(key.substring(0, key.indexOf('|')));
      assertEquals(i.unit(), unit, key);
      seen.add(i);
    });
    assertEquals(EnumSet.allOf(Indicator.class), seen);
    for (Indicator i : Indicator.values()) {
      assertTrue(i.computedBy().getSimpleName().length() > 0 && !i.formula().isBlank() && !i.definition().isBlank());
    }
  }
}
