package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.io.IcioEdition;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.jobs.CliTest.Outcome;
import io.tivaspark.jobs.store.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/tiva validate: contract rules (exit 3) and balance checks (warnings, or 3 when configured). */
class ValidateTest {
  @TempDir
  static Path tmp;
  static Path generated;
  /** Years 2010-2011 ingested; in 2011 the published output of DEU_A03 is 50 too high. */
  static Path unbalanced;

  @BeforeAll
  static void setUp() throws IOException {
    TestSpark.get();
    generated = tmp.resolve("gen");
    CliTest.generate(generated, 4, 3, "2010-2012", 3);
    Path in = tmp.resolve("icio");
    Files.createDirectories(in);
    IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, true, 2010), in.resolve("ICIO_2010.csv"));
    MrioYear t = IngestFixtures.generated(4, 3, true, 2011);
    double[] x = t.publishedOutput().clone();
    int k = t.layout().row(t.layout().entityIndex("DEU"), t.layout().industryIndex("A03"));
    x[k] += 50;
    IcioEdition.ICIO2023.write(new MrioYear(2011, t.layout(), t.z(), t.finalDemand(), t.valueAdded(), x),
        in.resolve("ICIO_2011.csv"));
    unbalanced = tmp.resolve("unbalanced");
    Outcome r = CliTest.run("ingest", "--format", "icio", "--in", in.toString(), "--out", unbalanced.toString());
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void generatedStoreIsValidAndBalanced() {
    Outcome r = CliTest.run("validate", "--input", generated.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("year 2010: ok") && r.out().contains("year 2012: ok"), r.out());
    assertTrue(r.out().contains("summary: 3 years checked: 3 ok, 0 break the input contract, 0 outside balance tolerance"),
        r.out());
    Outcome one = CliTest.run("validate", "--input", generated.toString(), "--years", "2011-2011");
    assertTrue(one.out().contains("summary: 1 years checked"), one.out());
  }

  @Test
  void imbalanceIsAWarningByDefault() {
    Outcome r = CliTest.run("validate", "--input", unbalanced.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("year 2010: ok"), r.out());
    assertTrue(r.out().contains("year 2011: WARNING"), r.out());
    assertTrue(r.out().contains("row balance x = Z1 + y: 1 of 15 cells outside tolerance; worst: DEU_A03"), r.out());
    assertTrue(r.out().contains("column balance x = Z'1 + va: 1 of 15 cells outside tolerance; worst: DEU_A03"), r.out());
    assertTrue(r.out().contains("difference 50"), r.out());
  }

  @Test
  void imbalanceFailsWhenConfigured() throws IOException {
    Path conf = tmp.resolve("strict.conf");
    Files.writeString(conf, "tiva.validate.fail-on-imbalance = true\n");
    Outcome r = CliTest.run("validate", "--input", unbalanced.toString(), "--conf", conf.toString());
    CliTest.assertOneLineError(r, 3, "year 2011, row DEU_A03: row balance x = Z1 + y outside tolerance");
    assertTrue(r.out().contains("year 2011: FAILED"), r.out());
    // a looser tolerance passes
    Path loose = tmp.resolve("loose.conf");
    Files.writeString(loose, "tiva.validate.fail-on-imbalance = true\ntiva.balance-atol = 60\n");
    assertEquals(0, CliTest.run("validate", "--input", unbalanced.toString(), "--conf", loose.toString()).code());
  }

  static Path copy(String name) throws IOException {
    return TestTrees.copy(generated, tmp.resolve(name));
  }

  @Test
  void contractErrorsGiveExitThreeAndAReportPerYear() throws IOException {
    Path s = copy("dup");
    BadInputTest.addRows(s, Dataset.INTERMEDIATE, 2011, new Object[] {"USA", "A01_02", "USA", "A01_02", 1.0});
    BadInputTest.addRows(s, Dataset.FINAL_DEMAND, 2012, new Object[] {"USA", "A01_02", "XXX", "HFCE", 1.0});
    Outcome r = CliTest.run("validate", "--input", s.toString());
    CliTest.assertOneLineError(r, 3, "intermediate/, year 2011");
    assertTrue(r.err().contains("duplicate key") && r.err().contains("2 years break the input contract"), r.err());
    assertTrue(r.out().contains("year 2010: ok"), r.out());
    assertTrue(r.out().contains("year 2012: INVALID (contract)") && r.out().contains("to_country=XXX"), r.out());
  }

  @Test
  void yearMissingFromARequiredDataset() throws IOException {
    Path s = copy("missing");
    TestTrees.delete(s.resolve("value_added/year=2012"));
    Outcome r = CliTest.run("validate", "--input", s.toString());
    CliTest.assertOneLineError(r, 3, "value_added/, year 2012: year missing from a required dataset");
  }

  @Test
  void missingMrioJsonAndNotADirectory() throws IOException {
    Path s = copy("nojson");
    Files.delete(s.resolve("mrio.json"));
    CliTest.assertOneLineError(CliTest.run("validate", "--input", s.toString()), 3, "mrio.json is missing");
    CliTest.assertOneLineError(CliTest.run("validate", "--input", tmp.resolve("nope").toString()), 2, "is not a directory");
  }
}
