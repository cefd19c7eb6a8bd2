package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Refactoring guard for the core family (issue 14): writes every row {@link TivaCore} emits (indicators,
 * va tables, checks) sorted to {@code <dir>/<tiva.golden>.tsv}; when {@code tiva.golden=after}, also
 * compares with {@code before.tsv}: same keys, values within 1e-12·max(1,|v|). Skipped unless
 * {@code -Dtiva.golden=before|after} (dir: {@code -Dtiva.golden.dir}, default {@code <java.io.tmpdir>/tiva-golden-core}, outside any checkout).
 */
class CoreGoldenTool {

  @Test
  void golden() throws IOException {
    String phase = System.getProperty("tiva.golden", "");
    Assumptions.assumeTrue(!phase.isBlank(), "golden tool: run with -Dtiva.golden=before|after");
    Path dir = Path.of(System.getProperty("tiva.golden.dir", Path.of(System.getProperty("java.io.tmpdir"), "tiva-golden-core").toString()));
    Files.createDirectories(dir);
    TreeMap<String, Double> rows = new TreeMap<>();
    SyntheticMrio gen = new SyntheticMrio(GeneratorSpec.builder().regions(8).industries(6).years(2015, 2017)
        .seed(42).splits(true).build());
    List<String> all = gen.layout().countries();
    TivaOptions syn = TivaOptions.builder()
        .group("EU27", List.of("DEU", "FRA", "ITA", "ESP", "NLD"))
        .group("G20", List.of("USA", "CHN", "DEU", "JPN", "FRA", "GBR", "MEX", "KOR"))
        .group("USMCA", List.of("CAN", "MEX", "USA"))
        .group("*", all)
        .serviceIndustries(Set.copyOf(gen.layout().industries().subList(3, 6)))
        .consumptionCategories(Set.of("HFCE", "NPISH", "GGFC"))
        .gfcfCategories(Set.of("GFCF"))
        .fullInverseCheck(true)
        .build();
    for (int y = 2015; y <= 2017; y++) {
      collect("syn" + y, TivaCore.compute(gen.year(y), syn, new GoldenSink("syn" + y, rows)).checks(), rows);
    }
    Path wiod = SharedData.path("data/wiod2013/wiot_2005.csv.gz");
    if (Files.isRegularFile(wiod)) {
      MrioYear t = IcioCsv.read(wiod, 2005);
      TivaOptions opt = TivaOptions.builder()
          .group("EU27", WiodRealDataTest.EU27).group("NAFTA", WiodRealDataTest.NAFTA)
          .consumptionCategories(Set.of("c37", "c38", "c39")).gfcfCategories(Set.of("c41"))
          .serviceIndustries(Set.copyOf(t.layout().industries().subList(20, 35)))
          .build();
      collect("wiod2005", TivaCore.compute(t, opt, new GoldenSink("wiod2005", rows)).checks(), rows);
    } else {
      System.out.println("golden: WIOD 2005 not found, synthetic only: " + wiod);
    }
    StringBuilder out = new StringBuilder();
    rows.forEach((k, v) -> out.append(k).append('\t').append(String.format(Locale.ROOT, "%.17g", v)).append('\n'));
    Files.writeString(dir.resolve(phase + ".tsv"), out);
    System.out.println("golden: " + rows.size() + " rows -> " + dir.resolve(phase + ".tsv"));
    if (phase.equals("after")) {
      compare(read(dir.resolve("before.tsv")), rows);
    }
  }

  static void collect(String tag, List<CheckResult> checks, Map<String, Double> rows) {
    // checks: passed flag, errors and worst element (errors may move in the last bits)
    Map<String, Integer> seen = new TreeMap<>();
    for (CheckResult c : checks) {
      String base = tag + "|check|" + c.check() + "|" + c.scope();
      int k = seen.merge(base, 1, Integer::sum);
      String key = base + "#" + k;
      rows.put(key + "|passed", c.passed() ? 1.0 : 0.0);
      rows.put(key + "|tolerance", c.tolerance());
      rows.put(key + "|abs", c.maxAbsError());
      rows.put(key + "|rel", c.maxRelError());
      rows.put(key + "|worst=" + c.worst(), 0.0);
    }
  }

