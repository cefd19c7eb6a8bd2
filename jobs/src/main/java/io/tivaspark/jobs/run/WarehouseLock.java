package io.tivaspark.jobs.run;

import io.tivaspark.jobs.cli.ExitCoded;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time per warehouse: {@code <warehouse>/_tiva_run.lock}, created only if absent,
 * atomically ({@link ExclusiveCreate}: O_EXCL on local disks, the NameNode on HDFS, a conditional
 * PUT with {@code If-None-Match: *} on S3). A second run waits up to
 * {@code tiva.run.lock-wait} and then fails with one line naming the holder. A lock whose holder
 * is dead (same host, process gone) or older than {@code tiva.run.lock-stale-after} is taken
 * over, so a run killed with {@code kill -9} never blocks the next one for long: by an atomic
 * rename where the store has one, by a take-over marker created only if absent on object stores.
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
      if (holder != null && runId.equals(holder.getProperty("run_id"))) {
        // our own create succeeded but its answer was lost and the store's retry was refused (S3: 412)
        return new WarehouseLock(fs, path, runId);
      }
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
    if (!ExclusiveCreate.hasAtomicRename(fs)) {
      return takeOverWithoutRename(fs, path, runId, staleRunId);
    }
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

  /**
   * The take-over on an object store, where a rename is a copy and a delete that two runs can both
   * "win": the right to remove the stale lock of run {@code staleRunId} is itself a file created
   * only if absent, {@code .<lock>.takeover-<stale run id>} (the same primitive as the lock). Its
   * creator re-reads the lock, deletes it only if it still names the stale run, then deletes the
   * marker. A second taker that read the same stale holder either fails to create the marker or,
   * once the first has finished, finds the lock gone or replaced and deletes nothing.
   */
  private static boolean takeOverWithoutRename(FileSystem fs, Path path, String runId, String staleRunId)
      throws IOException {
    Path marker = new Path(path.getParent(), "." + FILE + ".takeover-" + (staleRunId == null ? "empty" : staleRunId));
    if (!ExclusiveCreate.create(fs, marker, ("run_id=" + runId + "\n").getBytes(StandardCharsets.UTF_8))) {
      // another run is taking it over, or died doing so: a marker older than the grace is left by a dead taker
      if (emptyFor(fs, marker) > EMPTY_GRACE_MS) {
        fs.delete(marker, false);
      } else {
        pause(path, 200);
      }
      return false;
    }
    try {
      Properties now = read(fs, path);
      String nowId = now == null ? null : now.getProperty("run_id");
      if (!java.util.Objects.equals(nowId, staleRunId)) {
        return false; // released, or already replaced by a live run
      }
      fs.delete(path, false);
      return true;
    } finally {
      fs.delete(marker, false);
    }
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
    return ExclusiveCreate.create(fs, path, bytes);
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
