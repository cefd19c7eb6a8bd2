package io.tivaspark.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a warehouse holds per curated table and year (run ids, rows, a hash of every row), read from
 * the Delta log and the Parquet files without Spark ({@link #content}), and the invariants the
 * crash and concurrency tests assert on it.
 */
final class WarehouseProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> TABLES = List.of("indicators", "va_final_demand", "va_origin_exports", "quality_checks");

  /** One table-year: its distinct run ids and its row count. */
  record Cell(Set<String> runIds, long rows) {}

  private WarehouseProbe() {}

  /** table -> year -> cell (tables without a Delta log are absent). */
  static Map<String, Map<Integer, Cell>> read(Path warehouse) {
    Map<String, Map<Integer, Cell>> out = new TreeMap<>();
    for (String t : TABLES) {
      Map<Integer, YearContent> years = content(warehouse.resolve(t));
      if (years != null) {
        Map<Integer, Cell> cells = new TreeMap<>();
        years.forEach((y, c) -> cells.put(y, new Cell(c.runIds, c.rows)));
        out.put(t, cells);
      }
    }
    return out;
  }

  /**
   * Every curated table's content per year as "rows / run ids / checksum" (the checksum sums a
   * 64-bit hash of every column of every row, values included), plus the runs table's row count
   * under key "runs": equal snapshots mean nothing a reader can see has changed.
   */
  static Map<String, String> snapshot(Path warehouse) {
    Map<String, String> out = new TreeMap<>();
    for (io.tivaspark.jobs.run.OutputTable t : io.tivaspark.jobs.run.OutputTable.values()) {
      Map<Integer, YearContent> years = content(warehouse.resolve(t.tableName()));
      if (years != null) {
        years.forEach((y, c) -> out.put(t.tableName() + " " + y, c.rows + " / " + c.runIds + " / " + c.checksum));
      }
    }
    Map<Integer, YearContent> runs = content(warehouse.resolve("runs"));
    if (runs != null) {
      out.put("runs", String.valueOf(runs.values().stream().mapToLong(c -> c.rows).sum()));
    }
    return out;
  }

  /** What one year of a table holds: rows, distinct run ids, and the sum of a 64-bit hash of each row. */
  static final class YearContent {
    long rows;
    long checksum;
    final Set<String> runIds = new TreeSet<>();
  }

  /**
   * A Delta table's rows per year (key 0 for an unpartitioned table), or null without a Delta log.
   * Read without Spark, so that the probe is independent of the code it checks and costs
   * milliseconds (with Spark, 14 tables took about 5 s a probe): the live files are the replay of
   * every commit file of {@code _delta_log} in version order (an {@code add} makes a path live, a
   * {@code remove} ends it: the Delta protocol's definition of a table's state), each read with
   * parquet-java; the year comes from the file's partition values, as a Delta reader takes it.
   */
  static Map<Integer, YearContent> content(Path table) {
    Map<String, Integer> live = liveFiles(table);
    if (live == null) {
      return null;
    }
    try {
      Map<Integer, YearContent> out = new TreeMap<>();
      for (Map.Entry<String, Integer> f : live.entrySet()) {
        YearContent y = out.computeIfAbsent(f.getValue(), k -> new YearContent());
        URI uri = URI.create(f.getKey()); // relative to the table, or absolute
        addRows(new org.apache.hadoop.fs.Path(uri.isAbsolute() ? uri : table.toUri().resolve(uri)), y);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The live files of a Delta table (path as in the log -> year, 0 when unpartitioned), or null
   * without a Delta log: the replay of every commit file in version order.
   */
  static Map<String, Integer> liveFiles(Path table) {
    Path log = table.resolve("_delta_log");
    if (!Files.isDirectory(log)) {
      return null;
    }
    try {
      Map<String, Integer> live = new TreeMap<>();
      List<Path> commits;
      try (Stream<Path> s = Files.list(log)) {
        commits = s.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).sorted().toList();
      }
      for (Path c : commits) {
        for (String line : Files.readAllLines(c)) {
          JsonNode a = JSON.readTree(line);
          if (a.has("add")) {
            JsonNode year = a.get("add").path("partitionValues").path("year");
            live.put(a.get("add").get("path").asText(), year.isMissingNode() ? 0 : Integer.parseInt(year.asText()));
          } else if (a.has("remove")) {
            live.remove(a.get("remove").get("path").asText());
          }
        }
      }
      return live;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addRows(org.apache.hadoop.fs.Path file, YearContent y) throws IOException {
    try (ParquetReader<Group> r =
        ParquetReader.builder(new GroupReadSupport(), file)
            .withConf(new Configuration()).build()) {
      for (Group g = r.read(); g != null; g = r.read()) {
        GroupType type = g.getType();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < type.getFieldCount(); i++) {
          String v = g.getFieldRepetitionCount(i) == 0 ? "\u2205" : g.getValueToString(i, 0);
          row.append(v).append('\u0001');
          if (type.getFieldName(i).equals("run_id")) {
            y.runIds.add(g.getFieldRepetitionCount(i) == 0 ? "null" : v);
          }
        }
        y.rows++;
        y.checksum += fnv64(row.toString());
      }
    }
  }

  /** FNV-1a, 64 bits, of the string's UTF-16 units. */
  private static long fnv64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
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
