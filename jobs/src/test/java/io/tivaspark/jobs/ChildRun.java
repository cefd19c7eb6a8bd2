package io.tivaspark.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A {@code tiva} command in its own JVM, as a scheduler would start it (for the crash and
 * concurrency tests): its output lines are captured with their arrival time so a test can wait
 * for a phase of the run and then {@code kill -9} it.
 *
 * <p>The child runs {@code io.tivaspark.jobs.Main} with the JVM flags of bin/tiva for a small input
 * (the quick JIT included) on this test JVM's class path (the classes just compiled), or with
 * {@code -Dtiva.it.launcher=bin/tiva} through bin/tiva itself (TIVA_NO_BUILD=1: package first).
 */
final class ChildRun implements AutoCloseable {
  /** The project root (surefire runs in jobs/). */
  static final Path ROOT = findRoot();

  /** A captured output line: ms since start, stream, text. */
  record Line(long ms, boolean err, String text) {}

  private final Process process;
  private final long t0 = System.nanoTime();
  private final long t0Epoch = System.currentTimeMillis();
  private final List<Line> lines = new ArrayList<>();
  private final List<Thread> pumps = new ArrayList<>();

  private ChildRun(Process p) {
    this.process = p;
    pumps.add(pump(p.getInputStream(), false));
    pumps.add(pump(p.getErrorStream(), true));
  }

  static ChildRun start(Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    String launcher = System.getProperty("tiva.it.launcher", "");
    if (!launcher.isBlank()) {
      cmd.add(ROOT.resolve(launcher).toString());
    } else {
      cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(Arrays.asList(Files.readString(ROOT.resolve("conf/jvmflags.txt")).trim().split("\\s+")));
      // the quick JIT, as bin/tiva gives a run of a store under 64 MiB (every child's input here is
      // one): CatalogTest's first test (three children) took 74.7 s instead of 92.8 s, quiet machine
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-Xss16m");
      cmd.add("-Xmx1g");
      cmd.add("-Dlog4j2.configurationFile=" + ROOT.resolve("conf/log4j2.properties"));
      cmd.add("-Dtiva.defaults=" + ROOT.resolve("conf/application.conf"));
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add("io.tivaspark.jobs.Main");
    }
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("TIVA_NO_BUILD", "1");
    pb.environment().put("TIVA_DRIVER_MEMORY", "1g");
    pb.environment().remove("TIVA_LOCK_WAIT");
    pb.environment().putAll(env);
    return new ChildRun(pb.start());
  }

  private Thread pump(InputStream in, boolean err) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String s;
        while ((s = r.readLine()) != null) {
          synchronized (lines) {
            lines.add(new Line(elapsedMs(), err, s));
            lines.notifyAll();
          }
        }
      } catch (IOException e) {
        // the process died: its pipe is closed
      }
    }, "child-" + (err ? "err" : "out"));
    t.setDaemon(true);
    t.start();
    return t;
  }

  long elapsedMs() {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** Wall-clock time (epoch ms) of a line, to order lines of two processes. */
  long epochMs(Line l) {
    return t0Epoch + l.ms();
  }

  /** The first line matching, or null. */
  Line first(Pattern p) {
    return lines().stream().filter(l -> p.matcher(l.text()).find()).findFirst().orElse(null);
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * Waits until a line matches (returns its arrival time in ms) or the process ends or the
   * timeout passes (returns -1).
   */
  long await(Pattern p, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    synchronized (lines) {
      int seen = 0;
      while (true) {
        for (; seen < lines.size(); seen++) {
          if (p.matcher(lines.get(seen).text()).find()) {
            return lines.get(seen).ms();
          }
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0 || (!process.isAlive() && pumpsDone())) {
          return -1;
        }
        lines.wait(Math.min(left, 200));
      }
    }
  }

  private boolean pumpsDone() {
    return pumps.stream().noneMatch(Thread::isAlive);
  }

  /** kill -9 (SIGKILL: no shutdown hook, no finally block runs). */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** Waits for the exit code, or kills the process and fails after the timeout. */
  int waitFor(long timeoutMs) throws InterruptedException {
    if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
      kill9();
      throw new AssertionError("child did not finish within " + timeoutMs / 1000 + " s; last lines:\n" + tail(20));
    }
    for (Thread t : pumps) {
      t.join(10_000);
    }
    return process.exitValue();
  }

  List<Line> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  String all() {
    StringBuilder sb = new StringBuilder();
    lines().forEach(l -> sb.append(l.text()).append('\n'));
    return sb.toString();
  }

  String stderr() {
    StringBuilder sb = new StringBuilder();
    lines().stream().filter(Line::err).forEach(l -> sb.append(l.text()).append('\n'));
    return sb.toString();
  }

  String tail(int n) {
    List<Line> l = lines();
    StringBuilder sb = new StringBuilder();
    l.subList(Math.max(0, l.size() - n), l.size()).forEach(x -> sb.append(x.text()).append('\n'));
    return sb.toString();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill9();
    }
  }

  private static Path findRoot() {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("conf/jvmflags.txt"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("project root (conf/jvmflags.txt) not found above " + Paths.get("").toAbsolutePath());
    }
    return p;
  }
}
