package io.tivaspark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/tiva's stderr filter: the JVM's incubator-module warning and netlib's raw dlopen lines are
 * dropped, every other line and the exit code pass through. The launcher runs in a copy of the
 * project layout with a fake {@code java} on the PATH (no build, no JVM).
 */
class LauncherTest {
  private static final String INCUBATOR = "WARNING: Using incubator modules: jdk.incubator.vector";
  private static final String DLOPEN_LAPACK = "netlib-lapack: JNI_OnLoad: dlopen(liblapack.so.3) failed: "
      + "liblapack.so.3: cannot open shared object file: No such file or directory";
  private static final String DLOPEN_BLAS = "netlib-blas: JNI_OnLoad: dlopen(libblas.so.3) failed: "
      + "libblas.so.3: cannot open shared object file: No such file or directory";

  private static Path projectRoot() {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("bin/tiva"))) {
      p = p.getParent();
    }
    return p;
  }

  private static Path fakeProject(Path tmp) throws Exception {
    Path root = tmp.resolve("project");
    Files.createDirectories(root.resolve("bin"));
    Files.createDirectories(root.resolve("conf"));
    Files.createDirectories(root.resolve("jobs/target"));
    Files.copy(projectRoot().resolve("bin/tiva"), root.resolve("bin/tiva"));
    Files.copy(projectRoot().resolve("conf/jvmflags.txt"), root.resolve("conf/jvmflags.txt"));
    Files.writeString(root.resolve("jobs/target/tiva-jobs-0.jar"), "");
    Files.writeString(root.resolve("jobs/target/launcher-classpath.txt"), "x.jar");
    Path fakeBin = Files.createDirectories(tmp.resolve("fakebin"));
    Path java = fakeBin.resolve("java");
    Files.writeString(java, String.join("\n", "#!/usr/bin/env bash",
        "echo '" + INCUBATOR + "' >&2", "echo '" + DLOPEN_LAPACK + "' >&2", "echo '" + DLOPEN_BLAS + "' >&2",
        "echo '10:00:00 WARN  RunJob: a warning of ours' >&2", "echo 'WARNING: another JVM warning' >&2",
        "echo \"args: ${@: -1}\"", "[ -z \"${TIVA_FAKE_ARGS:-}\" ] || echo \"$*\" > \"$TIVA_FAKE_ARGS\"", "exit 7", ""));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return root;
  }

  private static List<String> run(Path tmp, Path root, String rawStderr) throws Exception {
    return run(tmp, root, rawStderr, Map.of(), "version");
  }

  private static List<String> run(Path tmp, Path root, String rawStderr, Map<String, String> env, String... args)
      throws Exception {
    // bin/tiva's stderr filter (a grep it starts) may still be writing when the launcher's process
    // (the exec'd java) has ended, and Java keeps only what a child's pipe holds at its exit (CI
    // once saw an empty stderr): the filtered stderr goes through cat, which ends only when every
    // writer has closed the pipe, and the wrapping shell waits for it
    List<String> command = new ArrayList<>(List.of("bash", "-c",
        "set -o pipefail; exec 4>&1; { bash \"$0\" \"$@\" 2>&1 1>&4 4>&-; } | cat >&2", root.resolve("bin/tiva").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PATH", tmp.resolve("fakebin") + ":" + System.getenv("PATH"));
    pb.environment().put("TIVA_NO_BUILD", "1");
    pb.environment().put("TIVA_RAW_STDERR", rawStderr);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return List.of(String.valueOf(p.exitValue()), out, err);
  }

  @Test
  void dropsExactlyTheJvmAndDlopenLines(@TempDir Path tmp) throws Exception {
    Path root = fakeProject(tmp);
    List<String> r = run(tmp, root, "0");
    assertEquals("7", r.get(0), "the exit code of java");
    assertEquals("args: version\n", r.get(1));
    String err = r.get(2);
    assertFalse(err.contains(INCUBATOR), err);
    assertFalse(err.contains("dlopen"), err);
    assertTrue(err.contains("10:00:00 WARN  RunJob: a warning of ours"), err);
    assertTrue(err.contains("WARNING: another JVM warning"), err);
    assertEquals(2, err.lines().count(), err);
  }

  @Test
  void rawStderrKeepsEverything(@TempDir Path tmp) throws Exception {
    Path root = fakeProject(tmp);
    String err = run(tmp, root, "1").get(2);
    assertTrue(err.contains(INCUBATOR) && err.contains(DLOPEN_LAPACK) && err.contains(DLOPEN_BLAS), err);
  }

  /** The JVM command line bin/tiva runs for {@code args} (the fake java writes it to a file). */
  private static String javaArgs(Path tmp, Path root, Map<String, String> env, String... args) throws Exception {
    Path out = tmp.resolve("java-args.txt");
    Files.deleteIfExists(out);
    Map<String, String> e = new HashMap<>(env);
    e.put("TIVA_FAKE_ARGS", out.toString());
    run(tmp, root, "0", e, args);
    return Files.readString(out);
  }

  /**
   * The quick JIT (-XX:TieredStopAtLevel=1) for demo, help and version, for an ingest of less local
   * input than TIVA_QUICK_JIT_BELOW bytes, wherever --in and its paths stand, and for a run of a
   * store of less than TIVA_QUICK_JIT_RUN_BELOW bytes; never for other commands, a remote or
   * missing input, more input than the limit, or a limit of 0; before TIVA_JAVA_OPTS.
   */
  @Test
  void quickJitForTheDemoAndSmallInputs(@TempDir Path tmp) throws Exception {
    Path root = fakeProject(tmp);
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.write(in.resolve("ICIO2023_2020.csv"), new byte[5000]);
    String quick = "-XX:TieredStopAtLevel=1";
    String dir = in.toString();
    String file = in.resolve("ICIO2023_2020.csv").toString();
    assertTrue(javaArgs(tmp, root, Map.of(), "ingest", "--format", "icio", "--in", dir, "--out", "s").contains(quick));
    assertTrue(javaArgs(tmp, root, Map.of(), "--conf", dir, "ingest", "--out", "s", "--in", dir, dir).contains(quick));
    assertTrue(javaArgs(tmp, root, Map.of(), "ingest", "--in=" + dir, "--out", "s").contains(quick));
    assertTrue(javaArgs(tmp, root, Map.of(), "run", "--input", dir, "--warehouse", "w").contains(quick));
    assertTrue(javaArgs(tmp, root, Map.of(), "run", "--warehouse", "w", "--input=" + dir).contains(quick));
    assertFalse(javaArgs(tmp, root, Map.of("TIVA_QUICK_JIT_RUN_BELOW", "5000"), "run", "--input", file).contains(quick));
    assertFalse(javaArgs(tmp, root, Map.of("TIVA_QUICK_JIT_RUN_BELOW", "0"), "run", "--input", dir).contains(quick));
    assertFalse(javaArgs(tmp, root, Map.of(), "run", "--input", "hdfs://nn/store", "--warehouse", "w").contains(quick));
    assertFalse(javaArgs(tmp, root, Map.of(), "sql", "--warehouse", dir).contains(quick));
    assertTrue(javaArgs(tmp, root, Map.of("TIVA_QUICK_JIT_BELOW", "5000"), "run", "--input", file).contains(quick),
        "run has a limit of its own");
    assertTrue(javaArgs(tmp, root, Map.of(), "demo").contains(quick));
    assertTrue(javaArgs(tmp, root, Map.of(), "--conf", dir, "demo", "--warehouse", "w").contains(quick));
    assertTrue(javaArgs(tmp, root, Map.of(), "version").contains(quick));
    assertTrue(javaArgs(tmp, root, Map.of(), "help", "run").contains(quick));
    assertFalse(javaArgs(tmp, root, Map.of(), "ingest", "--in", "s3a://bucket/icio", "--out", "s").contains(quick));
    assertFalse(javaArgs(tmp, root, Map.of(), "ingest", "--in", dir, tmp.resolve("missing").toString()).contains(quick));
    assertFalse(javaArgs(tmp, root, Map.of("TIVA_QUICK_JIT_BELOW", "5000"), "ingest", "--in", file).contains(quick),
        "a file of 5,000 bytes is not below a limit of 5,000");
    assertTrue(javaArgs(tmp, root, Map.of("TIVA_QUICK_JIT_BELOW", "5001"), "ingest", "--in", file).contains(quick));
    assertFalse(javaArgs(tmp, root, Map.of("TIVA_QUICK_JIT_BELOW", "0"), "ingest", "--in", dir).contains(quick));
    String line = javaArgs(tmp, root, Map.of("TIVA_JAVA_OPTS", "-XX:TieredStopAtLevel=4"), "ingest", "--in", dir);
    assertTrue(line.indexOf(quick) < line.indexOf("-XX:TieredStopAtLevel=4"), "TIVA_JAVA_OPTS comes later: " + line);
  }
}
