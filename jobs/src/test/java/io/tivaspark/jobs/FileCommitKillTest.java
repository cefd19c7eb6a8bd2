package io.tivaspark.jobs;

import static io.tivaspark.jobs.FileCommitTest.MOVED;
import static io.tivaspark.jobs.FileCommitTest.lastRunId;
import static io.tivaspark.jobs.FileCommitTest.liveFiles;
import static io.tivaspark.jobs.FileCommitTest.partFiles;
import static io.tivaspark.jobs.FileCommitTest.perYear;
import static io.tivaspark.jobs.FileCommitTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.CliTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill trial of the file commit (run.FileCommit; FileCommitTest has the rest): a real run in
 * its own JVM, killed -9 after moving a table's staged files and before committing them, leaves
 * only an invisible orphan; the next run takes over; VACUUM deletes the orphan. Slow (a second
 * Spark JVM and its run): {@code @Tag("slow")}, enabled by {@code -Dtiva.slow=true} (bin/test
 * --slow; the default suite reports it skipped).
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "tiva.slow", matches = "true", disabledReason = "slow test: run with -Dtiva.slow=true")
class FileCommitKillTest {
  @TempDir
  static Path tmp;
  static Path store;
  static Path warehouse;
  static SparkSession spark;

  @BeforeAll
  static void firstRun() {
    spark = TestSpark.get();
    store = tmp.resolve("store");
    warehouse = tmp.resolve("wh");
    CliTest.generate(store, 4, 3, "2001-2003", 11);
    run(warehouse);
  }

  static Outcome run(Path wh, String... extra) {
    return FileCommitTest.run(store, wh, extra);
  }

  @Test
  void killBetweenMovingAndCommittingLeavesAnInvisibleOrphan() throws Exception {
    // a real run killed -9 after moving va_origin_exports' files into the table, before committing them
    Map<String, Map<Integer, List<Object>>> counts = new TreeMap<>();
    Map<String, Map<Integer, Set<String>>> files = new TreeMap<>();
    for (String t : MOVED) {
      counts.put(t, perYear(warehouse, t));
      files.put(t, liveFiles(warehouse, t));
    }
    Path voe = warehouse.resolve("va_origin_exports");
    Set<String> onDisk = partFiles(voe);
    String dead;
    try (ChildRun child = ChildRun.start(Map.of("CONFIG_FORCE_tiva_test_pause__before__commit", "va_origin_exports"),
        "run", "--input", store.toString(), "--warehouse", warehouse.toString(), "--years", "2001")) {
      assertTrue(child.await(java.util.regex.Pattern.compile("va_origin_exports: staged files moved, pausing"),
          600_000) >= 0, child.all());
      child.kill9();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("RunJob: run (\\S+): ").matcher(child.all());
      assertTrue(m.find(), child.all());
      dead = m.group(1);
    }
    for (String t : MOVED) {
      Map<Integer, List<Object>> now = perYear(warehouse, t);
      boolean committed = t.equals("indicators") || t.equals("va_final_demand");
      for (Map.Entry<Integer, List<Object>> e : counts.get(t).entrySet()) {
        assertEquals(e.getValue().get(0), now.get(e.getKey()).get(0), t + " rows of " + e.getKey());
        Object runs = committed && e.getKey() == 2001 ? new TreeSet<>(Set.of(dead)) : e.getValue().get(1);
        assertEquals(runs, now.get(e.getKey()).get(1), t + " run ids of " + e.getKey() + " after the kill");
      }
      if (!committed) {
        assertEquals(files.get(t), liveFiles(warehouse, t), t + ": no commit");
      }
    }
    Set<String> orphans = new TreeSet<>(partFiles(voe));
    orphans.removeAll(onDisk);
    assertEquals(1, orphans.size(), orphans.toString());
    String orphan = orphans.iterator().next();
    assertTrue(orphan.startsWith("year=2001/"), orphan);
    assertEquals(counts.get("va_origin_exports").get(2001).get(0),
        spark.read().parquet(voe.resolve(orphan).toString()).count(), "the orphan is the whole staged year");
    assertTrue(Files.isDirectory(warehouse.resolve("_staging").resolve(dead)), "the dead run's staging is left");

    // the next run takes over, commits every table; the orphan stays invisible
    run(warehouse, "--years", "2001");
    String next = lastRunId(warehouse);
    for (String t : MOVED) {
      Map<Integer, List<Object>> now = perYear(warehouse, t);
      assertEquals(Set.of(next), now.get(2001).get(1), t);
      counts.get(t).forEach((y, v) -> assertEquals(v.get(0), now.get(y).get(0), t + " rows of " + y));
    }
    assertFalse(liveFiles(warehouse, "va_origin_exports").get(2001).contains(orphan));
    assertTrue(Files.exists(voe.resolve(orphan)));
    assertFalse(Files.exists(warehouse.resolve("_staging")));

    // VACUUM deletes the orphan the kill left; the rows stay
    long rows = table(warehouse, "va_origin_exports").count();
    spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      spark.sql("VACUUM delta.`" + voe + "` RETAIN 0 HOURS").collectAsList();
    } finally {
      spark.conf().unset("spark.databricks.delta.retentionDurationCheck.enabled");
    }
    assertFalse(Files.exists(voe.resolve(orphan)), orphan);
    assertEquals(rows, table(warehouse, "va_origin_exports").count());
  }
}
