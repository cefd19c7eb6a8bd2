package io.tivaspark.jobs.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tivaspark.common.math.TivaCore;
import io.tivaspark.common.math.TivaOptions;
import io.tivaspark.common.math.TivaSummary;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Fingerprint;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.jobs.cli.ChecksFailedException;
import io.tivaspark.jobs.cli.ExitCode;
import io.tivaspark.jobs.cli.ExitCoded;
import io.tivaspark.jobs.cli.Settings;
import io.tivaspark.jobs.cli.UsageException;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/tiva run}: computes every year of the store on the executors (one year per task;
 * the driver only sees small {@link YearOutcome}s), stages each year's rows as Parquet, then
 * commits every curated table with one Delta transaction per table that replaces exactly the
 * years computed, and finally appends the {@code runs} row. Years that fail (bad input) are
 * reported and left as they were in the warehouse; the others complete.
 */
public final class RunJob {
  private static final Logger LOG = LoggerFactory.getLogger(RunJob.class);
  public static final List<String> FAMILIES = List.of("core");

  /** What the caller asked for. */
  public record Request(String input, String warehouse, int[] years, List<String> families) {}

  /** What a run did. */
  public record Result(String runId, String status, List<YearOutcome> outcomes, Map<String, Long> rows) {}

  private RunJob() {}

  public static Result run(SparkSession spark, Settings settings, Request req) throws IOException {
    Instant started = Instant.now();
    String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started)
        + "-" + UUID.randomUUID().toString().substring(0, 8);
    for (String f : req.families()) {
      if (!FAMILIES.contains(f)) {
        throw new UsageException("run: unknown family '" + f + "' in --only (known: " + String.join(", ", FAMILIES) + ")");
      }
    }
    CoreSettings core = CoreSettings.from(settings.tiva());
    Configuration hconf = spark.sparkContext().hadoopConfiguration();
    Path input = new Path(req.input());
    FileSystem inFs = input.getFileSystem(hconf);
    if (!inFs.exists(input)) {
      throw new UsageException("run: --input " + req.input() + " does not exist");
    }
    MrioMeta meta = MrioMeta.read(inFs, input);
    meta.layout(new Path(input, MrioMeta.FILE).toString());
    TreeSet<Integer> years = StoreReader.checkedYears(hconf, input);
    if (req.years() != null) {
      years.removeIf(y -> y < req.years()[0] || y > req.years()[1]);
      if (years.isEmpty()) {
        throw new UsageException("run: no year of " + req.years()[0] + "-" + req.years()[1] + " in " + req.input());
      }
    }
    Path warehouse = new Path(req.warehouse());
    String stagingBase = settings.tiva().getString("run.staging-dir");
    Path staging = new Path(stagingBase.isBlank() ? new Path(warehouse, "_staging") : new Path(stagingBase), runId);
    FileSystem whFs = warehouse.getFileSystem(hconf);
    whFs.mkdirs(warehouse);
    String unit = meta.unitCode(core.unit());
    LOG.info("run {}: {} years ({}-{}) of {} [{} countries, {} entities, {} industries], warehouse {}",
        runId, years.size(), years.first(), years.last(), req.input(), meta.countries.size(),
        meta.layout("mrio.json").entityCount(), meta.industries.size(), req.warehouse());

    // 1. compute: one year per task, staged as Parquet by the task itself
    HadoopConf hc = HadoopConf.of(hconf);
    String inputStr = input.toString();
    String stagingStr = staging.toString();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> yearList = new ArrayList<>(years);
    jsc.setJobDescription("tiva run " + runId + ": compute " + yearList.size() + " years");
    List<YearOutcome> outcomes;
    try {
      outcomes = jsc.parallelize(yearList, yearList.size())
          .mapPartitions((Iterator<Integer> it) -> {
            List<YearOutcome> out = new ArrayList<>();
            while (it.hasNext()) {
              out.add(computeYear(hc, inputStr, meta, it.next(), core, unit, stagingStr));
            }
            return out.iterator();
          })
          .collect();
    } finally {
      jsc.clearJobGroup();
    }
    List<YearOutcome> ok = outcomes.stream().filter(YearOutcome::ok).collect(Collectors.toList());
    warnIfPureJava(ok);
    for (YearOutcome o : outcomes) {
      if (o.ok()) {
        LOG.info("year {} computed in {} s on {} ({}){}", o.year(), String.format("%.1f", o.seconds()),
            o.executor(), o.backend(), o.failedChecks().isEmpty() ? "" : "; failed checks: " + o.failedChecks());
      } else {
        LOG.error("year {} failed: {}", o.year(), o.error());
      }
    }

