package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import io.tivaspark.jobs.CliTest.Outcome;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/tiva generate (extensions on by default) then run --only footprints: the footprints table
 * is complete (every stressor, account, country and group), footprint_coefficients has its columns
 * and every economy × industry (and industry aggregate), the E checks pass; a store without extensions writes no footprints
 * or coefficient rows; long-csv ingest reads extensions files.
 */
class FootprintsFamilyTest {
  @TempDir
  static Path tmp;

  @Test
  void footprintsFamilyWritesCompleteAccountsAndPassingChecks() throws IOException {
    SparkSession spark = TestSpark.get();
    Path store = tmp.resolve("store");
    Path wh = tmp.resolve("warehouse");
    CliTest.generate(store, 5, 4, "2001-2002", 9);
    assertTrue(Files.isDirectory(store.resolve("extensions/year=2001")));
    Outcome r = CliTest.run("run", "--input", store.toString(), "--warehouse", wh.toString(), "--only",
        "footprints");
    assertEquals(0, r.code(), r.err());
    Dataset<Row> fp = spark.read().format("delta").load(wh.resolve("footprints").toString()).cache();
    Dataset<Row> qc = spark.read().format("delta").load(wh.resolve("quality_checks").toString());
    assertEquals(List.of(2001, 2002),
        fp.select("year").distinct().orderBy("year").collectAsList().stream().map(x -> x.getInt(0)).toList());
    assertEquals(List.of("CO2", "EMP"),
        fp.select("stressor").distinct().orderBy("stressor").collectAsList().stream().map(x -> x.getString(0))
            .toList());
    assertEquals(0, fp.where("country IN ('CN1','CN2') OR partner IN ('CN1','CN2')").count());
    // countries USA CHN DEU JPN ROW + groups with a member present (EU27, OECD, G20, USMCA)
    List<String> economies = List.of("USA", "CHN", "DEU", "JPN", "ROW", "EU27", "OECD", "G20", "USMCA");
    for (String account : List.of("PBA", "CBA", "IMP", "EXP", "F_Y", "EXGR_EMB", "IMGR_EMB")) {
      assertEquals(2L * 2 * economies.size(), fp.where("account = '" + account + "' AND partner = 'WLD'").count(),
          account);
    }
    assertEquals(2L * economies.size(), fp.where("stressor = 'CO2' AND account = 'PROD_CO2'").count());
    assertEquals(0, fp.where("stressor = 'EMP' AND account LIKE '%CO2%'").count());
    assertEquals(1, fp.where("year = 2001 AND stressor = 'CO2' AND account = 'PBA' AND country = 'CHN' "
        + "AND unit = 'kt'").count());
    assertEquals(1, fp.where("year = 2001 AND stressor = 'EMP' AND account = 'EXP' AND country = 'USA' "
        + "AND partner = 'CHN' AND unit = '1000 persons'").count());
    // E1 in the table: CBA = PBA + IMP - EXP for every economy
    Row e1 = spark.sql("SELECT max(abs(c.value - (p.value + i.value - e.value)) / greatest(1, abs(c.value))) "
        + "FROM " + view(fp, "CBA", "c") + " JOIN " + view(fp, "PBA", "p") + " USING (year, stressor, country) JOIN "
        + view(fp, "IMP", "i") + " USING (year, stressor, country) JOIN " + view(fp, "EXP", "e")
        + " USING (year, stressor, country)").first();
    assertTrue(e1.getDouble(0) < 1e-9, "E1 " + e1);
    Dataset<Row> fpChecks = qc.where("family = 'footprints' AND check <> 'R1'"); // R1: one per table, RunIntegrityTest
    assertEquals(2L * 2 * 5, fpChecks.count(), () -> fpChecks.collectAsList().toString());
    assertEquals(0, fpChecks.where("NOT passed").count(), () -> fpChecks.collectAsList().toString());
    assertEquals(List.of("E1", "E2", "E3", "E4", "E5"), fpChecks.select("check").distinct().orderBy("check")
        .collectAsList().stream().map(x -> x.getString(0)).toList());

    // footprint_coefficients: S, M, M_UP, M_DOM per economy and industry (+ _T), unit stressor/money
    Dataset<Row> co = spark.read().format("delta").load(wh.resolve("footprint_coefficients").toString()).cache();
    assertEquals(List.of("year", "stressor", "coefficient", "country", "industry", "value", "unit", "run_id"),
        List.of(co.columns()));
    assertEquals(List.of("M", "M_DOM", "M_UP", "S"), co.select("coefficient").distinct().orderBy("coefficient")
        .collectAsList().stream().map(x -> x.getString(0)).toList());
    // industries A01_02 A03 B05_06 B07_08, the icio2023 aggregates present (A, B, BTE; tiva.industry-hierarchy
    // = auto), and _T (docs/methods.md §17)
    int slots = 4 + 3 + 1;
    assertEquals(2L * 2 * economies.size() * slots * 4, co.count());
    // an aggregate merges its members' rows like _T: B and BTE have the same members here, so the same values
    Row b = spark.sql("SELECT count(*), max(abs(x.value - y.value)) FROM " + coef(co, "M", "x") + " JOIN "
        + coef(co, "M", "y") + " USING (year, stressor, country) WHERE x.industry = 'B' AND y.industry = 'BTE'").first();
    assertEquals(2L * 2 * economies.size(), b.getLong(0));
    assertEquals(0.0, b.getDouble(1), 0.0);
    assertEquals(0, co.where("country IN ('CN1','CN2') OR value IS NULL OR isnan(value)").count());
    assertEquals(2L * 2 * economies.size() * 4, co.where("industry = '_T'").count());
    assertEquals(2L * economies.size() * slots * 4, co.where("stressor = 'CO2' AND unit = 'kt/USD_M'").count());
    assertEquals(2L * economies.size() * slots * 4, co.where("stressor = 'EMP' AND unit = '1000 persons/USD_M'")
        .count());
    // M = S + M_UP on an unsplit country's industries; M_DOM within [0, M] for CO2
    Row mup = spark.sql("SELECT max(abs(m.value - s.value - u.value) / greatest(1e-12, abs(m.value))), "
        + "sum(CASE WHEN d.value < -1e-12 OR d.value > m.value * (1 + 1e-12) THEN 1 ELSE 0 END), count(*) FROM "
        + coef(co, "M", "m") + " JOIN " + coef(co, "S", "s") + " USING (year, stressor, country, industry) JOIN "
        + coef(co, "M_UP", "u") + " USING (year, stressor, country, industry) JOIN " + coef(co, "M_DOM", "d")
        + " USING (year, stressor, country, industry) WHERE country = 'USA' AND industry NOT IN ('_T', 'A', 'B', 'BTE')")
        .first();
    assertTrue(mup.getDouble(0) < 1e-12, "M = S + M_UP " + mup);
    assertEquals(0L, mup.getLong(1), "0 <= M_DOM <= M " + mup);
    assertEquals(2L * 2 * 4, mup.getLong(2));

    // the same store without satellite accounts: the family runs and writes no footprints rows
    TestTrees.delete(store.resolve("extensions"));
    TestTrees.delete(store.resolve("extensions_final_demand"));
    Path wh2 = tmp.resolve("warehouse-bare");
    Outcome r2 = CliTest.run("run", "--input", store.toString(), "--warehouse", wh2.toString(), "--only",
        "core,footprints");
    assertEquals(0, r2.code(), r2.err());
    assertEquals(0, spark.read().format("delta").load(wh2.resolve("footprints").toString()).count());
    assertEquals(0, spark.read().format("delta").load(wh2.resolve("footprint_coefficients").toString()).count());
    assertEquals(0, spark.read().format("delta").load(wh2.resolve("quality_checks").toString())
        .where("family = 'footprints'").count());
  }