  /** Removes the "|worst=label" keys from {@code rows}; returns check key -> label. */
  static Map<String, String> worstLabels(TreeMap<String, Double> rows) {
    Map<String, String> out = new TreeMap<>();
    for (String k : List.copyOf(rows.keySet())) {
      int at = k.indexOf("|worst=");
      if (at >= 0) {
        out.put(k.substring(0, at), k.substring(at + 7));
        rows.remove(k);
      }
    }
    return out;
  }

  static TreeMap<String, Double> read(Path p) throws IOException {
    TreeMap<String, Double> m = new TreeMap<>();
    for (String line : Files.readAllLines(p)) {
      int t = line.lastIndexOf('\t');
      m.put(line.substring(0, t), Double.parseDouble(line.substring(t + 1)));
    }
    return m;
  }

  static void compare(TreeMap<String, Double> before, TreeMap<String, Double> after) {
    // where a check's worst element is may move when its errors are round-off (ties at 1e-16): listed, not failed
    Map<String, String> worstBefore = worstLabels(before);
    Map<String, String> worstAfter = worstLabels(after);
    assertEquals(worstBefore.keySet(), worstAfter.keySet());
    worstBefore.forEach((k, w) -> {
      if (!w.equals(worstAfter.get(k))) {
        System.out.printf(Locale.ROOT, "golden: worst element of %s moved: %s -> %s (abs error %.3e -> %.3e)%n", k, w,
            worstAfter.get(k), before.get(k + "|abs"), after.get(k + "|abs"));
      }
    });
    List<String> missing = new ArrayList<>();
    for (String k : before.keySet()) {
      if (!after.containsKey(k)) {
        missing.add("missing " + k);
      }
    }
    for (String k : after.keySet()) {
      if (!before.containsKey(k)) {
        missing.add("extra " + k);
      }
    }
    assertTrue(missing.isEmpty(), missing.size() + " key differences, e.g. "
        + missing.subList(0, Math.min(20, missing.size())));
    double maxRel = 0;
    String worst = "";
    double maxRows = 0;
    String worstRow = "";
    long exact = 0;
    for (Map.Entry<String, Double> e : before.entrySet()) {
      double a = e.getValue();
      double b = after.get(e.getKey());
      boolean bothNaN = Double.isNaN(a) && Double.isNaN(b);
      double rel = bothNaN ? 0 : Math.abs(a - b) / Math.max(1, Math.abs(a));
      if (e.getKey().contains("|check|") && (e.getKey().endsWith("|abs") || e.getKey().endsWith("|rel"))) {
        // check errors are round-off themselves (1e-16..1e-13): compare absolutely at 1e-12
        rel = bothNaN ? 0 : Math.abs(a - b);
      }
      if (!e.getKey().contains("|check|")) {
        exact += a == b || bothNaN ? 1 : 0;
        if (!(rel <= maxRows)) {
          maxRows = rel;
          worstRow = e.getKey() + " " + a + " vs " + b;
        }
      }
      if (!(rel <= maxRel)) {
        maxRel = rel;
        worst = e.getKey() + " " + a + " vs " + b;
      }
    }
    System.out.printf(Locale.ROOT, "golden: %d rows compared, max relative difference %.3e at %s%n",
        before.size(), maxRel, worst);
    System.out.printf(Locale.ROOT, "golden: result rows (not checks): max relative difference %.3e at %s; %d bit-identical%n",
        maxRows, worstRow, exact);
    assertTrue(maxRel <= 1e-12, "max relative difference " + maxRel + " at " + worst);
    assertEquals(before.size(), after.size());
  }

  /** Keeps every row under a typed key. */
  static final class GoldenSink extends CollectingSinkBase {
    GoldenSink(String tag, Map<String, Double> rows) {
      super(tag, rows);
    }
  }
}