    // 2. commit: one Delta transaction per table replacing exactly the years computed
    Map<String, Long> rows = new LinkedHashMap<>();
    if (!ok.isEmpty()) {
      String yearsIn = ok.stream().map(o -> String.valueOf(o.year())).collect(Collectors.joining(","));
      for (OutputTable t : OutputTable.values()) {
        Path dir = new Path(staging, t.tableName());
        jsc.setJobDescription("tiva run " + runId + ": commit " + t.tableName() + " (years " + yearsIn + ")");
        Dataset<Row> df = spark.read().parquet(dir.toString())
            .withColumn("run_id", functions.lit(runId));
        df = df.selectExpr(t.deltaColumns().stream().map(c -> "`" + c + "`").toArray(String[]::new));
        df.write().format("delta").mode("overwrite")
            .option("replaceWhere", "year IN (" + yearsIn + ")")
            .partitionBy("year")
            .save(new Path(warehouse, t.tableName()).toString());
        long n = ok.stream().mapToLong(o -> o.rows().getOrDefault(t.tableName(), 0L)).sum();
        rows.put(t.tableName(), n);
        LOG.info("committed {}: {} rows for years {}", t.tableName(), n, yearsIn);
      }
      jsc.clearJobGroup();
    }
    whFs.delete(staging, true);
    Path stagingParent = staging.getParent();
    if (whFs.exists(stagingParent) && whFs.listStatus(stagingParent).length == 0) {
      whFs.delete(stagingParent, false);
    }

    // 3. the runs row, last: readers who filter on the latest SUCCEEDED run see consistent tables
    List<YearOutcome> failed = outcomes.stream().filter(o -> !o.ok()).collect(Collectors.toList());
    String status = failed.isEmpty() ? "SUCCEEDED" : ok.isEmpty() ? "FAILED" : "PARTIAL";
    ObjectMapper json = new ObjectMapper();
    ObjectNode fps = json.createObjectNode();
    outcomes.forEach(o -> {
      if (o.fingerprint() != null) {
        fps.put(String.valueOf(o.year()), o.fingerprint());
      }
    });
    String message = failed.stream().map(o -> o.year() + ": " + o.error()).collect(Collectors.joining(" | "));
    writeRunsRow(spark, warehouse, runId, started, Instant.now(), status, inputStr, fps.toString(),
        settings.renderJson(), Settings.version(), message);
    LOG.info("run {} {}: {} years computed, {} failed", runId, status, ok.size(), failed.size());

