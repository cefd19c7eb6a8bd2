package io.tivaspark.jobs.run;

import io.tivaspark.common.model.Family;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * How one curated table takes a run's staged years, in one Delta transaction. Two ways
 * ({@link #forTable}): {@link DeltaFiles} moves the staged files into the table and commits them
 * ({@link FileCommit#replaceYears}, no rewrite), falling back to {@link ReplaceWhere} (Spark's
 * writer with {@code replaceWhere}: {@link FileCommit#replaceWithDataFrame}) when the table's
 * layout differs from the staged files; quality_checks, whose rows of a year are replaced only
 * for the families run, uses {@link ReplaceWhere} when a run computes only some families.
 */
interface TableCommit {
  /** What a commit replaces: these years (and in quality_checks only these families' rows). */
  record Scope(List<Integer> years, Set<Family> families) {
    String yearsIn() {
      return years.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The replaceWhere predicate of a table. */
    String where(OutputTable t) {
      return "year IN (" + yearsIn() + ")" + (t.family() == null ? " AND family IN ("
          + families.stream().map(f -> "'" + f.code() + "'").collect(Collectors.joining(",")) + ")" : "");
    }
  }

  /** Commits the staged files of {@code t} into {@code table}; returns how it was done, for the log. */
  String commit(SparkSession spark, Path table, OutputTable t, List<FileCommit.Staged> staged, Scope scope)
      throws IOException;

  /**
   * The commit of a table: files for a family's own table, and for quality_checks when the run
   * computed every family (its rows of a year are then all replaced: every row's {@code family}
   * is one of {@link Family}'s codes); replaceWhere for quality_checks when only some families ran.
   */
  static TableCommit forTable(OutputTable t, Scope scope, CommitListener listener) {
    boolean wholeYears = t.family() != null || scope.families().containsAll(EnumSet.allOf(Family.class));
    return wholeYears ? new DeltaFiles(listener) : new ReplaceWhere();
  }

  /** The staged files become the table's files: moved and committed, not rewritten. */
  record DeltaFiles(CommitListener listener) implements TableCommit {
    @Override
    public String commit(SparkSession spark, Path table, OutputTable t, List<FileCommit.Staged> staged, Scope scope)
        throws IOException {
      FileCommit.Outcome done = FileCommit.replaceYears(spark, table, t, staged, listener);
      if (done == null) { // the table's layout differs from the staged files
        return new ReplaceWhere().commit(spark, table, t, staged, scope);
      }
      return done.added() + " files added, " + done.removed() + " removed, version " + done.version();
    }
  }

  /** Spark's writer: the staged rows re-encoded and written with replaceWhere. */
  record ReplaceWhere() implements TableCommit {
    @Override
    public String commit(SparkSession spark, Path table, OutputTable t, List<FileCommit.Staged> staged, Scope scope) {
      FileCommit.replaceWithDataFrame(spark, table, t, staged, scope.where(t));
      return "rewritten by replaceWhere";
    }
  }
}
