package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.netlib.util.intW;

/**
 * The in-process half of the benchmark suite (issue 7; {@code tools/bench/run.sh} runs it beside
 * the numpy baseline {@code tools/bench/numpy_baseline.py} on the same table). For each size it
 * generates the table once ({@link RandomTables}, seed 2023, two zero-output rows), writes it to a
 * little-endian binary dump that numpy reads ({@code --dump-dir}), then times, alternating in every
 * repetition and reporting the minimum of N:
 * <ul>
 * <li>{@code bare}: a bare dgetrf + dgetri of I − A on the same LAPACK (the reference for B);</li>
 * <li>{@code B}: the dgetrf + dgetri inside {@link YearSystem#build} ({@code leontiefSeconds}), and
 *     {@code yearsystem}: the whole build (validation, x, A, v, B);</li>
 * <li>{@code core}: {@link TivaCore#compute} on the built system (its steps {@code va_origin_imports} and
 *     {@code va_final_demand_product} are reported on their own too; {@code -Dbench.importsOrigin=INDUSTRY}
 *     times the finer detail); {@code gvc}: {@link Decompositions#compute}
 *     (KWW, WWZ, BM source/sink, WWYZ, up/downstreamness); {@code all}: build + core + gvc of one year;</li>
 * <li>{@code exports_destination}: the core's steps for {@code va_exports_destination} (A^m·BY by
 *     per-country dgemms, the cube, checks J6–J8; level {@code -Dbench.exportsDestination}, default
 *     COUNTRY as {@code bin/tiva run}), included in {@code core}.</li>
 * </ul>
 * Rows go to a counting sink (the Parquet/Delta staging cost is the engine's). Lines starting with
 * {@code RESULT} are machine-readable: {@code RESULT java <n> <step> <seconds>}.
 *
 * <p>Sizes (n = entities × industries): 1435 = 41 × 35 (WIOD 2013), 2464 = 44 × 56 (WIOD 2016),
 * 3645 = 81 × 45 (OECD ICIO 2023: 80 countries, CHN split into CN1/CN2; one 27-member group "EU27"
 * and three service industries, as in {@link TivaBenchTest}). {@code -Dbench.groups=run} adds the other four
 * country groups {@code bin/tiva run} computes by default (OECD, G20, ASEAN, USMCA: as many members each,
 * chosen by position), so that {@code all} is the run's own math at that size; with
 * {@code -Dbench.aggregates=true} (the 23 industry aggregates) it writes the run's rows too.
 *
 * <p>Run: {@code TIVA_BENCH=1 mvn -q -B -o -pl common test -Dtest=IcioBench} (system properties
 * {@code bench.sizes=1435,2464,3645}, {@code bench.reps=3}, {@code bench.dumpDir=target/bench}), or
 * {@link #main} with {@code --sizes 3645 --reps 3 --dump-dir DIR [--dump-only] [--memory]}.
 * {@code --memory} runs one year (build + core + gvc) once and prints the peak heap in use as a
 * multiple of n² doubles; run it under {@code -Xmx} = 10·8·n² bytes to prove the bound.
 */
@Tag("bench")
class IcioBench {

