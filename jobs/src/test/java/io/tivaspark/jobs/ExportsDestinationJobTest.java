package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.CliTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * va_exports_destination (docs/data-dictionary.md §1.3.3) through bin/tiva run --only core: the
 * documented columns, 2·G³ rows a year by default ("_T" only), 2·G³·(N + 1) with
 * tiva.run.exports-destination = "industry", sums equal to EXGR_DVA / EXGR_FVA, checks J6–J8 and R1
 * passed; a bad value is exit 2 naming the key.
 */
class ExportsDestinationJobTest {
  @TempDir
  static Path tmp;

  @Test
  void tableHasTheDocumentedColumnsAndRows() throws Exception {
    SparkSession spark = TestSpark.get();
    Path store = tmp.resolve("store");
    CliTest.generate(store, 4, 3, "2001-2002", 5);
    Path wh = tmp.resolve("wh");
    Outcome r = CliTest.run("run", "--input", store.toString(), "--warehouse", wh.toString(), "--only", "core");
    assertEquals(0, r.code(), r.err());
    Dataset<Row> t = spark.read().format("delta").load(wh.resolve("va_exports_destination").toString());
    assertEquals(List.of("year", "source_country", "exporter", "export_industry", "destination", "flow", "value",
        "run_id"), Arrays.asList(t.columns()));
    long g = t.select("exporter").distinct().count();
    assertEquals(4, g);
    assertEquals(2 * 2 * g * g * g, t.count(), "2·G³ rows a year, two years");
    assertEquals(List.of("_T"), distinct(t, "export_industry"));
    assertEquals(List.of("FNL", "INT"), distinct(t, "flow"));
    assertEquals(0, t.where("exporter IN ('CN1', 'CN2') OR source_country IN ('CN1', 'CN2') OR value IS NULL").count());
    t.createOrReplaceTempView("fd");
    spark.read().format("delta").load(wh.resolve("indicators").toString()).createOrReplaceTempView("ind");
    List<Row> bad = spark.sql("SELECT i.indicator, i.country, i.value, s.v FROM ind i JOIN (SELECT year, exporter, "
        + "CASE WHEN source_country = exporter THEN 'EXGR_DVA' ELSE 'EXGR_FVA' END AS indicator, SUM(value) AS v "
        + "FROM fd GROUP BY 1, 2, 3) s ON i.year = s.year AND i.country = s.exporter AND i.indicator = s.indicator "
        + "WHERE i.partner = 'WLD' AND i.industry = '_T' AND ABS(i.value - s.v) > 1e-9 * GREATEST(1, ABS(i.value))")
        .collectAsList();
    assertTrue(bad.isEmpty(), bad.toString());
    // the example of data-dictionary §1.3.3 (CHN's value added through another exporter, by final market)
    String via = t.where("exporter <> 'CHN'").select("exporter").orderBy("exporter").first().getString(0);
    List<Row> markets = spark.sql("SELECT destination, sum(value) AS va, round(100 * sum(value) / sum(sum(value)) "
        + "OVER (), 2) AS pct FROM fd WHERE year = 2001 AND source_country = 'CHN' AND exporter = '" + via
        + "' AND export_industry = '_T' GROUP BY destination ORDER BY va DESC").collectAsList();
    assertEquals(g, markets.size());
    assertEquals(100.0, markets.stream().mapToDouble(x -> x.getDouble(2)).sum(), 0.05);
    Dataset<Row> qc = spark.read().format("delta").load(wh.resolve("quality_checks").toString());
    assertEquals(2 * 5, qc.where("check IN ('J6', 'J7', 'J8') AND passed AND family = 'core'").count());
    assertEquals(2, qc.where("check = 'R1' AND scope = 'va_exports_destination' AND passed").count());

    Path conf = tmp.resolve("industry.conf");
    Files.writeString(conf, "tiva.run.exports-destination = \"industry\"\n");
    Path wh2 = tmp.resolve("wh2");
    Outcome r2 = CliTest.run("run", "--input", store.toString(), "--warehouse", wh2.toString(), "--only", "core",
        "--years", "2001", "--conf", conf.toString());
    assertEquals(0, r2.code(), r2.err());
    Dataset<Row> t2 = spark.read().format("delta").load(wh2.resolve("va_exports_destination").toString());
    assertEquals(2 * g * g * g * (3 + 1), t2.count(), "2·G³·(N + 1) rows");

    Files.writeString(conf, "tiva.run.exports-destination = \"sometimes\"\n");
    CliTest.assertOneLineError(CliTest.run("run", "--input", store.toString(), "--warehouse",
        tmp.resolve("wh3").toString(), "--conf", conf.toString()), 2, "tiva.run.exports-destination");
  }

  private static List<String> distinct(Dataset<Row> t, String col) {
    return t.select(col).distinct().orderBy(col).collectAsList().stream().map(x -> x.getString(0)).toList();
  }
}
