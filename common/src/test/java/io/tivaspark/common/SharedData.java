package io.tivaspark.common;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The test data beside the repository ({@code ../shared/data}: WIOD 2013, decompr's leather table,
 * pymrio's mocks). Maven passes its directory as {@code tiva.shared.dir} (pom.xml); run outside
 * Maven, the default is the same place seen from a module directory.
 *
 * <p>A test whose data is absent skips, printing {@code SKIPPED (no ../shared data)} and the path
 * on stderr; with the environment variable {@code TIVA_REQUIRE_SHARED=1} (set by {@code .ci/run})
 * it fails instead, so CI cannot pass with the real-data tests silently skipped. The jobs module's
 * {@code TestTrees.shared} applies the same rule.
 */
public final class SharedData {
  /** The environment variable that turns a skip for absent shared data into a failure. */
  public static final String REQUIRE_ENV = "TIVA_REQUIRE_SHARED";

  private SharedData() {}

  /** The file under the shared directory, e.g. {@code data/wiod2013/wiot_2005.csv.gz}; may not exist. */
  public static Path path(String relative) {
    return Path.of(System.getProperty("tiva.shared.dir", "../../shared")).resolve(relative);
  }

  /** The same, skipping the test (loudly, naming the path) when the file is absent; failing under TIVA_REQUIRE_SHARED=1. */
  public static Path require(String relative) {
    Path p = path(relative);
    assumePresent(Files.isRegularFile(p), p);
    return p;
  }

  /**
   * Whether the file exists, for code that does something else without it (the golden tools);
   * prints the absence on stderr, and fails under TIVA_REQUIRE_SHARED=1.
   */
  public static boolean present(String relative) {
    Path p = path(relative);
    boolean there = Files.exists(p);
    if (!there) {
      if (required()) {
        Assertions.fail(requiredMessage(p));
      }
      System.err.println(message(p));
    }
    return there;
  }

  /** Skips the test (or fails it under TIVA_REQUIRE_SHARED=1) unless {@code present}; {@code p} names the data. */
  public static void assumePresent(boolean present, Path p) {
    if (present) {
      return;
    }
    if (required()) {
      Assertions.fail(requiredMessage(p));
    }
    System.err.println(message(p));
    Assumptions.assumeTrue(false, message(p));
  }

  /** True when {@code TIVA_REQUIRE_SHARED=1} (CI): absent shared data is a failure. */
  public static boolean required() {
    return "1".equals(System.getenv(REQUIRE_ENV));
  }

  private static String requiredMessage(Path p) {
    return "MISSING ../shared data (" + REQUIRE_ENV + "=1 turns the skip into a failure): " + p;
  }

  private static String message(Path p) {
    return "SKIPPED (no ../shared data beside the repository): " + p;
  }
}