  @Test
  void sizes() {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "set TIVA_BENCH=1 to run the benchmark");
    List<String> args = new ArrayList<>(List.of("--sizes", System.getProperty("bench.sizes", "1435,2464,3645"),
        "--reps", System.getProperty("bench.reps", "3"), "--dump-dir",
        System.getProperty("bench.dumpDir", "target/bench")));
    if (Boolean.getBoolean("bench.memory")) { // -Dbench.memory=true: the peak heap of one year instead of timings
      args.add("--memory");
    }
    main(args.toArray(new String[0]));
  }

  public static void main(String[] args) {
    Locale.setDefault(Locale.ROOT);
    String sizes = "1435,2464,3645";
    int reps = 3;
    String dumpDir = null;
    boolean dumpOnly = false;
    boolean memory = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sizes" -> sizes = args[++i];
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--dump-dir" -> dumpDir = args[++i];
        case "--dump-only" -> dumpOnly = true;
        case "--memory" -> memory = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Lapack lp = Lapack.get();
    System.out.printf("backend %s (native %s), %d processors, max heap %d MB%n", lp.backend(), lp.isNative(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    for (String s : sizes.split(",")) {
      int n = Integer.parseInt(s.trim());
      Layout lay = layoutFor(n);
      MrioYear yr = RandomTables.year(2023, lay, new int[] {100, 200});
      if (dumpDir != null) {
        Path p = Paths.get(dumpDir, "table-" + n + ".bin");
        if (!Files.exists(p)) {
          long t = System.nanoTime();
          writeDump(yr, p);
          System.out.printf("n = %d: wrote %s (%d MB) in %.1f s%n", n, p, Files.exists(p) ? sizeMb(p) : 0,
              (System.nanoTime() - t) / 1e9);
        }
      }
      if (dumpOnly) {
        continue;
      }
      TivaOptions opt = options(lay);
      if (memory) {
        memory(yr, opt);
      } else {
        bench(yr, opt, reps);
      }
    }
  }

  static long sizeMb(Path p) {
    try {
      return Files.size(p) >> 20;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Layout layoutFor(int n) {
    return switch (n) {
      case 1435 -> RandomTables.layout(41, 35, false);
      case 2464 -> RandomTables.layout(44, 56, false);
      case 3645 -> RandomTables.layout(80, 45, true);
      default -> {
        // any other size: 45 industries, n/45 countries (no split)
        if (n % 45 != 0) {
          throw new IllegalArgumentException("size " + n + ": use 1435, 2464, 3645 or a multiple of 45");
        }
        yield RandomTables.layout(n / 45, 45, false);
      }
    };
  }

  static TivaOptions options(Layout lay) {
    TivaOptions.Builder b = TivaOptions.builder().serviceIndustries(java.util.Set.of("D30", "D31", "D32"));
    if (lay.countryCount() >= 29) {
      b.group("EU27", new ArrayList<>(lay.countries().subList(2, 29)));
    }
    // -Dbench.groups=run: the five country groups bin/tiva run computes by default (conf/application.conf
    // tiva.groups: EU27 27 members, OECD 38, G20 19, ASEAN 10, USMCA 3), as many countries each, by position
    if ("run".equals(System.getProperty("bench.groups")) && lay.countryCount() >= 60) {
      List<String> c = lay.countries();
      b.group("OECD", new ArrayList<>(c.subList(0, 38)));
      b.group("G20", new ArrayList<>(c.subList(20, 39)));
      b.group("ASEAN", new ArrayList<>(c.subList(45, 55)));
      b.group("USMCA", new ArrayList<>(c.subList(56, 59)));
    }
    // -Dbench.thirdCountry=COUNTRY|INDUSTRY times the optional WWZ third-country detail too
    b.wwzThirdCountry(TivaOptions.ThirdCountry.valueOf(System.getProperty("bench.thirdCountry", "OFF")));
    // -Dbench.importsOrigin=INDUSTRY|OFF times the other details of va_origin_imports (default COUNTRY)
    b.vaOriginImports(TivaOptions.ImportsOriginDetail.valueOf(System.getProperty("bench.importsOrigin", "COUNTRY")));
    // -Dbench.aggregates=true adds the 23 OECD ICIO 2023 industry aggregates (docs/methods.md §17) on a
    // 45-industry layout, by position (D05 = the 6th ICIO industry, C10T12)
    if (Boolean.getBoolean("bench.aggregates") && lay.industryCount() == 45) {
      b.industryGroups(icio2023Aggregates());
    }
    // va_exports_destination as bin/tiva run's default (COUNTRY); -Dbench.exportsDestination=INDUSTRY|OFF
    b.exportsDestination(TivaOptions.DestinationDetail.valueOf(System.getProperty("bench.exportsDestination",
        "COUNTRY")));
    return b.build();
  }

  /**
   * The aggregates of conf/application.conf tiva.industry-hierarchies.icio2023 (the TiVA 2023 release's),
   * with each ICIO industry code replaced by RandomTables' code at the same position (D00 … D44).
   */
  static Map<String, List<String>> icio2023Aggregates() {
    String[][] h = {{"A", "A01_02 A03"}, {"B", "B05_06 B07_08 B09"},
        {"C", "C10T12 C13T15 C16 C17_18 C19 C20 C21 C22 C23 C24 C25 C26 C27 C28 C29 C30 C31T33"},
        {"C16T18", "C16 C17_18"}, {"C19T23", "C19 C20 C21 C22 C23"}, {"C20_21", "C20 C21"}, {"C24_25", "C24 C25"},
        {"C26_27", "C26 C27"}, {"C29_30", "C29 C30"}, {"D_E", "D E"},
        {"BTE", "B05_06 B07_08 B09 C10T12 C13T15 C16 C17_18 C19 C20 C21 C22 C23 C24 C25 C26 C27 C28 C29 C30 C31T33 D E"},
        {"H", "H49 H50 H51 H52 H53"}, {"J", "J58T60 J61 J62_63"}, {"M_N", "M N"}, {"GTI", "G H49 H50 H51 H52 H53 I"},
        {"JTN", "J58T60 J61 J62_63 K L M N"}, {"GTN", "G H49 H50 H51 H52 H53 I J58T60 J61 J62_63 K L M N"},
        {"OTQ", "O P Q"}, {"R_S", "R S"}, {"RTT", "R S T"}, {"OTT", "O P Q R S T"},
        {"GTT", "G H49 H50 H51 H52 H53 I J58T60 J61 J62_63 K L M N O P Q R S T"},
        {"FTT", "F G H49 H50 H51 H52 H53 I J58T60 J61 J62_63 K L M N O P Q R S T"}};
    List<String> icio = io.tivaspark.common.gen.SyntheticMrio.ICIO2023_INDUSTRIES;
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (String[] a : h) {
      m.put("AGG_" + a[0], java.util.Arrays.stream(a[1].split(" "))
          .map(c -> String.format("D%02d", icio.indexOf(c))).toList());
    }
    return m;
  }

  /** Bare dgetrf + dgetri of I − A on {@code lp}'s LAPACK, on the 16 MB-stack thread; seconds. */
  static double bare(double[] a, int n, Lapack lp) {
    double[] m = IoMath.identityMinus(a, n);
    long t = System.nanoTime();
    Lapack.onLapackThread(() -> {
      int[] ipiv = new int[n];
      intW info = new intW(0);
      lp.lapack().dgetrf(n, n, m, n, ipiv, info);
      double[] q = new double[1];
      lp.lapack().dgetri(n, m, n, ipiv, q, -1, info);
      double[] work = new double[Math.max(n, (int) q[0])];
      lp.lapack().dgetri(n, m, n, ipiv, work, work.length, info);
      if (info.val != 0) {
        throw new IllegalStateException("dgetri info " + info.val);
      }
      return null;
    });
    return (System.nanoTime() - t) / 1e9;
  }

  static void bench(MrioYear yr, TivaOptions opt, int reps) {
    int n = yr.n();
    Map<String, Double> best = new LinkedHashMap<>();
    Map<String, Double> bestSteps = new LinkedHashMap<>();
    double[] aRef = null;
    for (int rep = -1; rep < reps; rep++) { // rep -1 = warm-up, not counted
      Map<String, Double> t = new LinkedHashMap<>();
      long t0 = System.nanoTime();
      YearSystem sys = YearSystem.build(yr, opt);
      t.put("yearsystem", (System.nanoTime() - t0) / 1e9);
      t.put("B", sys.leontiefSeconds());
      if (aRef == null) {
        aRef = sys.a();
      }
      // alternate: bare between the build and the families (its B is garbage afterwards)
      t.put("bare", bare(sys.a(), n, sys.lapack()));
      TivaBenchTest.CountingSink core = new TivaBenchTest.CountingSink();
      long t1 = System.nanoTime();
      TivaSummary cs = TivaCore.compute(sys, core);
      t.put("core", (System.nanoTime() - t1) / 1e9);
      DecompositionsBenchTest.Counting gs = new DecompositionsBenchTest.Counting();
      long t2 = System.nanoTime();
      TivaSummary ds = Decompositions.compute(sys, gs);
      t.put("gvc", (System.nanoTime() - t2) / 1e9);
      if (rep < 0) {
        System.out.printf("n = %d: %d industry aggregates, gvc rows: %d export_decomposition (and third), %d gvc_measures;"
            + " rows of every table: %d%n", n, sys.industryAggregates().count(), gs.dec, gs.gvc, core.rows + gs.rows);
      }
      t.put("all", t.get("yearsystem") + t.get("core") + t.get("gvc"));
      // the core steps that compute what numpy_baseline.py's "core" computes: v̂BY, exports and
      // origin-country multipliers (DVA/FVA), and the VA-origin-of-exports table (streamed)
      Map<String, Double> st = cs.stepSeconds();
      t.put("core_products", st.getOrDefault("VBY", 0.0) + st.getOrDefault("exports, origin multipliers", 0.0)
          + st.getOrDefault("va tables", 0.0));
      // the two OECD cubes of the core (IMGR_BSCI, FDVA_BSCI), rows to the counting sink
      t.put("va_origin_imports", st.getOrDefault("va_origin_imports", 0.0));
      t.put("va_final_demand_product", st.getOrDefault("va_final_demand_product", 0.0));
      // va_exports_destination: EI = A^m·BY (per-country dgemms), the cube and J6-J8 (in "core" too)
      t.put("exports_destination", st.entrySet().stream().filter(e -> e.getKey().startsWith("exports by destination"))
          .mapToDouble(Map.Entry::getValue).sum());
      for (CheckResult c : cs.checks()) {
        assertTrue(c.passed() || c.check().equals("I2"), c.toString());
      }
      for (CheckResult c : ds.checks()) {
        assertTrue(c.passed(), c.toString());
      }
      String line = t.entrySet().stream().map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
          .reduce((x, y) -> x + ", " + y).orElse("");
      System.out.printf("n = %d rep %s: %s s%n", n, rep < 0 ? "warm-up" : String.valueOf(rep + 1), line);
      if (rep < 0) {
        continue;
      }
      t.forEach((k, v) -> best.merge(k, v, Math::min));
      // sub-steps: the core's steps after its build, then the gvc's
      cs.stepSeconds().forEach((k, v) -> {
        if (!k.startsWith("input")) {
          bestSteps.merge("core | " + k, v, Math::min);
        }
      });
      ds.stepSeconds().forEach((k, v) -> bestSteps.merge("gvc  | " + k, v, Math::min));
      sys = null;
    }
    System.out.printf("n = %d, min of %d: B / bare = %.3f, yearsystem / bare = %.3f%n", n, reps,
        best.get("B") / best.get("bare"), best.get("yearsystem") / best.get("bare"));
    bestSteps.forEach((k, v) -> System.out.printf("  step %-60s %.3f s (min)%n", k, v));
    best.forEach((k, v) -> System.out.printf("RESULT java %d %s %.4f%n", n, k, v));
  }

  /** One year (build + core + gvc) with a heap sampler; prints the peak heap in use in units of n² doubles. */
  static void memory(MrioYear yr, TivaOptions opt) {
    int n = yr.n();
    double n2 = 8.0 * n * n;
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long base = rt.totalMemory() - rt.freeMemory();
    long[] peak = {base};
    boolean[] stop = {false};
    Thread sampler = new Thread(() -> {
      while (!stop[0]) {
        peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    YearSystem sys = YearSystem.build(yr, opt);
    TivaCore.compute(sys, new TivaBenchTest.CountingSink());
    Decompositions.compute(sys, new DecompositionsBenchTest.Counting());
    stop[0] = true;
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.printf("n = %d: heap in use before the year %.2f n² doubles (the input table), peak during the "
        + "year %.2f n² doubles (sampled, includes garbage not yet collected), -Xmx %.2f n² doubles%n", n,
        base / n2, peak[0] / n2, rt.maxMemory() / n2);
    System.out.printf("RESULT java %d peak_heap_n2 %.4f%n", n, peak[0] / n2);
    System.out.printf("RESULT java %d xmx_n2 %.4f%n", n, rt.maxMemory() / n2);
  }

  /**
   * Little-endian dump read by numpy_baseline.py: "TIVABIN1", int32 n, g, nInd, f, then int32
   * country-of-row[n], float64 Z (n×n, column-major), Y (n×G·f, column-major, column = country·f +
   * category), x (published output, n).
   */
  static void writeDump(MrioYear yr, Path p) {
    Layout lay = yr.layout();
    int n = lay.n();
    try {
      Files.createDirectories(p.toAbsolutePath().getParent());
      Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer h = ByteBuffer.allocate(8 + 16 + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
        h.put("TIVABIN1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt(n).putInt(lay.countryCount()).putInt(lay.industryCount()).putInt(lay.categoryCount());
        for (int k = 0; k < n; k++) {
          h.putInt(lay.countryOfRow(k));
        }
        h.flip();
        while (h.hasRemaining()) {
          ch.write(h);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 23).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] arr : new double[][] {yr.z(), yr.finalDemand(), yr.publishedOutput()}) {
          for (double d : arr) {
            if (!buf.hasRemaining()) {
              buf.flip();
              while (buf.hasRemaining()) {
                ch.write(buf);
              }
              buf.clear();
            }
            buf.putDouble(d);
          }
        }
        buf.flip();
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
      Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
