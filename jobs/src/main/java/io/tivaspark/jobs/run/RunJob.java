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
import io.tivaspark.jobs.cli.ChecksFailedException;
import io.tivaspark.jobs.cli.ExitCode;
import io.tivaspark.jobs.cli.ExitCoded;
import io.tivaspark.jobs.cli.Settings;
import io.tivaspark.jobs.cli.UsageException;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreInventory;
import io.tivaspark.jobs.store.StoreReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
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
 * the driver only sees small {@link YearOutcome}s), stages each year's rows as Parquet in the
 * tables' physical layout, then commits every curated table with one Delta transaction per table
 * that replaces exactly the years computed (the staged files are moved into the table and
 * referenced, not rewritten: {@link FileCommit}), and finally appends the {@code runs} row.
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
      List<Integer> removedYears) {
    public List<Integer> computedYears() {
      return outcomes.stream().filter(YearOutcome::computed).map(YearOutcome::year).collect(Collectors.toList());
    }

    public List<Integer> skippedYears() {
      return outcomes.stream().filter(YearOutcome::skipped).map(YearOutcome::year).collect(Collectors.toList());
    }
  }

  private RunJob() {}

  public static Result run(SparkSession spark, Settings settings, Request req) throws IOException {
    RunSettings runSettings = RunSettings.from(settings.tiva()); // every tiva.run.* checked before any write
    Instant started = Instant.now();
    String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started)
        + "-" + UUID.randomUUID().toString().substring(0, 8);
    EnumSet<Family> families = EnumSet.noneOf(Family.class);
    for (String f : req.families()) {
      if (!FAMILIES.contains(f)) {
        throw new UsageException("run: unknown family '" + f + "' in --only (known: " + String.join(", ", FAMILIES) + ")");
      }
      families.add(Family.of(f));
    }
    if (families.isEmpty()) {
      throw new UsageException("run: --only names no family (known: " + String.join(", ", FAMILIES) + ")");
    }
    CoreSettings core = CoreSettings.from(settings.tiva());
    Duration lockWait = runSettings.lockWait();
    Duration lockStale = runSettings.lockStaleAfter();
    Configuration hconf = spark.sparkContext().hadoopConfiguration();
    Path input = new Path(req.input());
    FileSystem inFs = input.getFileSystem(hconf);
    if (!inFs.exists(input)) {
      throw new UsageException("run: --input " + req.input() + " does not exist");
    }
    MrioMeta meta = MrioMeta.read(inFs, input);
    int entities = meta.layout(new Path(input, MrioMeta.FILE).toString()).entityCount();
    // the years of any required dataset; a year some dataset lacks fails alone, in its task
    TreeSet<Integer> years = StoreInventory.of(hconf, input).candidateYears();
    if (years.isEmpty()) {
      throw new InvalidInputException(new Path(input, io.tivaspark.jobs.store.Dataset.INTERMEDIATE.dir()).toString(), null, null,
          "no year=YYYY partitions: the store has no data");
    }
    TreeSet<Integer> allInputYears = new TreeSet<>(years);
    if (req.years() != null) {
      years.removeIf(y -> y < req.years()[0] || y > req.years()[1]);
      if (years.isEmpty()) {
        throw new UsageException("run: no year of " + req.years()[0] + "-" + req.years()[1] + " in " + req.input());
      }
    }
    Path warehouse = new Path(req.warehouse());
    FileSystem whFs = warehouse.getFileSystem(hconf);
    whFs.mkdirs(warehouse);
    String unit = meta.unitCode(core.unit());
    String configFp = sha256(core + "|families=" + families + "|unit=" + unit);
    try {
      core.options(meta.layout("mrio.json"), unit); // configuration errors end here with exit 2, not in a task
    } catch (IllegalArgumentException e) {
      throw new UsageException("configuration: " + e.getMessage(), e);
    }
    String code = Settings.codeVersion();

    try (WarehouseLock lock = WarehouseLock.acquire(whFs, warehouse, runId, lockWait, lockStale)) {
      // a table path that is not the curated Delta table would be re-created, losing its years
      WarehouseTables.check(spark, warehouse, WarehouseTables.expected(families));
      String stagingBase = settings.tiva().getString("run.staging-dir");
      // a staging directory of its own per warehouse: leftovers are removed under the lock, which
      // must never touch another warehouse's live staging
      Path stagingRoot = stagingBase.isBlank() ? new Path(warehouse, "_staging")
          : new Path(new Path(stagingBase), "wh-" + sha256(whFs.makeQualified(warehouse).toString()).substring(0, 16));
      FileSystem stFs = stagingRoot.getFileSystem(hconf); // tiva.run.staging-dir may be on another store
      removeLeftovers(stFs, stagingRoot);
      Path staging = new Path(stagingRoot, runId);
      LOG.info("run {}: {} years ({}-{}) of {} [{} countries, {} entities, {} industries], warehouse {}{}",
          runId, years.size(), years.first(), years.last(), req.input(), meta.countries.size(), entities,
          meta.industries.size(), req.warehouse(), req.incremental() ? ", incremental" : "");

      // what the warehouse holds now, and which years may be skipped
      Map<Integer, YearState> current = currentState(spark, warehouse);
      WarehouseIdentity.check(spark, warehouse, meta.layout("mrio.json"), req.input()); // another table's results: exit 2
      HashMap<Integer, String> skippable = new HashMap<>();
      if (req.incremental()) {
        Map<Integer, Set<String>> tableRuns = tableRunIds(spark, warehouse, families);
        for (int y : years) {
          YearState s = current.get(y);
          if (s != null && s.config().equals(configFp) && s.code().equals(code)
              && Set.of(s.runId()).equals(tableRuns.get(y))) {
            skippable.put(y, s.input());
          }
        }
      }
      List<Integer> removed = new ArrayList<>();
      if (req.years() == null) {
        current.keySet().stream().filter(y -> !allInputYears.contains(y)).sorted().forEach(removed::add);
        if (!removed.isEmpty()) {
          LOG.warn("years {} are in the warehouse but no longer in the input; their rows are kept "
              + "(delete them with DELETE FROM <table> WHERE year IN (...) if they should go)", removed);
        }
      }

      // 1. compute: one year per task, staged as Parquet by the task itself
      HadoopConf hc = HadoopConf.of(hconf);
      String inputStr = input.toString();
      String stagingStr = staging.toString();
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      List<Integer> yearList = new ArrayList<>(years);
      logPlacement(spark.sparkContext().getConf(), yearList.size(), (long) entities * meta.industries.size());
      jsc.setJobDescription("tiva run " + runId + ": compute " + yearList.size() + " years");
      long computeStart = System.nanoTime();
      List<YearOutcome> outcomes;
      try {
        outcomes = jsc.parallelize(yearList, yearList.size())
            .mapPartitions((Iterator<Integer> it) -> {
              List<YearOutcome> out = new ArrayList<>();
              while (it.hasNext()) {
                int y = it.next();
                out.add(computeYear(hc, inputStr, meta, y, core, unit, stagingStr, runId, skippable.get(y), families));
              }
              return out.iterator();
            })
            .collect();
      } finally {
        jsc.clearJobGroup();
      }
      List<YearOutcome> computed = outcomes.stream().filter(YearOutcome::computed).collect(Collectors.toList());
      warnIfPureJava(computed);
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
      LOG.info("compute and staging: {} years in {} s", outcomes.size(), String.format("%.1f", secondsSince(computeStart)));

      // 2. commit: one Delta transaction per table replacing exactly the years computed
      Map<String, Long> rows = computed.isEmpty() ? new LinkedHashMap<>()
          : commitAll(spark, stFs, staging, warehouse, computed, families, runId);
      stFs.delete(staging, true);
      if (stFs.exists(stagingRoot) && stFs.listStatus(stagingRoot).length == 0) {
        stFs.delete(stagingRoot, false);
      }

      // 3. the runs row, last
      List<YearOutcome> failed = outcomes.stream().filter(o -> !o.ok()).collect(Collectors.toList());
      String status = failed.isEmpty() ? "SUCCEEDED" : computed.isEmpty() && outcomes.stream().noneMatch(YearOutcome::skipped)
          ? "FAILED" : "PARTIAL";
      Map<Integer, YearState> states = new TreeMap<>();
      for (YearOutcome o : outcomes) {
        if (o.computed()) {
          states.put(o.year(), new YearState(o.inputFingerprint(), configFp, code, runId));
        } else if (o.skipped()) {
          states.put(o.year(), current.get(o.year()));
        }
      }
      StringBuilder message = new StringBuilder();
      append(message, "computed", computed.stream().map(YearOutcome::year).collect(Collectors.toList()));
      append(message, "unchanged", outcomes.stream().filter(YearOutcome::skipped).map(YearOutcome::year)
          .collect(Collectors.toList()));
      append(message, "removed from input", removed);
      for (YearOutcome o : failed) {
        message.append(message.length() > 0 ? "; " : "").append("failed ").append(o.year()).append(": ").append(o.error());
      }
      writeRunsRow(spark, warehouse, runId, started, Instant.now(), status, inputStr, YearState.toJson(states),
          WarehouseIdentity.configJson(settings, meta.layout("mrio.json"), inputStr), Settings.version(), message.toString());
      LOG.info("run {} {}: {}", runId, status, message);

      if (!failed.isEmpty()) {
        YearOutcome first = failed.get(0);
        String others = failed.size() > 1 ? " (and " + (failed.size() - 1) + " more failed years, see runs.message)" : "";
        throw new YearFailedException(first.error() + others, first.exitCode());
      }
      // identity checks (T, S, J, ...) say the math is wrong; input checks (I1 balance, I2 flags)
      // describe the table, which real tables fail slightly: each has its own switch
      List<String> identity = new ArrayList<>();
      List<String> inputChecks = new ArrayList<>();
      computed.forEach(o -> o.failedChecks().forEach(c -> (c.startsWith("I") ? inputChecks : identity)
          .add(o.year() + " " + c)));
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
      return new Result(runId, status, outcomes, rows, removed);
    }
  }

  /**
   * Step 2: checks every staged file is there (a table is never replaced by less), then commits
   * each table of the families run in its own Delta transaction. Returns rows per table.
   */
  private static Map<String, Long> commitAll(SparkSession spark, FileSystem stFs, Path staging, Path warehouse,
      List<YearOutcome> computed, Set<Family> families, String runId) throws IOException {
    for (OutputTable t : OutputTable.values()) {
      for (YearOutcome o : t.writtenBy(families) ? computed : List.<YearOutcome>of()) {
        Path f = new Path(new Path(staging, t.tableName()), "y" + o.year() + ".parquet");
        if (!stFs.exists(f)) {
          throw new IOException("staged file " + f + " is missing (removed by another process?); "
              + "nothing was committed, rerun");
        }
      }
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String yearsIn = computed.stream().map(o -> String.valueOf(o.year())).collect(Collectors.joining(","));
    String familiesIn = families.stream().map(f -> "'" + f.code() + "'").collect(Collectors.joining(","));
    Map<String, Long> rows = new LinkedHashMap<>();
    for (OutputTable t : OutputTable.values()) {
      if (!t.writtenBy(families)) {
        continue;
      }
      long commitStart = System.nanoTime();
      Path dir = new Path(staging, t.tableName());
      List<FileCommit.Staged> staged = computed.stream()
          .map(o -> new FileCommit.Staged(o.year(), new Path(dir, "y" + o.year() + ".parquet"),
              o.rows().getOrDefault(t.tableName(), 0L)))
          .collect(Collectors.toList());
      jsc.setJobDescription("tiva run " + runId + ": commit " + t.tableName() + " (years " + yearsIn + ")");
      String how;
      try {
        how = commitTable(spark, new Path(warehouse, t.tableName()), t, staged, yearsIn, familiesIn);
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

  /** One table's Delta commit of the staged years; returns how it was done, for the log. */
  private static String commitTable(SparkSession spark, Path table, OutputTable t, List<FileCommit.Staged> staged,
      String yearsIn, String familiesIn) throws IOException {
    FileCommit.Outcome done = null;
    if (t.family() != null) {
      // the staged files become the table's files: moved and committed, not rewritten
      FileCommit.createIfMissing(spark, table, t);
      done = FileCommit.replaceYears(spark, table, t, staged);
    }
    if (done != null) {
      return done.added() + " files added, " + done.removed() + " removed, version " + done.version();
    }
    // quality_checks (every family writes into it, each replacing only its own rows) and
    // tables whose layout differs from the staged files: Spark's writer, replaceWhere
    String where = "year IN (" + yearsIn + ")" + (t.family() == null ? " AND family IN (" + familiesIn + ")" : "");
    FileCommit.replaceWithDataFrame(spark, table, t, staged, where);
    return "rewritten by replaceWhere";
  }

  private static void append(StringBuilder sb, String what, List<Integer> years) {
    if (!years.isEmpty()) {
      sb.append(sb.length() > 0 ? "; " : "").append(what).append(' ')
          .append(years.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
  }

  /** Staging directories of earlier runs that died (we hold the lock, so nobody else uses them). */
  private static void removeLeftovers(FileSystem fs, Path stagingRoot) throws IOException {
    if (fs.exists(stagingRoot)) {
      for (FileStatus st : fs.listStatus(stagingRoot)) {
        LOG.info("removing the staging of an interrupted run: {}", st.getPath().getName());
        fs.delete(st.getPath(), true);
      }
    }
  }

  /**
   * Per year, the state recorded by the latest SUCCEEDED or PARTIAL run that wrote or kept it,
   * latest by finished_at (commit order under the lock; a run that waited for the lock started
   * before the one it waited for but committed after it).
   */
  static Map<Integer, YearState> currentState(SparkSession spark, Path warehouse) throws IOException {
    Map<Integer, YearState> state = new TreeMap<>();
    Path runs = new Path(warehouse, "runs");
    FileSystem fs = runs.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(new Path(runs, "_delta_log"))) {
      return state;
    }
    List<Row> rows = spark.read().format("delta").load(runs.toString())
        .where("status IN ('SUCCEEDED', 'PARTIAL')")
        .select("run_id", "input_fingerprints", "finished_at").orderBy("finished_at").collectAsList();
    for (Row r : rows) {
      state.putAll(YearState.fromJson(r.getString(1), r.getString(0)));
    }
    return state;
  }

  /** Per year, the run ids found in the output tables (a year is only skippable if all agree). */
  private static Map<Integer, Set<String>> tableRunIds(SparkSession spark, Path warehouse, Set<Family> families)
      throws IOException {
    Map<Integer, Set<String>> out = new HashMap<>();
    FileSystem fs = warehouse.getFileSystem(spark.sparkContext().hadoopConfiguration());
    for (OutputTable t : OutputTable.values()) {
      if (!t.writtenBy(families)) {
        continue;
      }
      Path p = new Path(warehouse, t.tableName());
      if (!fs.exists(new Path(p, "_delta_log"))) {
        return Map.of(); // a table is missing: nothing is skippable
      }
      Dataset<Row> df = spark.read().format("delta").load(p.toString());
      if (t.family() == null) {
        df = df.where(functions.col("family").isin(families.stream().map(Family::code).toArray()));
      }
      for (Row r : df.select("year", "run_id").distinct().collectAsList()) {
        out.computeIfAbsent(r.getInt(0), k -> new HashSet<>()).add(r.getString(1));
      }
    }
    return out;
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

  /**
   * The body of a year task: read, fingerprint, then skip (unchanged) or compute and stage.
   * Never throws for a bad year: it reports it. Storage errors are thrown so Spark retries the task.
   *
   * @param unchangedInput the input fingerprint under which the year may be skipped, or null
   */
  static YearOutcome computeYear(HadoopConf hc, String input, MrioMeta meta, int year, CoreSettings core,
      String unit, String staging, String runId, String unchangedInput, Set<Family> families) {
    long t0 = System.nanoTime();
    String executor = executorLabel();
    Configuration conf = hc.get();
    String fingerprint = null;
    MrioYear y = null;
    try {
      y = StoreReader.read(conf, new Path(input), meta, year);
      fingerprint = Fingerprint.of(y);
      if (fingerprint.equals(unchangedInput)) {
        return new YearOutcome(year, 0, null, secondsSince(t0), fingerprint, Map.of(), List.of(), "", executor, true);
      }
      LOG.info("year {} started on {}", year, executor);
      TivaOptions options = core.options(y.layout(), unit);
      Map<String, Long> rows = new LinkedHashMap<>();
      List<String> failed = new ArrayList<>();
      String backend;
      try (StagingSink sink = new StagingSink(conf, new Path(staging), runId, year, unit, families)) {
        // one solved system (A, B = (I - A)^-1 by one LU) shared by every family of the run
        YearSystem system = YearSystem.build(y, options);
        List<TivaSummary> summaries = new ArrayList<>();
        for (Family f : families) { // EnumSet: core, gvc, footprints, in that order
          IndicatorFamily family = IndicatorFamily.of(f);
          if (family.appliesTo(system)) {
            summaries.add(family.compute(system, sink));
          }
        }
        backend = summaries.isEmpty() ? system.options().lapack().backend() : summaries.get(0).backend();
        for (TivaSummary s : summaries) {
          for (CheckResult c : s.checks()) {
            if (!c.passed()) {
              failed.add(c.check() + " " + c.scope() + " (max rel error " + String.format("%.3g", c.maxRelError())
                  + " > " + c.tolerance() + (c.worst().isEmpty() ? "" : " at " + c.worst()) + ")");
            }
          }
        }
        sink.commit().forEach((t, n) -> rows.put(t.tableName(), n));
      }
      LOG.info("year {} finished in {} s", year, String.format("%.1f", secondsSince(t0)));
      return new YearOutcome(year, 0, null, secondsSince(t0), fingerprint, rows, failed, backend, executor, false);
    } catch (InvalidInputException e) {
      return new YearOutcome(year, ExitCode.INVALID_INPUT, e.getMessage(), secondsSince(t0), fingerprint, Map.of(),
          List.of(), "", executor, false);
    } catch (NonFiniteResultException e) {
      InvalidInputException bad = new InvalidInputException("input", year, "largest cell " + y.largestCell(),
          "a result is not finite (" + e.getMessage() + "): the table's magnitudes overflow double precision");
      return new YearOutcome(year, ExitCode.INVALID_INPUT, bad.getMessage(), secondsSince(t0), fingerprint, Map.of(),
          List.of(), "", executor, false);
    } catch (UncheckedIOException e) {
      // storage trouble (Spark retries the task): the sink's message names the table and year
      throw WarehouseException.storage(e.getMessage(), e);
    } catch (IOException e) {
      throw WarehouseException.storage(y == null ? "reading the input of year " + year : "staging year " + year, e);
    } catch (RuntimeException e) {
      return new YearOutcome(year, ExitCode.FAILURE, "year " + year + ": " + ExitCode.message(e), secondsSince(t0),
          fingerprint, Map.of(), List.of(), "", executor, false);
    }
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / (double) TimeUnit.SECONDS.toNanos(1);
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
    try {
      spark.createDataFrame(List.of(r), RUNS_SCHEMA).coalesce(1)
          .write().format("delta").mode("append").save(new Path(warehouse, "runs").toString());
    } catch (RuntimeException e) {
      throw WarehouseException.storage("appending run " + runId + " to the runs table (the curated tables are "
          + "committed; until a later run's row names their years, readers see them as not yet run)", e);
    }
  }
}
