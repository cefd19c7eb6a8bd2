package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.MrioYear;
import io.tivaspark.jobs.WarehouseProbe.Cell;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreReader;
import io.tivaspark.jobs.store.StoreWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Crash safety with real processes (issue 6): {@code tiva run} is started in its own JVM and
 * killed with SIGKILL at a random moment of a chosen phase (startup, compute, each table's commit,
 * the runs row, after the runs row), N trials. After each kill: every year of every table has
 * exactly one run id and its full row count. Then the next run (plain or --incremental, not
 * killed) must complete with exit 0 despite the stale lock and staging, and leave every table-year
 * on the run recorded for it in {@code runs}. One store cell changes before every trial so that
 * old and new rows differ. Nothing secret may reach the output or {@code runs.config}.
 *
 * <p>Slow (two Spark JVMs per trial): enabled by {@code -Dtiva.it.crash-trials=N} (N actual kills;
 * trials whose run finished before the kill are verified too but do not count); run it with
 * tools/it/crash-safety.sh. {@code -Dtiva.it.seed} fixes the random kill moments.
 */
@EnabledIfSystemProperty(named = "tiva.it.crash-trials", matches = "[1-9][0-9]*")
class CrashSafetyTest {
  static final String SECRET = "hunter2";
  static final String[] PHASES = {"startup", "compute", "commit indicators", "commit va_final_demand",
      "commit va_origin_exports", "commit quality_checks", "runs row", "after runs row"};
  /** The log line that starts each phase (phase 0 starts with the process). */
  static final Pattern[] BEGINS = {null, Pattern.compile("RunJob: run \\S+: \\d+ years"),
      Pattern.compile("RunJob: year \\d+ computed in"), Pattern.compile("RunJob: committed indicators:"),
      Pattern.compile("RunJob: committed va_final_demand:"), Pattern.compile("RunJob: committed va_origin_exports:"),
      Pattern.compile("RunJob: committed quality_checks:"), Pattern.compile("RunJob: run \\S+ (SUCCEEDED|PARTIAL)")};
  static final Pattern RUN_ID = Pattern.compile("^run (\\S+) (SUCCEEDED|PARTIAL)", Pattern.MULTILINE);
  static final long KILLED_RUN_BOUND_MS = 8 * 60_000L;
  static final long NEXT_RUN_BOUND_MS = 10 * 60_000L;

  record Trial(int n, String target, String killedIn, long killAtMs, int killedExit, boolean lockLeft,
      boolean stagingLeft, List<String> afterKill, String nextMode, int nextExit, long nextMs, boolean tookOverLock,
      boolean removedStaging, List<String> afterNext, long wallMs) {
    boolean ok() {
      return afterKill.isEmpty() && nextExit == 0 && afterNext.isEmpty();
    }
  }

