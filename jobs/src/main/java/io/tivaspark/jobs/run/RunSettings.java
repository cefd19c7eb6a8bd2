package io.tivaspark.jobs.run;

import com.typesafe.config.Config;
import io.tivaspark.jobs.cli.ConfigValues;
import io.tivaspark.jobs.cli.UsageException;
import java.time.Duration;
import java.util.List;

/**
 * The tiva.run settings that steer a run rather than its numbers, read and checked before
 * anything is written: a bad value is a configuration error (exit 2) naming the key, not a
 * surprise after every table is committed. The settings that shape the numbers are
 * {@link CoreSettings}.
 *
 * @param families tiva.run.families, each a family this build computes
 * @param stagingDir tiva.run.staging-dir, "" = under the warehouse
 * @param stagingThread tiva.run.staging-thread: each year task encodes its staged files on a thread
 *     of its own beside the families' thread
 * @param warmUp tiva.run.warm-up: with a local master, the year task's code is warmed up on a small
 *     synthetic year while the run is planned, before the first year task starts ({@link RunWarmUp})
 * @param testPauseBeforeCommit tiva.test.pause-before-commit: crash tests only, the table whose
 *     Delta commit the run pauses before ({@link CommitListener#of}); "" = none
 */
public record RunSettings(List<String> families, boolean failOnCheck, boolean failOnInputCheck,
    Duration lockWait, Duration lockStaleAfter, String stagingDir, boolean stagingThread, boolean warmUp,
    String testPauseBeforeCommit) {

  public static RunSettings from(Config tiva) {
    List<String> families = ConfigValues.stringList(tiva, "run.families");
    for (String f : families) {
      if (!RunJob.FAMILIES.contains(f)) {
        throw new UsageException("configuration: tiva.run.families: unknown family '" + f + "' (known: "
            + String.join(", ", RunJob.FAMILIES) + ")");
      }
    }
    Duration stale = ConfigValues.duration(tiva, "run.lock-stale-after");
    if (stale.isZero()) {
      throw new UsageException("configuration: tiva.run.lock-stale-after must be longer than 0s");
    }
    String staging = ConfigValues.string(tiva, "run.staging-dir");
    if (!staging.isBlank()) {
      try {
        new org.apache.hadoop.fs.Path(staging);
      } catch (IllegalArgumentException e) {
        throw new UsageException("configuration: tiva.run.staging-dir is not a valid path: " + e.getMessage(), e);
      }
    }
    return new RunSettings(List.copyOf(families), ConfigValues.bool(tiva, "run.fail-on-check"),
        ConfigValues.bool(tiva, "run.fail-on-input-check"), ConfigValues.duration(tiva, "run.lock-wait"), stale,
        staging, ConfigValues.bool(tiva, "run.staging-thread"), ConfigValues.bool(tiva, "run.warm-up"),
        ConfigValues.string(tiva, "test.pause-before-commit"));
  }
}
