package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.CliTest.Outcome;
import io.tivaspark.jobs.store.Dataset;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.ParquetRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store-level bad input: exit code 3, one line naming dataset, year and rule; the bad year is
 * not written, the good years complete, and nothing of the bad year in the warehouse changes.
 */
class BadInputTest {
  @TempDir
  static Path tmp;
  static Path clean;

  @BeforeAll
  static void generate() {
    TestSpark.get();
    clean = tmp.resolve("clean");
    CliTest.generate(clean, 4, 3, "2010-2011", 3);
  }

  static Path copy(String name) throws IOException {
    return TestTrees.copy(clean, tmp.resolve(name));
  }

  /** Adds a file with the given rows to a dataset's year directory. */
  static void addRows(Path store, Dataset d, int year, Object[]... rows) throws IOException {
    Path dir = store.resolve(d.dir()).resolve("year=" + year);
    Files.createDirectories(dir);
    ParquetRows.Writer w = new ParquetRows.Writer(HadoopConf.local().get(),
        new org.apache.hadoop.fs.Path(dir.resolve("part-extra.parquet").toString()), d.dir(), d.columns());
    for (Object[] r : rows) {
      w.write(r);
    }
    w.commit();
  }

  static Outcome run(Path store, Path warehouse) {
    return CliTest.run("run", "--input", store.toString(), "--warehouse", warehouse.toString());
  }

  @Test
  void duplicateKeyFailsThatYearOnly() throws IOException {
    Path s = copy("dup");
    // USA A01_02 -> USA A01_02 exists in every generated table: a second row for it is a duplicate
    addRows(s, Dataset.INTERMEDIATE, 2011, new Object[] {"USA", "A01_02", "USA", "A01_02", 1.0});
    Path wh = tmp.resolve("wh-dup");
    Outcome r = run(s, wh);
    CliTest.assertOneLineError(r, 3, "intermediate/, year 2011");
    assertTrue(r.err().contains("duplicate key"), r.err());
    assertTrue(r.err().contains("from_country=USA"), r.err());
    var ind = TestSpark.get().read().format("delta").load(wh.resolve("indicators").toString());
    assertEquals(1, ind.select("year").distinct().count(), "2010 completes, 2011 is not written");
    assertEquals("PARTIAL", TestSpark.get().read().format("delta").load(wh.resolve("runs").toString())
        .first().getAs("status"));
  }

  @Test
  void unknownCountryCode() throws IOException {
    Path s = copy("unknown");
    addRows(s, Dataset.FINAL_DEMAND, 2010, new Object[] {"XXX", "A01_02", "USA", "HFCE", 1.0});
    Outcome r = run(s, tmp.resolve("wh-unknown"));
    CliTest.assertOneLineError(r, 3, "final_demand/, year 2010, from_country=XXX");
    assertTrue(r.err().contains("unknown country code"), r.err());
  }

  @Test
  void nanValue() throws IOException {
    Path s = copy("nan");
    addRows(s, Dataset.VALUE_ADDED, 2011, new Object[] {"USA", "A01_02", "SUBSIDIES", Double.POSITIVE_INFINITY});
    Outcome r = run(s, tmp.resolve("wh-nan"));
    CliTest.assertOneLineError(r, 3, "value_added/, year 2011");
    assertTrue(r.err().contains("NaN or infinite"), r.err());
  }

  @Test
  void yearMissingFromRequiredDatasetFailsThatYearOnly() throws IOException {
    Path s = copy("missing");
    Path fd = s.resolve("final_demand/year=2011");
    TestTrees.delete(fd);
    Path wh = tmp.resolve("wh-missing");
    Outcome r = run(s, wh);
    CliTest.assertOneLineError(r, 3, "final_demand/, year 2011");
    assertTrue(r.err().contains("year missing from a required dataset"), r.err());
    var ind = TestSpark.get().read().format("delta").load(wh.resolve("indicators").toString());
    assertEquals(List.of(2010), ind.select("year").distinct().as(org.apache.spark.sql.Encoders.INT()).collectAsList(),
        "2010 completes, 2011 is held back");
  }

  @Test
  void negativeOutput() throws IOException {
    Path s = copy("negout");
    // the generated store has published output: replace year 2010's with one negative cell
    try (Stream<Path> w = Files.list(s.resolve("output/year=2010"))) {
      for (Path f : w.toList()) {
        Files.delete(f);
      }
    }
    addRows(s, Dataset.OUTPUT, 2010, new Object[] {"USA", "A01_02", -5.0});
    Path wh = tmp.resolve("wh-negout");
    Outcome r = run(s, wh);
    CliTest.assertOneLineError(r, 3, "output/, year 2010, country=USA industry=A01_02");
    assertTrue(r.err().contains("negative gross output"), r.err());
  }

  @Test
  void unreadableFileFailsItsYearAndLeavesTheWarehouseUntouched() throws IOException {
    Path s = copy("corrupt");
    Path wh = tmp.resolve("wh-corrupt");
    assertEquals(0, run(s, wh).code());
    long before = TestSpark.get().read().format("delta").load(wh.resolve("indicators").toString())
        .where("year = 2011").count();
    String runBefore = TestSpark.get().read().format("delta").load(wh.resolve("indicators").toString())
        .where("year = 2011").select("run_id").first().getString(0);
    Path dir = s.resolve("intermediate/year=2011");
    Files.writeString(dir.resolve("part-garbage.parquet"), "this is not a parquet file");
    Outcome r = run(s, wh);
    CliTest.assertOneLineError(r, 3, "part-garbage.parquet, year 2011");
    var ind = TestSpark.get().read().format("delta").load(wh.resolve("indicators").toString()).where("year = 2011");
    assertEquals(before, ind.count(), "the bad year keeps its rows");
    assertEquals(runBefore, ind.select("run_id").distinct().first().getString(0), "and its run id");
  }

  @Test
  void missingMrioJson() throws IOException {
    Path s = copy("nojson");
    Files.delete(s.resolve("mrio.json"));
    Outcome r = run(s, tmp.resolve("wh-nojson"));
    CliTest.assertOneLineError(r, 3, "mrio.json is missing");
  }
}
