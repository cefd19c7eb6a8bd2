package io.tivaspark.common.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTreesTest {
  @TempDir
  Path tmp;

  @Test
  void deletesATreeAndItsRoot() throws Exception {
    Path root = tree();
    LocalTrees.delete(root);
    assertFalse(Files.exists(root));
    assertTrue(Files.exists(tmp), "only the tree given");
  }

  @Test
  void quietlyDeletesATreeAndItsRoot() throws Exception {
    Path root = tree();
    LocalTrees.deleteQuietly(root);
    assertFalse(Files.exists(root));
  }

  @Test
  void nullOrAbsentIsNothingToDo() throws Exception {
    LocalTrees.delete(null);
    LocalTrees.delete(tmp.resolve("absent"));
    assertDoesNotThrow(() -> LocalTrees.deleteQuietly(null));
    assertDoesNotThrow(() -> LocalTrees.deleteQuietly(tmp.resolve("absent")));
  }

  @Test
  void aPlainFileIsDeletedToo() throws Exception {
    Path f = Files.writeString(tmp.resolve("f.txt"), "x");
    LocalTrees.delete(f);
    assertFalse(Files.exists(f));
  }

  private Path tree() throws Exception {
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/b/c.parquet"), "c");
    Files.writeString(root.resolve("a/d.txt"), "d");
    Files.writeString(root.resolve("e"), "e");
    return root;
  }
}
