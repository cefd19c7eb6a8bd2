package io.tivaspark.jobs.run;

import io.tivaspark.jobs.cli.ExitCoded;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time per warehouse: {@code <warehouse>/_tiva_run.lock}, created atomically
 * (O_EXCL on local disks, the NameNode on HDFS; on object stores such as S3 creation is not
 * atomic, so schedule one run per warehouse there). A second run waits up to
 * {@code tiva.run.lock-wait} and then fails with one line naming the holder. A lock whose holder
 * is dead (same host, process gone) or older than {@code tiva.run.lock-stale-after} is taken
 * over, so a run killed with {@code kill -9} never blocks the next one for long.
 */
final class WarehouseLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseLock.class);
  static final String FILE = "_tiva_run.lock";
  /** A lock file still empty after this long was left by a run killed while creating it. */
  static final long EMPTY_GRACE_MS = 10_000;

  private final FileSystem fs;
  private final Path path;
  private final String runId;

  private WarehouseLock(FileSystem fs, Path path, String runId) {
    this.fs = fs;
    this.path = path;
    this.runId = runId;
  }

  /** Another run holds the warehouse: exit code 1 with the holder named. */
  static final class BusyException extends RuntimeException implements ExitCoded {
    private static final long serialVersionUID = 1L;

    BusyException(String message) {
      super(message);
    }

    @Override
    public int exitCode() {
      return 1;
    }
  }

  static WarehouseLock acquire(FileSystem fs, Path warehouse, String runId, Duration wait, Duration staleAfter)
      throws IOException {
    Path path = new Path(warehouse, FILE);
    Instant deadline = Instant.now().plus(wait);
    boolean announced = false;
    while (true) {
      if (tryCreate(fs, path, runId)) {
        return new WarehouseLock(fs, path, runId);
      }
      Properties holder = read(fs, path);
      if (holder != null && isStale(holder, staleAfter)) {
        if (takeOver(fs, path, runId, holder.getProperty("run_id"))) {
          LOG.warn("took over the stale lock of run {} (host {}, pid {}, since {})", holder.getProperty("run_id"),
              holder.getProperty("host"), holder.getProperty("pid"), holder.getProperty("started"));
        }
        continue;
      }
      if (holder == null) {
        // the holder just released it, or is writing it this instant, or was killed between creating
        // and writing it (an empty file forever): take that one over once it is clearly not in writing
        if (emptyFor(fs, path) > EMPTY_GRACE_MS) {
          if (takeOver(fs, path, runId, null)) {
            LOG.warn("took over the empty lock file {} (its run died while creating it)", path);
          }
        } else {
          pause(path, 100);
        }
        continue;
      }
      if (!Instant.now().isBefore(deadline)) {
        throw new BusyException("warehouse " + path.getParent() + " is in use by run " + holder.getProperty("run_id")
            + " (host " + holder.getProperty("host") + ", pid " + holder.getProperty("pid") + ", since "
            + holder.getProperty("started") + "); wait for it to finish, raise tiva.run.lock-wait, or delete "
            + path + " if that run is dead");
      }
      if (!announced) {
        LOG.info("warehouse in use by run {}; waiting up to {} s", holder.getProperty("run_id"), wait.toSeconds());
        announced = true;
      }
      pause(path, 1000);
    }
  }

  /** How long (ms) the lock file has existed without content, or 0 if it is gone. */
  private static long emptyFor(FileSystem fs, Path path) {
    try {
      return System.currentTimeMillis() - fs.getFileStatus(path).getModificationTime();
    } catch (IOException e) {
      return 0;
    }
  }

  private static void pause(Path path, long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + path, e);
    }
  }

  /**
   * Removes a stale lock without racing another run doing the same: the file is first renamed
   * to a name of our own (atomic: only one of two runs can move it), then checked to be the stale
   * holder's (run id {@code staleRunId}, or empty when null) and deleted; a fresh lock moved by
   * mistake is put back. Returns whether we removed it; either way the caller tries again.
   */
  private static boolean takeOver(FileSystem fs, Path path, String runId, String staleRunId) throws IOException {
    Path mine = new Path(path.getParent(), "." + FILE + ".takeover-" + runId);
    if (!fs.rename(path, mine)) {
      return false; // another run moved or removed it first
    }
    Properties moved = read(fs, mine);
    String movedId = moved == null ? null : moved.getProperty("run_id");
    if (java.util.Objects.equals(movedId, staleRunId)) {
      fs.delete(mine, false);
      return true;
    }
    // it was replaced by a live run between our read and our rename: give it back
    if (!fs.rename(mine, path)) {
      LOG.warn("could not restore the lock {} of run {}", path, movedId);
    }
    return false;
  }

  private static boolean tryCreate(FileSystem fs, Path path, String runId) throws IOException {
    Properties p = new Properties();
    p.setProperty("run_id", runId);
    p.setProperty("host", host());
    p.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
    p.setProperty("started", Instant.now().toString());
    StringBuilder sb = new StringBuilder();
    p.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    fs.mkdirs(path.getParent());
    if ("file".equals(fs.getUri().getScheme())) {
      try {
        Files.write(Paths.get(fs.makeQualified(path).toUri()), bytes, java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(path)) {
        return false;
      }
      throw e;
    }
  }

  private static Properties read(FileSystem fs, Path path) {
    try (InputStream in = fs.open(path)) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("run_id") == null ? null : p;
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean isStale(Properties holder, Duration staleAfter) {
    try {
      Instant started = Instant.parse(holder.getProperty("started"));
      if (Duration.between(started, Instant.now()).compareTo(staleAfter) > 0) {
        return true;
      }
    } catch (RuntimeException e) {
      return true;
    }
    if (host().equals(holder.getProperty("host"))) {
      try {
        long pid = Long.parseLong(holder.getProperty("pid"));
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return false;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public void close() throws IOException {
    Properties p = read(fs, path);
    if (p != null && runId.equals(p.getProperty("run_id"))) {
      fs.delete(path, false);
    }
  }
}
