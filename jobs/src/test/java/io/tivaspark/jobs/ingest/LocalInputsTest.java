package io.tivaspark.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.io.source.SourceUnit;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.jobs.cli.UsageException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote inputs of a publisher's format (docs/ingest.md §5): copied to a local directory on the
 * driver for plan, copied again by the task for its unit only, errors naming the remote input; a
 * local input used as is. "remote:" is the local disk under another scheme, so the copies are real.
 */
class LocalInputsTest {
  @TempDir
  Path tmp;

  /** The local file system seen as a remote one (scheme "remote"). */
  public static final class RemoteLikeFs extends RawLocalFileSystem {
    @Override
    public URI getUri() {
      return URI.create("remote:///");
    }

    @Override
    public String getScheme() {
      return "remote";
    }
  }

  private static Configuration conf() {
    Configuration c = new Configuration(false);
    c.set("fs.remote.impl", RemoteLikeFs.class.getName());
    c.setBoolean("fs.remote.impl.disable.cache", true);
    c.set("fs.file.impl", org.apache.hadoop.fs.LocalFileSystem.class.getName());
    return c;
  }

  @Test
  void aRemoteDirectoryIsCopiedForPlanAndEachTaskCopiesItsUnitOnly() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("bucket").resolve("release"));
    Files.writeString(in.resolve("a_2001.txt"), "year 2001\n");
    Files.writeString(in.resolve("b_2001.txt"), "labels\n");
    Files.writeString(in.resolve("a_2002.txt"), "year 2002\n");
    String remote = "remote://" + in;
    Path driverCopy;
    try (LocalInputs li = LocalInputs.of(conf(), List.of(remote))) {
      assertTrue(li.hasCopies());
      driverCopy = li.paths().get(0);
      assertNotEquals(in, driverCopy);
      assertEquals("year 2002\n", Files.readString(driverCopy.resolve("a_2002.txt")), "whole input copied for plan");
      SourceUnit planned = new SourceUnit(driverCopy.toString(), List.of("a_2001.txt", "b_2001.txt"), 2001,
          driverCopy + "/a_2001.txt");
      Path task = Files.createDirectories(tmp.resolve("task"));
      SourceUnit u = li.localise(conf(), planned, task);
      Path local = Path.of(u.path());
      assertTrue(local.startsWith(task), u.path());
      assertEquals("year 2001\n", Files.readString(local.resolve("a_2001.txt")));
      assertTrue(Files.exists(local.resolve("b_2001.txt")));
      assertFalse(Files.exists(local.resolve("a_2002.txt")), "only the unit's members");
      assertEquals(List.of("a_2001.txt", "b_2001.txt"), u.members());
      InvalidInputException e = li.named(new InvalidInputException(local.resolve("a_2001.txt").toString(), 2001,
          "row 2", "non-numeric cell"), task);
      assertEquals("invalid input: " + remote + "/a_2001.txt, year 2001, row 2: non-numeric cell", e.getMessage());
      assertEquals(remote + "/a_2001.txt", li.named(planned.label(), null));
      // a unit that is one file of the copy (e.g. a zip archive) is copied alone
      SourceUnit file = new SourceUnit(driverCopy.resolve("a_2002.txt").toString(), List.of("x.csv"), 2002, "z");
      assertEquals("year 2002\n", Files.readString(Path.of(li.localise(conf(), file, task).path())));
    }
    assertFalse(Files.exists(driverCopy), "the driver's copy is deleted on close");
  }

  @Test
  void aLocalInputIsUsedAsIsAndAMissingOneIsAUsageError() throws IOException {
    Path f = Files.writeString(tmp.resolve("t_2001.txt"), "x\n");
    try (LocalInputs li = LocalInputs.of(conf(), List.of(f.toString()))) {
      assertFalse(li.hasCopies());
      assertEquals(List.of(f.toAbsolutePath()), li.paths());
      SourceUnit u = new SourceUnit(f.toString(), List.of(), 2001, f.toString());
      assertSame(u, li.localise(conf(), u, tmp));
    }
    UsageException e = assertThrows(UsageException.class,
        () -> LocalInputs.of(conf(), List.of("remote://" + tmp.resolve("nope"))));
    assertEquals("ingest: --in remote://" + tmp.resolve("nope") + " does not exist", e.getMessage());
  }
}
