package io.tivaspark.jobs.run;

import io.tivaspark.common.math.IndicatorFamily;
import io.tivaspark.common.math.TivaOptions;
import io.tivaspark.common.math.TivaSummary;
import io.tivaspark.common.math.YearSystem;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Family;
import io.tivaspark.common.model.Fingerprint;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.jobs.cli.ExitCode;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One year of a run, shipped to an executor: read, fingerprint, then skip (unchanged) or compute
 * every family on one solved system and stage the rows.
 *
 * @param input the store (a Hadoop path)
 * @param meta the store's mrio.json
 * @param core the settings that shape the numbers
 * @param unit the money unit written to the indicators table
 * @param families the families run (EnumSet order: core, gvc, footprints)
 * @param stagingRun this run's staging directory ({@link Staging})
 * @param unchangedInput the input fingerprint under which the year may be skipped, or null
 * @param stagingThread encode the staged files on a thread of their own (tiva.run.staging-thread)
 */
record YearTask(String input, MrioMeta meta, int year, CoreSettings core, String unit, EnumSet<Family> families,
    String stagingRun, String runId, String unchangedInput, boolean stagingThread) implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(RunJob.class);

  /**
   * Runs the task. Never throws for a bad year: it reports it. Storage errors are thrown so Spark
   * retries the task.
   */
  YearOutcome run(HadoopConf hc) {
    long t0 = System.nanoTime();
    BlasThreads.configure();
    String executor = executorLabel();
    Configuration conf = hc.get();
    String fingerprint = null;
    MrioYear y = null;
    YearSteps steps = new YearSteps();
    try {
      y = StoreReader.read(conf, new Path(input), meta, year);
      steps.lap("read");
      fingerprint = Fingerprint.of(y);
      steps.lap("fingerprint");
      if (fingerprint.equals(unchangedInput)) {
        return new YearOutcome(year, 0, null, RunJob.secondsSince(t0), fingerprint, Map.of(), List.of(), "",
            executor, true);
      }
      LOG.info("year {} started on {}", year, executor);
      return computeAndStage(conf, y, fingerprint, executor, t0, steps);
    } catch (InvalidInputException e) {
      return failed(ExitCode.INVALID_INPUT, e.getMessage(), fingerprint, executor, t0);
    } catch (NonFiniteResultException e) {
      InvalidInputException bad = new InvalidInputException("input", year, "largest cell " + y.largestCell(),
          "a result is not finite (" + e.getMessage() + "): the table's magnitudes overflow double precision");
      return failed(ExitCode.INVALID_INPUT, bad.getMessage(), fingerprint, executor, t0);
    } catch (UncheckedIOException e) {
      // storage trouble (Spark retries the task): the sink's message names the table and year
      throw WarehouseException.storage(e.getMessage(), e);
    } catch (IOException e) {
      throw WarehouseException.storage(y == null ? "reading the input of year " + year : "staging year " + year, e);
    } catch (RuntimeException e) {
      return failed(ExitCode.FAILURE, "year " + year + ": " + ExitCode.message(e), fingerprint, executor, t0);
    }
  }

  /** One solved system (A, B = (I - A)^-1 by one LU) shared by every family of the run. */
  private YearOutcome computeAndStage(Configuration conf, MrioYear y, String fingerprint, String executor, long t0,
      YearSteps steps) throws IOException {
    TivaOptions options = core.options(y.layout(), unit);
    Map<String, Long> rows = new LinkedHashMap<>();
    List<YearOutcome.FailedCheck> failed = new ArrayList<>();
    String backend;
    try (StagingSink sink = new StagingSink(conf, new Path(stagingRun), runId, year, unit, families,
        stagingThread)) {
      steps.lap("open");
      YearSystem system = YearSystem.build(y, options);
      steps.lap("build");
      List<TivaSummary> summaries = computeFamilies(system, families, sink, steps);
      backend = summaries.isEmpty() ? system.options().lapack().backend() : summaries.get(0).backend();
      for (TivaSummary s : summaries) {
        for (CheckResult c : s.checks()) {
          if (!c.passed()) {
            failed.add(YearOutcome.FailedCheck.of(c));
          }
        }
      }
      sink.commit().forEach((t, n) -> rows.put(t.tableName(), n));
      steps.lap("commit");
      LOG.info("year {} steps: {}; staging: {}", year, steps, sink.stagingSeconds());
    }
    LOG.info("year {} finished in {} s", year, String.format("%.1f", RunJob.secondsSince(t0)));
    return new YearOutcome(year, 0, null, RunJob.secondsSince(t0), fingerprint, rows, failed, backend, executor, false);
  }

  /** Every family of {@code families} that applies to the year, into {@code sink}, each a step of {@code steps}. */
  static List<TivaSummary> computeFamilies(YearSystem system, Set<Family> families, ResultSink sink,
      YearSteps steps) {
    List<TivaSummary> summaries = new ArrayList<>();
    for (Family f : families) {
      IndicatorFamily family = IndicatorFamily.of(f);
      if (family.appliesTo(system)) {
        summaries.add(family.compute(system, sink));
        steps.lap(f.name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return summaries;
  }

  private YearOutcome failed(int exitCode, String error, String fingerprint, String executor, long t0) {
    return new YearOutcome(year, exitCode, error, RunJob.secondsSince(t0), fingerprint, Map.of(), List.of(), "",
        executor, false);
  }

  private static String executorLabel() {
    org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
    String pid = String.valueOf(ProcessHandle.current().pid());
    if (tc == null) {
      return "driver pid " + pid;
    }
    String id = org.apache.spark.SparkEnv.get() == null ? "?" : org.apache.spark.SparkEnv.get().executorId();
    return "executor " + id + " pid " + pid;
  }
}
