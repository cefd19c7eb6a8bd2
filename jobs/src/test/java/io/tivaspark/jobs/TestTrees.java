package io.tivaspark.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Directory trees in tests: copies of generated stores and warehouses, deletions, the shared test data. */
public final class TestTrees {
  private TestTrees() {}

  /** Copies the tree {@code from} to {@code to} (created); returns {@code to}. */
  static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return to;
  }

  /** Deletes the tree (files first); nothing when it does not exist. */
  static void delete(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> w = Files.walk(p)) {
      w.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    }
  }

  /**
   * A file of the test data beside the repository ({@code ../shared}; Maven passes it as
   * {@code tiva.shared.dir}, pom.xml); it may not exist: callers use {@link #requireShared}.
   */
  public static Path shared(String relative) {
    return Path.of(System.getProperty("tiva.shared.dir", "../../shared")).resolve(relative);
  }

  /**
   * {@link #shared}, skipping the test when the file or directory is absent: loudly (stderr, naming
   * the path), and as a failure instead under {@code TIVA_REQUIRE_SHARED=1} (set by .ci/run), the
   * same rule as common's SharedData (a separate copy: jobs' tests do not see common's).
   */
  public static Path requireShared(String relative) {
    Path p = shared(relative);
    if (!Files.exists(p)) {
      String m = "SKIPPED (no ../shared data beside the repository): " + p;
      if ("1".equals(System.getenv("TIVA_REQUIRE_SHARED"))) {
        Assertions.fail("MISSING ../shared data (TIVA_REQUIRE_SHARED=1 turns the skip into a failure): " + p);
      }
      System.err.println(m);
      Assumptions.assumeTrue(false, m);
    }
    return p;
  }
}