  @Test
  void killNineAtRandomMomentsNeverLeavesAHalfYear() throws Exception {
    int trials = Integer.parseInt(System.getProperty("tiva.it.crash-trials"));
    long seed = Long.parseLong(System.getProperty("tiva.it.seed", String.valueOf(System.nanoTime() % 100000)));
    Random rnd = new Random(seed);
    SparkSession spark = TestSpark.get();
    Path work = ChildRun.ROOT.resolve("target/crash-safety");
    TestTrees.delete(work);
    Files.createDirectories(work);
    Path store = work.resolve("store");
    Path warehouse = work.resolve("warehouse");
    Path conf = work.resolve("it.conf");
    Files.writeString(conf, itConf());
    CliTest.generate(store, 4, 3, "2001-2003", 61);
    List<ChildRun> all = new ArrayList<>();
    String[] runArgs = {"run", "--conf", conf.toString(), "--input", store.toString(), "--warehouse",
        warehouse.toString()};

    // a clean run: the expected rows per table and year, and how long each phase lasts
    long tb = System.currentTimeMillis();
    ChildRun base = ChildRun.start(Map.of(), runArgs);
    all.add(base);
    int code = base.waitFor(NEXT_RUN_BOUND_MS);
    assertEquals(0, code, base.tail(30));
    long[] begin = phaseBegins(base);
    long[] dur = new long[PHASES.length];
    for (int p = 0; p < PHASES.length; p++) {
      long end = p + 1 < PHASES.length ? begin[p + 1] : base.lines().get(base.lines().size() - 1).ms() + 500;
      dur[p] = Math.max(200, end - begin[p]);
    }
    Map<String, Map<Integer, Cell>> clean = WarehouseProbe.read(warehouse);
    Map<String, Map<Integer, Long>> expected = WarehouseProbe.counts(clean);
    assertEquals(WarehouseProbe.TABLES.size(), expected.size(), "every table written: " + expected);
    assertTrue(WarehouseProbe.violations(clean, expected).isEmpty(), WarehouseProbe.violations(clean, expected)::toString);
    StringBuilder log = new StringBuilder();
    log.append(String.format("seed %d; clean run %.0f s; phase durations (s):", seed,
        (System.currentTimeMillis() - tb) / 1000.0));
    for (int p = 0; p < PHASES.length; p++) {
      log.append(String.format(" %s %.1f;", PHASES[p], dur[p] / 1000.0));
    }
    log.append("\nexpected rows per year: ").append(expected).append('\n');
    System.out.println(log);

    // -Dtiva.it.phases=6,7 aims at some phases only; -Dtiva.it.delay-scale=0.5 kills earlier in each
    int[] targets = java.util.Arrays.stream(System.getProperty("tiva.it.phases", "0,1,2,3,4,5,6,7").split(","))
        .map(String::trim).mapToInt(Integer::parseInt).toArray();
    double scale = Double.parseDouble(System.getProperty("tiva.it.delay-scale", "1"));
    List<Trial> results = new ArrayList<>();
    long t0 = System.currentTimeMillis();
    // a trial whose run finished before the kill does not count: go on until `trials` kills (at most
    // twice as many trials), halving the delay of a phase each time its run outran the kill
    double[] phaseScale = new double[PHASES.length];
    java.util.Arrays.fill(phaseScale, scale);
    int kills = 0;
    for (int i = 0; kills < trials && i < 2 * trials; i++) {
      long ts = System.currentTimeMillis();
      changeOneCell(store, 2001 + i % 3, 0.25 * (i + 1));
      int target = targets[i % targets.length];
      ChildRun victim = ChildRun.start(Map.of(), runArgs);
      all.add(victim);
      long at = target == 0 ? 0 : victim.await(BEGINS[target], KILLED_RUN_BOUND_MS);
      if (at >= 0) {
        long delay = (long) (rnd.nextDouble() * dur[target] * phaseScale[target]);
        long sleepUntil = at + delay;
        while (victim.alive() && victim.elapsedMs() < sleepUntil) {
          Thread.sleep(Math.min(50, Math.max(1, sleepUntil - victim.elapsedMs())));
        }
      }
      String killedIn = victim.alive() ? PHASES[phaseNow(victim)] : "(finished before the kill)";
      long killAt = victim.elapsedMs();
      victim.kill9();
      int killedExit = victim.waitFor(60_000);
      if (killedExit == 137) {
        kills++;
      } else {
        killedIn = "(finished before the kill)"; // it was exiting when the signal came
        phaseScale[target] /= 2;
      }
      boolean lockLeft = Files.exists(warehouse.resolve("_tiva_run.lock"));
      boolean stagingLeft = Files.isDirectory(warehouse.resolve("_staging"));
      List<String> afterKill = WarehouseProbe.violations(WarehouseProbe.read(warehouse), expected);

      boolean incremental = i % 2 == 1;
      String[] nextArgs = incremental ? append(runArgs, "--incremental") : runArgs;
      long tn = System.currentTimeMillis();
      ChildRun next = ChildRun.start(Map.of(), nextArgs);
      all.add(next);
      int nextExit = next.waitFor(NEXT_RUN_BOUND_MS);
      long nextMs = System.currentTimeMillis() - tn;
      Map<String, Map<Integer, Cell>> after = WarehouseProbe.read(warehouse);
      List<String> afterNext = new ArrayList<>(WarehouseProbe.violations(after, expected));
      if (nextExit != 0) {
        afterNext.add("next run exit " + nextExit + ": " + next.tail(5).strip());
      } else {
        afterNext.addAll(consistentWithRuns(spark, warehouse, after, next, incremental));
      }
      if (Files.exists(warehouse.resolve("_tiva_run.lock"))) {
        afterNext.add("lock file left by a completed run");
      }
      if (Files.exists(warehouse.resolve("_staging"))) {
        afterNext.add("staging left by a completed run");
      }
      Trial t = new Trial(i + 1, PHASES[target], killedIn, killAt, killedExit, lockLeft, stagingLeft, afterKill,
          incremental ? "--incremental" : "full", nextExit, nextMs,
          next.stderr().contains("took over the stale lock"),
          next.stderr().contains("removing the staging of an interrupted run"), afterNext,
          System.currentTimeMillis() - ts);
      results.add(t);
      System.out.println(row(t));
    }
    long total = System.currentTimeMillis() - t0;

    // nothing secret anywhere
    List<String> leaks = new ArrayList<>();
    for (ChildRun c : all) {
      if (c.all().contains(SECRET)) {
        leaks.add("output of pid " + c.pid());
      }
    }
    List<Row> configs = spark.read().format("delta").load(warehouse.resolve("runs").toString()).select("config")
        .collectAsList();
    for (Row r : configs) {
      if (r.getString(0).contains(SECRET)) {
        leaks.add("runs.config");
      }
    }

    String summary = summary(results, log.toString(), total, leaks, configs.size());
    System.out.println(summary);
    Files.writeString(work.resolve("summary.md"), summary);
    assertTrue(leaks.isEmpty(), "secret leaked: " + leaks);
    assertTrue(configs.stream().allMatch(r -> r.getString(0).contains("******")), "secret keys masked in runs.config");
    List<Trial> bad = results.stream().filter(t -> !t.ok()).toList();
    assertTrue(bad.isEmpty(), "failed trials:\n" + bad);
  }

