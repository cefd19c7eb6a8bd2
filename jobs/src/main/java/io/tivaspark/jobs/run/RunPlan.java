package io.tivaspark.jobs.run;

import io.tivaspark.common.model.Family;
import io.tivaspark.jobs.cli.UsageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * What a run will do, decided on the driver before any task starts: the years to compute, the
 * families, and with --incremental which years may be skipped and why.
 *
 * @param years the years of the input in the requested range, ascending
 * @param unchanged per year that may be skipped, the input fingerprint it was computed from (the
 *     task skips it when the input still has that fingerprint)
 * @param reasons per year, why it is recomputed or may be skipped (for the log)
 * @param removed years in the warehouse but no longer in the input (kept; a full run only)
 */
record RunPlan(List<Integer> years, EnumSet<Family> families, Map<Integer, String> unchanged,
    Map<Integer, String> reasons, List<Integer> removed) {

  /** The families of --only / tiva.run.families; unknown or none is a usage error. */
  static EnumSet<Family> families(List<String> codes) {
    EnumSet<Family> families = EnumSet.noneOf(Family.class);
    for (String f : codes) {
      if (!RunJob.FAMILIES.contains(f)) {
        throw new UsageException("run: unknown family '" + f + "' in --only (known: "
            + String.join(", ", RunJob.FAMILIES) + ")");
      }
      families.add(Family.of(f));
    }
    if (families.isEmpty()) {
      throw new UsageException("run: --only names no family (known: " + String.join(", ", RunJob.FAMILIES) + ")");
    }
    return families;
  }

  /** The input's years within {@code range} (null = all); none is a usage error. */
  static List<Integer> years(SortedSet<Integer> inputYears, int[] range, String input) {
    List<Integer> years = inputYears.stream().filter(y -> range == null || y >= range[0] && y <= range[1])
        .collect(Collectors.toList());
    if (years.isEmpty()) {
      throw new UsageException("run: no year of " + range[0] + "-" + range[1] + " in " + input);
    }
    return years;
  }

  /**
   * The plan. A year may be skipped (--incremental) when the warehouse's latest run for it used
   * this configuration and code and every table of the families holds that run's rows for it.
   *
   * @param current per year, the state the runs table records ({@link RunsLog#currentState})
   * @param tableRuns per year, the run ids the tables of the families hold (null = not incremental)
   * @param removed {@link #removed}, or none for a run of a --years range
   */
  static RunPlan decide(List<Integer> years, EnumSet<Family> families, Map<Integer, YearState> current,
      Map<Integer, Set<String>> tableRuns, String configFp, String code, List<Integer> removed) {
    Map<Integer, String> unchanged = new HashMap<>();
    Map<Integer, String> reasons = new LinkedHashMap<>();
    for (int y : years) {
      YearState s = current.get(y);
      String why = tableRuns == null ? "not incremental"
          : s == null ? "not in the warehouse"
          : !s.config().equals(configFp) ? "configuration changed since run " + s.runId()
          : !s.code().equals(code) ? "code changed since run " + s.runId()
          : !Set.of(s.runId()).equals(tableRuns.get(y)) ? "tables do not all hold run " + s.runId()
          : null;
      if (why == null) {
        unchanged.put(y, s.input());
        reasons.put(y, "skipped if its input is unchanged since run " + s.runId());
      } else {
        reasons.put(y, why);
      }
    }
    return new RunPlan(List.copyOf(years), EnumSet.copyOf(families), Map.copyOf(unchanged), reasons,
        List.copyOf(removed));
  }

  /** Years the warehouse holds but the input no longer has (their rows are kept). */
  static List<Integer> removed(Map<Integer, YearState> current, Set<Integer> inputYears) {
    return current.keySet().stream().filter(y -> !inputYears.contains(y)).sorted().toList();
  }

  /** For the log: "years 2001-2003, families [CORE, GVC], 2001: not incremental, ...". */
  String describe() {
    Map<String, List<Integer>> byReason = new TreeMap<>();
    reasons.forEach((y, r) -> byReason.computeIfAbsent(r, k -> new ArrayList<>()).add(y));
    return "years " + years + ", families " + families + (byReason.isEmpty() ? "" : ", " + byReason)
        + (removed.isEmpty() ? "" : ", removed from input " + removed);
  }

  /** Per year, the run ids found in the tables of the families (a year is only skippable if all agree). */
  static Map<Integer, Set<String>> tableRunIds(SparkSession spark, Path warehouse, Set<Family> families)
      throws IOException {
    Map<Integer, Set<String>> out = new HashMap<>();
    FileSystem fs = warehouse.getFileSystem(spark.sparkContext().hadoopConfiguration());
    boolean everyFamily = families.containsAll(EnumSet.allOf(Family.class));
    for (OutputTable t : OutputTable.values()) {
      if (!t.writtenBy(families)) {
        continue;
      }
      Path p = new Path(warehouse, t.tableName());
      if (!fs.exists(new Path(p, "_delta_log"))) {
        return Map.of(); // a table is missing: nothing is skippable
      }
      // from the files' statistics, unless only some families' rows of quality_checks count
      Map<Integer, Set<String>> fromStats = t.family() != null || everyFamily
          ? FileCommit.runIdsFromStats(spark, p) : null;
      if (fromStats != null) {
        fromStats.forEach((y, ids) -> out.computeIfAbsent(y, k -> new HashSet<>()).addAll(ids));
        continue;
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
}
