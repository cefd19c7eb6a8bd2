package io.tivaspark.jobs.store;

import io.tivaspark.jobs.cli.ExitCode;
import io.tivaspark.jobs.cli.ExitCoded;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Publishes staged year directories into a store, all or nothing: the old {@code mrio.json} and
 * every old year directory that is replaced are first moved aside into {@code <staging>/_old},
 * then the staged ones are moved in, then the caller's last step (writing the new
 * {@code mrio.json}) runs. On any failure every move is undone, newest first, so the store is
 * as it was; the backups are deleted with the staging directory only after everything
 * succeeded. While publishing the store has no {@code mrio.json}, so no reader takes a
 * half-published store for a complete one.
 *
 * <p>Per year and dataset: a staged directory replaces the old one; a required dataset is
 * always staged; {@code output/} not staged is removed for that year (an old published output
 * would not belong to the new table); {@code extensions/}, {@code extensions_final_demand/} and
 * {@code population/} not staged keep their old directory (data the input does not carry).
 */
public final class YearPublisher {
  /** Moves a file or directory; the step tests replace to inject faults. */
  @FunctionalInterface
  public interface Mover {
    void move(FileSystem fs, Path from, Path to) throws IOException;
  }

  /**
   * Renames. On the local file system java.nio's atomic move: Hadoop's local rename falls back
   * to copy-and-delete, which can half-empty a directory it cannot remove. Elsewhere
   * {@link FileSystem#rename}. A local file's Hadoop checksum sibling ({@code .name.crc}) moves
   * with it.
   */
  public static final Mover RENAME = (fs, from, to) -> {
    String scheme = fs.getUri().getScheme();
    if (scheme == null || scheme.equals("file")) {
      java.nio.file.Path a = new File(from.toUri().getPath()).toPath();
      java.nio.file.Path b = new File(to.toUri().getPath()).toPath();
      java.nio.file.Path crc = a.resolveSibling("." + a.getFileName() + ".crc");
      Files.move(a, b, StandardCopyOption.ATOMIC_MOVE);
      if (Files.isRegularFile(b) && Files.exists(crc)) {
        Files.move(crc, b.resolveSibling("." + b.getFileName() + ".crc"), StandardCopyOption.ATOMIC_MOVE);
      }
    } else if (!fs.rename(from, to)) {
      throw new IOException("rename returned false");
    }
  };

  /** The last step of a publication, e.g. writing mrio.json. */
  @FunctionalInterface
  public interface Step {
    void run() throws IOException;
  }

  /** A publication that failed; exit code 1, with one line saying what failed and whether it was undone. */
  public static final class PublishException extends IOException implements ExitCoded {
    private static final long serialVersionUID = 1L;

    PublishException(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public int exitCode() { return ExitCode.FAILURE; }
  }

  /** One move done: {@code from} null when {@code to} is a directory created for a move. */
  private record Move(Path from, Path to) {}

  private final FileSystem fs;
  private final Mover mover;
  private final Path root;
  private final Path staging;
  private final Path backup;
  private final Deque<Move> done = new ArrayDeque<>();
  private String current = "";

  public YearPublisher(FileSystem fs, Mover mover, Path root, Path staging) {
    this.fs = fs;
    this.mover = mover;
    this.root = root;
    this.staging = staging;
    this.backup = backupDir(staging);
  }

  static Path backupDir(Path staging) {
    return new Path(staging, "_old");
  }

  /** Whether a failed publication left old data in the staging directory (it must not be deleted then). */
  public static boolean holdsOldData(FileSystem fs, Path staging) throws IOException {
    Path b = backupDir(staging);
    return fs.exists(b) && fs.listFiles(b, true).hasNext();
  }

  /** Publishes the staged years, then runs {@code last}; all or nothing (see the class comment). */
  public void publish(Set<Integer> years, Step last) throws IOException {
    try {
      fs.mkdirs(root);
      current = MrioMeta.FILE;
      Path meta = new Path(root, MrioMeta.FILE);
      if (fs.exists(meta)) {
        move(meta, new Path(backup, MrioMeta.FILE));
      }
      for (int year : years) {
        for (Dataset d : Dataset.values()) {
          publishOne(d, year);
        }
      }
      current = "the new " + MrioMeta.FILE;
      last.run();
    } catch (IOException | RuntimeException e) {
      String cause = e.getClass().getSimpleName() + ": " + e.getMessage();
      String undo = rollback();
      throw new PublishException("could not publish " + current + " into " + root + " (" + cause + "); " + undo, e);
    }
  }

  private void publishOne(Dataset d, int year) throws IOException {
    Path src = StoreWriter.yearDir(staging, d, year);
    Path dst = StoreWriter.yearDir(root, d, year);
    boolean staged = fs.exists(src);
    if (!staged && d.keptWhenNotBrought()) {
      return; // satellite accounts or population the input does not carry: the old ones stay
    }
    current = d.label() + " year " + year;
    if (fs.exists(dst)) {
      move(dst, StoreWriter.yearDir(backup, d, year));
    }
    if (staged) {
      move(src, dst);
    }
  }

  private void move(Path from, Path to) throws IOException {
    Path parent = to.getParent();
    if (!fs.exists(parent)) {
      fs.mkdirs(parent);
      done.push(new Move(null, parent));
    }
    mover.move(fs, from, to);
    done.push(new Move(from, to));
  }

  /** Undoes every move, newest first; says whether the store is as it was. */
  private String rollback() {
    String failed = null;
    while (!done.isEmpty()) {
      Move m = done.pop();
      try {
        if (m.from() == null) {
          fs.delete(m.to(), false); // an empty directory created for a move
        } else {
          if (fs.exists(m.from())) {
            fs.delete(m.from(), true); // written after the move (the new mrio.json)
          }
          mover.move(fs, m.to(), m.from());
        }
      } catch (IOException | RuntimeException e) {
        if (failed == null) {
          failed = "could not move " + m.to() + " back to " + m.from() + " (" + e.getMessage() + ")";
        }
      }
    }
    return failed == null ? "every move was undone: the store is as it was"
        : failed + ": the old data is kept in " + backup;
  }
}
