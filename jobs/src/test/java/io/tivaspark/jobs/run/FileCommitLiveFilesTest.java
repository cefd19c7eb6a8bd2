package io.tivaspark.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.Main;
import io.tivaspark.jobs.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The file commit's two shortcuts (run.FileCommit) against Delta's own ways: the live files of
 * the years a run replaces, listed from the version checksum (.crc) without a Spark job, are
 * exactly those Delta's scan ({@code filterFiles}) returns, on tables with replaced years, a
 * quality_checks table written by Spark's writer (a run of one family) and one written by the
 * file commit, and without the checksum the commit falls back to the scan; the run ids per year
 * read from the files' statistics (--incremental) are those of the rows; a table the first run
 * creates in its commit has the protocol, schema and partitioning Spark's writer gives an empty
 * table.
 */
class FileCommitLiveFilesTest {
  @TempDir
  static Path tmp;
  static Path warehouse;
  static SparkSession spark;

  @BeforeAll
  static void runs() {
    spark = TestSpark.get();
    Path store = tmp.resolve("store");
    warehouse = tmp.resolve("wh");
    cli("generate", "--out", store.toString(), "--regions", "3", "--industries", "2", "--years", "2001-2003",
        "--seed", "5");
    cli("run", "--input", store.toString(), "--warehouse", warehouse.toString());
    cli("run", "--input", store.toString(), "--warehouse", warehouse.toString(), "--years", "2002");
    // quality_checks through Spark's writer (replaceWhere of one family's rows)
    cli("run", "--input", store.toString(), "--warehouse", warehouse.toString(), "--years", "2003", "--only", "core");
  }

  static void cli(String... argv) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(argv, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
  }

  static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  static Expression yearsIn(Set<Integer> years) {
    return CatalystSqlParser$.MODULE$.parseExpression("year IN ("
        + years.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
  }

  static Set<String> paths(List<AddFile> files) {
    return files.stream().map(AddFile::path).collect(Collectors.toCollection(TreeSet::new));
  }

  static List<AddFile> viaScan(Path table, Set<Integer> years) {
    OptimisticTransaction txn = DeltaLog.forTable(spark, table.toString()).startTransaction();
    return CollectionConverters.asJava(txn.filterFiles(CollectionConverters.asScala(List.of(yearsIn(years))).toList(),
        true));
  }

  @Test
  void checksumListsTheFilesDeltasScanListsForEveryTableAndYearSet() {
    List<Set<Integer>> yearSets = List.of(Set.of(2002, 2003), Set.of(2001, 2002, 2003));
    for (OutputTable t : OutputTable.values()) {
      Path table = warehouse.resolve(t.tableName());
      for (Set<Integer> years : yearSets) {
        DeltaLog.clearCache();
        OptimisticTransaction txn = DeltaLog.forTable(spark, table.toString()).startTransaction();
        Snapshot s = txn.snapshot();
        assertTrue(s.checksumOpt().isDefined() && s.checksumOpt().get().allFiles().isDefined(),
            t.tableName() + " version " + s.version() + ": no file list in its checksum, the shortcut is never taken");
        List<AddFile> crc = FileCommit.liveFiles(txn, years, yearsIn(years));
        assertEquals(paths(viaScan(table, years)), paths(crc), t.tableName() + " " + years);
        if (years.size() == 3 && !t.equals(OutputTable.EXPORT_DECOMPOSITION_THIRD)) {
          assertFalse(crc.isEmpty(), t.tableName() + ": no live files at all");
        }
      }
    }
  }

  @Test
  void runIdsFromFileStatisticsAreThoseOfTheRows() throws IOException {
    for (OutputTable t : OutputTable.values()) {
      Path table = warehouse.resolve(t.tableName());
      Map<Integer, Set<String>> rows = new TreeMap<>();
      for (Row r : spark.read().format("delta").load(table.toString()).select("year", "run_id").distinct()
          .collectAsList()) {
        rows.computeIfAbsent(r.getInt(0), k -> new TreeSet<>()).add(r.getString(1));
      }
      Map<Integer, Set<String>> stats = FileCommit.runIdsFromStats(spark, hadoop(table));
      if (t == OutputTable.QUALITY_CHECKS) {
        // 2003: core's rows from the third run, the other families' from the first
        assertEquals(2, rows.get(2003).size(), rows.toString());
      }
      assertEquals(rows, stats, t.tableName());
    }
  }

  @Test
  void fileWithTwoRunIdsOrANullRunIdLeavesItToTheRows() throws IOException {
    StructType schema = new StructType()
        .add("year", "int").add("value", "double").add("run_id", "string");
    List<List<Row>> cases = List.of(
        List.of(RowFactory.create(2001, 1.0, "run-a"), RowFactory.create(2001, 2.0, "run-b")),
        List.of(RowFactory.create(2001, 1.0, "run-a"), RowFactory.create(2001, 2.0, null)));
    int i = 0;
    for (List<Row> rows : cases) {
      Path p = tmp.resolve("mixed-" + i++);
      spark.createDataFrame(rows, schema).coalesce(1).write().format("delta").partitionBy("year").save(p.toString());
      assertEquals(null, FileCommit.runIdsFromStats(spark, hadoop(p)), rows.toString());
    }
  }

  @Test
  void withoutTheChecksumTheCommitFallsBackToDeltasScan() throws IOException {
    Path copy = tmp.resolve("no-crc");
    copyTree(warehouse.resolve("indicators"), copy);
    try (Stream<Path> s = Files.list(copy.resolve("_delta_log"))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".crc")).toList()) {
        Files.delete(p);
      }
    }
    DeltaLog.clearCache();
    OptimisticTransaction txn = DeltaLog.forTable(spark, copy.toString()).startTransaction();
    assertTrue(txn.snapshot().checksumOpt().isEmpty());
    Set<Integer> years = Set.of(2001, 2003);
    List<AddFile> live = FileCommit.liveFiles(txn, years, yearsIn(years));
    assertEquals(2, live.size());
    assertEquals(paths(viaScan(copy, years)), paths(live));
  }

  @Test
  void tableCreatedByTheFirstCommitLooksLikeOneSparksWriterCreated() {
    for (OutputTable t : List.of(OutputTable.INDICATORS, OutputTable.QUALITY_CHECKS)) {
      Path ref = tmp.resolve("spark-" + t.tableName());
      spark.createDataFrame(List.<Row>of(), FileCommit.schema(t)).write().format("delta").mode("append")
          .partitionBy("year").save(ref.toString());
      DeltaLog.clearCache();
      Snapshot want = DeltaLog.forTable(spark, ref.toString()).startTransaction().snapshot();
      Snapshot have = version0(warehouse.resolve(t.tableName()));
      assertEquals(want.protocol(), have.protocol(), t.tableName());
      assertEquals(want.metadata().schema(), have.metadata().schema(), t.tableName());
      assertEquals(want.metadata().partitionColumns(), have.metadata().partitionColumns(), t.tableName());
      assertEquals(want.metadata().configuration(), have.metadata().configuration(), t.tableName());
      assertEquals(want.metadata().format(), have.metadata().format(), t.tableName());
    }
  }

  static Snapshot version0(Path table) {
    return DeltaLog.forTable(spark, table.toString()).getSnapshotAt(0L, Option.empty(), Option.empty(),
        false);
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path d = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(d);
        } else {
          Files.copy(p, d);
        }
      }
    }
  }
}
