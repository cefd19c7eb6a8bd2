package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The 2025 Data Explorer mapping (resource oecd-codes.csv, docs/data-dictionary.md §1.8): every code
 * the catalog and the footprints' OECD names write has a row, and the rows are well formed.
 */
class OecdCodesTest {
  static final Set<String> DATAFLOW_PREFIXES = Set.of("OECD.STI.PIE:DSD_TIVA_MAINLV@DF_MAINLV(1.1)",
      "OECD.STI.PIE:DSD_TIVA_MAINSH@DF_MAINSH(1.1)", "OECD.STI.PIE:DSD_TIVA_EXGRVA@DF_EXGRVA(1.1)",
      "OECD.STI.PIE:DSD_TIVA_IMGRVA@DF_IMGRVA(1.1)", "OECD.STI.PIE:DSD_TIVA_FDVA@DF_FDVA(1.1)",
      "OECD.STI.PIE:DSD_TIM_2025@DF_TIM_2025");

  static Set<String> codesIn(String table) {
    return OecdCodes.all().stream().filter(r -> r.table().equals(table)).map(OecdCodes.Row::code)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void everyCatalogCodeHasARow() {
    Set<String> mapped = codesIn("indicators");
    List<String> missing = new ArrayList<>();
    for (Indicator i : Indicator.values()) {
      if (!mapped.contains(i.code())) {
        missing.add(i.code());
      }
    }
    assertEquals(List.of(), missing, "Indicator codes without a row in " + OecdCodes.RESOURCE);
  }

  @Test
  void everyFootprintOecdNameHasARow() {
    Set<String> mapped = codesIn("footprints");
    Set<String> written = new TreeSet<>();
    for (String stressor : List.of("CO2", "CO2_FOSSIL", "EMP", "EMPN")) {
      written.addAll(Footprints.oecdNames(stressor).values());
    }
    written.removeAll(mapped);
    assertEquals(Set.of(), written, "footprints OECD names without a row in " + OecdCodes.RESOURCE);
  }

  @Test
  void rowsAreWellFormed() {
    List<OecdCodes.Row> rows = OecdCodes.all();
    assertTrue(rows.size() >= 90, "rows: " + rows.size());
    for (OecdCodes.Row r : rows) {
      String what = r.code() + " (" + r.table() + ")";
      if (r.confirmed()) {
        assertNotNull(r.dataflow2025(), what);
        assertNotNull(r.measure2025(), what);
        assertNotNull(r.unit2025(), what);
        assertNotNull(r.source(), what);
        assertFalse(r.source().equals("pattern"), what + ": an inferred row cannot be confirmed");
      }
      if (r.dataflow2025() != null) {
        assertTrue(DATAFLOW_PREFIXES.contains(r.dataflow2025()) || r.dataflow2025().startsWith("OECD.STI.PIE:DSD_ICIO_GHG_"),
            what + ": unknown dataflow " + r.dataflow2025());
      }
      assertTrue(r.dataflow2025() != null || r.measure2025() == null, what + ": a measure needs its dataflow");
      assertTrue(r.confirmed() || r.notes() != null, what + ": an unconfirmed row says why in notes");
    }
    OecdCodes.Row dvash = rows.stream().filter(r -> r.code().equals("EXGR_DVASH")).findFirst().orElseThrow();
    assertEquals("EXGR_DVA", dvash.measure2025());
    assertEquals("PT_EXGR", dvash.unit2025());
  }

  @Test
  void parserReadsQuotedFieldsAndRefusesBadLines() {
    List<String> header = List.of("# comment", String.join(",", OecdCodes.COLUMNS));
    List<String> ok = new ArrayList<>(header);
    ok.add("A,indicators,flow,M,USD,\"x, \"\"quoted\"\"\",true,src");
    OecdCodes.Row r = OecdCodes.parse(ok).get(0);
    assertEquals("x, \"quoted\"", r.notes());
    assertTrue(r.confirmed());
    List<String> dup = new ArrayList<>(ok);
    dup.add("A,indicators,,,,,false,");
    assertThrows(IllegalStateException.class, () -> OecdCodes.parse(dup));
    List<String> bad = new ArrayList<>(header);
    bad.add("A,indicators,,,,,maybe,");
    assertThrows(IllegalStateException.class, () -> OecdCodes.parse(bad));
    List<String> shortLine = new ArrayList<>(header);
    shortLine.add("A,indicators,,false");
    assertThrows(IllegalStateException.class, () -> OecdCodes.parse(shortLine));
  }
}