  /** Every table-year carries the run that runs records for that year (by finished_at), and the next run's id. */
  static List<String> consistentWithRuns(SparkSession spark, Path warehouse, Map<String, Map<Integer, Cell>> state,
      ChildRun next, boolean incremental) {
    List<String> v = new ArrayList<>();
    Map<Integer, String> latest = WarehouseProbe.latestRunPerYear(spark, warehouse);
    Matcher m = RUN_ID.matcher(next.all());
    String nextId = m.find() ? m.group(1) : "?";
    state.forEach((t, ys) -> ys.forEach((y, c) -> {
      if (!c.runIds().equals(java.util.Set.of(latest.getOrDefault(y, "none")))) {
        v.add(t + " " + y + ": run ids " + c.runIds() + " but runs says " + latest.get(y));
      }
      if (!incremental && !c.runIds().equals(java.util.Set.of(nextId))) {
        v.add(t + " " + y + ": run ids " + c.runIds() + " after the full run " + nextId);
      }
    }));
    return v;
  }

  static String itConf() {
    return "tiva.spark.master = \"local[2]\"\n"
        + "tiva.spark.conf {\n"
        + "  \"spark.sql.shuffle.partitions\" = \"2\"\n"
        + "  \"spark.databricks.delta.snapshotPartitions\" = \"1\"\n"
        + "  \"spark.hadoop.fs.s3a.secret.key\" = \"" + SECRET + "\"\n"
        + "  \"spark.hadoop.fs.s3a.access.key\" = \"AKIA-" + SECRET + "\"\n"
        + "}\n";
  }

  static long[] phaseBegins(ChildRun c) {
    long[] b = new long[PHASES.length];
    for (int p = 1; p < PHASES.length; p++) {
      final int q = p;
      b[p] = c.lines().stream().filter(l -> BEGINS[q].matcher(l.text()).find()).mapToLong(ChildRun.Line::ms)
          .findFirst().orElseThrow(() -> new AssertionError("no line for phase " + PHASES[q] + ":\n" + c.all()));
    }
    return b;
  }

