package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.io.IcioEdition;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.jobs.CliTest.Outcome;
import io.tivaspark.jobs.ingest.IngestJob;
import io.tivaspark.jobs.store.YearPublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest publishing is all or nothing, and re-ingesting a year keeps the store whole (issue 21). */
class IngestPublishTest {
  @TempDir
  Path tmp;

  @BeforeAll
  static void spark() {
    TestSpark.get();
  }

  @AfterEach
  void restoreMover() {
    IngestJob.useMover(YearPublisher.RENAME);
  }

  /** A store of ICIO years 2001-2002 (with output/), and a changed 2001 to re-ingest. */
  private Path icioStore(Path store) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    for (int y = 2001; y <= 2002; y++) {
      IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, true, y), in.resolve("ICIO2023_" + y + ".csv"));
    }
    assertEquals(0, CliTest.run("ingest", "--format", "icio", "--in", in.toString(), "--out", store.toString()).code());
    MrioYear changed = IngestFixtures.generated(4, 3, true, 2005);
    Path f = Files.createDirectories(tmp.resolve("re")).resolve("ICIO2023_2001.csv");
    IcioEdition.ICIO2023.write(new MrioYear(2001, changed.layout(), changed.z(), changed.finalDemand(),
        changed.valueAdded(), changed.publishedOutput()), f);
    return f;
  }

  private static Outcome ingest(Path in, Path out) {
    return CliTest.run("ingest", "--format", "icio", "--in", in.toString(), "--out", out.toString());
  }

  @Test
  void faultBetweenTwoDatasetMovesLeavesTheOldYearWhole() throws IOException {
    Path store = tmp.resolve("store");
    Path re = icioStore(store);
    Map<String, String> before = IngestFixtures.snapshot(store);
    AtomicInteger moves = new AtomicInteger();
    IngestJob.useMover((fs, from, to) -> {
      // intermediate/ and final_demand/ of 2001 are swapped already: fail on value_added/
      if (from.toString().contains("/value_added/year=2001") && moves.getAndIncrement() == 0) {
        throw new IOException("injected fault");
      }
      YearPublisher.RENAME.move(fs, from, to);
    });
    Outcome r = ingest(re, store);
    CliTest.assertOneLineError(r, 1, "could not publish value_added/ year 2001");
    assertTrue(r.err().contains("injected fault") && r.err().contains("every move was undone"), r.err());
    assertEquals(before, IngestFixtures.snapshot(store), "every file of the store byte-identical");
    assertSameYear(IngestFixtures.generated(4, 3, true, 2001), store, 2001);
  }

  @Test
  void faultWritingMrioJsonUndoesEveryYear() throws IOException {
    Path store = tmp.resolve("store-meta");
    Path re = icioStore(store);
    // a directory where mrio.json's temporary file goes makes the last step fail
    Files.createDirectories(store.resolve(".mrio.json.tmp").resolve("blocker"));
    Map<String, String> before = IngestFixtures.snapshot(store);
    Outcome r = ingest(re, store);
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("could not publish the new mrio.json"), r.err());
    assertEquals(before, IngestFixtures.snapshot(store), "every file of the store byte-identical");
  }

  @Test
  void readOnlyValueAddedThroughTheCli() throws IOException {
    Path store = tmp.resolve("store-ro");
    Path re = icioStore(store);
    Map<String, String> before = IngestFixtures.snapshot(store);
    Path va = store.resolve("value_added");
    Files.setPosixFilePermissions(va, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      // as root chmod does not stop writes; the injected-fault test above covers the same path then
      Assumptions.assumeFalse(Files.isWritable(va), "value_added/ still writable after chmod (running as root?)");
      Outcome r = ingest(re, store);
      CliTest.assertOneLineError(r, 1, "could not publish value_added/ year 2001");
      assertTrue(r.err().contains("AccessDenied") && r.err().contains("every move was undone"), r.err());
    } finally {
      Files.setPosixFilePermissions(va, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    assertEquals(before, IngestFixtures.snapshot(store), "every file of the store byte-identical");
    assertFalse(Files.list(store).anyMatch(p -> p.getFileName().toString().startsWith("_ingest_")), "staging removed");
  }

  @Test
  void reingestingOneYearOfAGeneratedStoreKeepsItsExtensionsAndPopulation() throws IOException {
    Path store = tmp.resolve("gen");
    CliTest.generate(store, 4, 3, "2001-2003", 7);
    Path f = Files.createDirectories(tmp.resolve("one")).resolve("ICIO2023_2002.csv");
    IcioEdition.ICIO2023.write(IngestFixtures.read(store, 2002), f);
    Map<String, String> before = IngestFixtures.snapshot(store);
    assertFalse(yearFiles(before, 2002).keySet().stream().noneMatch(k -> k.startsWith("extensions/")));
    Outcome r = ingest(f, store);
    assertEquals(0, r.code(), r.err());
    Map<String, String> after = IngestFixtures.snapshot(store);
    for (int y : new int[] {2001, 2003}) {
      assertEquals(yearFiles(before, y), yearFiles(after, y), "year " + y + " untouched");
    }
    for (String ext : new String[] {"extensions/", "extensions_final_demand/", "population/"}) {
      Map<String, String> b = new TreeMap<>(yearFiles(before, 2002));
      Map<String, String> a = new TreeMap<>(yearFiles(after, 2002));
      b.keySet().removeIf(k -> !k.startsWith(ext));
      a.keySet().removeIf(k -> !k.startsWith(ext));
      assertFalse(b.isEmpty(), ext);
      assertEquals(b, a, ext + " of 2002 kept byte-identical");
    }
    assertTrue(after.keySet().stream().anyMatch(k -> k.startsWith("output/year=2002/") && k.endsWith(".parquet")));
    Outcome v = CliTest.run("validate", "--input", store.toString());
    assertEquals(0, v.code(), v.out() + v.err());
    Outcome run = CliTest.run("run", "--input", store.toString(), "--warehouse", tmp.resolve("wh").toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("2001") && run.out().contains("2003"), run.out());
  }

  @Test
  void aNewYearWithoutTheStoresExtensionsIsRefused() throws IOException {
    Path store = tmp.resolve("gen-new");
    CliTest.generate(store, 4, 3, "2001-2003", 7);
    MrioYear t = IngestFixtures.read(store, 2003);
    Path f = Files.createDirectories(tmp.resolve("new")).resolve("ICIO2023_2004.csv");
    IcioEdition.ICIO2023.write(new MrioYear(2004, t.layout(), t.z(), t.finalDemand(), t.valueAdded(),
        t.publishedOutput()), f);
    Map<String, String> before = IngestFixtures.snapshot(store);
    CliTest.assertOneLineError(ingest(f, store), 3,
        "extensions/ would cover years 2001-2003 but not 2004 (the input brings it for no year");
    assertEquals(before, IngestFixtures.snapshot(store), "store unchanged");
  }

  @Test
  void replacingAYearWithoutItsOutputIsRefused() throws IOException {
    Path store = tmp.resolve("gen-out");
    CliTest.generate(store, 4, 3, "2001-2003", 7);
    Path in = tmp.resolve("long");
    IngestFixtures.writeLongCsv(in, java.util.List.of(IngestFixtures.read(store, 2002)), true);
    Files.delete(in.resolve("output.csv"));
    Map<String, String> before = IngestFixtures.snapshot(store);
    Outcome r = CliTest.run("ingest", "--format", "long-csv", "--in", in.toString(), "--out", store.toString());
    CliTest.assertOneLineError(r, 3, "output/ would cover years 2001,2003 but not 2002");
    assertEquals(before, IngestFixtures.snapshot(store), "store unchanged");
  }

  private static void assertSameYear(MrioYear expected, Path store, int year) throws IOException {
    MrioYear got = IngestFixtures.read(store, year);
    assertArrayEquals(expected.z(), got.z());
    assertArrayEquals(expected.publishedOutput(), got.publishedOutput());
  }

  /** Files of a store under the year=YYYY directories of one year, by path. */
  static Map<String, String> yearFiles(Map<String, String> snapshot, int year) {
    Map<String, String> out = new TreeMap<>();
    snapshot.forEach((k, v) -> {
      if (k.contains("/year=" + year + "/") && !k.endsWith("/")) {
        out.put(k, v);
      }
    });
    return out;
  }
}
