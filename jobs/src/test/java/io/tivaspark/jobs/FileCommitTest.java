package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tivaspark.jobs.CliTest.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit that moves staged year files into the Delta tables (run.FileCommit): a rerun of a
 * year replaces exactly that year's files in one commit per table, a table written by Spark's own
 * writer (the commit path of earlier versions) takes the new commit, a table the staged files do
 * not fit falls back to Spark's writer, a run killed -9 between moving a table's files and
 * committing them leaves only an invisible orphan (FileCommitKillTest, a child JVM: bin/test --slow),
 * and VACUUM deletes orphans and replaced files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FileCommitTest {
  /** Tables committed by moving files (quality_checks keeps Spark's writer). */
  static final List<String> MOVED = List.of("indicators", "va_final_demand", "va_origin_exports",
      "export_decomposition", "gvc_measures", "footprints");
  static final ObjectMapper JSON = new ObjectMapper();

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
    CliTest.generate(store, 4, 3, "2001-2003", 11);
  }

  static Outcome run(Path wh, String... extra) {
    return run(store, wh, extra);
  }

  /** {@code tiva run --input input --warehouse wh extra...}, which must exit 0. */
  static Outcome run(Path input, Path wh, String... extra) {
    List<String> a = new ArrayList<>(List.of("run", "--input", input.toString(), "--warehouse", wh.toString()));
    a.addAll(List.of(extra));
    Outcome r = CliTest.run(a.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    return r;
  }

  static Dataset<Row> table(Path wh, String t) {
    return TestSpark.get().read().format("delta").load(wh.resolve(t).toString());
  }

  /** The latest commit version of a table (the highest NNN.json of its log). */
  static long version(Path table) throws IOException {
    try (Stream<Path> s = Files.list(table.resolve("_delta_log"))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.json"))
          .mapToLong(n -> Long.parseLong(n.substring(0, 20))).max().orElseThrow();
    }
  }

  /** The actions of one commit, one JSON object each. */
  static List<JsonNode> commit(Path table, long version) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(table.resolve("_delta_log").resolve(String.format("%020d.json", version)))) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  /** Live data files per year, as paths relative to the table (the replay of its Delta log). */
  static Map<Integer, Set<String>> liveFiles(Path wh, String t) {
    Map<Integer, Set<String>> out = new TreeMap<>();
    WarehouseProbe.liveFiles(wh.resolve(t)).forEach((f, y) -> out.computeIfAbsent(y, k -> new TreeSet<>()).add(f));
    return out;
  }

  /** year -> rows and the set of run ids (read from the table's live files). */
  static Map<Integer, List<Object>> perYear(Path wh, String t) {
    Map<Integer, List<Object>> out = new TreeMap<>();
    WarehouseProbe.content(wh.resolve(t)).forEach((y, c) -> out.put(y, List.of(c.rows, new TreeSet<>(c.runIds))));
    return out;
  }

  static List<Row> rowsWithoutRunId(Path wh, String t) {
    Dataset<Row> d = table(wh, t).drop("run_id");
    return d.orderBy(d.columns()[0], java.util.Arrays.copyOfRange(d.columns(), 1, d.columns().length))
        .collectAsList();
  }

  /**
   * The same keys and the same values to 1e-12 relative: a year computed alone and the same year
   * computed beside others can differ in the last bits (OpenBLAS, called by two year tasks at
   * once, may split a product over fewer threads, which changes the order of the sums; seen:
   * 5e-15 relative).
   */
  static void assertSameRows(List<Row> expected, List<Row> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": row count");
    for (int i = 0; i < expected.size(); i++) {
      Row e = expected.get(i);
      Row a = actual.get(i);
      for (int c = 0; c < e.length(); c++) {
        if (e.get(c) instanceof Double d && a.get(c) instanceof Double b) {
          assertTrue(Math.abs(d - b) <= 1e-12 * Math.max(1.0, Math.abs(d)), what + ": " + e + " vs " + a);
        } else {
          assertEquals(e.get(c), a.get(c), what + ": " + e + " vs " + a);
        }
      }
    }
  }

  static String lastRunId(Path wh) {
    return table(wh, "runs").orderBy(org.apache.spark.sql.functions.col("finished_at").desc()).first().getAs("run_id");
  }

  /**
   * Reruns one year and checks, per table committed by moving files: exactly one new commit, a
   * WRITE that removes exactly the year's files of before and adds new ones (with numRecords),
   * other years' files and rows untouched, row counts exact, rows identical but for run_id.
   */
  static void assertRerunReplacesExactlyTheYear(Path wh, int year) throws IOException {
    Map<String, Long> versions = new TreeMap<>();
    Map<String, Map<Integer, Set<String>>> files = new TreeMap<>();
    Map<String, Map<Integer, List<Object>>> counts = new TreeMap<>();
    Map<String, List<Row>> rows = new TreeMap<>();
    for (String t : MOVED) {
      versions.put(t, version(wh.resolve(t)));
      files.put(t, liveFiles(wh, t));
      counts.put(t, perYear(wh, t));
      rows.put(t, rowsWithoutRunId(wh, t));
    }
    String before = lastRunId(wh);
    run(wh, "--years", String.valueOf(year));
    String rerun = lastRunId(wh);
    assertFalse(rerun.equals(before));
    for (String t : MOVED) {
      Path p = wh.resolve(t);
      assertEquals(versions.get(t) + 1, version(p), t + ": one commit");
      List<JsonNode> actions = commit(p, version(p));
      Set<String> removed = new TreeSet<>();
      Set<String> added = new TreeSet<>();
      long addedRows = 0;
      for (JsonNode a : actions) {
        if (a.has("commitInfo")) {
          assertEquals("WRITE", a.get("commitInfo").get("operation").asText(), t);
          assertEquals("year IN (" + year + ")",
              a.get("commitInfo").get("operationParameters").get("predicate").asText(), t);
        } else if (a.has("remove")) {
          removed.add(a.get("remove").get("path").asText());
        } else if (a.has("add")) {
          JsonNode add = a.get("add");
          added.add(add.get("path").asText());
          assertEquals(String.valueOf(year), add.get("partitionValues").get("year").asText(), t);
          JsonNode stats = JSON.readTree(add.get("stats").asText());
          addedRows += stats.get("numRecords").asLong();
          assertTrue(stats.get("minValues").has("run_id"), t + " stats: " + stats);
          assertEquals(rerun, stats.get("maxValues").get("run_id").asText(), t);
        }
      }
      Map<Integer, Set<String>> old = files.get(t);
      Map<Integer, Set<String>> now = liveFiles(wh, t);
      assertEquals(old.get(year), removed, t + ": removes exactly the year's files of before");
      assertEquals(now.get(year), added, t + ": the year's live files are the ones added");
      assertTrue(added.stream().noneMatch(old.get(year)::contains), t + ": fresh file names");
      for (int y : old.keySet()) {
        if (y != year) {
          assertEquals(old.get(y), now.get(y), t + ": year " + y + " untouched");
        }
      }
      Map<Integer, List<Object>> c = perYear(wh, t);
      assertEquals((long) counts.get(t).get(year).get(0), addedRows, t + ": numRecords");
      for (Map.Entry<Integer, List<Object>> e : counts.get(t).entrySet()) {
        assertEquals(e.getValue().get(0), c.get(e.getKey()).get(0), t + " rows of " + e.getKey());
        Object runs = e.getKey() == year ? new TreeSet<>(Set.of(rerun)) : e.getValue().get(1);
        assertEquals(runs, c.get(e.getKey()).get(1), t + " run ids of " + e.getKey());
      }
      assertSameRows(rows.get(t), rowsWithoutRunId(wh, t), t + ": same rows but run_id");
      assertEquals(c.values().stream().mapToLong(v -> (Long) v.get(0)).sum(), table(wh, t).count(), t + ": COUNT(*)");
    }
  }

  @Test
  @Order(1)
  void rerunOfAYearReplacesExactlyThatYearsFiles() throws Exception {
    // staging, moves and Delta's commit and checksum files: no chmod or readlink process (store.LocalFiles)
    List<String> processes = ProcessStarts.during(() -> run(warehouse));
    assertEquals(List.of(), processes.stream().filter(c -> c.matches("(chmod|readlink|ls|stat) .*")).toList());
    for (String t : MOVED) {
      assertEquals(Set.of(2001, 2002, 2003), liveFiles(warehouse, t).keySet(), t);
      // the staged file is the table's file: no year column inside, run_id last
      Path f = Files.walk(warehouse.resolve(t).resolve("year=2001")).filter(p -> p.toString().endsWith(".parquet"))
          .findFirst().orElseThrow();
      List<String> cols = List.of(spark.read().parquet(f.toString()).columns());
      assertFalse(cols.contains("year"), t + ": " + cols);
      assertEquals("run_id", cols.get(cols.size() - 1), t + ": " + cols);
    }
    assertRerunReplacesExactlyTheYear(warehouse, 2002);
    // the staging is gone: every staged file was moved or deleted
    assertFalse(Files.exists(warehouse.resolve("_staging")));
  }

  @Test
  @Order(2)
  void tableWrittenBySparksWriterTakesTheNewCommit() throws IOException {
    // the tables as the DataFrame commit of earlier versions wrote them: Spark's writer, partitioned by year
    Path old = tmp.resolve("wh-old");
    for (String t : MOVED) {
      table(warehouse, t).write().format("delta").mode("overwrite").partitionBy("year").save(old.resolve(t).toString());
    }
    for (String t : List.of("quality_checks", "runs")) {
      Dataset<Row> d = table(warehouse, t);
      (t.equals("runs") ? d.write() : d.write().partitionBy("year")).format("delta").mode("overwrite")
          .save(old.resolve(t).toString());
    }
    assertRerunReplacesExactlyTheYear(old, 2003);
  }

  @Test
  @Order(3)
  void tableTheStagedFilesDoNotFitFallsBackToSparksWriter() throws IOException {
    Path wh = tmp.resolve("wh-old");
    Path p = wh.resolve("va_final_demand");
    spark.sql("ALTER TABLE delta.`" + p + "` ADD CONSTRAINT finite CHECK (value IS NULL OR value < 1e300)");
    Map<Integer, List<Object>> before = perYear(wh, "va_final_demand");
    List<Row> rows = rowsWithoutRunId(wh, "va_final_demand");
    run(wh, "--years", "2001");
    JsonNode info = commit(p, version(p)).stream().filter(a -> a.has("commitInfo")).findFirst().orElseThrow()
        .get("commitInfo");
    // Spark's writer reports its metrics (numOutputRows); the file commit reports none
    assertTrue(info.get("operationMetrics").has("numOutputRows"), info.toString());
    Map<Integer, List<Object>> after = perYear(wh, "va_final_demand");
    assertEquals(before.keySet(), after.keySet());
    before.forEach((y, v) -> assertEquals(v.get(0), after.get(y).get(0), "rows of " + y));
    assertEquals(Set.of(lastRunId(wh)), after.get(2001).get(1));
    assertEquals(rows, rowsWithoutRunId(wh, "va_final_demand"));
  }

  static Set<String> partFiles(Path table) throws IOException {
    try (Stream<Path> s = Files.walk(table)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part-")).map(p -> table.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  @Order(4)
  void movedButUncommittedFilesAreInvisibleAndVacuumDeletesThem() throws IOException {
    // what a crash between moving a staged file and the commit leaves: a file no log entry names
    Path t = warehouse.resolve("va_origin_exports");
    long rows = table(warehouse, "va_origin_exports").count();
    Path live = Path.of(t.toString(), liveFiles(warehouse, "va_origin_exports").get(2002).iterator().next());
    Path orphan = live.resolveSibling("part-00000-orphan.c000.snappy.parquet");
    Files.copy(live, orphan);
    assertEquals(rows, table(warehouse, "va_origin_exports").count());
    assertEquals(rows, spark.sql("SELECT count(*) FROM delta.`" + t + "`").first().getLong(0));
    Set<String> liveBefore = liveFiles(warehouse, "va_origin_exports").values().stream().flatMap(Set::stream)
        .collect(Collectors.toCollection(TreeSet::new));
    // the replaced file of test 1's rerun of 2002, this one (the kill trial's orphan: FileCommitKillTest)
    assertTrue(partFiles(t).size() >= liveBefore.size() + 2, partFiles(t).toString());
    spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      spark.sql("VACUUM delta.`" + t + "` RETAIN 0 HOURS").collectAsList();
    } finally {
      spark.conf().unset("spark.databricks.delta.retentionDurationCheck.enabled");
    }
    assertFalse(Files.exists(orphan));
    Set<String> left = partFiles(t);
    Set<String> liveNow = liveFiles(warehouse, "va_origin_exports").values().stream().flatMap(Set::stream)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(liveNow, left);
    assertEquals(rows, table(warehouse, "va_origin_exports").count());
  }
}
