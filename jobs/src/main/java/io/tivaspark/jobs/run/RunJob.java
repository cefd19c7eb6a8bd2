package io.tivaspark.jobs.run;

import io.tivaspark.common.model.Family;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.jobs.cli.ChecksFailedException;
import io.tivaspark.jobs.cli.ExitCoded;
import io.tivaspark.jobs.cli.Settings;
import io.tivaspark.jobs.cli.TivaSettings;
import io.tivaspark.jobs.cli.UsageException;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreInventory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/tiva run}: plans the run ({@link RunPlan}: years, families, what is skipped and why),
 * computes every year of the store on the executors (one {@link YearTask} per Spark task; the
 * driver only sees small {@link YearOutcome}s), stages each year's rows ({@link Staging}) as Parquet in the
 * tables' physical layout, then commits every curated table with one Delta transaction per table
 * that replaces exactly the years computed (the staged files are moved into the table and
 * referenced, not rewritten: {@link TableCommit}), rewrites {@code indicator_codes} when its content
 * changed ({@link IndicatorCodesTable}), and finally appends the {@code runs} row ({@link RunsLog}).
 *
 * <p>Consistency model: a table's year is replaced atomically (Delta); tables are committed one
 * after another, so between two commits a reader can see a year's new indicators beside its old
 * va_final_demand. The {@code runs} row (status SUCCEEDED or PARTIAL) is written last: readers
 * who join on the run_id of the latest such row for each year see every table consistent. One
 * run at a time per warehouse ({@link WarehouseLock}). Years that fail (bad input) are reported
 * and left as they were; the others complete. With {@code --incremental} a year whose input,
 * result-affecting configuration and code are unchanged since the run that wrote its rows is
 * skipped.
 */
public final class RunJob {
  private static final Logger LOG = LoggerFactory.getLogger(RunJob.class);
  /** Families this build can compute (a family's math lands with its issue). */
  public static final List<String> FAMILIES = List.of(Family.CORE.code(), Family.GVC.code(),
      Family.FOOTPRINTS.code());

  /** What the caller asked for. */
  public record Request(String input, String warehouse, int[] years, List<String> families, boolean incremental) {
    public Request(String input, String warehouse, int[] years, List<String> families) {
      this(input, warehouse, years, families, false);
    }
  }

  /** What a run did. */
  public record Result(String runId, String status, List<YearOutcome> outcomes, Map<String, Long> rows,
      List<Integer> removedYears, CatalogRegistration.Outcome catalog) {
    public List<Integer> computedYears() {
      return outcomes.stream().filter(YearOutcome::computed).map(YearOutcome::year).collect(Collectors.toList());
    }

    public List<Integer> skippedYears() {
      return outcomes.stream().filter(YearOutcome::skipped).map(YearOutcome::year).collect(Collectors.toList());
    }
  }

  private RunJob() {}

  public static Result run(SparkSession spark, TivaSettings settings, Request req) throws IOException {
    return run(spark, settings, req, CommitListener.of(settings.run()));
  }

  /**
   * The run: source and plan, then under the warehouse lock (1) the year tasks compute and stage,
   * (2) each table is committed ({@link TableCommit}), (3) the {@code runs} row is appended, and
   * finally failed years and checks become the exit code.
   *
   * @param listener called between moving a table's files and committing them (tests)
   */
  public static Result run(SparkSession spark, TivaSettings settings, Request req, CommitListener listener)
      throws IOException {
    RunSettings runSettings = settings.run();
    CoreSettings core = settings.core();
    EnumSet<Family> families = RunPlan.families(req.families());
    Instant started = Instant.now();
    String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started)
        + "-" + UUID.randomUUID().toString().substring(0, 8);
    Configuration hconf = spark.sparkContext().hadoopConfiguration();
    Source src = Source.open(hconf, req.input());
    List<Integer> years = RunPlan.years(src.years(), req.years(), req.input());
    Path warehouse = new Path(req.warehouse());
    FileSystem whFs = warehouse.getFileSystem(hconf);
    whFs.mkdirs(warehouse);
    String unit = src.meta().unitCode(core.unit());
    String configFp = sha256(core + "|families=" + families + "|unit=" + unit);
    try {
      core.options(src.meta().layout("mrio.json"), unit); // configuration errors end here with exit 2, not in a task
    } catch (IllegalArgumentException e) {
      throw new UsageException("configuration: " + e.getMessage(), e);
    }
    String code = Settings.codeVersion();
    long n = (long) src.entities() * src.meta().industries.size();
    String master = spark.sparkContext().master();
    Thread warmUp = runSettings.warmUp() && (master.equals("local") || master.startsWith("local["))
        ? RunWarmUp.inBackground(core, unit, families, n, src.meta().industries.size(), runSettings.stagingThread())
        : null;

