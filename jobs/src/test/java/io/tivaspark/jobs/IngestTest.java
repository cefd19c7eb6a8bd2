package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tivaspark.common.io.IcioEdition;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.jobs.CliTest.Outcome;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bin/tiva ingest of every ICIO edition, zips, directories, WIOD and long CSV, through Main.run. */
class IngestTest {
  @TempDir
  static Path tmp;

  @BeforeAll
  static void spark() {
    TestSpark.get();
  }

  static void assertSameTable(MrioYear a, MrioYear b) {
    assertEquals(a.layout(), b.layout());
    assertArrayEquals(a.z(), b.z());
    assertArrayEquals(a.finalDemand(), b.finalDemand());
  }

  static JsonNode meta(Path store) throws IOException {
    return new ObjectMapper().readTree(store.resolve("mrio.json").toFile());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "2016, 6, 4, true, ICIO2016_{y}.csv, ICIO 2016",
      "2018, 6, 36, true, ICIO2018_{y}.CSV, ICIO 2018",
      "2021, 6, 45, true, ICIO2021_{y}.csv.gz, ICIO 2021",
      "2023, 8, 45, true, {y}.csv.gz, ICIO 2023 extended",
      "2023-sml, 6, 45, false, {y}_SML.csv, ICIO 2023 SML",
      "2025, 6, 50, false, {y}_SML.csv.gz, ICIO 2025",
  })
  void everyEditionFromADirectory(String edition, int regions, int industries, boolean splits, String pattern,
      String detected) throws IOException {
    Path in = tmp.resolve("in-" + edition);
    Files.createDirectories(in);
    IcioEdition e = IcioEdition.parse(edition);
    for (int y = 2010; y <= 2011; y++) {
      e.write(IngestFixtures.generated(regions, industries, splits, y), in.resolve(pattern.replace("{y}", "" + y)));
    }
    Path out = tmp.resolve("store-" + edition);
    Outcome r = CliTest.run("ingest", "--format", "icio", "--in", in.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("years 2010-2011"), r.out());
    for (int y = 2010; y <= 2011; y++) {
      assertSameTable(IngestFixtures.generated(regions, industries, splits, y), IngestFixtures.read(out, y));
    }
    JsonNode m = meta(out);
    assertEquals(detected, m.get("edition").asText());
    assertEquals(IngestFixtures.generated(regions, industries, splits, 2010).layout().splits().size(), m.get("splits").size());
    if (splits) {
      assertEquals("CN1", m.get("splits").get("CHN").get(0).asText());
    }
    assertFalse(Files.list(out).anyMatch(p -> p.getFileName().toString().startsWith("_ingest_")), "staging removed");
  }

  @Test
  void oecdZipWithSeveralYearsAndAReadMe() throws IOException {
    Path zip = tmp.resolve("ICIO-2016-2018-extended.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("ReadMe_ICIO_extended.xlsx"));
      z.write(new byte[] {1, 2, 3});
      z.closeEntry();
      for (int y = 2016; y <= 2018; y++) {
        z.putNextEntry(new ZipEntry(y + ".csv"));
        StringWriter w = new StringWriter();
        IcioEdition.ICIO2023.write(IngestFixtures.generated(8, 5, true, y), w);
        z.write(w.toString().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    Path single = tmp.resolve("ICIO2023_2019.csv");
    IcioEdition.ICIO2023.write(IngestFixtures.generated(8, 5, true, 2019), single);
    Path out = tmp.resolve("store-zip");
    Outcome r = CliTest.run("ingest", "--format", "icio", "--in", zip.toString(), single.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ingested 4 tables") && r.out().contains("years 2016-2019"), r.out());
    assertSameTable(IngestFixtures.generated(8, 5, true, 2017), IngestFixtures.read(out, 2017));
    assertTrue(meta(out).get("ingest").get("notes").get("2017").get(0).asText().contains("CHN is split"));
  }

  @Test
  void bomAndCrlfReadFine() throws IOException {
    StringWriter w = new StringWriter();
    IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, false, 2012), w);
    Path f = tmp.resolve("bom-crlf").resolve("ICIO2023_2012.csv");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "\uFEFF" + w.toString().replace("\n", "\r\n"));
    Path out = tmp.resolve("store-bom");
    Outcome r = CliTest.run("ingest", "--format", "icio", "--in", f.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertSameTable(IngestFixtures.generated(4, 3, false, 2012), IngestFixtures.read(out, 2012));
  }

  /** A table with a DISC final-demand category: 1% of each row's domestic HFCE moved there. */
  static MrioYear withDisc(MrioYear a) {
    var l = a.layout();
    List<String> cats = new java.util.ArrayList<>(l.categories());
    cats.add("DISC");
    var ld = new io.tivaspark.common.model.Layout(l.countries(), l.industries(), cats, l.splits());
    int n = a.n();
    double[] yf = new double[n * ld.finalDemandColumns()];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < l.countryCount(); c++) {
        for (int k = 0; k < l.categoryCount(); k++) {
          yf[i + ld.finalDemandColumn(c, k) * n] = a.finalDemandAt(i, l.finalDemandColumn(c, k));
        }
      }
      int hfce = ld.finalDemandColumn(l.countryOfRow(i), 0);
      double moved = Math.rint(yf[i + hfce * n] * 0.01);
      yf[i + hfce * n] -= moved;
      yf[i + ld.finalDemandColumn(l.countryOfRow(i), cats.size() - 1) * n] = moved;
    }
    return new MrioYear(a.year(), ld, a.z(), yf, a.valueAdded(), a.publishedOutput());
  }

  @Test
  void disc2016DomesticOrDropped() throws IOException {
    MrioYear a = withDisc(IngestFixtures.generated(5, 3, true, 2003));
    Path f = tmp.resolve("disc").resolve("ICIO2016_2003.csv");
    Files.createDirectories(f.getParent());
    IcioEdition.ICIO2016.write(a, f);
    Path out = tmp.resolve("store-disc");
    assertEquals(0, CliTest.run("ingest", "--format", "icio", "--in", f.toString(), "--out", out.toString()).code());
    assertSameTable(a, IngestFixtures.read(out, 2003));
    assertEquals("domestic", meta(out).get("ingest").get("disc").asText());
    Path conf = tmp.resolve("drop.conf");
    Files.writeString(conf, "tiva.ingest.disc = drop\n");
    Path out2 = tmp.resolve("store-disc-drop");
    Outcome r = CliTest.run("ingest", "--format", "icio", "--in", f.toString(), "--out", out2.toString(),
        "--conf", conf.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(6, meta(out2).get("categories").size());
    assertTrue(meta(out2).get("ingest").get("notes").get("2003").toString().contains("DISC column dropped"));
  }

  @Test
  void wiod2013ConversionReads() throws IOException {
    Path a = TestTrees.requireShared("data/wiod2013/wiot_1995.csv.gz");
    Path b = TestTrees.requireShared("data/wiod2013/wiot_1996.csv.gz");
    Path out = tmp.resolve("store-wiod");
    Outcome r = CliTest.run("ingest", "--format", "icio", "--in", a.toString(), b.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode m = meta(out);
    assertEquals(41, m.get("countries").size());
    assertEquals(35, m.get("industries").size());
    assertEquals("c37", m.get("categories").get(0).asText());
    assertEquals(0, CliTest.run("validate", "--input", out.toString()).code());
  }

  @Test
  void longCsvWithAndWithoutMrioJson() throws IOException {
    List<MrioYear> years = List.of(IngestFixtures.generated(8, 3, true, 2010), IngestFixtures.generated(8, 3, true, 2011));
    for (boolean withMeta : new boolean[] {true, false}) {
      Path in = tmp.resolve("long-" + withMeta);
      IngestFixtures.writeLongCsv(in, years, withMeta);
      Path out = tmp.resolve("store-long-" + withMeta);
      Outcome r = CliTest.run("ingest", "--format", "long-csv", "--in", in.toString(), "--out", out.toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("years 2010-2011"), r.out());
      for (MrioYear t : years) {
        MrioYear b = IngestFixtures.read(out, t.year());
        assertSameTable(t, b);
        assertArrayEquals(t.publishedOutput(), b.publishedOutput());
      }
    }
  }

  @Test
  void reingestReplacesOnlyItsYears() throws IOException {
    Path in = tmp.resolve("re");
    Files.createDirectories(in);
    for (int y = 2010; y <= 2012; y++) {
      IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, true, y), in.resolve("ICIO_" + y + ".csv"));
    }
    Path out = tmp.resolve("store-re");
    assertEquals(0, CliTest.run("ingest", "--format", "icio", "--in", in.toString(), "--out", out.toString()).code());
    MrioYear changed = IngestFixtures.generated(4, 3, true, 2013);
    Path f = tmp.resolve("re2").resolve("ICIO_2011.csv");
    Files.createDirectories(f.getParent());
    IcioEdition.ICIO2023.write(new MrioYear(2011, changed.layout(), changed.z(), changed.finalDemand(),
        changed.valueAdded(), changed.publishedOutput()), f);
    assertEquals(0, CliTest.run("ingest", "--format", "icio", "--in", f.toString(), "--out", out.toString()).code());
    assertArrayEquals(changed.z(), IngestFixtures.read(out, 2011).z());
    assertSameTable(IngestFixtures.generated(4, 3, true, 2012), IngestFixtures.read(out, 2012));
  }

  /**
   * A local ingest runs its tasks without a Spark session (tiva.ingest.local-tasks, the default);
   * with the setting off it runs one Spark task per table, as on a cluster. Both write the same
   * store, byte for byte (icio tables from a zip and a file; long CSV), and refuse the same bad
   * input with the same one-line error, leaving no store behind.
   */
  @Test
  void sparkTasksAndLocalTasksWriteTheSameStore() throws IOException {
    Path in = tmp.resolve("both");
    Files.createDirectories(in);
    for (int y = 2014; y <= 2016; y++) {
      IcioEdition.ICIO2023.write(IngestFixtures.generated(6, 4, true, y), in.resolve("ICIO2023_" + y + ".csv"));
    }
    Path longIn = tmp.resolve("both-long");
    IngestFixtures.writeLongCsv(longIn, List.of(IngestFixtures.generated(5, 3, true, 2010)), false);
    Path spark = tmp.resolve("spark-tasks.conf");
    Files.writeString(spark, "tiva.ingest.local-tasks = false\n");
    for (String[] job : new String[][] {{"icio", in.toString()}, {"long-csv", longIn.toString()}}) {
      Path local = tmp.resolve("both-local-" + job[0]);
      Path bySpark = tmp.resolve("both-spark-" + job[0]);
      Outcome a = CliTest.run("ingest", "--format", job[0], "--in", job[1], "--out", local.toString());
      Outcome b = CliTest.run("ingest", "--format", job[0], "--in", job[1], "--out", bySpark.toString(),
          "--conf", spark.toString());
      assertEquals(0, a.code(), a.err());
      assertEquals(0, b.code(), b.err());
      assertEquals(a.out().replace(local.toString(), "OUT"), b.out().replace(bySpark.toString(), "OUT"));
      assertSameDataFiles(local, bySpark);
    }
    Path bad = tmp.resolve("both-bad");
    Files.createDirectories(bad);
    Files.copy(in.resolve("ICIO2023_2014.csv"), bad.resolve("ICIO2023_2014.csv"));
    Files.writeString(bad.resolve("ICIO2023_2015.csv"), Files.readString(in.resolve("ICIO2023_2015.csv"))
        .replaceFirst(",([0-9.]+),", ",x1,"));
    Outcome a = CliTest.run("ingest", "--format", "icio", "--in", bad.toString(), "--out", tmp.resolve("bad-a").toString());
    Outcome b = CliTest.run("ingest", "--format", "icio", "--in", bad.toString(), "--out", tmp.resolve("bad-b").toString(),
        "--conf", spark.toString());
    CliTest.assertOneLineError(a, 3, "ICIO2023_2015.csv");
    assertEquals(a.err(), b.err());
    assertFalse(Files.exists(tmp.resolve("bad-a")) || Files.exists(tmp.resolve("bad-b")));
  }

  /** The same Parquet files (relative paths) with the same bytes under both stores. */
  private static void assertSameDataFiles(Path a, Path b) throws IOException {
    List<Path> fa = parquetFiles(a);
    assertEquals(fa.stream().map(a::relativize).toList(), parquetFiles(b).stream().map(b::relativize).toList());
    assertFalse(fa.isEmpty());
    for (Path f : fa) {
      assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(a.relativize(f))), f.toString());
    }
  }

  private static List<Path> parquetFiles(Path root) throws IOException {
    try (var s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
  }
}
