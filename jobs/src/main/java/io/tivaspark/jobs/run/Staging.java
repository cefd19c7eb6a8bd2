package io.tivaspark.jobs.run;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run stages its year files before the commit, and the one place their names are made:
 * {@code <root>/<run id>/<table>/y<year>.parquet}. The root is {@code <warehouse>/_staging}, or
 * {@code <tiva.run.staging-dir>/wh-<hash of the warehouse>} (a directory of its own per
 * warehouse: leftovers are removed under the warehouse lock, which must never touch another
 * warehouse's live staging).
 */
final class Staging {
  private static final Logger LOG = LoggerFactory.getLogger(Staging.class);

  private final FileSystem fs;
  private final Path root;
  private final Path run;

  private Staging(FileSystem fs, Path root, Path run) {
    this.fs = fs;
    this.root = root;
    this.run = run;
  }

  /** The staging of run {@code runId} into {@code warehouse}; {@code stagingDir} "" = under the warehouse. */
  static Staging of(Configuration hconf, FileSystem whFs, Path warehouse, String stagingDir, String runId)
      throws IOException {
    Path root = stagingDir.isBlank() ? new Path(warehouse, "_staging")
        : new Path(new Path(stagingDir), "wh-" + RunJob.sha256(whFs.makeQualified(warehouse).toString()).substring(0, 16));
    return new Staging(root.getFileSystem(hconf), root, new Path(root, runId)); // may be on another store
  }

  /** The staged file of one table and year under a run's staging directory. */
  static Path file(Path runDir, OutputTable t, int year) {
    return new Path(new Path(runDir, t.tableName()), "y" + year + ".parquet");
  }

  /** This run's staged file of one table and year. */
  Path file(OutputTable t, int year) {
    return file(run, t, year);
  }

  /** This run's staging directory (shipped to the year tasks). */
  Path runDir() {
    return run;
  }

  FileSystem fs() {
    return fs;
  }

  /** Removes the staging directories of earlier runs that died (the caller holds the warehouse lock). */
  void removeLeftovers() throws IOException {
    if (fs.exists(root)) {
      for (FileStatus st : fs.listStatus(root)) {
        LOG.info("removing the staging of an interrupted run: {}", st.getPath().getName());
        fs.delete(st.getPath(), true);
      }
    }
  }

  /** Deletes this run's staging, and the root when no other run's is left. */
  void cleanUp() throws IOException {
    fs.delete(run, true);
    if (fs.exists(root) && fs.listStatus(root).length == 0) {
      fs.delete(root, false);
    }
  }
}
