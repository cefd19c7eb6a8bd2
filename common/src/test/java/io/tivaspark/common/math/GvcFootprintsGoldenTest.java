package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Unit;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Golden tool of the gvc and footprints refactor (issue 14, helper B): every row the gvc family
 * ({@link Decompositions#compute}, with {@link GvcMeasures}) and the footprints family write, on
 * (a) a synthetic 8 × 6 table with splits, three years, groups EU27, G20, USMCA and "*" (all
 * countries), WWZ third-country detail by industry, with the BLAS block passes (tag B), with the
 * Java loops (J), and with the pure-Java BLAS backend (F: single-threaded, so run-to-run identical); (b) WIOD 2013, 1995 (groups EU27, NAFTA, "*"; third-country detail by country).
 * Check results are rows too (max errors, count, passed).
 *
 * <p>Skipped unless {@code -Dtiva.golden=before} or {@code -Dtiva.golden=after}: writes
 * {@code <tiva.golden.dir>/<that>.tsv} (default {@code <java.io.tmpdir>/tiva-golden-gvc}, outside any checkout so that "before" and "after" can run in two) (sorted); "after" then compares with before.tsv: the
 * same keys (check codes, scopes and pass/fail included), values equal within 1e-12 · max(1, |v|)
 * (NaN equals NaN); the max errors of the checks, rounding noise that differs between two runs of the
 * same code (threaded BLAS), within 1e-9 absolute.
 *
 * <p>With {@code -Dtiva.golden.aggregates=true} (issue 15) the run adds industry aggregates, all coded
 * {@code AGG_*} (overlapping ones, a one-member one, one with every industry; docs/methods.md §17),
 * and "after" then checks that adding them changed no row of "before": every row of before.tsv is in
 * after.tsv with the same value, and the only rows after.tsv adds are those of an aggregate and the
 * aggregate checks (W6, B7, W7, P6). Run "before" without the property (e.g. on the code before
 * aggregates existed) and "after" with it.
 */
class GvcFootprintsGoldenTest {
  static final boolean AGGREGATES = Boolean.getBoolean("tiva.golden.aggregates");
  static final Map<String, List<String>> SYN_AGGREGATES = new LinkedHashMap<>();
  static final Map<String, List<String>> WIOD_AGGREGATES = new LinkedHashMap<>();

  static {
    List<String> syn = io.tivaspark.common.gen.SyntheticMrio.ICIO2023_INDUSTRIES.subList(0, 6);
    SYN_AGGREGATES.put("AGG_A", syn.subList(0, 2));
    SYN_AGGREGATES.put("AGG_AB", syn.subList(1, 3));
    SYN_AGGREGATES.put("AGG_B", syn.subList(2, 5));
    SYN_AGGREGATES.put("AGG_ONE", syn.subList(5, 6)); // the industry with zero output in some countries
    SYN_AGGREGATES.put("AGG_ALL", syn);
    List<String> wiod = new ArrayList<>();
    for (int i = 1; i <= 35; i++) {
      wiod.add("c" + i);
    }
    WIOD_AGGREGATES.put("AGG_MFG", wiod.subList(2, 16));
    WIOD_AGGREGATES.put("AGG_SRV", wiod.subList(19, 35));
    WIOD_AGGREGATES.put("AGG_ONE", wiod.subList(0, 1));
    WIOD_AGGREGATES.put("AGG_ALL", wiod);
  }

  static final Path DIR = Path.of(System.getProperty("tiva.golden.dir", Path.of(System.getProperty("java.io.tmpdir"), "tiva-golden-gvc").toString()));

  @Test
  void golden() throws Exception {
    String which = System.getProperty("tiva.golden", "");
    Assumptions.assumeTrue(which.equals("before") || which.equals("after"), "set -Dtiva.golden=before|after");
    Files.createDirectories(DIR);
    Path raw = DIR.resolve(which + ".unsorted");
    try (BufferedWriter w = Files.newBufferedWriter(raw)) {
      synthetic(w);
      wiod(w);
    }
    Path sorted = DIR.resolve(which + ".tsv");
    Process p = new ProcessBuilder("sort", "-S", "300M", "-o", sorted.toString(), raw.toString())
        .inheritIO().start();
    p.getOutputStream().close();
    assertEquals(0, p.waitFor());
    Files.deleteIfExists(raw);
    if (which.equals("after")) {
      compare(DIR.resolve("before.tsv"), sorted);
    }
  }

  static void synthetic(BufferedWriter w) {
    GeneratorSpec spec = GeneratorSpec.builder().regions(8).industries(6).years(2019, 2021).splits(true)
        .extensions(true).build();
    SyntheticMrio gen = new SyntheticMrio(spec);
    List<String> all = gen.layout().countries();
    for (int year = 2019; year <= 2021; year++) {
      MrioYear yr = gen.year(year);
      for (int variant = 0; variant < 3; variant++) {
        boolean javaLoops = variant == 1;
        boolean javaBackend = variant == 2; // pure Java BLAS: deterministic, no threads
        TivaOptions opt = TivaOptions.builder()
            .backend(javaBackend ? TivaOptions.Backend.JAVA : TivaOptions.Backend.AUTO)
            .group("EU27", List.of("AUT", "BEL", "DEU", "FRA", "ITA", "ESP"))
            .group("G20", List.of("USA", "CHN", "DEU", "JPN", "FRA", "GBR", "MEX", "KOR"))
            .group("USMCA", List.of("CAN", "MEX", "USA"))
            .group("ALL", all)
            .wwzThirdCountry(TivaOptions.ThirdCountry.INDUSTRY)
            .blockBlas(!javaLoops)
            .industryGroups(AGGREGATES ? SYN_AGGREGATES : Map.of())
            .build();
        String tag = "syn" + year + (javaLoops ? "J" : javaBackend ? "F" : "B");
        YearSystem sys = YearSystem.build(yr, opt);
        Writer sink = new Writer(w, tag);
        Decompositions.compute(sys, sink);
        if (variant != 1) {
          Footprints.compute(sys, new Writer(w, tag + "fp"));
          for (Footprints.Accounts a : Footprints.accounts(sys, new Writer(null, ""))) {
            sink.line("acc|" + a.stressor() + "|" + a.economy(), a.pba() + " " + a.cba() + " " + a.imp() + " " + a.exp()
                + " " + a.fy() + " " + a.cbaMy() + " " + a.exgr() + " " + a.exgrDom() + " " + a.imgr() + " "
                + a.imgrDom());
          }
        }
      }
    }
  }

  static void wiod(BufferedWriter w) throws IOException {
    Path p = SharedData.path("data/wiod2013/wiot_1995.csv.gz");
    if (!Files.isRegularFile(p)) {
      System.out.println("golden: no WIOD data at " + p);
      return;
    }
    MrioYear yr = IcioCsv.read(p, 1995);
    TivaOptions opt = TivaOptions.builder()
        .group("EU27", WiodRealDataTest.EU27)
        .group("NAFTA", WiodRealDataTest.NAFTA)
        .group("ALL", yr.layout().countries())
        .consumptionCategories(Set.of("c37", "c38", "c39"))
        .gfcfCategories(Set.of("c41"))
        .wwzThirdCountry(TivaOptions.ThirdCountry.COUNTRY)
        .industryGroups(AGGREGATES ? WIOD_AGGREGATES : Map.of())
        .build();
    YearSystem sys = YearSystem.build(yr, opt);
    Decompositions.compute(sys, new Writer(w, "wiod1995"));
    Footprints.compute(sys, new Writer(w, "wiod1995fp"));
  }

  static void compare(Path before, Path after) throws IOException {
    long rows = 0;
    double maxRel = 0;
    String worst = "";
    double maxCheck = 0; // the max errors of checks are rounding noise: compared absolutely, to 1e-9
    java.util.Map<String, Double> maxByTag = new java.util.TreeMap<>();
    java.util.Map<String, Long> rowsByTag = new java.util.TreeMap<>();
    String worstCheck = "";
    List<String> diffs = new ArrayList<>();
    try (BufferedReader a = Files.newBufferedReader(before); BufferedReader b = Files.newBufferedReader(after)) {
      String la;
      String lb;
      long added = 0;
      while (true) {
        la = a.readLine();
        lb = b.readLine();
        while (AGGREGATES && lb != null && isAggregateRow(lb) && (la == null || !key(la).equals(key(lb)))) {
          added++; // a row only the aggregates add: skipped
          lb = b.readLine();
        }
        if (la == null || lb == null) {
          break;
        }
        rows++;
        int ia = la.lastIndexOf('\t');
        int ib = lb.lastIndexOf('\t');
        String ka = la.substring(0, ia);
        String kb = lb.substring(0, ib);
        if (!ka.equals(kb)) {
          diffs.add("key " + ka + " vs " + kb);
          break;
        }
        String tagOf = ka.substring(0, ka.indexOf('|'));
        rowsByTag.merge(tagOf, 1L, Long::sum);
        maxByTag.putIfAbsent(tagOf, 0.0);
        String[] va = la.substring(ia + 1).split(" ");
        String[] vb = lb.substring(ib + 1).split(" ");
        for (int i = 0; i < va.length; i++) {
          double x = Double.parseDouble(va[i]);
          double y = Double.parseDouble(vb[i]);
          if (Double.isNaN(x) && Double.isNaN(y) || x == y) {
            continue;
          }
          double rel = Math.abs(x - y) / Math.max(1, Math.abs(x));
          if (ka.contains("|check|")) {
            if (!(rel <= maxCheck)) {
              maxCheck = Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel;
              worstCheck = ka + " " + x + " vs " + y;
            }
            continue;
          }
          maxByTag.merge(tagOf, Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel, Math::max);
          if (!(rel <= maxRel)) {
            maxRel = Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel;
            worst = ka + " " + x + " vs " + y;
          }
        }
      }
      if (la != null || lb != null) {
        diffs.add("row counts differ after " + rows + ": " + la + " / " + lb);
      }
      if (AGGREGATES) {
        System.out.printf("golden: %d rows of industry aggregates and their checks added%n", added);
        assertTrue(added > 0, "no aggregate rows");
      }
    }
    System.out.printf("golden: %d rows compared, max relative difference %.3g (%s); check errors differ by at most"
        + " %.3g (%s)%n", rows, maxRel, worst, maxCheck, worstCheck);
    maxByTag.forEach((t, m) -> System.out.printf("golden:   %-14s %8d rows, max relative difference %.3g%n", t,
        rowsByTag.get(t), m));
    assertTrue(maxCheck <= 1e-9, "check errors differ by " + maxCheck + " at " + worstCheck);
    assertTrue(diffs.isEmpty(), diffs.toString());
    assertTrue(maxRel <= 1e-12, "max relative difference " + maxRel + " at " + worst);
  }

  static String key(String line) {
    return line.substring(0, line.lastIndexOf('\t'));
  }

  /** A row of an AGG_* industry aggregate, or a row of the aggregate checks. */
  static boolean isAggregateRow(String line) {
    String k = key(line);
    return k.contains("|AGG_") || k.matches("[^|]*\\|check\\|(W6|B7|W7|P6)\\|.*");
  }

  /** Writes every row as "tag|table|key...\tvalue". */
  static final class Writer implements ResultSink {
    final BufferedWriter w;
    final String tag;

    Writer(BufferedWriter w, String tag) {
      this.w = w;
      this.tag = tag;
    }

    void line(String key, String values) {
      if (w == null) {
        return;
      }
      try {
        w.write(tag + "|" + key + "\t" + values);
        w.newLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void row(String key, double value) {
      if (w == null) {
        return;
      }
      try {
        w.write(tag + "|" + key + "\t" + value);
        w.newLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void indicator(String i, String c, String p, String in, double v, Unit u) {
      row("ind|" + i + "|" + c + "|" + p + "|" + in, v);
    }

    @Override
    public void vaFinalDemand(String sc, String si, String dc, double value) {
      row("vfd|" + sc + "|" + si + "|" + dc, value);
    }

    @Override
    public void vaOriginExports(String sc, String si, String ec, String ei, double value) {
      row("voe|" + sc + "|" + si + "|" + ec + "|" + ei, value);
    }

    @Override
    public void check(CheckResult r) {
      if (w == null) {
        return;
      }
      try {
        w.write(tag + "|check|" + r.check() + "|" + r.scope() + "|" + r.passed() + "\t" + r.maxAbsError() + " "
            + r.maxRelError());
        w.newLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void exportDecomposition(String method, String exporter, String importer, String industry, String term,
        double value) {
      row("dec|" + method + "|" + exporter + "|" + importer + "|" + industry + "|" + term, value);
    }

    @Override
    public void footprint(String stressor, String account, String country, String partner, double value,
        String unit) {
      row("fp|" + stressor + "|" + account + "|" + country + "|" + partner + "|" + unit, value);
    }

    @Override
    public void wwzThirdCountry(String exporter, String importer, String third, String industry, String term,
        double value) {
      row("w3|" + exporter + "|" + importer + "|" + third + "|" + industry + "|" + term, value);
    }

    @Override
    public void footprintCoefficient(String stressor, String coefficient, String country, String industry,
        double value, String unit) {
      row("fpc|" + stressor + "|" + coefficient + "|" + country + "|" + industry + "|" + unit, value);
    }

    @Override
    public void gvcMeasure(String measure, String country, String industry, double value) {
      row("gm|" + measure + "|" + country + "|" + industry, value);
    }
  }
}
