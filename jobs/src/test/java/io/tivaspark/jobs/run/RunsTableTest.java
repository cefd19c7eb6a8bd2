package io.tivaspark.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.TestSpark;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RunsTable} (the runs table read with Delta Kernel, no Spark job) gives what the Spark SQL
 * reads it replaced give: per year the state of the latest SUCCEEDED or PARTIAL run ({@link
 * RunsLog#currentState} of Kernel's rows against Spark SQL's, {@link RunsLog#finishedWithSpark}, and
 * the rows themselves) and the latest such run's config and input ({@link WarehouseIdentity#latest}),
 * with FAILED rows in between (ignored), runs that finish in another order than they start, and a log
 * long enough to have Delta's checkpoint (every 10 commits); an absent table is empty.
 */
class RunsTableTest {
  @TempDir
  static java.nio.file.Path tmp;

  @Test
  void sameRowsAsSparkBeforeAndAfterTheFirstCheckpoint() throws Exception {
    SparkSession spark = TestSpark.get();
    Path warehouse = new Path(tmp.resolve("wh").toString());
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    assertEquals(List.of(), RunsTable.finished(conf, warehouse));
    Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
    for (int k = 0; k < 14; k++) {
      String status = k % 5 == 3 ? "FAILED" : k % 4 == 1 ? "PARTIAL" : "SUCCEEDED";
      // run 6 finishes after run 7: finished_at, not the append order, decides which is latest
      Instant finished = t0.plusSeconds(k == 6 ? 7 * 60 + 30 : k * 60L).plusNanos(k * 1000L);
      int year = k == 7 ? 2000 : 2000 + k % 3; // runs 6 and 7 both write 2000: run 6 finished later
      String fingerprints = YearState.toJson(Map.of(year, new YearState("in" + k, "cfg" + k, "code", "r" + k)));
      RunsLog.append(spark, warehouse, new RunsLog.Entry("r" + k, finished.minusSeconds(30), finished, status,
          "/store/" + k, fingerprints, "{\"table_layout\":{\"fingerprint\":\"f" + k + "\",\"summary\":\"s\"}}", "v",
          k % 2 == 0 ? "" : "m"));
      if (k == 4 || k == 7 || k == 13) {
        List<RunsTable.Finished> kernel = RunsTable.finished(conf, warehouse);
        assertNotNull(kernel, "Kernel read the runs table");
        List<RunsTable.Finished> bySparkSql = RunsLog.finishedWithSpark(spark, new Path(warehouse, "runs"));
        assertEquals(bySparkSql, kernel, "after run " + k);
        assertEquals(describe(RunsLog.currentState(bySparkSql)),
            describe(RunsLog.currentState(RunsLog.finished(spark, warehouse))), "after run " + k);
        assertEquals(kernel.size(), spark.read().format("delta").load(new Path(warehouse, "runs").toString())
            .where("status IN ('SUCCEEDED', 'PARTIAL')").count());
      }
    }
    try (var log = Files.list(tmp.resolve("wh/runs/_delta_log"))) {
      assertTrue(log.anyMatch(f -> f.getFileName().toString().contains(".checkpoint")), "the log has a checkpoint");
    }
    List<String> ids = RunsTable.finished(conf, warehouse).stream().map(RunsTable.Finished::runId).toList();
    assertTrue(ids.indexOf("r6") > ids.indexOf("r7"), "oldest finished_at first: " + ids);
    assertTrue(!ids.contains("r3") && !ids.contains("r8") && !ids.contains("r13"), "FAILED rows left out: " + ids);
    org.apache.spark.sql.Row bySpark = spark.read().format("delta").load(new Path(warehouse, "runs").toString())
        .where("status IN ('SUCCEEDED', 'PARTIAL')").orderBy(org.apache.spark.sql.functions.col("finished_at").desc())
        .select("run_id", "input").first();
    WarehouseIdentity.Recorded latest = WarehouseIdentity.latest(spark, RunsLog.finished(spark, warehouse));
    assertEquals("r12", bySpark.getString(0));
    assertEquals("f12", latest.fingerprint());
    assertEquals(bySpark.getString(1), latest.input());
  }

  private static String describe(Map<Integer, YearState> state) {
    return state.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
  }
}
