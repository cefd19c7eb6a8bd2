package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.tivaspark.common.math.OecdCodes;
import io.tivaspark.jobs.CliTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code indicator_codes} table (docs/data-dictionary.md §1.8) through {@code bin/tiva run}: written
 * by the first run, not rewritten while its content is unchanged, rewritten when it differs, refused
 * when its path holds something else; every code the indicators table holds has a row.
 */
class IndicatorCodesTableTest {
  @TempDir
  static Path tmp;
  static Path store;

  @BeforeAll
  static void generate() {
    store = tmp.resolve("store");
    CliTest.generate(store, 3, 2, "2005-2005", 11);
  }

  static Outcome run(Path warehouse) {
    return CliTest.run("run", "--input", store.toString(), "--warehouse", warehouse.toString(), "--only", "core");
  }

  static long commits(SparkSession spark, Path table) {
    return DeltaTable.forPath(spark, table.toString()).history().count();
  }

  @Test
  void writtenOnceRewrittenOnlyWhenChanged() {
    SparkSession spark = TestSpark.get();
    Path wh = tmp.resolve("wh");
    Path table = wh.resolve("indicator_codes");
    assertEquals(0, run(wh).code());
    assertEquals(OecdCodes.all().size(), spark.read().format("delta").load(table.toString()).count());
    assertEquals(List.of(OecdCodes.COLUMNS.toArray(new String[0])),
        List.of(spark.read().format("delta").load(table.toString()).schema().fieldNames()));
    assertEquals(1, commits(spark, table));

    spark.read().format("delta").load(wh.resolve("indicators").toString()).createOrReplaceTempView("ind_t");
    spark.read().format("delta").load(table.toString()).createOrReplaceTempView("codes_t");
    List<Row> unmapped = spark.sql("SELECT DISTINCT indicator FROM ind_t WHERE indicator NOT IN "
        + "(SELECT code FROM codes_t WHERE our_table = 'indicators')").collectAsList();
    assertEquals(List.of(), unmapped, "indicators written without a row in indicator_codes");

    assertEquals(0, run(wh).code());
    assertEquals(1, commits(spark, table), "unchanged content: no new commit");

    DeltaTable.forPath(spark, table.toString()).delete("code = 'PROD'");
    assertEquals(2, commits(spark, table));
    assertEquals(0, run(wh).code());
    assertEquals(3, commits(spark, table), "changed content: rewritten in one commit");
    assertEquals(OecdCodes.all().size(), spark.read().format("delta").load(table.toString()).count());
  }

  @Test
  void aPlainDirectoryInItsPlaceIsRefused() throws Exception {
    Path wh = tmp.resolve("wh-foreign");
    Files.createDirectories(wh.resolve("indicator_codes"));
    Files.writeString(wh.resolve("indicator_codes/notes.txt"), "not a Delta table");
    Outcome r = run(wh);
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("indicator_codes") && r.err().contains("is not a Delta table"), r.err());
    assertTrue(!Files.exists(wh.resolve("indicators/_delta_log")), "nothing written");
  }
}
