package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import io.tivaspark.jobs.CliTest.Outcome;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/tiva generate (extensions on by default) then run --only footprints: the footprints table
 * is complete (every stressor, account, country and group), footprint_coefficients has its columns
 * and every economy × industry (and industry aggregate), the E checks pass; a store without
 * extensions writes no footprints or coefficient rows; long-csv ingest reads extensions files; the
 * TECO2 shares, intensities and per-capita codes (generator population, long-csv population.csv;
 * without population: no per-capita rows and one log line).
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
    assertTrue(Files.isDirectory(store.resolve("population/year=2002")), "the generator writes a population");
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
    // E1-E5 per stressor, E6-E9 for CO2 (E9: per capita, the store has a population)
    assertEquals(2L * (2 * 5 + 4), fpChecks.count(), () -> fpChecks.collectAsList().toString());
    assertEquals(0, fpChecks.where("NOT passed").count(), () -> fpChecks.collectAsList().toString());
    assertEquals(List.of("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"), fpChecks.select("check").distinct()
        .orderBy("check").collectAsList().stream().map(x -> x.getString(0)).toList());
    teco2Codes(spark, fp, store, economies);

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

    // without population/: no per-capita rows, no E9, one log line says so
    TestTrees.delete(store.resolve("population"));
    Path wh3 = tmp.resolve("warehouse-nopop");
    Outcome r3;
    String log;
    try (LogCapture cap = new LogCapture()) {
      r3 = CliTest.run("run", "--input", store.toString(), "--warehouse", wh3.toString(), "--only", "footprints");
      log = cap.text();
    }
    assertEquals(0, r3.code(), r3.err());
    assertTrue(log.contains("the store has no population/ dataset: the per-capita codes FD_PCCO2 and PROD_PCCO2 "
        + "are not written"), log);
    Dataset<Row> fp3 = spark.read().format("delta").load(wh3.resolve("footprints").toString());
    assertEquals(0, fp3.where("account LIKE '%PCCO2'").count());
    assertTrue(fp3.where("account = 'EXGR_TCO2INT'").count() > 0, "the other TECO2 codes do not need a population");
    assertEquals(0, spark.read().format("delta").load(wh3.resolve("quality_checks").toString())
        .where("check = 'E9'").count());

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
    Path in = tmp.resolve("long");
    IngestFixtures.writeLongCsv(in, List.of(y), true);
    writeSatelliteCsv(in, List.of(y));
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

  /**
   * Long-CSV ingest with population.csv for 2010 only (one country without a row): the store gets
   * population/ for both years (2011 an empty partition); run writes per-capita rows for 2010 (NULL
   * for the country of unknown population) and none for 2011, and the log says so.
   */
  @Test
  void longCsvPopulationGivesPerCapitaCodesForTheYearsThatHaveIt() throws IOException {
    SparkSession spark = TestSpark.get();
    List<MrioYear> ys = List.of(IngestFixtures.generated(4, 3, true, 2010), IngestFixtures.generated(4, 3, true, 2011));
    Path in = tmp.resolve("long-pop");
    IngestFixtures.writeLongCsv(in, ys, true);
    writeSatelliteCsv(in, ys);
    MrioYear y0 = ys.get(0);
    Layout l = y0.layout();
    StringBuilder pop = new StringBuilder("year,country,value\n");
    for (int c = 0; c < l.countryCount(); c++) {
      if (!l.countries().get(c).equals("DEU")) {
        pop.append("2010,").append(l.countries().get(c)).append(',').append(y0.population()[c]).append('\n');
      }
    }
    Files.writeString(in.resolve("population.csv"), pop.toString());
    Path out = tmp.resolve("long-pop-store");
    Outcome r = CliTest.run("ingest", "--format", "long-csv", "--in", in.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.isDirectory(out.resolve("population/year=2011")), "an empty partition for 2011");
    double[] back = IngestFixtures.read(out, 2010).population();
    int deu = l.countryIndex("DEU");
    assertTrue(Double.isNaN(back[deu]), "no row: unknown");
    back[deu] = y0.population()[deu];
    assertArrayEquals(y0.population(), back);
    assertEquals(null, IngestFixtures.read(out, 2011).population());

    Path wh = tmp.resolve("long-pop-wh");
    String log;
    try (LogCapture cap = new LogCapture()) {
      Outcome run = CliTest.run("run", "--input", out.toString(), "--warehouse", wh.toString(), "--only", "footprints");
      assertEquals(0, run.code(), run.err());
      log = cap.text();
    }
    assertTrue(log.contains("population/ year 2011 has no rows: per-capita codes (FD_PCCO2, PROD_PCCO2) are not "
        + "written for it"), log);
    Dataset<Row> fp = spark.read().format("delta").load(wh.resolve("footprints").toString());
    assertEquals(0, fp.where("year = 2011 AND account LIKE '%PCCO2'").count());
    // countries USA CHN DEU ROW + groups with a member present (EU27, OECD, G20, USMCA); DEU and its groups: NULL
    assertEquals(8, fp.where("year = 2010 AND account = 'FD_PCCO2'").count());
    assertEquals(List.of("DEU", "EU27", "G20", "OECD"), fp.where("year = 2010 AND account = 'FD_PCCO2' AND value IS NULL")
        .select("country").orderBy("country").collectAsList().stream().map(x -> x.getString(0)).toList());
    Dataset<Row> qc = spark.read().format("delta").load(wh.resolve("quality_checks").toString());
    assertEquals(1, qc.where("year = 2010 AND check = 'E9' AND passed").count());
    assertEquals(0, qc.where("year = 2011 AND check = 'E9'").count());
    assertEquals(0, qc.where("family = 'footprints' AND NOT passed").count());

    // a split entity code in population.csv is an input error naming the file
    Files.writeString(in.resolve("population.csv"), "year,country,value\n2010,CN1,5\n");
    CliTest.assertOneLineError(CliTest.run("ingest", "--format", "long-csv", "--in", in.toString(), "--out",
        tmp.resolve("long-pop-bad").toString()), 3, "population is by reporting country");
  }

  /** The remaining TECO2 codes in the table: per capita against the store's population, shares, intensities. */
  private static void teco2Codes(SparkSession spark, Dataset<Row> fp, Path store, List<String> economies)
      throws IOException {
    assertEquals(2L * economies.size(), fp.where("account = 'FD_PCCO2' AND unit = 't/person'").count());
    assertEquals(2L * economies.size(), fp.where("account = 'PROD_PCCO2' AND partner = 'WLD'").count());
    MrioYear y = IngestFixtures.read(store, 2001);
    double popChn = y.population()[y.layout().countryIndex("CHN")];
    double fdChn = fp.where("year = 2001 AND account = 'FD_CO2' AND country = 'CHN' AND partner = 'WLD'").first()
        .<Double>getAs("value");
    double pc = fp.where("year = 2001 AND account = 'FD_PCCO2' AND country = 'CHN'").first().<Double>getAs("value");
    assertEquals(fdChn * 1000 / popChn, pc, 1e-12 * pc, "FD_PCCO2 = FD_CO2 (kt) x 1000 / persons");
    Row psh = spark.sql("SELECT min(s), max(s) FROM (SELECT sum(value) s FROM " + view(fp, "EXGR_TCO2PSH", "p", false)
        + " GROUP BY year, country) t").first();
    assertEquals(100.0, psh.getDouble(0), 1e-9);
    assertEquals(100.0, psh.getDouble(1), 1e-9);
    assertEquals(2L * economies.size(), fp.where("account = 'IMGR_TCO2INT' AND unit = 'kt/USD_M'").count());
    assertEquals(0, fp.where("account IN ('PROD_EFCO2', 'FFD_DEMPN', 'DFD_FEMPN', 'FD_EMPN')").count(),
        "codes no source confirms are not written");
  }

  /** Captures the log lines of io.tivaspark (INFO and above) while open. */
  static final class LogCapture implements AutoCloseable {
    private final StringWriter out = new StringWriter();
    private final LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    private final WriterAppender app;

    LogCapture() {
      app = WriterAppender.newBuilder().setName("capture-" + System.nanoTime()).setTarget(out)
          .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build()).build();
      app.start();
      ctx.getConfiguration().addAppender(app);
      ctx.getConfiguration().getLoggerConfig("io.tivaspark").addAppender(app, Level.INFO, null);
      ctx.updateLoggers();
    }

    String text() {
      return out.toString();
    }

    @Override
    public void close() {
      ctx.getConfiguration().getLoggerConfig("io.tivaspark").removeAppender(app.getName());
      app.stop();
      ctx.updateLoggers();
    }
  }

  /** extensions.csv and extensions_final_demand.csv of the years (non-zero cells), columns in two orders. */
  static void writeSatelliteCsv(Path in, List<MrioYear> years) throws IOException {
    try (Writer e = Files.newBufferedWriter(in.resolve("extensions.csv"), StandardCharsets.UTF_8);
        Writer f = Files.newBufferedWriter(in.resolve("extensions_final_demand.csv"), StandardCharsets.UTF_8)) {
      e.write("stressor,unit,country,industry,value,year\n");
      f.write("year,stressor,unit,country,category,value\n");
      for (MrioYear y : years) {
        Satellite sat = y.satellite();
        Layout l = y.layout();
        int m = sat.m();
        for (int s = 0; s < m; s++) {
          for (int k = 0; k < l.n(); k++) {
            double v = sat.f()[s + k * m];
            if (v != 0) {
              e.write(sat.stressors().get(s) + "," + sat.units().get(s) + "," + l.entities().get(l.entityOfRow(k))
                  + "," + l.industries().get(l.industryOfRow(k)) + "," + v + "," + y.year() + "\n");
            }
          }
          for (int c = 0; c < l.countryCount(); c++) {
            for (int cat = 0; cat < l.categoryCount(); cat++) {
              double v = sat.fy()[s + l.finalDemandColumn(c, cat) * m];
              if (v != 0) {
                f.write(y.year() + "," + sat.stressors().get(s) + "," + sat.units().get(s) + ","
                    + l.countries().get(c) + "," + l.categories().get(cat) + "," + v + "\n");
              }
            }
          }
        }
      }
    }
  }

  private static String coef(Dataset<Row> co, String coefficient, String alias) {
    String name = "co_" + alias;
    co.where("coefficient = '" + coefficient + "'").select("year", "stressor", "country", "industry", "value")
        .createOrReplaceTempView(name);
    return name + " " + alias;
  }

  private static String view(Dataset<Row> fp, String account, String alias) {
    return view(fp, account, alias, true);
  }

  /** A temp view of one account's rows, at partner WLD or at the bilateral partners. */
  private static String view(Dataset<Row> fp, String account, String alias, boolean world) {
    String name = "fp_" + alias;
    fp.where("partner " + (world ? "=" : "<>") + " 'WLD' AND account = '" + account + "'")
        .select("year", "stressor", "country", "value").createOrReplaceTempView(name);
    return name + " " + alias;
  }
}
