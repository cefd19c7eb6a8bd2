package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tivaspark.common.io.IcioEdition;
import io.tivaspark.common.io.source.MrioSources;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.jobs.CliTest.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic ingest path of the publishers' formats (issue 16, docs/ingest.md §5), through the
 * command line, with {@link FakeSource} registered for this class only: every year read in its own
 * task into staging, published all or nothing, mrio.json with names, source, edition, unit,
 * conversion and notes; {@code --format auto}; {@code --year}; bad input from a reader (exit 3, one
 * line, store byte-identical); negative gross output refused at ingest (generic, ICIO and long
 * CSV); and a full run of every family on the ingested store with every check passing.
 */
class SourceIngestTest {
  @TempDir
  static Path tmp;
  static AutoCloseable registration;

  @BeforeAll
  static void setUp() {
    TestSpark.get();
    registration = MrioSources.registerForTests(FakeSource::new);
  }

  @AfterAll
  static void tearDown() throws Exception {
    registration.close();
  }

  private static Outcome ingest(String format, Path out, String... in) {
    List<String> argv = new java.util.ArrayList<>(List.of("ingest", "--format", format, "--out", out.toString(), "--in"));
    argv.addAll(List.of(in));
    return CliTest.run(argv.toArray(String[]::new));
  }

