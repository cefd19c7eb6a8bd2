package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.CliTest.Outcome;
import io.tivaspark.jobs.store.Dataset;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreReader;
import io.tivaspark.jobs.store.StoreWriter;
import io.tivaspark.common.model.MrioYear;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Nightly safety: incremental reruns, the warehouse lock, and the runs table's bookkeeping. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalTest {
  @TempDir
  static Path tmp;
  static Path store;
  static Path warehouse;
  static SparkSession spark;

  @BeforeAll
  static void generate() {
    spark = TestSpark.get();
    store = tmp.resolve("store");
    warehouse = tmp.resolve("wh");
    CliTest.generate(store, 4, 3, "2001-2003", 21);
  }

  static Outcome run(String... extra) {
    String[] base = {"run", "--input", store.toString(), "--warehouse", warehouse.toString()};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return CliTest.run(all);
  }

  static List<Row> runIdsByYear(String table) {
    return spark.read().format("delta").load(warehouse.resolve(table).toString())
        .select("year", "run_id").distinct().orderBy("year").collectAsList();
  }

  static Row lastRun() {
    return spark.read().format("delta").load(warehouse.resolve("runs").toString()).orderBy(
        org.apache.spark.sql.functions.col("started_at").desc()).first();
  }

  @Test
  @Order(1)
  void firstIncrementalRunComputesEverything() {
    Outcome r = run("--incremental");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("years computed [2001, 2002, 2003], unchanged []"), r.out());
    String fp = lastRun().getAs("input_fingerprints");
    assertTrue(fp.contains("\"2003\":{\"input\":\""), fp);
  }

  @Test
  @Order(2)
  void unchangedInputIsSkipped() {
    List<Row> before = runIdsByYear("indicators");
    Outcome r = run("--incremental");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("years computed [], unchanged [2001, 2002, 2003]"), r.out());
    assertEquals(before, runIdsByYear("indicators"), "no table was rewritten");
    assertEquals("SUCCEEDED", lastRun().getAs("status"));
    assertTrue(((String) lastRun().getAs("message")).contains("unchanged 2001,2002,2003"));
  }

  @Test
  @Order(3)
  void oneChangedCellRecomputesOnlyItsYear() throws Exception {
    MrioMeta meta = MrioMeta.read(org.apache.hadoop.fs.FileSystem.get(java.net.URI.create("file:///"), HadoopConf.local().get()),
        new org.apache.hadoop.fs.Path(store.toString()));
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(store.toString());
    MrioYear y = StoreReader.read(HadoopConf.local().get(), root, meta, 2002);
    int n = y.n();
    y.z()[1 + 2 * n] += 0.5; // one intermediate cell
    StoreWriter.writeYear(HadoopConf.local().get(), root, y);
    List<Row> before = runIdsByYear("va_origin_exports");
    Outcome r = run("--incremental");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("years computed [2002], unchanged [2001, 2003]"), r.out());
    List<Row> after = runIdsByYear("va_origin_exports");
    assertEquals(before.get(0), after.get(0));
    assertEquals(before.get(2), after.get(2));
    assertTrue(!before.get(1).equals(after.get(1)), "2002 rewritten");
  }

  @Test
  @Order(4)
  void changedConfigurationRecomputesEverything() throws Exception {
    Path conf = tmp.resolve("g.conf");
    Files.writeString(conf, "tiva.groups.PAIR = [USA, DEU]\n");
    Outcome r = run("--incremental", "--conf", conf.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("years computed [2001, 2002, 2003], unchanged []"), r.out());
  }

  @Test
  @Order(5)
  void removedYearIsReported() throws Exception {
    for (Dataset d : Dataset.values()) {
      Path dir = store.resolve(d.dir()).resolve("year=2003");
      TestTrees.delete(dir);
    }
    Outcome r = run("--incremental", "--conf", tmp.resolve("g.conf").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("years computed [], unchanged [2001, 2002]"), r.out());
    assertTrue(((String) lastRun().getAs("message")).contains("removed from input 2003"),
        (String) lastRun().getAs("message"));
  }

  @Test
  @Order(6)
  void liveLockMakesASecondRunFailWithOneLine() throws Exception {
    Path lock = warehouse.resolve("_tiva_run.lock");
    Files.writeString(lock, "run_id=other-run\nhost=" + InetAddress.getLocalHost().getHostName() + "\npid="
        + ProcessHandle.current().pid() + "\nstarted=" + java.time.Instant.now() + "\n");
    try {
      Outcome r = run();
      CliTest.assertOneLineError(r, 1, "is in use by run other-run");
    } finally {
      Files.deleteIfExists(lock);
    }
  }

  @Test
  @Order(7)
  void staleLockOfADeadProcessIsTakenOver() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    Path lock = warehouse.resolve("_tiva_run.lock");
    Files.writeString(lock, "run_id=dead-run\nhost=" + InetAddress.getLocalHost().getHostName() + "\npid="
        + p.pid() + "\nstarted=" + java.time.Instant.now() + "\n");
    Files.createDirectories(warehouse.resolve("_staging/dead-run/indicators"));
    Outcome r = run("--incremental");
    assertEquals(0, r.code(), r.err());
    assertTrue(!Files.exists(lock), "lock released");
    assertTrue(!Files.exists(warehouse.resolve("_staging")), "leftover staging removed");
  }
}