    try (WarehouseLock lock = WarehouseLock.acquire(whFs, warehouse, runId, runSettings.lockWait(),
        runSettings.lockStaleAfter())) {
      // a table path that is not the curated Delta table would be re-created, losing its years
      WarehouseTables.check(spark, warehouse, WarehouseTables.expected(families));
      Staging staging = Staging.of(hconf, whFs, warehouse, runSettings.stagingDir(), runId);
      staging.removeLeftovers();
      LOG.info("run {}: {} years ({}-{}) of {} [{} countries, {} entities, {} industries], warehouse {}{}",
          runId, years.size(), years.get(0), years.get(years.size() - 1), req.input(), src.meta().countries.size(),
          src.entities(), src.meta().industries.size(), req.warehouse(), req.incremental() ? ", incremental" : "");
      Map<Integer, YearState> current = recordedState(spark, warehouse, src.meta().layout("mrio.json"), req.input());
      RunPlan plan = RunPlan.decide(years, families, current,
          req.incremental() ? RunPlan.tableRunIds(spark, warehouse, families) : null, configFp, code,
          req.years() == null ? RunPlan.removed(current, src.years()) : List.of());
      LOG.info("run {} plan: {}", runId, plan.describe());
      logNoPopulation(hconf, src.input(), plan.families(), runId);
      if (!plan.removed().isEmpty()) {
        LOG.warn("years {} are in the warehouse but no longer in the input; their rows are kept "
            + "(delete them with DELETE FROM <table> WHERE year IN (...) if they should go)", plan.removed());
      }

      // 1. compute: one year per task, staged as Parquet by the task itself
      List<YearTask> tasks = plan.years().stream().map(y -> new YearTask(src.input().toString(), src.meta(), y, core,
          unit, plan.families(), staging.runDir().toString(), runId, plan.unchanged().get(y),
          runSettings.stagingThread())).toList();
      RunWarmUp.await(warmUp);
      List<YearOutcome> outcomes = compute(spark, tasks, runId, n);
      logOutcomes(outcomes, current);
      List<YearOutcome> computed = outcomes.stream().filter(YearOutcome::computed).collect(Collectors.toList());

      // 2. commit: one Delta transaction per table replacing exactly the years computed
      Map<String, Long> rows = computed.isEmpty() ? new LinkedHashMap<>()
          : commitAll(spark, staging, warehouse, computed, families, runId, listener);
      staging.cleanUp();
      if (!computed.isEmpty() && IndicatorCodesTable.writeIfChanged(spark, warehouse)) {
        LOG.info("rewrote {} (its content changed)", IndicatorCodesTable.NAME); // docs/data-dictionary.md §1.8
      }

      // catalog names (tiva.catalog.database): a failure is a note in the runs row, not a failed run
      CatalogRegistration.Outcome catalog = CatalogRegistration.register(spark, settings.catalog(), warehouse,
          CatalogRegistration.tables(whFs, warehouse));

      // 3. the runs row, last
      String status = RunsLog.status(outcomes);
      String message = withNote(RunsLog.message(outcomes, plan.removed()), catalog.note());
      RunsLog.append(spark, warehouse, new RunsLog.Entry(runId, started, Instant.now(), status,
          src.input().toString(), YearState.toJson(RunsLog.states(outcomes, current, configFp, code, runId)),
          WarehouseIdentity.configJson(settings.source(), src.meta().layout("mrio.json"), src.input().toString()),
          Settings.version(), message));
      LOG.info("run {} {}: {}", runId, status, message);
      catalog = CatalogRegistration.registerNewRuns(spark, settings.catalog(), warehouse, catalog);
      throwIfFailed(outcomes);
      checkQuality(computed, runSettings, runId);
      return new Result(runId, status, outcomes, rows, plan.removed(), catalog);
    }
  }

  private static String withNote(String message, String note) {
    return note.isEmpty() ? message : message.isEmpty() ? note : message + "; " + note;
  }

  /** The input store: its path, mrio.json, entity count and the years of any required dataset. */
  private record Source(Path input, MrioMeta meta, int entities, TreeSet<Integer> years) {
    static Source open(Configuration hconf, String in) throws IOException {
      Path input = new Path(in);
      FileSystem inFs = input.getFileSystem(hconf);
      if (!inFs.exists(input)) {
        throw new UsageException("run: --input " + in + " does not exist");
      }
      MrioMeta meta = MrioMeta.read(inFs, input);
      int entities = meta.layout(new Path(input, MrioMeta.FILE).toString()).entityCount();
      // a year some dataset lacks fails alone, in its task
      TreeSet<Integer> years = StoreInventory.of(hconf, input).candidateYears();
      if (years.isEmpty()) {
        throw new InvalidInputException(new Path(input, io.tivaspark.jobs.store.Dataset.INTERMEDIATE.dir()).toString(),
            null, null, "no year=YYYY partitions: the store has no data");
      }
      return new Source(input, meta, entities, years);
    }
  }

  /** One line per run when footprints run on a store without population/: no per-capita codes (not an error). */
  private static void logNoPopulation(Configuration hconf, Path input, Set<Family> families, String runId)
      throws IOException {
    if (families.contains(Family.FOOTPRINTS)
        && !StoreInventory.of(hconf, input).has(io.tivaspark.jobs.store.Dataset.POPULATION)) {
      LOG.info("run {}: the store has no population/ dataset: the per-capita codes FD_PCCO2 and PROD_PCCO2 are "
          + "not written", runId);
    }
  }

  /** Step 1: one year per Spark task; the driver only collects the small outcomes. */
  private static List<YearOutcome> compute(SparkSession spark, List<YearTask> tasks, String runId, long n) {
    HadoopConf hc = HadoopConf.of(spark.sparkContext().hadoopConfiguration());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    logPlacement(spark.sparkContext().getConf(), tasks.size(), n);
    jsc.setJobDescription("tiva run " + runId + ": compute " + tasks.size() + " years");
    io.tivaspark.jobs.cli.Progress.track(spark.sparkContext(), "run", tasks.stream().map(t -> "year " + t.year()).toList());
    long computeStart = System.nanoTime();
    List<YearOutcome> outcomes;
    try {
      outcomes = jsc.parallelize(tasks, tasks.size()).map(t -> t.run(hc)).collect();
    } finally {
      jsc.clearJobGroup();
    }
    LOG.info("compute and staging: {} years in {} s", outcomes.size(), String.format("%.1f", secondsSince(computeStart)));
    return outcomes;
  }

  /**
   * Per year, the state the runs table records ({@link RunsLog#currentState}), after checking that the
   * warehouse holds this table's results ({@link WarehouseIdentity#check}: UsageException, exit 2); the
   * runs table is read once for both.
   */
  private static Map<Integer, YearState> recordedState(SparkSession spark, Path warehouse,
      io.tivaspark.common.model.Layout layout, String input) throws IOException {
    List<RunsTable.Finished> finished = RunsLog.finished(spark, warehouse);
    WarehouseIdentity.check(spark, warehouse, finished, layout, input);
    return RunsLog.currentState(finished);
  }

  private static void logOutcomes(List<YearOutcome> outcomes, Map<Integer, YearState> current) {
    warnIfPureJava(outcomes.stream().filter(YearOutcome::computed).collect(Collectors.toList()));
    for (YearOutcome o : outcomes) {
      if (o.skipped()) {
        LOG.info("year {} unchanged since run {}: skipped", o.year(), current.get(o.year()).runId());
      } else if (o.ok()) {
        LOG.info("year {} computed in {} s on {} ({}){}", o.year(), String.format("%.1f", o.seconds()),
            o.executor(), o.backend(), o.failedChecks().isEmpty() ? "" : "; failed checks: " + o.failedChecks());
      } else {
        LOG.error("year {} failed: {}", o.year(), o.error());
      }
    }
  }

  /** A failed year ends the run with its exit code (3 for bad input) after everything is written. */
  private static void throwIfFailed(List<YearOutcome> outcomes) {
    List<YearOutcome> failed = outcomes.stream().filter(o -> !o.ok()).collect(Collectors.toList());
    if (!failed.isEmpty()) {
      YearOutcome first = failed.get(0);
      String others = failed.size() > 1 ? " (and " + (failed.size() - 1) + " more failed years, see runs.message)" : "";
      throw new YearFailedException(first.error() + others, first.exitCode());
    }
  }

  /**
   * Identity checks (T, S, J, ...) say the math is wrong; input checks (I1 balance, I2 flags)
   * describe the table, which real tables fail slightly: each has its own switch
   * ({@link io.tivaspark.common.model.CheckResult.Kind}).
   */
  private static void checkQuality(List<YearOutcome> computed, RunSettings runSettings, String runId) {
    List<String> identity = new ArrayList<>();
    List<String> inputChecks = new ArrayList<>();
    computed.forEach(o -> o.failedChecks().forEach(c -> (c.input() ? inputChecks : identity)
        .add(o.year() + " " + c.text())));
    boolean failOnCheck = runSettings.failOnCheck();
    boolean failOnInput = runSettings.failOnInputCheck();
    if (!inputChecks.isEmpty()) {
      LOG.warn("input checks flagged {} cases (table quality_checks, run {}), first: {}", inputChecks.size(), runId,
          inputChecks.get(0));
    }
    if (!identity.isEmpty()) {
      LOG.warn("identity checks failed in {} cases (table quality_checks, run {}), first: {}", identity.size(),
          runId, identity.get(0));
    }
    if (failOnCheck && !identity.isEmpty() || failOnInput && !inputChecks.isEmpty()) {
      List<String> all = failOnCheck && !identity.isEmpty() ? identity : inputChecks;
      throw new ChecksFailedException("quality checks failed in " + all.size() + " cases, first: " + all.get(0)
          + " (table quality_checks, run " + runId + ")");
    }
  }

  /**
   * Step 2: checks every staged file is there (a table is never replaced by less), then commits
   * each table of the families run in its own Delta transaction ({@link TableCommit#forTable}).
   * Returns rows per table.
   */
  private static Map<String, Long> commitAll(SparkSession spark, Staging staging, Path warehouse,
      List<YearOutcome> computed, Set<Family> families, String runId, CommitListener listener) throws IOException {
    for (OutputTable t : OutputTable.values()) {
      for (YearOutcome o : t.writtenBy(families) ? computed : List.<YearOutcome>of()) {
        Path f = staging.file(t, o.year());
        if (!staging.fs().exists(f)) {
          throw new IOException("staged file " + f + " is missing (removed by another process?); "
              + "nothing was committed, rerun");
        }
      }
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TableCommit.Scope scope = new TableCommit.Scope(computed.stream().map(YearOutcome::year).toList(), families);
    String yearsIn = scope.yearsIn();
    Map<String, Long> rows = new LinkedHashMap<>();
    for (OutputTable t : OutputTable.values()) {
      if (!t.writtenBy(families)) {
        continue;
      }
      long commitStart = System.nanoTime();
      List<FileCommit.Staged> staged = computed.stream()
          .map(o -> new FileCommit.Staged(o.year(), staging.file(t, o.year()), o.rows().getOrDefault(t.tableName(), 0L)))
          .collect(Collectors.toList());
      jsc.setJobDescription("tiva run " + runId + ": commit " + t.tableName() + " (years " + yearsIn + ")");
      String how;
      try {
        how = TableCommit.forTable(t, scope, listener).commit(spark, new Path(warehouse, t.tableName()), t, staged, scope);
      } catch (IOException | RuntimeException e) {
        if (e instanceof ExitCoded || e instanceof InvalidInputException) {
          throw e;
        }
        throw WarehouseException.storage("committing " + t.tableName() + " for years " + yearsIn
            + " (tables committed before it keep the new years; rerun)", e);
      }
      long n = staged.stream().mapToLong(FileCommit.Staged::rows).sum();
      rows.put(t.tableName(), n);
      LOG.info("committed {}: {} rows for years {} in {} s ({})", t.tableName(), n, yearsIn,
          String.format("%.1f", secondsSince(commitStart)), how);
    }
    jsc.clearJobGroup();
    return rows;
  }

  /**
   * Work placement (docs/cluster.md §5): one year per task, so an executor runs
   * spark.executor.cores / spark.task.cpus years at once, all in one heap. Says so, and warns when
   * big years (about 80 n² bytes each) may double up on one executor.
   */
  static void logPlacement(org.apache.spark.SparkConf conf, int years, long n) {
    String master = conf.get("spark.master", "local");
    if (master.startsWith("local")) {
      return;
    }
    int taskCpus = conf.getInt("spark.task.cpus", 1);
    // unset spark.executor.cores: 1 on YARN and Kubernetes, every core of a worker on standalone
    int cores = conf.contains("spark.executor.cores") ? conf.getInt("spark.executor.cores", 1)
        : master.startsWith("spark://") ? -1 : 1;
    double gb = 80.0 * n * n / 1e9;
    String atOnce = cores < 0 ? "all cores of a worker / " + taskCpus : String.valueOf(Math.max(1, cores / taskCpus));
    LOG.info("placement: {} year tasks (one year per task, about {} GB each at n = {}); years per executor at once: {} "
        + "(spark.executor.cores={}, spark.task.cpus={})", years, String.format("%.2f", gb), n, atOnce,
        cores < 0 ? "unset" : cores, taskCpus);
    if ((cores < 0 || cores / taskCpus > 1) && gb >= 0.25) {
      LOG.warn("several years of about {} GB each can run in one executor's heap at once: set spark.task.cpus = "
          + "spark.executor.cores (one year per executor at a time) or size spark.executor.memory for them "
          + "(docs/cluster.md)", String.format("%.2f", gb));
    }
  }

  /** Native BLAS is the product; pure Java is a correctness fallback 20-35x slower: say so loudly. */
  private static void warnIfPureJava(List<YearOutcome> ok) {
    List<String> slow = ok.stream().map(YearOutcome::backend).filter(b -> !b.contains("JNI")).distinct()
        .collect(Collectors.toList());
    if (!slow.isEmpty()) {
      LOG.warn("*** the math ran on pure-Java LAPACK/BLAS ({}) on some executors: 20-35x slower than native. "
          + "The jar bundles OpenBLAS for linux-x86_64/arm64 unless built with -Dtiva.bundle-openblas=false; "
          + "elsewhere install OpenBLAS on every node (docs/build.md §6) ***", slow);
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

  static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / (double) TimeUnit.SECONDS.toNanos(1);
  }

  static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (byte b : d) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
