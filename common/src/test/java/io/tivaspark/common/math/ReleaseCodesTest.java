package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/data-dictionary.md §3.2 "Every code of the OECD TiVA release": every code of the release's
 * principal-indicator list is there, every row has a status, and a code marked computed in
 * {@code indicators} is in {@link Indicator}.
 */
class ReleaseCodesTest {
  /** The VAR dimension of OECD.Stat TIVA_2021_C1 (46 codes; the source named in §3.2). */
  static final List<String> TIVA_2021_C1 = List.of("EXGR", "EXGR_FNL", "EXGR_INT", "EXGR_DVA", "EXGR_DDC",
      "EXGR_IDC", "EXGR_RIM", "EXGR_FVA", "IMGR", "IMGR_FNL", "IMGR_INT", "IMGR_DVA", "BALGR", "REII", "PROD", "VALU",
      "FFD_DVA", "DFD_FVA", "BALVAFD", "FD_VA", "CONS_VA", "GFCF_VA", "EXGR_DVASH", "EXGR_FVASH", "EXGR_DVAFXSH",
      "EXGR_FNLDVASH", "EXGR_INTDVASH", "EXGR_INTDVAPSH", "EXGRPSH", "EXGR_DVAPSH", "EXGR_TDVAIND", "EXGR_TFVAIND",
      "EXGR_SERV_DVASH", "EXGR_SERV_FVASH", "IMGRINT_REII", "IMGR_DVASH", "IMGRPSH", "FFD_DVAPSH", "DFD_FVAPSH",
      "VALU_FFDDVA", "PROD_VASH", "FD_VASH", "CONS_VASH", "GFCF_VASH", "DEXFVAPSH", "FEXDVAPSH");

  /** One row of the §3.2 table. */
  record Row(String release, String ours, String table, String status) {
    boolean computed() {
      return status.startsWith("computed");
    }
  }

  /** The rows of the table under the heading "### 3.2" (up to the next heading). */
  static List<Row> section() throws IOException {
    List<Row> rows = new ArrayList<>();
    boolean in = false;
    for (String line : Files.readAllLines(IndicatorCatalogTest.dictionary())) {
      if (line.startsWith("#")) {
        in = line.startsWith("### 3.2 ");
        continue;
      }
      if (!in || !line.startsWith("|") || line.startsWith("| release code ") || line.startsWith("|---")) {
        continue;
      }
      String[] c = line.split("\\|");
      // | release code | our code | table | meaning | source | status |
      assertEquals(7, c.length, "§3.2 row with 6 cells: " + line);
      rows.add(new Row(c[1].trim(), strip(c[2]), strip(c[3]), c[6].trim()));
    }
    assertFalse(rows.isEmpty(), "docs/data-dictionary.md has no table under '### 3.2 '");
    return rows;
  }

  static String strip(String cell) {
    String s = cell.trim().replace("`", "");
    return s.equals("—") ? "" : s;
  }

  @Test
  void everyReleaseCodeIsListedWithAStatus() throws IOException {
    List<Row> rows = section();
    Set<String> listed = rows.stream().map(Row::release).collect(Collectors.toSet());
    List<String> missing = TIVA_2021_C1.stream().filter(c -> !listed.contains(c)).toList();
    assertEquals(List.of(), missing, "codes of TIVA_2021_C1 missing from data-dictionary §3.2");
    for (Row r : rows) {
      assertTrue(r.computed() || r.status().matches("not computed: \\S.*"), "status of " + r);
      assertTrue(!r.computed() || !r.ours().isEmpty() && !r.table().isEmpty(), "a computed row names our code and table: "
          + r);
    }
  }

  @Test
  void computedIndicatorsAreInTheCatalog() throws IOException {
    Set<String> missing = new TreeSet<>();
    for (Row r : section()) {
      if (r.computed() && r.table().equals("indicators") && !inCatalog(r.ours())) {
        missing.add(r.ours());
      }
    }
    assertEquals(Set.of(), missing, "marked computed in indicators (data-dictionary §3.2) but not in Indicator.java");
  }

  @Test
  void everyComputedCodeHasA2025MappingRow() throws IOException {
    Set<String> mapped = OecdCodes.all().stream().map(r -> r.code() + "|" + r.table()).collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>();
    for (Row r : section()) {
      if (r.computed() && !mapped.contains(r.ours() + "|" + r.table())) {
        missing.add(r.ours() + " in " + r.table());
      }
    }
    assertEquals(Set.of(), missing, "computed in data-dictionary §3.2 but no row in " + OecdCodes.RESOURCE);
  }

  static boolean inCatalog(String code) {
    return EnumSet.allOf(Indicator.class).stream().anyMatch(i -> i.code().equals(code));
  }
}
