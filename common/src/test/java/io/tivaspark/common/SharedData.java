package io.tivaspark.common;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The test data beside the repository ({@code ../shared/data}: WIOD 2013, decompr's leather table,
 * pymrio's mocks). Maven passes its directory as {@code tiva.shared.dir} (pom.xml); run outside
 * Maven, the default is the same place seen from a module directory.
 */
public final class SharedData {
  private SharedData() {}

  /** The file under the shared directory, e.g. {@code data/wiod2013/wiot_2005.csv.gz}; may not exist. */
  public static Path path(String relative) {
    return Path.of(System.getProperty("tiva.shared.dir", "../../shared")).resolve(relative);
  }

  /** The same, skipping the test (loudly, naming the path) when the file is absent. */
  public static Path require(String relative) {
    Path p = path(relative);
    Assumptions.assumeTrue(Files.isRegularFile(p), "shared test data not found (../shared beside the repository): " + p);
    return p;
  }
}
