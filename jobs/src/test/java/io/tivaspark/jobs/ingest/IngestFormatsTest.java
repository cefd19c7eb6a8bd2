package io.tivaspark.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.io.IcioEdition;
import io.tivaspark.common.io.source.MrioSource;
import io.tivaspark.common.io.source.MrioSources;
import io.tivaspark.common.io.source.SourceUnit;
import io.tivaspark.common.io.source.SourceYear;
import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.jobs.Main;
import io.tivaspark.jobs.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The formats of {@code bin/tiva ingest} without Spark: {@code --help} lists every format with an
 * example, an unknown format is exit 2 naming the known ones, and {@code --format auto}'s own tests
 * (the ICIO header, the long-CSV names) recognise what they should and nothing else, on pymrio's
 * mocks of the other publishers' layouts too (so {@code auto} is never ambiguous between icio and a
 * reader of those layouts).
 */
class IngestFormatsTest {
  @TempDir
  Path tmp;

  /** A registered reader that recognises nothing, to see it in the help. */
  static final class HelpOnly implements MrioSource {
    @Override public String format() { return "help-only"; }
    @Override public String help() { return "a test reader; e.g. bin/tiva ingest --format help-only --in x --out s"; }
    @Override public List<SourceUnit> plan(List<Path> inputs, OptionalInt year) { return List.of(); }
    @Override public SourceYear read(SourceUnit unit) { throw new UnsupportedOperationException(); }
    @Override public Optional<String> recognise(Path input) { return Optional.empty(); }
  }

  private static String[] run(String... argv) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
    return new String[] {String.valueOf(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void helpListsEveryFormatWithAnExample() throws Exception {
    try (AutoCloseable reg = MrioSources.registerForTests(HelpOnly::new)) {
      String[] r = run("ingest", "--help");
      assertEquals("0", r[0], r[2]);
      String h = r[1];
      for (String f : IngestFormats.all()) {
        assertTrue(h.contains("\n  " + f + " "), f + " in: " + h);
      }
      assertTrue(h.contains("help-only  a test reader; e.g. bin/tiva ingest --format help-only"), h);
      assertTrue(h.contains("bin/tiva ingest --format icio --in ICIO2023_2019.csv --out store"), h);
      assertTrue(h.contains("bin/tiva ingest --format long-csv --in tables/ --out store"), h);
      assertTrue(h.contains("--year") && h.contains("auto ") && h.contains("exit 3"), h);
      String[] bad = run("ingest", "--format", "nope", "--in", "x", "--out", "y");
      assertEquals("2", bad[0]);
      assertTrue(bad[2].contains("ingest: unknown --format 'nope' (known: icio, long-csv, ")
          && bad[2].contains("help-only, auto)"), bad[2]);
    }
    assertFalse(IngestFormats.all().contains("help-only"), "unregistered when closed");
  }

  @Test
  void registeringAKnownCodeTwiceIsRefused() throws Exception {
    try (AutoCloseable reg = MrioSources.registerForTests(HelpOnly::new)) {
      assertThrows(IllegalArgumentException.class, () -> MrioSources.registerForTests(HelpOnly::new));
    }
  }

  @Test
  void icioHeaderOfEveryEditionAndOfOecdZips() throws IOException {
    var t = new SyntheticMrio(GeneratorSpec.builder().regions(4).industries(3).years(2001, 2001).seed(1)
        .splits(false).build()).year(2001);
    for (IcioEdition e : IcioEdition.values()) {
      Path f = tmp.resolve(e.name() + "_2001.csv.gz");
      e.write(t, f);
      assertTrue(IngestFormats.icio(f).isPresent(), e.name());
      assertTrue(IngestFormats.longCsv(f).isEmpty());
    }
    assertTrue(IngestFormats.icio(tmp).orElseThrow().endsWith("in directory " + tmp.getFileName()));
    Path shared = io.tivaspark.jobs.TestTrees.requireShared("data/pymrio-mocks/oecd_mock");
    for (String f : List.of("ICIO2016_2003.csv", "ICIO2018_2010.CSV", "ICIO2018_2010.zip")) {
      assertTrue(IngestFormats.icio(shared.resolve(f)).isPresent(), f);
    }
  }

  @Test
  void longCsvByItsFileNames() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("long"));
    assertTrue(IngestFormats.longCsv(dir).isEmpty());
    Files.writeString(dir.resolve("intermediate.csv.gz"), "");
    assertEquals("long CSV, directory with intermediate.csv.gz", IngestFormats.longCsv(dir).orElseThrow());
    assertTrue(IngestFormats.longCsv(dir.resolve("final_demand.csv")).isPresent());
    assertTrue(IngestFormats.longCsv(dir.resolve("mrio.json")).isPresent());
    assertTrue(IngestFormats.icio(dir).isEmpty());
  }

  /** No other publisher's mock looks like ICIO or long CSV to auto: no ambiguity with their readers. */
  @Test
  void theOtherPublishersMocksAreNeitherIcioNorLongCsv() throws IOException {
    Path mocks = io.tivaspark.jobs.TestTrees.requireShared("data/pymrio-mocks");
    int tested = 0;
    try (Stream<Path> s = Files.walk(mocks)) {
      for (Path p : s.filter(p -> !p.startsWith(mocks.resolve("oecd_mock"))).toList()) {
        assertTrue(IngestFormats.icio(p).isEmpty(), p.toString());
        assertTrue(IngestFormats.longCsv(p).isEmpty(), p.toString());
        tested++;
      }
    }
    assertTrue(tested > 20, "mock files tested: " + tested);
  }

  @Test
  void autoNeedsExactlyOneFormat() throws IOException {
    Path notes = Files.writeString(tmp.resolve("notes.txt"), "x\n");
    UsageException e = assertThrows(UsageException.class,
        () -> IngestFormats.recognise(List.of("notes.txt"), List.of(notes)));
    assertTrue(e.getMessage().startsWith("ingest --format auto: no format recognises notes.txt (known: icio, long-csv"),
        e.getMessage());
    // an ICIO CSV named like a long-CSV dataset: both tests match, so auto names both
    Path both = Files.createDirectories(tmp.resolve("both")).resolve("intermediate.csv");
    IcioEdition.ICIO2023.write(new SyntheticMrio(GeneratorSpec.builder().regions(3).industries(2).years(2001, 2001)
        .splits(false).build()).year(2001), both);
    UsageException e2 = assertThrows(UsageException.class,
        () -> IngestFormats.recognise(List.of("intermediate.csv"), List.of(both)));
    assertTrue(e2.getMessage().contains("intermediate.csv is recognised by several formats: icio (ICIO-layout CSV")
        && e2.getMessage().contains("long-csv (long CSV file intermediate.csv); give --format"), e2.getMessage());
  }
}
