package io.tivaspark.jobs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.ProcessStarts;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalFiles}: the same files, directories, permissions, link statuses and checksum sidecars
 * as Hadoop's local file systems, without starting a process (counted with JFR's
 * {@code jdk.ProcessStart} events; Hadoop's own classes, run the same way, are the control).
 */
class LocalFilesTest {
  @TempDir
  java.nio.file.Path tmp;

  static Configuration conf(boolean ours) {
    Configuration c = new Configuration();
    if (ours) {
      LocalFiles.settings().forEach(c::set);
    }
    c.setBoolean("fs.file.impl.disable.cache", true);
    return c;
  }

  static String perms(java.nio.file.Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** mkdirs, create, setPermission, a FileContext create and rename: what a run's staging and Delta commits do. */
  static void sameWork(Configuration c, java.nio.file.Path root) throws Exception {
    FileSystem fs = FileSystem.get(URI.create("file:///"), c);
    Path dir = new Path(root.resolve("a/b").toUri());
    assertTrue(fs.mkdirs(dir));
    try (FSDataOutputStream o = fs.create(new Path(dir, "f.parquet"))) {
      o.writeBytes("data");
    }
    fs.setPermission(new Path(dir, "f.parquet"), new FsPermission((short) 0640));
    FileContext fc = FileContext.getFileContext(c);
    Path tmpFile = new Path(root.resolve("log/.00.json.tmp").toUri());
    try (FSDataOutputStream o = fc.create(tmpFile, EnumSet.of(CreateFlag.CREATE), Options.CreateOpts.createParent())) {
      o.writeBytes("{}");
    }
    fc.rename(tmpFile, new Path(root.resolve("log/00.json").toUri()));
  }

  @Test
  void sameFilesAndPermissionsAsHadoopWithoutAProcess() throws Exception {
    java.nio.file.Path theirs = tmp.resolve("hadoop");
    java.nio.file.Path ours = tmp.resolve("ours");
    List<String> hadoopProcesses = ProcessStarts.during(() -> sameWork(conf(false), theirs));
    List<String> ourProcesses = ProcessStarts.during(() -> sameWork(conf(true), ours));
    assertFalse(hadoopProcesses.isEmpty(), "control: Hadoop's own local file systems start chmod/readlink here");
    assertEquals(List.of(), ourProcesses);
    for (String rel : List.of("a", "a/b", "a/b/f.parquet", "a/b/.f.parquet.crc", "log", "log/00.json", "log/.00.json.crc")) {
      assertTrue(Files.exists(ours.resolve(rel)), rel);
      assertEquals(perms(theirs.resolve(rel)), perms(ours.resolve(rel)), rel);
      assertEquals(Files.size(theirs.resolve(rel)), Files.size(ours.resolve(rel)), rel);
    }
    assertFalse(Files.exists(ours.resolve("log/.00.json.tmp")));
    assertFalse(Files.exists(ours.resolve("log/..00.json.tmp.crc")), "the sidecar moved with its file");
    assertEquals("rw-r-----", perms(ours.resolve("a/b/f.parquet")));
  }

  @Test
  void rawWritesNoSidecarAsHadoopConfPlainDoes() throws Exception {
    Configuration c = HadoopConf.local().get();
    FileSystem fs = FileSystem.get(URI.create("file:///"), c);
    assertEquals(LocalFiles.Raw.class, fs.getClass());
    Path f = new Path(tmp.resolve("s/x.parquet").toUri());
    assertEquals(List.of(), ProcessStarts.during(() -> {
      try (FSDataOutputStream o = fs.create(f)) {
        o.writeBytes("x");
      }
    }));
    assertFalse(Files.exists(tmp.resolve("s/.x.parquet.crc")));
  }

  @Test
  void everyPermissionBitAndTheStickyBit() throws Exception {
    RawLocalFileSystem fs = new LocalFiles.Raw();
    fs.initialize(URI.create("file:///"), conf(true));
    java.nio.file.Path f = Files.createFile(tmp.resolve("m"));
    for (int mode : new int[] {0, 0777, 0755, 0644, 0600, 0421, 0124, 0070, 0007}) {
      fs.setPermission(new Path(f.toUri()), new FsPermission((short) mode));
      assertEquals(mode, fs.getFileStatus(new Path(f.toUri())).getPermission().toShort(), Integer.toOctalString(mode));
    }
    java.nio.file.Path d = Files.createDirectory(tmp.resolve("sticky"));
    fs.setPermission(new Path(d.toUri()), new FsPermission((short) 01777)); // through chmod, as Hadoop does
    assertTrue(fs.getFileStatus(new Path(d.toUri())).getPermission().getStickyBit());
  }

  @Test
  void linkStatusesAsHadoops() throws Exception {
    RawLocalFileSystem ours = new LocalFiles.Raw();
    RawLocalFileSystem theirs = new RawLocalFileSystem();
    ours.initialize(URI.create("file:///"), conf(true));
    theirs.initialize(URI.create("file:///"), conf(false));
    java.nio.file.Path file = Files.writeString(tmp.resolve("file"), "abc");
    java.nio.file.Path dir = Files.createDirectory(tmp.resolve("dir"));
    java.nio.file.Path link = Files.createSymbolicLink(tmp.resolve("link"), file);
    java.nio.file.Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("gone"));
    Path missing = new Path(tmp.resolve("missing").toUri());
    for (Path p : List.of(new Path(file.toUri()), new Path(dir.toUri()), new Path(link.toUri()),
        new Path(dangling.toUri()), missing)) {
      assertEquals(linkStatus(theirs, p), linkStatus(ours, p), p.getName());
    }
    // a link goes to Hadoop's own code (readlink), whatever it answers (Hadoop 3.5: the target's status)
    assertEquals(linkStatus(ours, new Path(file.toUri())).replace("/file ", "/link "), linkStatus(ours, new Path(link.toUri())));
    assertTrue(linkStatus(ours, missing).startsWith("FileNotFoundException"));
  }

  /** What getFileLinkStatus answers, as text: path, kind, length, link target; or the exception's class. */
  static String linkStatus(RawLocalFileSystem fs, Path p) {
    try {
      FileStatus s = fs.getFileLinkStatus(p);
      return s.getPath() + (s.isDirectory() ? " dir" : " file") + " len " + s.getLen()
          + (s.isSymlink() ? " symlink " + s.getSymlink() : "");
    } catch (IOException e) {
      return e.getClass().getSimpleName();
    }
  }

  @Test
  void posixBitsInOrder() throws Exception {
    RawLocalFileSystem fs = new LocalFiles.Raw();
    fs.initialize(URI.create("file:///"), conf(true));
    java.nio.file.Path f = Files.createFile(tmp.resolve("bits"));
    fs.setPermission(new Path(f.toUri()), new FsPermission((short) 0750));
    assertEquals(PosixFilePermissions.fromString("rwxr-x---"), Files.getPosixFilePermissions(f));
    fs.setPermission(new Path(f.toUri()), new FsPermission((short) 0212));
    assertEquals(PosixFilePermissions.fromString("-w---x-w-"), Files.getPosixFilePermissions(f));
  }
}
