package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes and one-line errors, without starting Spark. */
class CliTest {
  record Outcome(int code, String out, String err) {}

  static Outcome run(String... argv) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  /** {@code tiva generate} of a synthetic store into {@code out}; fails the test unless it exits 0. */
  static void generate(java.nio.file.Path out, int regions, int industries, String years, long seed) {
    Outcome r = run("generate", "--out", out.toString(), "--regions", String.valueOf(regions), "--industries",
        String.valueOf(industries), "--years", years, "--seed", String.valueOf(seed));
    assertEquals(0, r.code(), r.err());
  }

  static void assertOneLineError(Outcome r, int code, String fragment) {
    assertEquals(code, r.code(), r.err());
    assertTrue(r.err().startsWith("tiva: "), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertTrue(r.err().contains(fragment), "'" + fragment + "' in: " + r.err());
  }

  @Test
  void unknownCommandIsUsageError() {
    assertOneLineError(run("frobnicate"), 2, "unknown command 'frobnicate'");
  }

  @Test
  void unknownOptionIsUsageError() {
    assertOneLineError(run("run", "--input", "x", "--warehouse", "y", "--colour", "red"), 2, "unknown option --colour");
  }

  @Test
  void missingRequiredOption() {
    assertOneLineError(run("run", "--warehouse", "w"), 2, "missing required option --input");
  }

  @Test
  void optionWithoutValue() {
    assertOneLineError(run("generate", "--out"), 2, "option --out needs a value");
  }

  @Test
  void missingInputDirectory(@TempDir Path tmp) {
    assertOneLineError(run("run", "--input", tmp.resolve("nope").toString(), "--warehouse", tmp.toString()), 2,
        "is not a directory");
  }

  @Test
  void badYearRange() {
    assertOneLineError(run("generate", "--out", "x", "--years", "2020-2010"), 2, "year range");
  }

  @Test
  void badIntegerOption() {
    assertOneLineError(run("generate", "--out", "x", "--regions", "many"), 2, "--regions must be an integer");
  }

  @Test
  void unreadableConfigFile(@TempDir Path tmp) {
    assertOneLineError(run("run", "--conf", tmp.resolve("missing.conf").toString(), "--input", "a", "--warehouse", "b"),
        2, "missing.conf: file not found");
  }

  @Test
  void malformedConfigFile(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("bad.conf");
    Files.writeString(f, "tiva { run { fail-on-check = [ }");
    assertOneLineError(run("run", "--conf", f.toString(), "--input", "a", "--warehouse", "b"), 2, "bad.conf");
  }

  @Test
  void wrongOutputModeIsConfigurationError(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("mode.conf");
    Files.writeString(f, "tiva.run.output-mode = sideways\n");
    Files.createDirectories(tmp.resolve("in"));
    assertOneLineError(run("run", "--conf", f.toString(), "--input", tmp.resolve("in").toString(), "--warehouse",
        tmp.resolve("wh").toString()), 2, "output-mode");
  }

  @Test
  void showConfigMasksSecretsAndShowsOverrides(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("c.conf");
    Files.writeString(f, "tiva.spark.conf { \"spark.hadoop.fs.s3a.secret.key\" = \"hunter2\" }\n"
        + "tiva.run.fail-on-check = true\n");
    Outcome r = run("run", "--conf", f.toString(), "--show-config");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains("hunter2"), r.out());
    assertTrue(r.out().contains("******"), r.out());
    assertTrue(r.out().contains("fail-on-check=true") || r.out().contains("fail-on-check = true")
        || r.out().contains("\"fail-on-check\" : true") || r.out().contains("fail-on-check: true")
        || r.out().replace(" ", "").contains("fail-on-check=true"), r.out());
  }

  @Test
  void helpAndVersion() {
    Outcome h = run("help");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("bin/tiva run --input DIR --warehouse DIR"), h.out());
    assertEquals(2, run().code());
    assertEquals(0, run("version").code());
  }

  @Test
  void sqlNeedsOneQuery(@TempDir Path tmp) {
    assertOneLineError(run("sql", "--warehouse", tmp.toString(), "SELECT 1", "SELECT 2"), 2, "exactly one query");
  }
}
