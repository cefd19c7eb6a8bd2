package io.tivaspark.jobs.ingest;

import io.tivaspark.common.io.LocalTrees;
import io.tivaspark.common.io.source.SourceUnit;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.jobs.cli.UsageException;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The {@code --in} paths of a publisher's format as local paths (the readers read local files:
 * {@link io.tivaspark.common.io.source.MrioSource}). A local (or mounted) input is used as is. A
 * remote one (hdfs://, s3a://, ...) is copied to a local temporary directory on the driver, for
 * {@code plan} and {@code --format auto}; the units planned then point into that copy, and each
 * Spark task copies again only what its unit names ({@link #localise}), as the ICIO path does,
 * since a task may run on another machine. Errors name the input as the user gave it
 * ({@link #named}). {@link #close} deletes the driver's copies.
 */
final class LocalInputs implements Serializable, AutoCloseable {
  private static final long serialVersionUID = 1L;

  /** A remote input and where the driver copied it (an absolute local path). */
  record Copy(String remote, String local) implements Serializable {}

  private final List<String> paths;
  private final List<Copy> copies;
  private final String tmp;

  private LocalInputs(List<String> paths, List<Copy> copies, String tmp) {
    this.paths = List.copyOf(paths);
    this.copies = List.copyOf(copies);
    this.tmp = tmp;
  }

  /** Checks that every input exists (else a usage error naming it) and copies the remote ones. */
  static LocalInputs of(Configuration conf, List<String> inputs) throws IOException {
    List<String> paths = new ArrayList<>();
    List<Copy> copies = new ArrayList<>();
    java.nio.file.Path tmp = null;
    try {
      for (String in : inputs) {
        Path p = new Path(in);
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) {
          throw new UsageException("ingest: --in " + in + " does not exist");
        }
        if (isLocal(fs)) {
          paths.add(new File(p.toUri().getPath()).getAbsolutePath());
          continue;
        }
        tmp = tmp != null ? tmp : Files.createTempDirectory("tiva-ingest-in");
        java.nio.file.Path local = tmp.resolve(String.valueOf(copies.size())).resolve(p.getName());
        Files.createDirectories(local.getParent());
        fs.copyToLocalFile(false, p, new Path(local.toUri()), true);
        paths.add(local.toString());
        copies.add(new Copy(in.replaceFirst("/+$", ""), local.toString())); // named as given
      }
    } catch (IOException | RuntimeException e) {
      LocalTrees.delete(tmp);
      throw e;
    }
    return new LocalInputs(paths, copies, tmp == null ? null : tmp.toString());
  }

  /** The inputs as local paths, in the order given. */
  List<java.nio.file.Path> paths() {
    return paths.stream().map(java.nio.file.Path::of).toList();
  }

  /** Whether some input is remote (then tasks copy their unit: {@link #localise}). */
  boolean hasCopies() {
    return !copies.isEmpty();
  }

  /**
   * In a task: the unit as the task can read it. A unit of a local input is returned as is; a unit
   * inside the driver's copy of a remote input is copied from the remote input into {@code taskTmp}
   * (only the unit's members when its path is a directory and it names members, else its whole
   * path) and its path and label point there.
   */
  SourceUnit localise(Configuration conf, SourceUnit u, java.nio.file.Path taskTmp) throws IOException {
    Copy c = copyOf(u.path());
    if (c == null) {
      return u;
    }
    String rel = u.path().substring(c.local().length()).replaceFirst("^/+", "");
    Path remote = rel.isEmpty() ? new Path(c.remote()) : new Path(c.remote() + "/" + rel);
    FileSystem fs = remote.getFileSystem(conf);
    java.nio.file.Path local = taskRoot(taskTmp, c).resolve(rel);
    Files.createDirectories(local.getParent());
    if (fs.getFileStatus(remote).isDirectory() && !u.members().isEmpty()) {
      for (String m : u.members()) {
        Path rm = new Path(remote, m);
        if (fs.exists(rm)) {
          java.nio.file.Path lm = local.resolve(m);
          Files.createDirectories(lm.getParent());
          fs.copyToLocalFile(false, rm, new Path(lm.toUri()), true);
        }
      }
    } else {
      fs.copyToLocalFile(false, remote, new Path(local.toUri()), true);
    }
    return new SourceUnit(local.toString(), u.members(), u.year(), u.label());
  }

  /** Where a task copies (part of) a remote input: {@code taskTmp/<index>/<name>}, as the driver does. */
  private java.nio.file.Path taskRoot(java.nio.file.Path taskTmp, Copy c) {
    return taskTmp.resolve(String.valueOf(copies.indexOf(c))).resolve(new Path(c.remote()).getName());
  }

  /**
   * The error with every local copy's path (the driver's, and the task's under {@code taskTmp},
   * may be null) replaced by the remote input it copies.
   */
  InvalidInputException named(InvalidInputException e, java.nio.file.Path taskTmp) {
    String s = e.source() == null ? "" : e.source();
    String named = named(s, taskTmp);
    return named.equals(s) ? e : new InvalidInputException(named, e.year(), e.where(), e.rule(), e);
  }

  /** A path or label with the local copies named as the remote inputs. */
  String named(String label, java.nio.file.Path taskTmp) {
    String named = label;
    for (Copy c : copies) {
      named = named.replace(c.local(), c.remote());
      if (taskTmp != null) {
        named = named.replace(taskRoot(taskTmp, c).toString(), c.remote());
      }
    }
    return named;
  }

  private Copy copyOf(String path) {
    for (Copy c : copies) {
      if (path.equals(c.local()) || path.startsWith(c.local() + "/")) {
        return c;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    LocalTrees.delete(tmp == null ? null : java.nio.file.Path.of(tmp));
  }

  static boolean isLocal(FileSystem fs) {
    return fs.getUri().getScheme() == null || fs.getUri().getScheme().equals("file");
  }
}
