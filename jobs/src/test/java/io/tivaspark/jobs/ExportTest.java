package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.CliTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/tiva export after a rerun: the warehouse folder read as plain Parquet holds the replaced
 * year's old files too (duplicated rows), the export holds current rows only. Also the run
 * summary's line for the table left empty by default.
 */
class ExportTest {
  @TempDir
  static Path tmp;

  static Path warehouse;

  @BeforeAll
  static void twoRuns() {
    TestSpark.get();
    Path store = tmp.resolve("store");
    CliTest.generate(store, 3, 2, "2009-2011", 5);
    warehouse = tmp.resolve("wh");
    String[] run = {"run", "--input", store.toString(), "--warehouse", warehouse.toString(), "--only", "core,gvc"};
    assertEquals(0, CliTest.run(run).code());
    Outcome second = CliTest.run(run); // replaces every year: the first run's files stay until VACUUM
    assertEquals(0, second.code(), second.err());
    assertTrue(second.out().contains("empty: export_decomposition_third: switched off by tiva.run.wwz-third-country"),
        second.out());
    assertTrue(second.out().contains("not written by this run (family not selected"), second.out());
  }

  private static long plainParquetRows(Path dir) {
    // a plain Parquet read of every data file under dir (no Delta log), as pandas or arrow would
    SparkSession spark = TestSpark.get();
    return spark.read().option("recursiveFileLookup", "false").parquet(dir.toString()).count();
  }

  private static long deltaRows(String table, String where) {
    return TestSpark.get().read().format("delta").load(warehouse.resolve(table).toString()).where(where).count();
  }

  @Test
  void exportAfterARerunHasNoDuplicateRows() throws Exception {
    long current = deltaRows("indicators", "year IN (2009, 2010)");
    long plainOnWarehouse = TestSpark.get().read().parquet(warehouse.resolve("indicators").toString())
        .where("year IN (2009, 2010)").count();
    assertEquals(2 * current, plainOnWarehouse, "the plain reader on the warehouse sees both runs' files");

    Path out = tmp.resolve("snap");
    Outcome r = CliTest.run("export", "--warehouse", warehouse.toString(), "--tables", "indicators,gvc_measures",
        "--years", "2009,2010", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(current, plainParquetRows(out.resolve("indicators")));
    assertEquals(deltaRows("gvc_measures", "year IN (2009, 2010)"), plainParquetRows(out.resolve("gvc_measures")));
    try (Stream<Path> s = Files.list(out.resolve("indicators"))) {
      List<String> years = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("year=")).sorted().toList();
      assertEquals(List.of("year=2009", "year=2010"), years, "one folder per year asked for");
    }
    long distinct = TestSpark.get().read().parquet(out.resolve("indicators").toString())
        .dropDuplicates(new String[] {"year", "indicator", "country", "partner", "industry"}).count();
    assertEquals(current, distinct, "no duplicate keys");
    assertFalse(Files.exists(out.resolve("runs")), "only the tables asked for");
  }

  @Test
  void csvExportWithHeader() throws Exception {
    Path out = tmp.resolve("csv");
    Outcome r = CliTest.run("export", "--warehouse", warehouse.toString(), "--tables", "gvc_measures", "--years",
        "2011", "--format", "csv", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    long rows = TestSpark.get().read().option("header", "true").csv(out.resolve("gvc_measures").toString()).count();
    assertEquals(deltaRows("gvc_measures", "year = 2011"), rows);
  }

  @Test
  void badRequestsAreUsageErrors() {
    CliTest.assertOneLineError(CliTest.run("export", "--warehouse", warehouse.toString(), "--tables", "nope",
        "--out", tmp.resolve("x").toString()), 2, "export: --tables: no table 'nope'");
    CliTest.assertOneLineError(CliTest.run("export", "--warehouse", warehouse.toString(), "--format", "xlsx",
        "--out", tmp.resolve("y").toString()), 2, "export: --format must be parquet or csv");
    CliTest.assertOneLineError(CliTest.run("export", "--warehouse", warehouse.toString(), "--out",
        warehouse.toString()), 2, "exists and is not an empty directory");
  }
}
