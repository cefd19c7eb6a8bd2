package io.tivaspark.jobs.store;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file systems without a child process per call.
 *
 * <p>Without Hadoop's native library (libhadoop.so, which no Maven artifact ships and few machines
 * have), Hadoop's {@code RawLocalFileSystem} starts a process for two common calls:
 * <ul>
 *   <li>{@code chmod} after every file it creates and every directory it makes
 *       ({@code setPermission});
 *   <li>{@code readlink} for every {@code getFileLinkStatus}: twice per rename through
 *       {@code FileContext}, which Delta's log store uses for each commit file and checksum file.
 * </ul>
 * A small local run (the demo) started 542 such processes, at 3–9 ms each on 2 cores
 * (docs/performance.md, "Twelfth pass"). The classes here do the same in the JVM: the nine
 * permission bits set with {@code java.nio.file} (a mode with sticky, setuid or setgid bits still goes
 * to {@code chmod}), and a path that is not a symbolic link answered by {@code getFileStatus}, which
 * is what Hadoop's own code returns for it (a link still goes to {@code readlink}). Files,
 * directories, permissions and checksum sidecars are the same as Hadoop's.
 *
 * <p>{@link #settings()} maps {@code file:} to them: {@link Raw} where Hadoop's raw local file
 * system is used ({@link HadoopConf}: the store and the staged files, no checksum sidecars),
 * {@link Checksummed} as Spark's {@code fs.file.impl} (Hadoop's {@code LocalFileSystem}) and
 * {@link Fs} as its {@code fs.AbstractFileSystem.file.impl} (Hadoop's {@code LocalFs}, used by
 * {@code FileContext}).
 */
public final class LocalFiles {
  private LocalFiles() {}

  /** The Hadoop settings that map {@code file:} to these classes in a Spark session (spark.hadoop.* without the prefix). */
  public static Map<String, String> settings() {
    return Map.of("fs.file.impl", Checksummed.class.getName(),
        "fs.AbstractFileSystem.file.impl", Fs.class.getName());
  }

  /** Hadoop's {@code RawLocalFileSystem}; permissions and link lookups in the JVM. */
  public static class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      short mode = permission.toShort();
      if ((mode & ~0777) != 0) { // sticky, setuid or setgid: java.nio has no bit for them
        super.setPermission(p, permission);
        return;
      }
      try {
        // without those bits FsPermission prints the nine-letter form ("rwxr-x---") java.nio reads
        Files.setPosixFilePermissions(pathToFile(p).toPath(),
            PosixFilePermissions.fromString(permission.toString()));
      } catch (UnsupportedOperationException e) { // not a POSIX file system
        super.setPermission(p, permission);
      }
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      // Hadoop's answer for a path that is no link is its getFileStatus (FileNotFoundException if absent)
      return Files.isSymbolicLink(pathToFile(f).toPath()) ? super.getFileLinkStatus(f) : getFileStatus(f);
    }
  }

  /** Hadoop's {@code LocalFileSystem} (checksum sidecars) over {@link Raw}: Spark's {@code fs.file.impl}. */
  public static class Checksummed extends LocalFileSystem {
    public Checksummed() {
      super(new Raw());
    }
  }

  /** Hadoop's {@code LocalFs} (checksum sidecars) over {@link Raw}, for {@code FileContext}. */
  public static class Fs extends ChecksumFs {
    public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFs(uri, conf));
    }
  }

  /** Hadoop's {@code RawLocalFs} over {@link Raw}. */
  static class RawFs extends DelegateToFileSystem {
    RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, "file", false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    @Deprecated
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true; // as RawLocalFs: any local path
    }
  }
}
