package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.CliTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16, proof "a full run (every family) on each ingested mock, every identity passing", for EXIOBASE 1
 * and 2: pymrio's mocks (../shared/data/pymrio-mocks: {@code exio1_mock/} with the generic extension files of
 * {@code exio_ext_mock/} copied into its {@code extensions/}; the EXIOBASE 2 coefficient zip, read in place) go
 * through {@code bin/tiva ingest --format auto} (recognised as the expected format, named in the output), then
 * {@code bin/tiva run} with every family; every identity check passes (the input checks I1/I2 may flag: the
 * mocks are synthetic). mrio.json records the conversion. Skips loudly without the shared data.
 */
class Exio12MocksRunTest {
  @TempDir
  static Path tmp;

  static Stream<Arguments> mocks() {
    return Stream.of(
        Arguments.of("exiobase1", "exio1_mock", 2000),
        Arguments.of("exiobase2", "exio2_mock/mrIOT_PxP_ita_coefficient_version2.2.2.zip", 2007));
  }

  /** exio1_mock copied with exio_ext_mock's files in extensions/ (the generic extension files beside the tables). */
  private static Path withExtensions(Path mock) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("exio1_mock/extensions"));
    try (Stream<Path> s = Files.list(mock)) {
      for (Path f : s.toList()) {
        Files.copy(f, dir.getParent().resolve(f.getFileName()));
      }
    }
    try (Stream<Path> s = Files.list(mock.resolveSibling("exio_ext_mock"))) {
      for (Path f : s.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir.getParent();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("mocks")
  void ingestAutoThenRunEveryFamily(String format, String mock, int year) throws Exception {
    Path in = TestTrees.requireShared("data/pymrio-mocks/" + mock);
    if (format.equals("exiobase1")) {
      in = withExtensions(in);
    }
    SparkSession spark = TestSpark.get();
    Path store = tmp.resolve(format + "-store");
    Path wh = tmp.resolve(format + "-wh");
    Outcome ing = CliTest.run("ingest", "--format", "auto", "--in", in.toString(), "--out", store.toString());
    assertEquals(0, ing.code(), format + " ingest: " + ing.err());
    assertTrue((ing.out() + ing.err()).contains("recognised " + format), "auto names " + format + ": " + ing.out() + ing.err());
    String meta = Files.readString(store.resolve("mrio.json"));
    assertTrue(meta.contains("Z = A·diag(x)") && meta.contains("EXIOBASE"), meta);
    assertTrue(Files.isDirectory(store.resolve("extensions")), "extensions/ written");
    Outcome run = CliTest.run("run", "--input", store.toString(), "--warehouse", wh.toString());
    assertEquals(0, run.code(), format + " run: " + run.err());
    List<Row> checks = spark.read().format("delta").load(wh.resolve("quality_checks").toString())
        .select("check", "scope", "passed", "max_rel_error", "family", "year").collectAsList();
    assertTrue(checks.stream().anyMatch(r -> r.getString(4).equals("gvc")), format + ": the gvc family ran");
    assertTrue(checks.stream().anyMatch(r -> r.getString(4).equals("footprints")), format + ": the footprints family ran");
    assertTrue(checks.stream().allMatch(r -> ((Number) r.get(5)).intValue() == year), format + ": the reference year");
    List<Row> failed = checks.stream().filter(r -> !r.getBoolean(2))
        .filter(r -> !r.getString(0).equals("I1") && !r.getString(0).equals("I2")).toList();
    assertEquals(List.of(), failed, format + ": identity checks that failed");
  }
}