  @Test
  void longCsvIngestReadsExtensions() throws IOException {
    MrioYear y = IngestFixtures.generated(4, 3, true, 2010);
    Satellite sat = y.satellite();
    Layout l = y.layout();
    Path in = tmp.resolve("long");
    IngestFixtures.writeLongCsv(in, List.of(y), true);
    int m = sat.m();
    try (Writer e = Files.newBufferedWriter(in.resolve("extensions.csv"), StandardCharsets.UTF_8);
        Writer f = Files.newBufferedWriter(in.resolve("extensions_final_demand.csv"), StandardCharsets.UTF_8)) {
      e.write("stressor,unit,country,industry,value,year\n");
      f.write("year,stressor,unit,country,category,value\n");
      for (int s = 0; s < m; s++) {
        for (int k = 0; k < l.n(); k++) {
          double v = sat.f()[s + k * m];
          if (v != 0) {
            e.write(sat.stressors().get(s) + "," + sat.units().get(s) + "," + l.entities().get(l.entityOfRow(k))
                + "," + l.industries().get(l.industryOfRow(k)) + "," + v + ",2010\n");
          }
        }
        for (int c = 0; c < l.countryCount(); c++) {
          for (int cat = 0; cat < l.categoryCount(); cat++) {
            double v = sat.fy()[s + l.finalDemandColumn(c, cat) * m];
            if (v != 0) {
              f.write("2010," + sat.stressors().get(s) + "," + sat.units().get(s) + "," + l.countries().get(c) + ","
                  + l.categories().get(cat) + "," + v + "\n");
            }
          }
        }
      }
    }
    Path out = tmp.resolve("long-store");
    Outcome r = CliTest.run("ingest", "--format", "long-csv", "--in", in.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    MrioYear back = IngestFixtures.read(out, 2010);
    assertEquals(sat.stressors(), back.satellite().stressors());
    assertEquals(sat.units(), back.satellite().units());
    assertArrayEquals(sat.f(), back.satellite().f());
    assertArrayEquals(sat.fy(), back.satellite().fy());

    // a stressor with two units is an input error naming the file and the rule
    Files.writeString(in.resolve("extensions.csv"), "year,stressor,unit,country,industry,value\n"
        + "2010,CO2,kt,USA,A01_02,1\n2010,CO2,t,USA,A03,2\n");
    Outcome bad = CliTest.run("ingest", "--format", "long-csv", "--in", in.toString(), "--out",
        tmp.resolve("long-bad").toString());
    CliTest.assertOneLineError(bad, 3, "one unit per stressor");
    // a split country's rows use its entity codes
    Files.writeString(in.resolve("extensions.csv"), "year,stressor,unit,country,industry,value\n"
        + "2010,CO2,kt,CHN,A01_02,1\n");
    CliTest.assertOneLineError(CliTest.run("ingest", "--format", "long-csv", "--in", in.toString(), "--out",
        tmp.resolve("long-bad2").toString()), 3, "extensions.csv");
  }

  private static String coef(Dataset<Row> co, String coefficient, String alias) {
    String name = "co_" + alias;
    co.where("coefficient = '" + coefficient + "'").select("year", "stressor", "country", "industry", "value")
        .createOrReplaceTempView(name);
    return name + " " + alias;
  }

  private static String view(Dataset<Row> fp, String account, String alias) {
    String name = "fp_" + alias;
    fp.where("partner = 'WLD' AND account = '" + account + "'").select("year", "stressor", "country", "value")
        .createOrReplaceTempView(name);
    return name + " " + alias;
  }
}
