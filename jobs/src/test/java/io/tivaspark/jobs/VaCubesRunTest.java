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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/tiva run --only core on a generated store (split CHN): {@code va_origin_imports} and
 * {@code va_final_demand_product} exist with the columns and row counts of docs/data-dictionary.md
 * §1.3.1–§1.3.2, add up to the indicators, and carry their J3, J4 and R1 rows; the
 * {@code tiva.run.va-origin-imports} / {@code va-final-demand-product} settings change them; a bad
 * value is exit 2 naming the key.
 */
class VaCubesRunTest {
  @TempDir
  static Path tmp;

  static Dataset<Row> table(Path wh, String name) {
    return TestSpark.get().read().format("delta").load(wh.resolve(name).toString());
  }

  @Test
  void defaultRunWritesBothCubes() {
    Path store = tmp.resolve("store");
    Path wh = tmp.resolve("wh");
    CliTest.generate(store, 4, 3, "2001-2001", 5);
    Outcome r = CliTest.run("run", "--input", store.toString(), "--warehouse", wh.toString(), "--only", "core");
    assertEquals(0, r.code(), r.err());
    long g = table(wh, "va_final_demand").select("source_country").distinct().count();
    long n = table(wh, "va_final_demand").select("source_industry").distinct().count();
    Dataset<Row> imp = table(wh, "va_origin_imports");
    assertEquals(List.of("year", "source_country", "source_industry", "importer", "partner", "import_industry", "value",
        "run_id"), List.of(imp.columns()));
    assertEquals(g * g * (g - 1) * n, imp.count(), "G²(G-1)N rows");
    assertEquals(List.of("_T"), imp.select("source_industry").distinct().collectAsList().stream()
        .map(x -> x.getString(0)).toList());
    assertEquals(0, imp.where("importer = partner OR importer IN ('CN1', 'CN2') OR partner IN ('CN1', 'CN2') "
        + "OR source_country IN ('CN1', 'CN2')").count());
    Dataset<Row> fdp = table(wh, "va_final_demand_product");
    assertEquals(List.of("year", "source_country", "source_industry", "demand_country", "product_industry", "value",
        "run_id"), List.of(fdp.columns()));
    assertEquals(g * n * g * n, fdp.count(), "(GN)² rows");
    Dataset<Row> qc = table(wh, "quality_checks");
    assertEquals(4, qc.where("check = 'J3' AND passed AND family = 'core'").count());
    assertEquals(4, qc.where("check = 'J4' AND passed AND family = 'core'").count());
    assertEquals(2, qc.where("check = 'R1' AND scope IN ('va_origin_imports', 'va_final_demand_product')").count());
    assertImportsAddUpToImgr(wh);
  }

  /** Σ over sources of va_origin_imports = IMGR(importer, partner, industry) as the indicators table has it. */
  static void assertImportsAddUpToImgr(Path wh) {
    SparkSession spark = TestSpark.get();
    table(wh, "va_origin_imports").createOrReplaceTempView("imp");
    table(wh, "indicators").createOrReplaceTempView("ind");
    List<Row> diff = spark.sql("SELECT i.country, i.partner, i.industry, i.value, s.v FROM ind i JOIN (SELECT "
        + "importer, partner, import_industry, SUM(value) AS v FROM imp GROUP BY importer, partner, import_industry) s "
        + "ON i.country = s.importer AND i.partner = s.partner AND i.industry = s.import_industry "
        + "WHERE i.indicator = 'IMGR' AND ABS(i.value - s.v) > 1e-9 * GREATEST(1, ABS(i.value))").collectAsList();
    assertTrue(diff.isEmpty(), diff.toString());
    long joined = spark.sql("SELECT COUNT(*) FROM ind i JOIN (SELECT DISTINCT importer, partner, import_industry "
        + "FROM imp) s ON i.country = s.importer AND i.partner = s.partner AND i.industry = s.import_industry "
        + "WHERE i.indicator = 'IMGR'").first().getLong(0);
    assertTrue(joined > 0);
  }

  @Test
  void industryDetailAndSwitchedOff() throws Exception {
    Path store = tmp.resolve("store2");
    Path wh = tmp.resolve("wh2");
    Path conf = tmp.resolve("cubes.conf");
    Files.writeString(conf, "tiva.run.va-origin-imports = \"industry\"\ntiva.run.va-final-demand-product = off\n");
    CliTest.generate(store, 4, 2, "2002-2002", 8);
    Outcome r = CliTest.run("run", "--conf", conf.toString(), "--input", store.toString(), "--warehouse",
        wh.toString(), "--only", "core");
    assertEquals(0, r.code(), r.err());
    long g = table(wh, "va_final_demand").select("source_country").distinct().count();
    long n = table(wh, "va_final_demand").select("source_industry").distinct().count();
    Dataset<Row> imp = table(wh, "va_origin_imports");
    assertEquals(g * g * (g - 1) * n * n, imp.count(), "G²(G-1)N² rows");
    assertEquals(n, imp.select("source_industry").distinct().count());
    assertEquals(0, table(wh, "va_final_demand_product").count());
    Dataset<Row> qc = table(wh, "quality_checks");
    assertEquals(4, qc.where("check = 'J3' AND passed").count());
    assertEquals(0, qc.where("check = 'J4'").count());
  }

  @Test
  void badDetailIsConfigurationError() throws Exception {
    Path f = tmp.resolve("bad.conf");
    Files.writeString(f, "tiva.run.va-origin-imports = \"source\"\n");
    Files.createDirectories(tmp.resolve("in"));
    CliTest.assertOneLineError(CliTest.run("run", "--conf", f.toString(), "--input", tmp.resolve("in").toString(),
        "--warehouse", tmp.resolve("whx").toString()), 2, "tiva.run.va-origin-imports");
  }
}