  /** A store of the fake source's years 2001-2002 ingested through the generic path. */
  private static Path store(String name) throws IOException {
    Path in = tmp.resolve(name + "-in");
    FakeSource.write(in.resolve("t_2001.fake"));
    FakeSource.write(in.resolve("t_2002.fake"));
    Path store = tmp.resolve(name);
    Outcome r = ingest(FakeSource.FORMAT, store, in.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ingested 2 years of fake-gen (Fake MRIO 1.0 test; years 2001-2002)"), r.out());
    return store;
  }

  @Test
  void everyYearReadWrittenAndRecordedThenAFullRunPassesEveryCheck() throws IOException {
    Path store = store("full");
    for (int y = 2001; y <= 2002; y++) {
      MrioYear want = FakeSource.table(4, 3, 5, y);
      MrioYear got = IngestFixtures.read(store, y);
      IngestTest.assertSameTable(want, got);
      assertArrayEquals(want.publishedOutput(), got.publishedOutput());
      assertArrayEquals(want.valueAdded().get("VA"), got.valueAdded().get("VA"));
      assertArrayEquals(want.satellite().f(), got.satellite().f());
      assertArrayEquals(want.satellite().fy(), got.satellite().fy());
      assertArrayEquals(want.population(), got.population());
    }
    JsonNode m = IngestTest.meta(store);
    assertEquals("Fake MRIO", m.get("name").asText());
    assertTrue(m.get("source").asText().startsWith("fake-gen: "), m.toString());
    assertEquals("1.0 test", m.get("edition").asText());
    assertEquals("USD million", m.get("unit").asText());
    assertEquals("USA", m.get("countries").get(0).get("code").asText());
    assertEquals("Country USA", m.get("countries").get(0).get("name").asText());
    assertEquals("Industry " + m.get("industries").get(0).get("code").asText(),
        m.get("industries").get(0).get("name").asText());
    assertEquals("CN1", m.get("splits").get("CHN").get(0).asText());
    JsonNode cat = m.get("categories").get(0);
    assertEquals("Category " + cat.get("code").asText(), cat.get("name").asText());
    assertEquals(2, m.get("components").size(), m.toString()); // TLS, VA
    m.get("components").forEach(c -> assertEquals("Component " + c.get("code").asText(), c.get("name").asText()));
    JsonNode ing = m.get("ingest");
    assertEquals("fake-gen", ing.get("format").asText());
    assertEquals("none: generated balanced (SyntheticMrio)", ing.get("conversion").asText());
    assertEquals("generated with seed 5", ing.get("notes").get("2002").get(0).asText());
    assertFalse(Files.list(store).anyMatch(p -> p.getFileName().toString().startsWith("_ingest_")), "staging removed");

    Path wh = tmp.resolve("full-wh");
    Outcome run = CliTest.run("run", "--input", store.toString(), "--warehouse", wh.toString());
    assertEquals(0, run.code(), run.err());
    var qc = TestSpark.get().read().format("delta").load(wh.resolve("quality_checks").toString());
    List<Row> failed = qc.where("NOT passed").collectAsList();
    assertEquals(List.of(), failed, "every check passes");
    assertEquals(List.of("core", "footprints", "gvc"), qc.select("family").distinct().orderBy("family")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(), "every family ran");
    System.out.println("SourceIngestTest: full run on the generic ingest: " + qc.count() + " checks, all passed");
  }

  @Test
  void autoRecognisesTheFormatAndNamesIt() throws IOException {
    Path f = FakeSource.write(tmp.resolve("auto-in").resolve("t_2003.fake"));
    Path store = tmp.resolve("auto");
    Outcome r = ingest("auto", store, f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("recognised fake-gen: fake table t_2003.fake"), r.out());
    assertEquals("fake table t_2003.fake", IngestTest.meta(store).get("ingest").get("recognised").asText());
    // an ICIO table is recognised by its header, and ingested through the icio path
    Path icio = tmp.resolve("auto-icio").resolve("ICIO2023_2004.csv");
    Files.createDirectories(icio.getParent());
    IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, true, 2004), icio);
    Outcome ri = ingest("auto", tmp.resolve("auto-icio-store"), icio.toString());
    assertEquals(0, ri.code(), ri.err());
    assertTrue(ri.out().startsWith("recognised icio: ICIO-layout CSV ICIO2023_2004.csv (header corner V1"), ri.out());
  }

  @Test
  void autoRefusesNothingRecognisedAndMixedFormats() throws IOException {
    Path other = Files.writeString(Files.createDirectories(tmp.resolve("auto-bad")).resolve("notes.txt"), "hello\n");
    CliTest.assertOneLineError(ingest("auto", tmp.resolve("auto-bad-store"), other.toString()), 2,
        "ingest --format auto: no format recognises " + other);
    Path f = FakeSource.write(tmp.resolve("auto-mixed").resolve("t_2003.fake"));
    Path icio = tmp.resolve("auto-mixed").resolve("ICIO2023_2004.csv");
    IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, true, 2004), icio);
    CliTest.assertOneLineError(ingest("auto", tmp.resolve("auto-mixed-store"), f.toString(), icio.toString()), 2,
        "the inputs are of different formats: " + f + " is fake-gen, " + icio + " is icio");
    assertFalse(Files.exists(tmp.resolve("auto-mixed-store")));
  }

  @Test
  void yearFromTheCommandLineWhenTheNameHasNone() throws IOException {
    Path f = FakeSource.write(tmp.resolve("year-in").resolve("table.fake"));
    Path store = tmp.resolve("year");
    CliTest.assertOneLineError(ingest(FakeSource.FORMAT, store, f.toString()), 3,
        "invalid input: " + f + ": no year in the file name (e.g. t_2001.fake); give --year YYYY");
    assertFalse(Files.exists(store), "nothing written");
    Outcome r = CliTest.run("ingest", "--format", FakeSource.FORMAT, "--in", f.toString(), "--out", store.toString(),
        "--year", "2005");
    assertEquals(0, r.code(), r.err());
    IngestTest.assertSameTable(FakeSource.table(4, 3, 5, 2005), IngestFixtures.read(store, 2005));
    CliTest.assertOneLineError(CliTest.run("ingest", "--format", FakeSource.FORMAT, "--in", f.toString(), "--out",
        store.toString(), "--year", "20x5"), 2, "ingest: --year must be a year YYYY between 1950 and 2100, got '20x5'");
    CliTest.assertOneLineError(CliTest.run("ingest", "--format", "icio", "--in", f.toString(), "--out",
        store.toString(), "--year", "2005"), 2, "ingest: --year is for the publishers' formats");
  }

  @Test
  void aReaderFailingOnTheSecondYearLeavesTheStoreByteIdentical() throws IOException {
    Path store = store("bad");
    Map<String, String> before = IngestFixtures.snapshot(store);
    Path in = tmp.resolve("bad-in2");
    FakeSource.write(in.resolve("t_2002.fake"));
    Path bad = FakeSource.write(in.resolve("t_2003.fake"), "bad=cell");
    CliTest.assertOneLineError(ingest(FakeSource.FORMAT, store, in.toString()), 3,
        "invalid input: " + bad + ", year 2003, row 2 col 3: non-numeric cell 'n/a'");
    assertEquals(before, IngestFixtures.snapshot(store), "every file of the store byte-identical");
  }

  @Test
  void negativeGrossOutputIsRefusedAtIngest() throws IOException {
    Path store = store("neg");
    Map<String, String> before = IngestFixtures.snapshot(store);
    Path f = FakeSource.write(tmp.resolve("neg-in").resolve("t_2003.fake"), "negative=4");
    CliTest.assertOneLineError(ingest(FakeSource.FORMAT, store, f.toString()), 3,
        "invalid input: " + f + ", year 2003, gross output of " + rowLabel(FakeSource.table(4, 3, 5, 2003), 4)
        + ": negative gross output -1.5");
    assertEquals(before, IngestFixtures.snapshot(store), "store unchanged");

    // the ICIO path: the OUT column of one row made negative
    MrioYear t = IngestFixtures.generated(4, 3, true, 2003);
    double[] x = t.publishedOutput().clone();
    x[1] = -2.0;
    Path icio = tmp.resolve("neg-icio").resolve("ICIO2023_2003.csv");
    Files.createDirectories(icio.getParent());
    IcioEdition.ICIO2023.write(new MrioYear(2003, t.layout(), t.z(), t.finalDemand(), t.valueAdded(), x), icio);
    Path icioStore = tmp.resolve("neg-icio-store");
    CliTest.assertOneLineError(ingest("icio", icioStore, icio.toString()), 3,
        "invalid input: " + icio + ", year 2003, gross output of " + rowLabel(t, 1) + ": negative gross output -2.0");
    assertFalse(Files.exists(icioStore), "nothing written");

    // the long-CSV path: a negative output.csv cell
    Path longIn = tmp.resolve("neg-long");
    IngestFixtures.writeLongCsv(longIn, List.of(new MrioYear(2003, t.layout(), t.z(), t.finalDemand(),
        t.valueAdded(), x)), true);
    Outcome r = ingest("long-csv", tmp.resolve("neg-long-store"), longIn.toString());
    CliTest.assertOneLineError(r, 3, "output.csv, year 2003");
    assertTrue(r.err().contains("negative gross output -2.0"), r.err());
  }

  private static String rowLabel(MrioYear t, int row) {
    var l = t.layout();
    return l.entities().get(l.entityOfRow(row)) + "_" + l.industries().get(l.industryOfRow(row));
  }
}
