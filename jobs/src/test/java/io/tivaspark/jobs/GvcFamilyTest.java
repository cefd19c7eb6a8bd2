package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.CliTest.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/tiva run --only gvc, then --only core on the same warehouse: each family replaces only its own rows. */
class GvcFamilyTest {
  @TempDir
  static Path tmp;

  @Test
  void gvcFamilyWritesItsTablesAndChecks() {
    SparkSession spark = TestSpark.get();
    Path store = tmp.resolve("store");
    Path wh = tmp.resolve("warehouse");
    CliTest.generate(store, 4, 3, "2001-2002", 5);
    Outcome r = CliTest.run("run", "--input", store.toString(), "--warehouse", wh.toString(), "--only", "gvc");
    assertEquals(0, r.code(), r.err());
    Dataset<Row> dec = spark.read().format("delta").load(wh.resolve("export_decomposition").toString());
    Dataset<Row> gvc = spark.read().format("delta").load(wh.resolve("gvc_measures").toString());
    Dataset<Row> qc = spark.read().format("delta").load(wh.resolve("quality_checks").toString());
    assertEquals(List.of("BM_IMPORTER", "BM_IMPORTER_ORIGIN", "BM_SINK", "BM_SINK_BIL", "BM_SINK_SECTEXP", "BM_SINK_WLD",
        "BM_SOURCE", "BM_SOURCE_BIL", "BM_SOURCE_SECTBIL", "BM_SOURCE_SECTEXP", "BM_SOURCE_WLD", "KWW", "WWZ"),
        dec.select("method").distinct().orderBy("method").collectAsList().stream().map(x -> x.getString(0)).toList());
    assertEquals(2, dec.select("year").distinct().count());
    assertEquals(0, dec.where("exporter IN ('CN1','CN2') OR importer IN ('CN1','CN2')").count());
    assertTrue(dec.where("method = 'WWZ' AND exporter = 'CHN' AND importer = 'WLD' AND industry = '_T' "
        + "AND term = 'DVA_FIN'").count() == 2);
    assertTrue(gvc.where("measure = 'GVC_BM' AND country = 'CHN' AND industry = '_T'").count() == 2);
    // the detailed Borin–Mancini terms are further terms of BM_SOURCE and BM_SINK (docs/decompositions.md)
    assertEquals(2 * 2 * 10, dec.where("method IN ('BM_SOURCE', 'BM_SINK') AND exporter = 'CHN' AND importer = 'WLD' "
        + "AND industry = '_T' AND term RLIKE '^(VAX|REF|FVA)[1-4]$'").count());
    assertTrue(gvc.where("measure = 'UPSTREAMNESS'").count() > 0);
    assertEquals(0, qc.where("family = 'gvc' AND NOT passed").count(),
        () -> qc.where("NOT passed").collectAsList().toString());
    assertTrue(qc.where("family = 'gvc' AND check = 'W1'").count() > 0);
    // industry aggregates (tiva.industry-hierarchy = auto: icio2023; A = A01_02 + A03): terms summed,
    // shares recomputed, checks W6, B7, P6 on the rows written, family gvc (docs/decompositions.md)
    dec.createOrReplaceTempView("dec");
    Row a = spark.sql("SELECT count(*), max(abs(a.value - m.s) / greatest(1, abs(a.value))) FROM dec a JOIN (SELECT "
        + "year, method, exporter, importer, term, sum(value) AS s FROM dec WHERE industry IN ('A01_02', 'A03') GROUP BY "
        + "year, method, exporter, importer, term) m USING (year, method, exporter, importer, term) WHERE a.industry = 'A'")
        .first();
    assertTrue(a.getLong(0) > 100 && a.getDouble(1) < 1e-9, a.toString());
    assertEquals(2, gvc.where("measure = 'GVCPT_F' AND country = 'CHN' AND industry = 'A'").count());
    assertEquals(List.of("B7", "BD7", "P6", "W6"),
        qc.where("family = 'gvc' AND check IN ('W6', 'B7', 'BD7', 'P6') AND passed")
        .select("check").distinct().orderBy("check").collectAsList().stream().map(x -> x.getString(0)).toList());
    long decRows = dec.count();
    // core afterwards: gvc rows stay
    Outcome c = CliTest.run("run", "--input", store.toString(), "--warehouse", wh.toString(), "--only", "core");
    assertEquals(0, c.code(), c.err());
    Dataset<Row> dec2 = spark.read().format("delta").load(wh.resolve("export_decomposition").toString());
    assertEquals(decRows, dec2.count());
    Dataset<Row> qc2 = spark.read().format("delta").load(wh.resolve("quality_checks").toString());
    assertTrue(qc2.where("family = 'gvc'").count() > 0 && qc2.where("family = 'core'").count() > 0);
    // the default writes the third-country table empty
    assertEquals(0, spark.read().format("delta").load(wh.resolve("export_decomposition_third").toString()).count());
  }

  /** tiva.run.wwz-third-country = "country": the detail adds up to the WWZ re-export terms. */
  @Test
  void wwzThirdCountryDetail() throws Exception {
    SparkSession spark = TestSpark.get();
    Path store = tmp.resolve("store3");
    Path wh = tmp.resolve("warehouse3");
    Path conf = tmp.resolve("third.conf");
    java.nio.file.Files.writeString(conf, "tiva.run.wwz-third-country = \"country\"\n");
    CliTest.generate(store, 5, 3, "2003-2003", 9);
    Outcome r = CliTest.run("run", "--input", store.toString(), "--warehouse", wh.toString(), "--only", "gvc",
        "--conf", conf.toString());
    assertEquals(0, r.code(), r.err());
    spark.read().format("delta").load(wh.resolve("export_decomposition_third").toString())
        .createOrReplaceTempView("third");
    spark.read().format("delta").load(wh.resolve("export_decomposition").toString()).createOrReplaceTempView("dec");
    assertEquals(List.of("_T"), spark.sql("SELECT DISTINCT industry FROM third").collectAsList().stream()
        .map(x -> x.getString(0)).toList());
    assertEquals(3, spark.sql("SELECT DISTINCT term FROM third").count());
    assertEquals(0, spark.sql("SELECT * FROM third WHERE third_country = importer OR third_country = exporter "
        + "OR third_country IN ('CN1', 'CN2', 'WLD')").count());
    List<Row> diff = spark.sql("SELECT d.exporter, d.importer, d.term, d.value, t.s FROM dec d JOIN (SELECT exporter, "
        + "importer, term, SUM(value) AS s FROM third GROUP BY exporter, importer, term) t USING (exporter, importer, "
        + "term) WHERE d.method = 'WWZ' AND d.industry = '_T' AND ABS(d.value - t.s) > 1e-9 * GREATEST(1, ABS(d.value))")
        .collectAsList();
    assertTrue(diff.isEmpty(), diff.toString());
    assertTrue(spark.sql("SELECT COUNT(*) FROM third").first().getLong(0) > 0);
    Dataset<Row> qc = spark.read().format("delta").load(wh.resolve("quality_checks").toString());
    assertEquals(1, qc.where("check = 'W5' AND passed").count());
  }
}
