package io.tivaspark.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: no source, script, notebook or doc cites a reference document
 * that is not in it (the formulas, identities and rules the code relies on are in docs/). Test
 * data outside the repository (../shared/data) may be read by tests; that is not a citation.
 */
class DocsReferencesTest {
  static final List<String> OUTSIDE = List.of("indicators.md", "contract.md", "contract §", "formats.md", "stack.md",
      "shared/reference");

  @Test
  void noCitationOfDocumentsOutsideTheRepository() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).filter(DocsReferencesTest::checked).toList()) {
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          for (String s : OUTSIDE) {
            if (lines.get(i).contains(s)) {
              found.add(root.relativize(p) + ":" + (i + 1) + ": " + s);
            }
          }
        }
      }
    }
    assertEquals(List.of(), found, "cite docs/ (methods.md, data-dictionary.md, ingest.md, build.md) instead");
  }

  private static boolean checked(Path p) {
    String s = p.toString();
    if (s.contains("/target/") || s.contains("/.git/") || s.contains("/node_modules/") || s.contains("/.venv")
        || s.endsWith("DocsReferencesTest.java")) {
      return false;
    }
    return s.endsWith(".java") || s.endsWith(".md") || s.endsWith(".conf") || s.endsWith(".sh") || s.endsWith(".py")
        || s.endsWith(".ipynb") || s.endsWith("pom.xml") || s.endsWith("/bin/tiva") || s.endsWith("/bin/test")
        || s.endsWith("/.ci/run");
  }
}
