package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.CliTest.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate never mixes a new store with an old one's years (issue 21). */
class GenerateOverwriteTest {
  @TempDir
  Path tmp;

  @BeforeAll
  static void spark() {
    TestSpark.get();
  }

  private static Outcome generate(Path out, String years, String... more) {
    String[] base = {"generate", "--out", out.toString(), "--regions", "3", "--industries", "2", "--years", years,
        "--seed", "4"};
    String[] argv = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, argv, base.length, more.length);
    return CliTest.run(argv);
  }

  @Test
  void anExistingStoreIsRefusedWithoutOverwrite() throws IOException {
    Path store = tmp.resolve("store");
    assertEquals(0, generate(store, "2001-2003").code());
    Map<String, String> before = IngestFixtures.snapshot(store);
    CliTest.assertOneLineError(generate(store, "2010-2011"), 2, "generate: --out " + store
        + " already holds a store (mrio.json, years 2001-2003); use --overwrite to replace it or choose an empty directory");
    assertEquals(before, IngestFixtures.snapshot(store), "store unchanged");
  }

  @Test
  void datasetDirectoriesWithoutMrioJsonAreAStoreToo() throws IOException {
    Path store = tmp.resolve("half");
    assertEquals(0, generate(store, "2001-2002").code());
    Files.delete(store.resolve("mrio.json"));
    Files.deleteIfExists(store.resolve(".mrio.json.crc"));
    Map<String, String> before = IngestFixtures.snapshot(store);
    CliTest.assertOneLineError(generate(store, "2001-2002"), 2, "already holds a store (intermediate/, final_demand/");
    assertEquals(before, IngestFixtures.snapshot(store), "store unchanged");
  }

  @Test
  void overwriteReplacesOnlyTheStoresEntries() throws IOException {
    Path store = tmp.resolve("over");
    assertEquals(0, generate(store, "2001-2003").code());
    Files.writeString(store.resolve("notes.txt"), "mine\n");
    Outcome r = generate(store, "2010-2011", "--overwrite");
    assertEquals(0, r.code(), r.err());
    assertEquals("mine\n", Files.readString(store.resolve("notes.txt")), "other files are kept");
    for (String d : new String[] {"intermediate", "final_demand", "value_added", "output", "extensions"}) {
      assertFalse(Files.exists(store.resolve(d).resolve("year=2001")), d + ": old years removed");
      assertTrue(Files.isDirectory(store.resolve(d).resolve("year=2011")), d + ": new years written");
    }
    Outcome v = CliTest.run("validate", "--input", store.toString());
    assertEquals(0, v.code(), v.out() + v.err());
  }

  @Test
  void demoRefusesAStoreItDidNotGenerate() throws IOException {
    Path f = Files.createDirectories(tmp.resolve("icio")).resolve("ICIO2023_2001.csv");
    io.tivaspark.common.io.IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, true, 2001), f);
    Path store = tmp.resolve("ingested");
    assertEquals(0, CliTest.run("ingest", "--format", "icio", "--in", f.toString(), "--out", store.toString()).code());
    Map<String, String> before = IngestFixtures.snapshot(store);
    CliTest.assertOneLineError(CliTest.run("demo", "--input", store.toString(), "--warehouse",
        tmp.resolve("wh").toString()), 2, "demo: --input " + store + " already holds a store that was not generated");
    assertEquals(before, IngestFixtures.snapshot(store), "store unchanged");
  }

  @Test
  void anEmptyOrNewDirectoryNeedsNoFlag() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertEquals(0, generate(empty, "2001-2001").code());
    assertEquals(0, generate(tmp.resolve("new"), "2001-2001").code());
  }
}
