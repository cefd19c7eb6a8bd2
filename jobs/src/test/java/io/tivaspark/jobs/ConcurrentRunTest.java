package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.WarehouseProbe.Cell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two {@code tiva run} processes on one warehouse at once (real JVMs, the real lock file):
 * with the default {@code tiva.run.lock-wait = 0s} the second fails at once with one line and
 * exit code 1; with {@code TIVA_LOCK_WAIT} set it waits and then completes. Rows are never
 * interleaved: afterwards every table-year holds exactly one run id, the one {@code runs}
 * records last (by finished_at) for that year. Enabled by {@code -Dtiva.it.processes=true}
 * (tools/it/concurrent-runs.sh): a few minutes.
 */
@EnabledIfSystemProperty(named = "tiva.it.processes", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrentRunTest {
  static final Pattern LOCKED = Pattern.compile("RunJob: run (\\S+): \\d+ years");
  static final Pattern DONE = Pattern.compile("RunJob: run (\\S+) SUCCEEDED");
  static final long BOUND_MS = 10 * 60_000L;
  static Path work;
  static Path store;
  static Path conf;
  static SparkSession spark;

  @BeforeAll
  static void generate() throws Exception {
    spark = TestSpark.get();
    work = ChildRun.ROOT.resolve("target/concurrent-runs");
    TestTrees.delete(work);
    Files.createDirectories(work);
    store = work.resolve("store");
    conf = work.resolve("it.conf");
    Files.writeString(conf, CrashSafetyTest.itConf());
    CliTest.generate(store, 4, 3, "2001-2003", 62);
  }

  static ChildRun start(Path warehouse, Map<String, String> env) throws Exception {
    return ChildRun.start(env, "run", "--conf", conf.toString(), "--input", store.toString(), "--warehouse",
        warehouse.toString());
  }

  static String group1(Pattern p, ChildRun c) {
    ChildRun.Line l = c.first(p);
    assertNotNull(l, "no '" + p + "' in:\n" + c.all());
    Matcher m = p.matcher(l.text());
    assertTrue(m.find());
    return m.group(1);
  }

  /** Every table-year has exactly one run id, the one runs records last for the year; returns the ids. */
  static Set<String> assertNotInterleaved(Path warehouse) {
    Map<String, Map<Integer, Cell>> state = WarehouseProbe.read(warehouse);
    assertEquals(WarehouseProbe.TABLES.size(), state.size(), state::toString);
    Map<Integer, String> latest = WarehouseProbe.latestRunPerYear(spark, warehouse);
    state.forEach((t, ys) -> ys.forEach((y, c) -> {
      assertEquals(1, c.runIds().size(), t + " " + y + " interleaved: " + c.runIds());
      assertEquals(Set.of(latest.get(y)), c.runIds(), t + " " + y + " vs runs");
    }));
    assertFalse(Files.exists(warehouse.resolve("_tiva_run.lock")), "lock released");
    return WarehouseProbe.runIds(state);
  }

  @Test
  @Order(1)
  void secondRunFailsAtOnceWithOneLine() throws Exception {
    Path wh = work.resolve("wh-fail");
    long t0 = System.currentTimeMillis();
    try (ChildRun a = start(wh, Map.of())) {
      assertTrue(a.await(LOCKED, BOUND_MS) >= 0, a.tail(20));
      String holder = group1(LOCKED, a);
      try (ChildRun b = start(wh, Map.of())) {
        int codeB = b.waitFor(BOUND_MS);
        assertTrue(a.alive(), "the first run still holds the lock when the second gives up");
        int codeA = a.waitFor(BOUND_MS);
        assertEquals(0, codeA, a.tail(20));
        assertEquals(1, codeB, b.all());
        List<String> tivaLines = b.stderr().lines().filter(l -> l.startsWith("tiva:")).toList();
        assertEquals(1, tivaLines.size(), b.stderr());
        String msg = tivaLines.get(0);
        assertTrue(msg.contains("is in use by run " + holder), msg);
        assertTrue(b.stderr().strip().endsWith(msg), "the message is the last line:\n" + b.stderr());
        assertFalse(b.all().contains(CrashSafetyTest.SECRET));
        assertFalse(a.all().contains(CrashSafetyTest.SECRET));
        System.out.printf("lock-wait 0: second run exit %d after %.1f s: %s%n", codeB,
            (b.epochMs(b.lines().get(b.lines().size() - 1)) - t0) / 1000.0, msg);
      }
      assertEquals(Set.of(holder), assertNotInterleaved(wh));
    }
    System.out.printf("lock-wait 0 scenario: %.0f s%n", (System.currentTimeMillis() - t0) / 1000.0);
  }

  @Test
  @Order(2)
  void withLockWaitBothStartedTogetherRunOneAfterTheOther() throws Exception {
    Path wh = work.resolve("wh-wait");
    long t0 = System.currentTimeMillis();
    Map<String, String> env = Map.of("TIVA_LOCK_WAIT", "10m");
    try (ChildRun a = start(wh, env); ChildRun b = start(wh, env)) {
      int codeA = a.waitFor(2 * BOUND_MS);
      int codeB = b.waitFor(2 * BOUND_MS);
      assertEquals(0, codeA, a.tail(20));
      assertEquals(0, codeB, b.tail(20));
      ChildRun first = a.epochMs(a.first(LOCKED)) <= b.epochMs(b.first(LOCKED)) ? a : b;
      ChildRun second = first == a ? b : a;
      assertNotNull(second.first(Pattern.compile("warehouse in use by run \\S+; waiting up to 600 s")), second.all());
      long firstDone = first.epochMs(first.first(DONE));
      long secondLocked = second.epochMs(second.first(LOCKED));
      assertTrue(secondLocked >= firstDone, "the second run started its work only after the first committed");
      String firstId = group1(DONE, first);
      String secondId = group1(DONE, second);
      assertEquals(Set.of(secondId), assertNotInterleaved(wh));
      List<Row> runs = spark.read().format("delta").load(wh.resolve("runs").toString())
          .orderBy("finished_at").select("run_id", "status", "started_at", "finished_at").collectAsList();
      assertEquals(2, runs.size());
      assertEquals(List.of(firstId, secondId), runs.stream().map(r -> r.getString(0)).toList());
      boolean startOrderAgrees = runs.get(0).getTimestamp(2).before(runs.get(1).getTimestamp(2));
      System.out.printf("lock-wait 10m: both exit 0; second waited %.1f s; first %s, second %s; "
          + "started_at order %s the commit order; %.0f s%n", (secondLocked - second.epochMs(second.lines().get(0))) / 1000.0,
          firstId, secondId, startOrderAgrees ? "agrees with" : "DIFFERS from", (System.currentTimeMillis() - t0) / 1000.0);
    }
  }

  @Test
  @Order(3)
  void anEmptyLockFileDoesNotBlockForever() throws Exception {
    // a holder killed between creating the lock file (O_EXCL) and writing its content leaves it empty
    Path wh = work.resolve("wh-empty-lock");
    Files.createDirectories(wh);
    Path lock = wh.resolve("_tiva_run.lock");
    Files.writeString(lock, "");
    Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    long t0 = System.currentTimeMillis();
    try (ChildRun a = start(wh, Map.of())) {
      int code = a.waitFor(5 * 60_000L);
      System.out.printf("empty lock file: exit %d after %.0f s: %s%n", code, (System.currentTimeMillis() - t0) / 1000.0,
          a.tail(1).strip());
      assertTrue(code == 0 || (code == 1 && a.stderr().contains("tiva: ")), a.tail(20));
    }
  }
}
