package io.tivaspark.common.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A directory tree on the local file system removed, its deepest entries first. */
public final class LocalTrees {
  private LocalTrees() {}

  /** Deletes {@code dir} and everything under it; nothing when it is null or absent. Throws the first failure. */
  public static void delete(Path dir) throws IOException {
    for (Path p : deepestFirst(dir)) {
      Files.deleteIfExists(p);
    }
  }

  /** The same, best effort (a scratch directory): what cannot be deleted is left where it is; never throws. */
  public static void deleteQuietly(Path dir) {
    try {
      for (Path p : deepestFirst(dir)) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // left behind; its parent stays too
        }
      }
    } catch (IOException | RuntimeException e) {
      // the tree could not be listed: left as it is
    }
  }

  private static List<Path> deepestFirst(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> w = Files.walk(dir)) {
      return w.sorted(Comparator.reverseOrder()).toList();
    }
  }
}
