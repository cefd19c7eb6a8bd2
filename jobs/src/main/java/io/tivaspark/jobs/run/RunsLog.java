package io.tivaspark.jobs.run;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code runs} table: one row per run, appended last (status SUCCEEDED, PARTIAL or FAILED,
 * per year the input fingerprint, configuration, code and run that wrote the year's rows).
 * Readers join on the run_id of the latest such row for each year to see every table consistent.
 */
final class RunsLog {
  static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("started_at", DataTypes.TimestampType, false)
      .add("finished_at", DataTypes.TimestampType, false)
      .add("status", DataTypes.StringType, false)
      .add("input", DataTypes.StringType, false)
      .add("input_fingerprints", DataTypes.StringType, false)
      .add("config", DataTypes.StringType, false)
      .add("version", DataTypes.StringType, false)
      .add("message", DataTypes.StringType, true);

  /** One row of the runs table; {@code fingerprints} is {@link YearState#toJson}, {@code message} "" = none. */
  record Entry(String runId, Instant started, Instant finished, String status, String input, String fingerprints,
      String config, String version, String message) {}

  private RunsLog() {}

  /**
   * The runs table's SUCCEEDED and PARTIAL rows, oldest {@code finished_at} first (ties by run id),
   * read once per run for both {@link #currentState} and {@link WarehouseIdentity#check}: with Delta
   * Kernel ({@link RunsTable}), or through Spark SQL where Kernel cannot read the table; empty when
   * the warehouse has no runs table yet.
   */
  static List<RunsTable.Finished> finished(SparkSession spark, Path warehouse) throws IOException {
    List<RunsTable.Finished> read = RunsTable.finished(spark.sparkContext().hadoopConfiguration(), warehouse);
    return read != null ? read : finishedWithSpark(spark, new Path(warehouse, "runs"));
  }

  /** {@link #finished} through Spark SQL: where Delta Kernel cannot read the table, and in tests. */
  static List<RunsTable.Finished> finishedWithSpark(SparkSession spark, Path runs) {
    List<Row> rows = spark.read().format("delta").load(runs.toString())
        .where("status IN ('SUCCEEDED', 'PARTIAL')")
        .select("run_id", "finished_at", "status", "input", "input_fingerprints", "config")
        .orderBy("finished_at", "run_id").collectAsList();
    return rows.stream().map(r -> new RunsTable.Finished(r.getString(0), micros(r.get(1)), r.getString(2),
        r.getString(3), r.getString(4), r.getString(5))).toList();
  }

  /** A Spark timestamp (java.sql.Timestamp, or Instant with the Java 8 time API) as µs since the epoch. */
  private static long micros(Object timestamp) {
    Instant t = timestamp instanceof Timestamp ts ? ts.toInstant() : (Instant) timestamp;
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  /**
   * Per year, the state recorded by the latest SUCCEEDED or PARTIAL run that wrote or kept it,
   * latest by finished_at (commit order under the lock; a run that waited for the lock started
   * before the one it waited for but committed after it); {@code finished} is {@link #finished}.
   */
  static Map<Integer, YearState> currentState(List<RunsTable.Finished> finished) {
    Map<Integer, YearState> state = new TreeMap<>();
    for (RunsTable.Finished r : finished) {
      state.putAll(YearState.fromJson(r.fingerprints(), r.runId()));
    }
    return state;
  }

  /** SUCCEEDED (no year failed), FAILED (nothing computed or kept) or PARTIAL. */
  static String status(List<YearOutcome> outcomes) {
    boolean failed = outcomes.stream().anyMatch(o -> !o.ok());
    boolean none = outcomes.stream().noneMatch(o -> o.computed() || o.skipped());
    return !failed ? "SUCCEEDED" : none ? "FAILED" : "PARTIAL";
  }

  /** The states the run leaves per year: its own for the years computed, the earlier one for those skipped. */
  static Map<Integer, YearState> states(List<YearOutcome> outcomes, Map<Integer, YearState> current,
      String configFp, String code, String runId) {
    Map<Integer, YearState> states = new TreeMap<>();
    for (YearOutcome o : outcomes) {
      if (o.computed()) {
        states.put(o.year(), new YearState(o.inputFingerprint(), configFp, code, runId));
      } else if (o.skipped()) {
        states.put(o.year(), current.get(o.year()));
      }
    }
    return states;
  }

  /** "computed 2001,2002; unchanged 2003; removed from input 1999; failed 2004: ...". */
  static String message(List<YearOutcome> outcomes, List<Integer> removed) {
    StringBuilder message = new StringBuilder();
    append(message, "computed", outcomes.stream().filter(YearOutcome::computed).map(YearOutcome::year).toList());
    append(message, "unchanged", outcomes.stream().filter(YearOutcome::skipped).map(YearOutcome::year).toList());
    append(message, "removed from input", removed);
    for (YearOutcome o : outcomes) {
      if (!o.ok()) {
        message.append(message.length() > 0 ? "; " : "").append("failed ").append(o.year()).append(": ")
            .append(o.error());
      }
    }
    return message.toString();
  }

  private static void append(StringBuilder sb, String what, List<Integer> years) {
    if (!years.isEmpty()) {
      sb.append(sb.length() > 0 ? "; " : "").append(what).append(' ')
          .append(years.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
  }

  /** Appends the run's row: the last write of a run. */
  static void append(SparkSession spark, Path warehouse, Entry e) {
    Row r = RowFactory.create(e.runId(), Timestamp.from(e.started()), Timestamp.from(e.finished()), e.status(),
        e.input(), e.fingerprints(), e.config(), e.version(), e.message().isEmpty() ? null : e.message());
    try {
      spark.createDataFrame(List.of(r), SCHEMA).coalesce(1)
          .write().format("delta").mode("append").save(new Path(warehouse, "runs").toString());
    } catch (RuntimeException ex) {
      throw WarehouseException.storage("appending run " + e.runId() + " to the runs table (the curated tables are "
          + "committed; until a later run's row names their years, readers see them as not yet run)", ex);
    }
  }
}
