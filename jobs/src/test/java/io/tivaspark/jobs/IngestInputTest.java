package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tivaspark.common.io.IcioEdition;
import io.tivaspark.jobs.CliTest.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Years from file names, truncated tables and a file as --out, through the command line (issue 21). */
class IngestInputTest {
  @TempDir
  Path tmp;

  @BeforeAll
  static void spark() {
    TestSpark.get();
  }

  private static Outcome ingest(Path in, Path out) {
    return CliTest.run("ingest", "--format", "icio", "--in", in.toString(), "--out", out.toString());
  }

  /** A store of ICIO 2023 year 2001, to check that a refused ingest leaves it unchanged. */
  private Path store() throws IOException {
    Path f = Files.createDirectories(tmp.resolve("ok")).resolve("ICIO2023_2001.csv");
    IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, true, 2001), f);
    Path store = tmp.resolve("store");
    assertEquals(0, ingest(f, store).code());
    return store;
  }

  @Test
  void theEditionIsNotTheYear() throws IOException {
    Path store = store();
    Map<String, String> before = IngestFixtures.snapshot(store);
    Path f = Files.createDirectories(tmp.resolve("bad")).resolve("ICIO2023_2999.csv");
    IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, true, 2001), f);
    CliTest.assertOneLineError(ingest(f, store), 3, f + ": implausible year 2999 in file name ICIO2023_2999.csv");
    assertEquals(before, IngestFixtures.snapshot(store), "store unchanged");
  }

  @Test
  void aTableWithAnImplausibleYearInADirectoryIsAnErrorNotSkipped() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("dir"));
    IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, true, 2002), dir.resolve("ICIO_2002.csv"));
    Files.writeString(dir.resolve("industries.csv"), "code,name\nA,Agriculture\n");
    Path out = tmp.resolve("dir-store");
    Outcome ok = ingest(dir, out);
    assertEquals(0, ok.code(), ok.err()); // industries.csv has no year position: skipped
    Map<String, String> before = IngestFixtures.snapshot(out);
    IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, true, 2003), dir.resolve("ICIO_2999.csv"));
    CliTest.assertOneLineError(ingest(dir, out), 3, "ICIO_2999.csv: implausible year 2999 in file name ICIO_2999.csv");
    assertEquals(before, IngestFixtures.snapshot(out), "store unchanged");
  }

  @ParameterizedTest(name = "{0} last row(s) dropped")
  @CsvSource({"1, 'row OUT missing'", "2, 'rows VA, OUT missing'"})
  void aTruncatedTableIsRefused(int dropped, String missing) throws IOException {
    Path store = store();
    Map<String, String> before = IngestFixtures.snapshot(store);
    Path full = tmp.resolve("ok").resolve("ICIO2023_2001.csv");
    List<String> lines = Files.readAllLines(full);
    Path cut = Files.createDirectories(tmp.resolve("cut")).resolve("ICIO2023_2002.csv");
    Files.write(cut, lines.subList(0, lines.size() - dropped));
    CliTest.assertOneLineError(ingest(cut, store), 3, cut + ", year 2002, after the last row");
    CliTest.assertOneLineError(ingest(cut, store), 3, "required " + missing + " (file truncated?)");
    assertEquals(before, IngestFixtures.snapshot(store), "store unchanged");
  }

  @Test
  void outIsARegularFile() throws IOException {
    Path f = Files.createDirectories(tmp.resolve("in")).resolve("ICIO2023_2001.csv");
    IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, true, 2001), f);
    Path file = Files.writeString(tmp.resolve("a-file"), "keep me\n");
    CliTest.assertOneLineError(ingest(f, file), 2, "ingest: --out " + file + " is an existing file, not a directory");
    CliTest.assertOneLineError(CliTest.run("generate", "--out", file.toString(), "--regions", "3", "--industries", "2",
        "--years", "2001-2001"), 2, "generate: --out " + file + " is an existing file, not a directory");
    assertEquals("keep me\n", Files.readString(file));
    assertFalse(Files.isDirectory(file));
  }
}
