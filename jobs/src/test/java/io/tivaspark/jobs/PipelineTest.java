package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.CliTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * generate -> run -> sql through the real command line on a small generated table with a split
 * country (CHN -> CN1, CN2), on the shared local Spark session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineTest {
  @TempDir
  static Path tmp;
  static Path store;
  static Path warehouse;
  static SparkSession spark;

  @BeforeAll
  static void generate() {
    spark = TestSpark.get();
    store = tmp.resolve("store");
    warehouse = tmp.resolve("warehouse");
    CliTest.generate(store, 5, 4, "2001-2003", 7);
    assertTrue(Files.exists(store.resolve("mrio.json")));
    assertTrue(Files.isDirectory(store.resolve("intermediate/year=2003")));
  }

  static Dataset<Row> table(String name) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString());
  }

  @Test
  @Order(1)
  void runWritesEveryTableForEveryYear() {
    Outcome r = CliTest.run("run", "--input", store.toString(), "--warehouse", warehouse.toString());
    assertEquals(0, r.code(), r.err());
    for (String t : List.of("indicators", "va_final_demand", "va_origin_exports", "quality_checks")) {
      List<Row> perYear = table(t).groupBy("year").agg(
          org.apache.spark.sql.functions.countDistinct("run_id").as("runs"),
          org.apache.spark.sql.functions.count("*").as("n")).orderBy("year").collectAsList();
      assertEquals(3, perYear.size(), t);
      for (Row row : perYear) {
        assertEquals(1L, row.getLong(1), t + " has one run per year");
        assertTrue(row.getLong(2) > 0, t + " year " + row.get(0) + " has rows");
      }
    }
    Row run = table("runs").first();
    assertEquals("SUCCEEDED", run.getAs("status"));
    assertTrue(((String) run.getAs("input_fingerprints")).contains("\"2002\""));
    // merged reporting: CHN appears, its split entities never do
    assertEquals(0, table("indicators").where("country IN ('CN1','CN2') OR partner IN ('CN1','CN2')").count());
    assertTrue(table("indicators").where("country = 'CHN' AND indicator = 'EXGR_DVA'").count() > 0);
    assertEquals(0, table("quality_checks").where("NOT passed AND check NOT LIKE 'I%'").count(),
        () -> table("quality_checks").where("NOT passed").collectAsList().toString());
    // industry aggregates (tiva.industry-hierarchy = auto picks icio2023 for the generator's codes):
    // A = A01_02 + A03, levels summed, checked by A1 every year
    double a = value("indicators", "indicator = 'EXGR' AND country = 'USA' AND partner = 'WLD' AND industry = 'A'");
    double members = table("indicators").where("year = 2001 AND indicator = 'EXGR' AND country = 'USA' AND partner = 'WLD'"
        + " AND industry IN ('A01_02', 'A03')").agg(org.apache.spark.sql.functions.sum("value")).first().getDouble(0);
    assertEquals(members, a, 1e-9 * Math.abs(members));
    assertEquals(3, table("quality_checks").where("check = 'A1' AND passed").count());
  }

  static double value(String t, String where) {
    return table(t).where("year = 2001 AND " + where).first().getAs("value");
  }

  @Test
  @Order(2)
  void rerunIsIdempotentAndReplacesOnlyItsYears() {
    List<Row> before = table("indicators").drop("run_id").orderBy("year", "indicator", "country", "partner", "industry")
        .collectAsList();
    long vaoBefore = table("va_origin_exports").count();
    Outcome r = CliTest.run("run", "--input", store.toString(), "--warehouse", warehouse.toString(), "--years", "2002");
    assertEquals(0, r.code(), r.err());
    List<Row> after = table("indicators").drop("run_id").orderBy("year", "indicator", "country", "partner", "industry")
        .collectAsList();
    assertEquals(before, after);
    assertEquals(vaoBefore, table("va_origin_exports").count());
    assertEquals(2, table("indicators").select("run_id").distinct().count());
    assertEquals(1, table("indicators").where("year = 2002").select("run_id").distinct().count());
    assertEquals(2, table("runs").count());
  }

  @Test
  @Order(3)
  void failedCheckExitsWith4WhenConfigured() throws Exception {
    // a tolerance no float computation meets makes the algebraic identities fail
    Path conf = tmp.resolve("strict.conf");
    Files.writeString(conf, "tiva.run { fail-on-check = true, algebra-tolerance = 1e-300 }\n");
    Path wh = tmp.resolve("wh-strict");
    Outcome r = CliTest.run("run", "--conf", conf.toString(), "--input", store.toString(), "--warehouse",
        wh.toString(), "--years", "2001");
    CliTest.assertOneLineError(r, 4, "quality checks failed");
    // the results are written all the same, and the failure is in quality_checks
    assertTrue(spark.read().format("delta").load(wh.resolve("quality_checks").toString()).where("NOT passed").count() > 0);
    assertEquals("SUCCEEDED", spark.read().format("delta").load(wh.resolve("runs").toString()).first().getAs("status"));
  }

  @Test
  @Order(4)
  void userDefinedGroupIsComputedAsOneEconomy() throws Exception {
    Path conf = tmp.resolve("groups.conf");
    Files.writeString(conf, "tiva.groups.NORTH = [USA, DEU]\n");
    Path wh = tmp.resolve("wh-groups");
    Outcome r = CliTest.run("run", "--conf", conf.toString(), "--input", store.toString(), "--warehouse",
        wh.toString(), "--years", "2003");
    assertEquals(0, r.code(), r.err());
    Dataset<Row> ind = spark.read().format("delta").load(wh.resolve("indicators").toString())
        .where("indicator = 'EXGR' AND partner = 'WLD' AND industry = '_T'");
    double group = ind.where("country = 'NORTH'").first().getDouble(ind.schema().fieldIndex("value"));
    double usa = ind.where("country = 'USA'").first().getDouble(ind.schema().fieldIndex("value"));
    double deu = ind.where("country = 'DEU'").first().getDouble(ind.schema().fieldIndex("value"));
    // trade between members is domestic: the group exports less than its members together
    assertTrue(group < usa + deu && group > 0, group + " vs " + usa + " + " + deu);
  }

  @Test
  @Order(5)
  void sqlPrintsCsvWithHeader() {
    Outcome r = CliTest.run("sql", "--warehouse", warehouse.toString(),
        "SELECT year, count(*) AS n FROM indicators GROUP BY year ORDER BY year");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().strip().lines().toList();
    assertEquals("year,n", lines.get(0));
    assertEquals(4, lines.size(), r.out());
    assertTrue(lines.get(1).startsWith("2001,"));
  }

  @Test
  @Order(6)
  void sqlUnknownTableIsUsageError() {
    Outcome r = CliTest.run("sql", "--warehouse", warehouse.toString(), "SELECT * FROM nope");
    CliTest.assertOneLineError(r, 2, "sql:");
  }
}