  static int phaseNow(ChildRun c) {
    int p = 0;
    for (ChildRun.Line l : c.lines()) {
      for (int q = p + 1; q < PHASES.length; q++) {
        if (BEGINS[q].matcher(l.text()).find()) {
          p = q;
        }
      }
    }
    return p;
  }

  static void changeOneCell(Path store, int year, double delta) throws Exception {
    Configuration conf = HadoopConf.local().get();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(store.toString());
    MrioMeta meta = MrioMeta.read(FileSystem.get(java.net.URI.create("file:///"), conf), root);
    MrioYear y = StoreReader.read(conf, root, meta, year);
    int n = y.n();
    y.z()[1 + 2 * n] += delta;
    StoreWriter.writeYear(conf, root, y);
  }

  static String[] append(String[] a, String s) {
    String[] b = java.util.Arrays.copyOf(a, a.length + 1);
    b[a.length] = s;
    return b;
  }

  static String row(Trial t) {
    return String.format("| %2d | %-24s | %-24s | %6.1f | %3d | %-4s | %-4s | %-8s | %-13s | %3d | %6.1f | %-4s | %-4s | %-8s | %6.1f |",
        t.n(), t.target(), t.killedIn(), t.killAtMs() / 1000.0, t.killedExit(), yn(t.lockLeft()), yn(t.stagingLeft()),
        t.afterKill().isEmpty() ? "ok" : "FAIL", t.nextMode(), t.nextExit(), t.nextMs() / 1000.0,
        yn(t.tookOverLock()), yn(t.removedStaging()), t.afterNext().isEmpty() ? "ok" : "FAIL", t.wallMs() / 1000.0);
  }

  static String yn(boolean b) {
    return b ? "yes" : "no";
  }

  static String summary(List<Trial> results, String header, long totalMs, List<String> leaks, int runsRows) {
    StringBuilder sb = new StringBuilder("## crash-safety trials\n\n").append(header).append('\n');
    sb.append("| #  | target phase             | killed in                | kill s | exit | lock | stag | verified | next run      | exit | next s | took | rmst | verified | trial s |\n");
    sb.append("|----|--------------------------|--------------------------|--------|------|------|------|----------|---------------|------|--------|------|------|----------|---------|\n");
    sb.append("(kill s: seconds after the start; exit 137 = SIGKILL; lock/stag: lock file or staging left by the kill; "
        + "took/rmst: the next run took over the stale lock / removed the staging)\n\n");
    results.forEach(t -> sb.append(row(t)).append('\n'));
    Map<String, int[]> byPhase = new TreeMap<>(Comparator.comparingInt(CrashSafetyTest::phaseIndex));
    for (Trial t : results) {
      int[] c = byPhase.computeIfAbsent(t.killedIn(), k -> new int[2]);
      c[0]++;
      if (t.ok()) {
        c[1]++;
      }
    }
    sb.append("\nkilled in phase: trials / verified\n");
    byPhase.forEach((p, c) -> sb.append(String.format("  %-26s %2d / %2d%n", p, c[0], c[1])));
    long ok = results.stream().filter(Trial::ok).count();
    sb.append(String.format("%nkills (exit 137): %d of %d trials%n", results.stream().filter(t -> t.killedExit() == 137)
        .count(), results.size()));
    sb.append(String.format("all: %d / %d trials verified; %.1f min for the trials; secret in output or runs.config "
        + "(%d runs rows): %s%n", ok, results.size(), totalMs / 60000.0, runsRows, leaks.isEmpty() ? "never" : leaks));
    results.stream().filter(t -> !t.ok()).forEach(t -> sb.append("trial ").append(t.n()).append(": after kill ")
        .append(t.afterKill()).append("; after next run ").append(t.afterNext()).append('\n'));
    return sb.toString();
  }

  static int phaseIndex(String p) {
    for (int i = 0; i < PHASES.length; i++) {
      if (PHASES[i].equals(p)) {
        return i;
      }
    }
    return PHASES.length;
  }

}
