package io.tivaspark.jobs.run;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Called by the Delta file commit between moving a table's staged files into the table and
 * committing them: the window that leaves orphan files when a run dies in it. Production runs use
 * {@link #NONE}; crash tests pause there ({@link #pauseBefore}, set in a child JVM through the
 * test-only key {@code tiva.test.pause-before-commit}) or inject faults in-process.
 */
@FunctionalInterface
public interface CommitListener {
  /** Does nothing. */
  CommitListener NONE = table -> { };

  /** The staged files of {@code table} are in the table's directory; its Delta commit comes next. */
  void beforeCommit(String table);

  /** Sleeps {@code pause} before the commit of {@code table} (so a test can kill the run there). */
  static CommitListener pauseBefore(String table, Duration pause) {
    Logger log = LoggerFactory.getLogger(FileCommit.class);
    return t -> {
      if (t.equals(table)) {
        log.warn("{}: staged files moved, pausing before the commit (tiva.test.pause-before-commit)", t);
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  /** The listener the run settings ask for: a pause when tiva.test.pause-before-commit names a table. */
  static CommitListener of(RunSettings settings) {
    String table = settings.testPauseBeforeCommit();
    return table.isBlank() ? NONE : pauseBefore(table, Duration.ofMinutes(10));
  }
}
