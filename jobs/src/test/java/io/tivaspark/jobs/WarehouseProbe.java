package io.tivaspark.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a warehouse holds per curated table and year (run ids, rows), read with the test JVM's
 * Spark session, and the invariants the crash and concurrency tests assert on it.
 */
final class WarehouseProbe {
  static final List<String> TABLES = List.of("indicators", "va_final_demand", "va_origin_exports", "quality_checks");

  /** One table-year: its distinct run ids and its row count. */
  record Cell(Set<String> runIds, long rows) {}

  private WarehouseProbe() {}

  /** table -> year -> cell (tables without a Delta log are absent). */
  static Map<String, Map<Integer, Cell>> read(SparkSession spark, Path warehouse) {
    Map<String, Map<Integer, Cell>> out = new TreeMap<>();
    for (String t : TABLES) {
      Path p = warehouse.resolve(t);
      if (!Files.isDirectory(p.resolve("_delta_log"))) {
        continue;
      }
      Map<Integer, Cell> years = new TreeMap<>();
      List<Row> rows = spark.read().format("delta").load(p.toString()).groupBy("year", "run_id").count()
          .collectAsList();
      for (Row r : rows) {
        int y = r.getInt(0);
        Cell c = years.get(y);
        Set<String> ids = new TreeSet<>(c == null ? Set.of() : c.runIds());
        ids.add(r.getString(1));
        years.put(y, new Cell(ids, (c == null ? 0 : c.rows()) + r.getLong(2)));
      }
      out.put(t, years);
    }
    return out;
  }

  /**
   * Every curated table's content per year as "rows / run ids / checksum" (the checksum sums a
   * 64-bit hash of every column of every row, values included), plus the runs table's row count
   * under key "runs": equal snapshots mean nothing a reader can see has changed.
   */
  static Map<String, String> snapshot(SparkSession spark, Path warehouse) {
    Map<String, String> out = new TreeMap<>();
    for (io.tivaspark.jobs.run.OutputTable t : io.tivaspark.jobs.run.OutputTable.values()) {
      Path p = warehouse.resolve(t.tableName());
      if (!Files.isDirectory(p.resolve("_delta_log"))) {
        continue;
      }
      var df = spark.read().format("delta").load(p.toString());
      for (Row r : df.groupBy("year").agg(org.apache.spark.sql.functions.count("*"),
          org.apache.spark.sql.functions.expr("sort_array(collect_set(run_id))"),
          org.apache.spark.sql.functions.expr("sum(pmod(xxhash64(*), 4294967291))")).collectAsList()) {
        out.put(t.tableName() + " " + r.getInt(0), r.getLong(1) + " / " + r.getList(2) + " / " + r.get(3));
      }
    }
    Path runs = warehouse.resolve("runs");
    if (Files.isDirectory(runs.resolve("_delta_log"))) {
      out.put("runs", String.valueOf(spark.read().format("delta").load(runs.toString()).count()));
    }
    return out;
  }

  /** The entries of {@code snapshot} for one year (every table), for comparing a year before and after. */
  static Map<String, String> year(Map<String, String> snapshot, int year) {
    Map<String, String> out = new TreeMap<>();
    snapshot.forEach((k, v) -> {
      if (k.endsWith(" " + year)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** Per year, the run id of the latest SUCCEEDED or PARTIAL runs row (by finished_at) that wrote it. */
  static Map<Integer, String> latestRunPerYear(SparkSession spark, Path warehouse) {
    Map<Integer, String> out = new TreeMap<>();
    Path runs = warehouse.resolve("runs");
    if (!Files.isDirectory(runs.resolve("_delta_log"))) {
      return out;
    }
    spark.read().format("delta").load(runs.toString()).createOrReplaceTempView("probe_runs");
    List<Row> rows = spark.sql("SELECT CAST(j.key AS INT) AS year, j.value.run_id AS run_id "
        + "FROM (SELECT finished_at, explode(from_json(input_fingerprints, "
        + "'map<string,struct<input:string,config:string,code:string,run_id:string>>')) AS (key, value) "
        + "FROM probe_runs WHERE status IN ('SUCCEEDED', 'PARTIAL')) j "
        + "ORDER BY j.finished_at").collectAsList();
    for (Row r : rows) {
      out.put(r.getInt(0), r.getString(1));
    }
    return out;
  }

  /**
   * The crash invariant: every table has every expected year with exactly one run id and the
   * full row count. Returns the violations (empty = holds).
   */
  static List<String> violations(Map<String, Map<Integer, Cell>> state, Map<String, Map<Integer, Long>> expected) {
    List<String> v = new ArrayList<>();
    for (Map.Entry<String, Map<Integer, Long>> t : expected.entrySet()) {
      Map<Integer, Cell> got = state.get(t.getKey());
      if (got == null) {
        v.add(t.getKey() + ": table missing");
        continue;
      }
      for (Map.Entry<Integer, Long> y : t.getValue().entrySet()) {
        Cell c = got.get(y.getKey());
        if (c == null) {
          v.add(t.getKey() + " " + y.getKey() + ": year missing");
        } else {
          if (c.runIds().size() != 1) {
            v.add(t.getKey() + " " + y.getKey() + ": " + c.runIds().size() + " run ids " + c.runIds());
          }
          if (c.rows() != y.getValue()) {
            v.add(t.getKey() + " " + y.getKey() + ": " + c.rows() + " rows, expected " + y.getValue());
          }
        }
      }
      for (int y : got.keySet()) {
        if (!t.getValue().containsKey(y)) {
          v.add(t.getKey() + " " + y + ": unexpected year");
        }
      }
    }
    return v;
  }

  /** Rows per table and year of a state (the expectation, taken from a clean run). */
  static Map<String, Map<Integer, Long>> counts(Map<String, Map<Integer, Cell>> state) {
    Map<String, Map<Integer, Long>> out = new TreeMap<>();
    state.forEach((t, ys) -> {
      Map<Integer, Long> m = new TreeMap<>();
      ys.forEach((y, c) -> m.put(y, c.rows()));
      out.put(t, m);
    });
    return out;
  }

  /** The single run id of every table-year, or a violation if they differ. */
  static Set<String> runIds(Map<String, Map<Integer, Cell>> state) {
    Set<String> ids = new TreeSet<>();
    state.values().forEach(ys -> ys.values().forEach(c -> ids.addAll(c.runIds())));
    return ids;
  }
}
