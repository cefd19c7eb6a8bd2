package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.CliTest.Outcome;
import io.tivaspark.jobs.store.Dataset;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue "Never a silent wrong number": inputs and warehouse states that once made a run overwrite
 * good rows with wrong numbers and still exit 0. Each case asserts the exit code, the one-line
 * message, and that what a reader sees of the warehouse (rows, run ids and a checksum of every
 * value per table and year, {@link WarehouseProbe#snapshot}) is unchanged where it must be.
 * Store: 5 regions x 4 industries, 2001-2003; every case starts from a copy of one clean run.
 */
class RunIntegrityTest {
  @TempDir
  static Path tmp;
  static Path store;
  static Path warehouse;
  static Map<String, String> before;

  @BeforeAll
  static void cleanRun() {
    TestSpark.get();
    store = tmp.resolve("B");
    warehouse = tmp.resolve("W");
    CliTest.generate(store, 5, 4, "2001-2003", 42);
    assertEquals(0, run(store, warehouse).code());
    before = WarehouseProbe.snapshot(warehouse);
  }

  static Outcome run(Path in, Path wh, String... more) {
    List<String> argv = new java.util.ArrayList<>(List.of("run", "--input", in.toString(), "--warehouse", wh.toString()));
    argv.addAll(List.of(more));
    return CliTest.run(argv.toArray(String[]::new));
  }

  static Path copy(Path from, String name) throws IOException {
    return TestTrees.copy(from, tmp.resolve(name));
  }

  /** Runs the changed store into a copy of the clean warehouse; returns the outcome and the copy. */
  static Map.Entry<Outcome, Path> runOnCopy(Path changedStore, String name, String... more) throws IOException {
    Path wh = copy(warehouse, "wh-" + name);
    return Map.entry(run(changedStore, wh, more), wh);
  }

  /** The failed year's rows are those of the clean run; the other years were recomputed (new run id). */
  static void assertYearUntouched(Path wh, int year) {
    Map<String, String> after = WarehouseProbe.snapshot(wh);
    assertEquals(WarehouseProbe.year(before, year), WarehouseProbe.year(after, year), "year " + year + " unchanged");
  }

  static void assertWarehouseUntouched(Path wh) {
    assertEquals(before, WarehouseProbe.snapshot(wh), "warehouse unchanged");
  }

  static List<Path> parts(Path yearDir) throws IOException {
    try (Stream<Path> s = Files.list(yearDir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part")).toList();
    }
  }

  // ---------------------------------------------------------------- 1. empty or unread year

  @Test
  void dataFileMovedIntoASubdirectoryFailsItsYearOnly() throws IOException {
    Path s = copy(store, "B-sub");
    Path fd = s.resolve("final_demand/year=2003");
    Files.createDirectories(fd.resolve("moved"));
    for (Path p : parts(fd)) {
      Files.move(p, fd.resolve("moved").resolve(p.getFileName()));
    }
    var r = runOnCopy(s, "sub");
    CliTest.assertOneLineError(r.getKey(), 3, "final_demand/year=2003/moved, year 2003");
    assertTrue(r.getKey().err().contains("would not be read"), r.getKey().err());
    assertYearUntouched(r.getValue(), 2003);
    Map<String, String> after = WarehouseProbe.snapshot(r.getValue());
    assertNotEquals(before.get("indicators 2001"), after.get("indicators 2001"), "2001 recomputed by the new run");
  }

  @Test
  void zeroRowFileIsNotATableOfZeros() throws IOException {
    Path s = copy(store, "B-empty");
    Path fd = s.resolve("final_demand/year=2003");
    TestTrees.delete(fd);
    BadInputTest.addRows(s, Dataset.FINAL_DEMAND, 2003); // one valid Parquet file with no row
    var r = runOnCopy(s, "empty");
    CliTest.assertOneLineError(r.getKey(), 3, "final_demand/, year 2003: no rows for the year");
    assertYearUntouched(r.getValue(), 2003);
    Outcome v = CliTest.run("validate", "--input", s.toString());
    CliTest.assertOneLineError(v, 3, "final_demand/, year 2003: no rows for the year");
  }

  @Test
  void underscoreRenamedFileIsAnError() throws IOException {
    Path s = copy(store, "B-underscore");
    Path fd = s.resolve("final_demand/year=2003");
    for (Path p : parts(fd)) {
      Files.move(p, fd.resolve("_" + p.getFileName()));
    }
    var r = runOnCopy(s, "underscore");
    CliTest.assertOneLineError(r.getKey(), 3, "final_demand/year=2003/_part-00000.snappy.parquet, year 2003");
    assertYearUntouched(r.getValue(), 2003);
  }

  // ---------------------------------------------------------------- 3. table directory not a Delta table

  @Test
  void tableWithoutDeltaLogIsRefusedNotRecreated() throws IOException {
    Path wh = copy(warehouse, "wh-nolog");
    TestTrees.delete(wh.resolve("indicators/_delta_log"));
    Outcome r = run(store, wh, "--years", "2002-2002");
    CliTest.assertOneLineError(r, 1, "indicators is not a Delta table");
    assertTrue(r.err().contains("nothing was written"), r.err());
    Map<String, String> after = WarehouseProbe.snapshot(wh);
    Map<String, String> expected = new java.util.TreeMap<>(before);
    expected.keySet().removeIf(k -> k.startsWith("indicators "));
    assertEquals(expected, after, "every other table and the runs table unchanged");
  }

  @Test
  void deltaTableOfAnotherSchemaIsRefused() throws IOException {
    Path wh = copy(warehouse, "wh-schema");
    TestTrees.delete(wh.resolve("gvc_measures"));
    TestSpark.get().sql("SELECT 1 AS a").write().format("delta").save(wh.resolve("gvc_measures").toString());
    Outcome r = run(store, wh);
    CliTest.assertOneLineError(r, 1, "gvc_measures is a Delta table of another schema (no column year)");
  }

  // ---------------------------------------------------------------- 4. non-canonical year directory

  @Test
  void nonCanonicalYearDirectoryIsAnInputError() throws IOException {
    Path s = copy(store, "B-02002");
    Files.move(s.resolve("extensions/year=2002"), s.resolve("extensions/year=02002"));
    var r = runOnCopy(s, "02002");
    CliTest.assertOneLineError(r.getKey(), 3, "extensions/year=02002: not a year=YYYY partition directory");
    assertWarehouseUntouched(r.getValue());
  }

  // ---------------------------------------------------------------- 6. overflow

  @Test
  void overflowingCellFailsItsYearWithTheCellNamed() throws IOException {
    Path s = copy(store, "B-1e308");
    // final demand of 2002 replaced by two cells of 1e308: finite input whose row sum overflows
    TestTrees.delete(s.resolve("final_demand/year=2002"));
    BadInputTest.addRows(s, Dataset.FINAL_DEMAND, 2002, new Object[] {"USA", "A01_02", "DEU", "GFCF", 1e308},
        new Object[] {"USA", "A01_02", "JPN", "GFCF", 1e308});
    var r = runOnCopy(s, "1e308");
    CliTest.assertOneLineError(r.getKey(), 3, "year 2002, largest cell final_demand/ USA A01_02");
    assertTrue(r.getKey().err().contains("overflow double precision"), r.getKey().err());
    assertYearUntouched(r.getValue(), 2002);
    long inf = TestSpark.get().read().format("delta").load(r.getValue().resolve("indicators").toString())
        .where("value = double('Infinity') OR value = double('-Infinity')").count();
    assertEquals(0, inf, "no infinity in indicators");
  }

  @Test
  void everyTableOfEveryYearHasAFinitenessCheck() {
    var checks = TestSpark.get().read().format("delta").load(warehouse.resolve("quality_checks").toString())
        .where("check = 'R1'");
    // 10 curated tables with rows (quality_checks itself and the empty export_decomposition_third
    // excluded; the core's cubes included) x 3 years, all passed
    assertEquals(30, checks.count());
    assertEquals(30, checks.where("passed").count());
    assertEquals(3, checks.where("scope = 'indicators'").count());
  }

  // ---------------------------------------------------------------- bullets

  @Test
  void corruptPageFailsThatYearOnly() throws IOException {
    Path s = copy(store, "B-page");
    Path f = parts(s.resolve("intermediate/year=2002")).get(0);
    byte[] b = Files.readAllBytes(f);
    for (int i = 200; i < 260; i++) {
      b[i] ^= 0x5a;
    }
    Files.write(f, b);
    try (Stream<Path> crc = Files.list(f.getParent())) {
      for (Path c : crc.filter(p -> p.toString().endsWith(".crc")).toList()) {
        Files.delete(c);
      }
    }
    var r = runOnCopy(s, "page");
    CliTest.assertOneLineError(r.getKey(), 3, "year 2002: unreadable Parquet file");
    assertYearUntouched(r.getValue(), 2002);
    Map<String, String> after = WarehouseProbe.snapshot(r.getValue());
    assertNotEquals(before.get("indicators 2003"), after.get("indicators 2003"), "2003 completed");
  }

  @Test
  void yearMissingFromOneDatasetBlocksOnlyThatYear() throws IOException {
    Path s = copy(store, "B-gap");
    TestTrees.delete(s.resolve("extensions/year=2003"));
    var r = runOnCopy(s, "gap", "--years", "2001-2002");
    assertEquals(0, r.getKey().code(), r.getKey().err());
    Outcome all = run(s, r.getValue());
    CliTest.assertOneLineError(all, 3, "extensions/, year 2003: year missing (the dataset has years 2001-2002");
    assertYearUntouched(r.getValue(), 2003);
  }

  @Test
  void storageFailureWhileStagingNamesTableYearAndCause() throws IOException {
    var hconf = TestSpark.get().sparkContext().hadoopConfiguration();
    hconf.set("fs.fulldisk.impl", FullDiskFileSystem.class.getName());
    hconf.setBoolean("fs.fulldisk.impl.disable.cache", true);
    Path conf = tmp.resolve("fulldisk.conf");
    Files.writeString(conf, "tiva.run.staging-dir = \"fulldisk://" + tmp.resolve("staging-full") + "\"\n");
    Path wh = copy(warehouse, "wh-full");
    Outcome r = run(store, wh, "--conf", conf.toString());
    CliTest.assertOneLineError(r, 1, "storage error staging ");
    assertTrue(r.err().contains("No space left on device"), r.err());
    assertTrue(r.err().matches("(?s).*staging \\w+ for year 200[123].*"), r.err());
    assertWarehouseUntouched(wh);
  }

  /** A local file system whose every new file fails as a full disk does. */
  public static final class FullDiskFileSystem extends RawLocalFileSystem {
    @Override
    public URI getUri() {
      return URI.create("fulldisk:///");
    }

    @Override
    public String getScheme() {
      return "fulldisk";
    }

    @Override
    public FSDataOutputStream create(org.apache.hadoop.fs.Path f, FsPermission permission, boolean overwrite,
        int bufferSize, short replication, long blockSize, Progressable progress) throws IOException {
      throw new IOException("No space left on device");
    }

    @Override
    public FSDataOutputStream create(org.apache.hadoop.fs.Path f, boolean overwrite, int bufferSize,
        short replication, long blockSize, Progressable progress) throws IOException {
      throw new IOException("No space left on device");
    }
  }
}