    if (!failed.isEmpty()) {
      YearOutcome first = failed.get(0);
      String others = failed.size() > 1 ? " (and " + (failed.size() - 1) + " more failed years, see runs.message)" : "";
      throw new YearFailedException(first.error() + others, first.exitCode());
    }
    List<String> failedChecks = new ArrayList<>();
    ok.forEach(o -> o.failedChecks().forEach(c -> failedChecks.add(o.year() + " " + c)));
    if (!failedChecks.isEmpty()) {
      String msg = "quality checks failed in " + failedChecks.size() + " cases, first: " + failedChecks.get(0)
          + " (table quality_checks, run " + runId + ")";
      if (settings.tiva().getBoolean("run.fail-on-check")) {
        throw new ChecksFailedException(msg);
      }
      LOG.warn("{}; tiva.run.fail-on-check is false, so the run succeeds", msg);
    }
    return new Result(runId, status, outcomes, rows);
  }

  /** Native BLAS is the product; pure Java is a correctness fallback 20-35x slower: say so loudly. */
  private static void warnIfPureJava(List<YearOutcome> ok) {
    List<String> slow = ok.stream().map(YearOutcome::backend).filter(b -> !b.contains("JNI")).distinct()
        .collect(Collectors.toList());
    if (!slow.isEmpty()) {
      LOG.warn("*** the math ran on pure-Java LAPACK/BLAS ({}) on some executors: 20-35x slower than native. "
          + "Fix: install OpenBLAS on every node (Debian/Ubuntu: apt-get install libopenblas0-pthread) ***", slow);
    }
  }

  /** A year failed; carries the exit code of its cause (3 for bad input). */
  public static final class YearFailedException extends RuntimeException implements ExitCoded {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    YearFailedException(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    @Override
    public int exitCode() { return exitCode; }
  }

  /** The body of a year task: read, compute, stage. Never throws for a bad year: it reports it. */
  static YearOutcome computeYear(HadoopConf hc, String input, MrioMeta meta, int year, CoreSettings core,
      String unit, String staging) {
    long t0 = System.nanoTime();
    String executor = executorLabel();
    LOG.info("year {} started on {}", year, executor);
    Configuration conf = hc.get();
    String fingerprint = null;
    try {
      MrioYear y = StoreReader.read(conf, new Path(input), meta, year);
      fingerprint = Fingerprint.of(y);
      TivaOptions options = core.options(y.layout(), unit);
      Map<String, Long> rows = new LinkedHashMap<>();
      List<String> failed = new ArrayList<>();
      String backend;
      try (StagingSink sink = new StagingSink(conf, new Path(staging), year, unit)) {
        TivaSummary s = TivaCore.compute(y, options, sink);
        backend = s.backend();
        for (CheckResult c : s.checks()) {
          if (!c.passed()) {
            failed.add(c.check() + " " + c.scope() + " (max rel error " + String.format("%.3g", c.maxRelError())
                + " > " + c.tolerance() + (c.worst().isEmpty() ? "" : " at " + c.worst()) + ")");
          }
        }
        sink.commit().forEach((t, n) -> rows.put(t.tableName(), n));
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      LOG.info("year {} finished in {} s", year, String.format("%.1f", secs));
      return new YearOutcome(year, 0, null, secs, fingerprint, rows, failed, backend, executor);
    } catch (InvalidInputException e) {
      return new YearOutcome(year, ExitCode.INVALID_INPUT, e.getMessage(), (System.nanoTime() - t0) / 1e9,
          fingerprint, Map.of(), List.of(), "", executor);
    } catch (IOException | UncheckedIOException e) {
      // a storage problem: let Spark retry the task
      throw new RuntimeException("year " + year + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      return new YearOutcome(year, ExitCode.FAILURE, "year " + year + ": " + ExitCode.message(e),
          (System.nanoTime() - t0) / 1e9, fingerprint, Map.of(), List.of(), "", executor);
    }
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

  static final StructType RUNS_SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("started_at", DataTypes.TimestampType, false)
      .add("finished_at", DataTypes.TimestampType, false)
      .add("status", DataTypes.StringType, false)
      .add("input", DataTypes.StringType, false)
      .add("input_fingerprints", DataTypes.StringType, false)
      .add("config", DataTypes.StringType, false)
      .add("version", DataTypes.StringType, false)
      .add("message", DataTypes.StringType, true);

  private static void writeRunsRow(SparkSession spark, Path warehouse, String runId, Instant started,
      Instant finished, String status, String input, String fingerprints, String config, String version,
      String message) {
    Row r = RowFactory.create(runId, Timestamp.from(started), Timestamp.from(finished), status, input,
        fingerprints, config, version, message.isEmpty() ? null : message);
    spark.createDataFrame(List.of(r), RUNS_SCHEMA).coalesce(1)
        .write().format("delta").mode("append").save(new Path(warehouse, "runs").toString());
  }
}
