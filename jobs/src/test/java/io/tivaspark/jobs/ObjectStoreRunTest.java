package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.run.OutputTable;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A warehouse on {@code s3a://} against a real S3 server (moto's server mode, started by
 * tools/it/object-store.sh, which passes {@code -Dtiva.it.s3.endpoint}), every run a real
 * {@code tiva run} JVM (issue 20):
 * <ol>
 *   <li>a run and an incremental rerun leave the same tables (every column but run_id, per
 *       table and year: row count and a checksum of every value) as the same runs on local disk;
 *   <li>two runs started together on one s3a warehouse: one commits (exit 0), the other fails
 *       cleanly (exit 1, one line naming the holder); never interleaved rows;
 *   <li>kill -9 during the table commits (the phase where S3 differs from a file system: a
 *       rename there is a copy and a delete): every table-year keeps exactly one run id and its
 *       full row count; the next run takes over the stale lock, exits 0 and leaves every
 *       table-year on its own run id, no lock and no staging behind. A kill in the compute phase
 *       is the same on every store and is tried on local disk (CrashSafetyTest, tools/it).
 * </ol>
 */
@EnabledIfSystemProperty(named = "tiva.it.s3.endpoint", matches = "https?://.+")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObjectStoreRunTest {
  static final Pattern LOCKED = Pattern.compile("RunJob: run (\\S+): \\d+ years");
  static final Pattern DONE = Pattern.compile("RunJob: run (\\S+) (SUCCEEDED|PARTIAL)");
  static final long BOUND_MS = 12 * 60_000L;
  static java.nio.file.Path work;
  static java.nio.file.Path store;
  static java.nio.file.Path conf;
  static String s3root;
  static SparkSession spark;
  static FileSystem s3;

  @BeforeAll
  static void setUp() throws Exception {
    spark = TestSpark.get();
    Configuration hc = spark.sparkContext().hadoopConfiguration();
    TestS3.settings().forEach(hc::set);
    work = ChildRun.ROOT.resolve("target/object-store");
    TestTrees.delete(work);
    Files.createDirectories(work);
    store = work.resolve("store");
    conf = work.resolve("it.conf");
    StringBuilder c = new StringBuilder("tiva.spark.master = \"local[2]\"\ntiva.spark.conf {\n"
        + "  \"spark.sql.shuffle.partitions\" = \"2\"\n  \"spark.databricks.delta.snapshotPartitions\" = \"1\"\n");
    TestS3.settings().forEach((k, v) -> c.append("  \"spark.hadoop.").append(k).append("\" = \"").append(v).append("\"\n"));
    Files.writeString(conf, c.append("}\n").toString());
    CliTest.generate(store, 4, 3, "2001-2003", 63);
    s3root = "s3a://" + TestS3.bucket() + "/run-" + System.currentTimeMillis();
    s3 = FileSystem.newInstance(URI.create(s3root), hc);
    System.out.println("object-store test: warehouses under " + s3root + ", server " + System.getProperty("tiva.it.s3.endpoint"));
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  static ChildRun start(String warehouse, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", "--conf", conf.toString(), "--input", store.toString(),
        "--warehouse", warehouse));
    args.addAll(Arrays.asList(more));
    return ChildRun.start(Map.of(), args.toArray(String[]::new));
  }

  static void runOk(String warehouse, String... more) throws Exception {
    runAllOk(List.of(warehouse), more);
  }

  /** One run per warehouse, all at once (child JVMs), each of which must exit 0. */
  static void runAllOk(List<String> warehouses, String... more) throws Exception {
    long t0 = System.currentTimeMillis();
    List<ChildRun> runs = new ArrayList<>();
    try {
      for (String wh : warehouses) {
        runs.add(start(wh, more));
      }
      for (ChildRun r : runs) {
        assertEquals(0, r.waitFor(BOUND_MS), r.tail(30));
      }
      System.out.printf("run %s %s: %.0f s%n", warehouses, String.join(" ", more), (System.currentTimeMillis() - t0) / 1000.0);
    } finally {
      for (ChildRun r : runs) {
        r.close();
      }
    }
  }

  /**
   * Columns that are rounding noise, different between two computations of the same input (the
   * identity checks' errors and the cell where the largest is): left out of the comparison.
   */
  static final Set<String> NOISE = Set.of("run_id", "max_abs_error", "max_rel_error", "worst");
  /** Relative tolerance for sums of double columns between two computations of the same input. */
  static final double REL_TOL = 1e-9;

  /**
   * One table-year: run ids, rows, a checksum of every non-double column (exact) and, per double
   * column, the sum and the sum of absolute values (compared at {@link #REL_TOL}).
   */
  record Cell(Set<String> runIds, long rows, String exactSum, double[] sums) {}

  /**
   * "table year" -> cell, for every curated table present in the warehouse. The tables are read
   * four at a time: on s3a each is mostly waiting for the S3 server (its log, checksum and files).
   */
  static Map<String, Cell> cells(String warehouse) throws Exception {
    long t0 = System.currentTimeMillis();
    FileSystem fs = new Path(warehouse).getFileSystem(spark.sparkContext().hadoopConfiguration());
    List<String> tables = new ArrayList<>();
    for (OutputTable t : OutputTable.values()) {
      if (fs.exists(new Path(warehouse + "/" + t.tableName(), "_delta_log"))) {
        tables.add(t.tableName());
      }
    }
    Map<String, Cell> out = new TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Map<String, Cell>>> parts = new ArrayList<>();
      for (String t : tables) {
        parts.add(pool.submit(() -> cells(warehouse, t)));
      }
      for (Future<Map<String, Cell>> f : parts) {
        out.putAll(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("cells of %s: %d table-years in %.1f s%n", warehouse, out.size(),
        (System.currentTimeMillis() - t0) / 1000.0);
    return out;
  }

  /** The cells of one table. */
  static Map<String, Cell> cells(String warehouse, String table) {
    Map<String, Cell> out = new TreeMap<>();
    var df = spark.read().format("delta").load(warehouse + "/" + table);
    List<String> exact = new ArrayList<>();
    List<org.apache.spark.sql.Column> aggs = new ArrayList<>(List.of(
        functions.expr("sort_array(collect_set(run_id))")));
    for (var f : df.schema().fields()) {
      if (NOISE.contains(f.name())) {
        continue;
      }
      if (f.dataType().equals(org.apache.spark.sql.types.DataTypes.DoubleType)) {
        aggs.add(functions.sum(functions.col(f.name())));
        aggs.add(functions.sum(functions.abs(functions.col(f.name()))));
      } else {
        exact.add("`" + f.name() + "`");
      }
    }
    aggs.add(functions.expr("sum(pmod(xxhash64(" + String.join(", ", exact) + "), 4294967291))"));
    for (Row r : df.groupBy("year").agg(functions.count("*"), aggs.toArray(org.apache.spark.sql.Column[]::new))
        .collectAsList()) {
      double[] sums = new double[r.length() - 4];
      for (int i = 0; i < sums.length; i++) {
        sums[i] = r.isNullAt(3 + i) ? 0 : r.getDouble(3 + i);
      }
      out.put(table + " " + r.getInt(0), new Cell(new TreeSet<>(r.<String>getList(2)), r.getLong(1),
          String.valueOf(r.get(r.length() - 1)), sums));
    }
    return out;
  }

  /** Same table-years, rows and exact columns; double sums within REL_TOL of the sum of absolute values. */
  static void assertSameContent(Map<String, Cell> a, Map<String, Cell> b, String what) {
    assertEquals(a.keySet(), b.keySet(), what + ": table-years");
    a.forEach((k, x) -> {
      Cell y = b.get(k);
      assertEquals(x.rows(), y.rows(), what + ": rows of " + k);
      assertEquals(x.exactSum(), y.exactSum(), what + ": non-double columns of " + k);
      for (int i = 0; i < x.sums().length; i += 2) {
        double scale = Math.max(Math.abs(x.sums()[i + 1]), Math.abs(y.sums()[i + 1]));
        for (int j = i; j <= i + 1; j++) {
          assertTrue(Math.abs(x.sums()[j] - y.sums()[j]) <= REL_TOL * scale, what + ": " + k + " double sum " + j
              + ": " + x.sums()[j] + " vs " + y.sums()[j]);
        }
      }
    });
  }

  static void assertClean(String warehouse) throws Exception {
    assertFalse(s3.exists(new Path(warehouse, "_tiva_run.lock")), "lock released");
    Path staging = new Path(warehouse, "_staging");
    assertTrue(!s3.exists(staging) || s3.listStatus(staging).length == 0, "staging removed");
  }

  @Test
  @Order(1)
  void runAndIncrementalRerunGiveTheSameTablesAsLocalDisk() throws Exception {
    String local = work.resolve("wh-local").toString();
    String remote = s3root + "/wh-same";
    runAllOk(List.of(local, remote)); // two warehouses, independent: side by side
    Map<String, Cell> first = cells(remote);
    assertTrue(first.keySet().stream().anyMatch(k -> k.startsWith("indicators ")), first::toString);
    assertSameContent(cells(local), first, "s3a and local disk, first run");
    assertClean(remote);

    CrashSafetyTest.changeOneCell(store, 2002, 0.5);
    runAllOk(List.of(local, remote), "--incremental");
    Map<String, Cell> second = cells(remote);
    assertSameContent(cells(local), second, "s3a and local disk, incremental rerun");
    assertNotEquals(first.get("indicators 2002").exactSum() + first.get("indicators 2002").runIds(),
        second.get("indicators 2002").exactSum() + second.get("indicators 2002").runIds(), "2002 recomputed");
    assertEquals(first.get("indicators 2001").runIds(), second.get("indicators 2001").runIds(), "2001 skipped");
    assertClean(remote);
    System.out.printf("s3a = local disk after a run and an incremental rerun: %d table-years%n", second.size());
  }

  /** Every table-year holds exactly one run id, {@code expected}'s when given; returns the violations. */
  static List<String> violations(Map<String, Cell> cells, Map<String, Long> rows, String expected) {
    List<String> v = new ArrayList<>();
    cells.forEach((k, c) -> {
      if (c.runIds().size() != 1) {
        v.add(k + " interleaved: " + c.runIds());
      } else if (expected != null && !c.runIds().contains(expected)) {
        v.add(k + " on " + c.runIds() + ", expected " + expected);
      }
      if (rows != null && !Long.valueOf(c.rows()).equals(rows.get(k))) {
        v.add(k + " has " + c.rows() + " rows, expected " + rows.get(k));
      }
    });
    if (rows != null && !cells.keySet().equals(rows.keySet())) {
      v.add("table-years " + cells.keySet() + ", expected " + rows.keySet());
    }
    return v;
  }

  static String runId(Pattern p, ChildRun c) {
    Matcher m = p.matcher(c.all());
    return m.find() ? m.group(1) : null;
  }

  @Test
  @Order(2)
  void twoRunsStartedTogetherOneCommitsTheOtherFailsCleanly() throws Exception {
    String wh = s3root + "/wh-two";
    long t0 = System.currentTimeMillis();
    try (ChildRun a = start(wh); ChildRun b = start(wh)) {
      int codeA = a.waitFor(BOUND_MS);
      int codeB = b.waitFor(BOUND_MS);
      assertEquals(Set.of(0, 1), Set.of(codeA, codeB), "exit codes " + codeA + ", " + codeB + "\n" + a.tail(20)
          + "\n" + b.tail(20));
      ChildRun winner = codeA == 0 ? a : b;
      ChildRun loser = winner == a ? b : a;
      String holder = runId(DONE, winner);
      List<String> tiva = loser.stderr().lines().filter(l -> l.startsWith("tiva:")).toList();
      assertEquals(1, tiva.size(), loser.stderr());
      assertTrue(tiva.get(0).contains("is in use by run " + holder), tiva.get(0));
      List<String> wrong = violations(cells(wh), null, holder);
      assertTrue(wrong.isEmpty(), wrong::toString);
      assertClean(wh);
      System.out.printf("two runs at once on s3a: %s committed, the other exit 1 (%s); %.0f s%n", holder,
          tiva.get(0), (System.currentTimeMillis() - t0) / 1000.0);
    }
  }

  @Test
  @Order(3)
  void killNineDuringCommitsThenTheNextRunRepairs() throws Exception {
    String wh = s3root + "/wh-two";
    Map<String, Cell> clean = cells(wh);
    Map<String, Long> rows = new TreeMap<>();
    clean.forEach((k, c) -> rows.put(k, c.rows()));
    Random rnd = new Random(Long.getLong("tiva.it.seed", 20L));
    CrashSafetyTest.changeOneCell(store, 2001, 0.25);
    long killAt;
    int killedExit;
    try (ChildRun victim = start(wh)) {
      assertTrue(victim.await(Pattern.compile("RunJob: committed indicators:"), BOUND_MS) >= 0, victim.tail(30));
      Thread.sleep((long) (rnd.nextDouble() * 1500));
      killAt = victim.elapsedMs();
      victim.kill9();
      killedExit = victim.waitFor(60_000);
    }
    List<String> afterKill = violations(cells(wh), rows, null);
    boolean lockLeft = s3.exists(new Path(wh, "_tiva_run.lock"));
    try (ChildRun next = start(wh)) {
      assertEquals(0, next.waitFor(BOUND_MS), next.tail(30));
      String id = runId(DONE, next);
      List<String> afterNext = violations(cells(wh), rows, id);
      assertClean(wh);
      String line = String.format("kill -9 in commits at %.1f s (exit %d, lock left %s): %s; next run %s took over %s: %s",
          killAt / 1000.0, killedExit, lockLeft, afterKill.isEmpty() ? "ok" : afterKill,
          id, next.stderr().contains("took over the stale lock") ? "the lock" : "nothing",
          afterNext.isEmpty() ? "ok" : afterNext);
      System.out.println(line);
      assertTrue(afterKill.isEmpty(), line);
      assertTrue(afterNext.isEmpty(), line);
    }
  }
}
