package io.tivaspark.jobs.cli;

import io.tivaspark.jobs.sql.SqlError;
import io.tivaspark.jobs.sql.SqlOutput;
import io.tivaspark.jobs.sql.SqlSession;
import io.tivaspark.jobs.sql.SqlShell;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/tiva sql} (docs/sql.md): one query, or with none an interactive shell; every Delta
 * table of the warehouse is a view named after its directory, resolved only when a query names it.
 * {@code --format table|csv|json|parquet} (table on a terminal, csv otherwise), {@code --out PATH},
 * {@code --engine auto|duckdb|spark}. A bad query is exit 2 with one line: the message and the tables.
 * With tiva.catalog.database set, {@code database.table} names work too: DuckDB reads the
 * warehouse's table of that name, Spark resolves the name in its session catalog (Hive support,
 * the metastore the runs register in).
 */
public final class SqlCommand {
  static final Set<String> FORMATS = Set.of("table", "csv", "json", "parquet");
  static final Set<String> ENGINES = Set.of("auto", "duckdb", "spark");

  private SqlCommand() {}

  /** The command: options checked, then one query or the shell on {@code in}. */
  public static int run(Args args, Settings settings, InputStream in, PrintStream out) throws Exception {
    String wh = args.require("warehouse");
    Commands.requireDirectory("sql", "warehouse", wh);
    boolean terminal = System.console() != null;
    String format = args.has("format") ? args.get("format") : (terminal && !args.has("out") ? "table" : "csv");
    String engine = args.has("engine") ? args.get("engine") : "auto";
    check(format, engine, args.get("out"), args.positional().size());
    SparkSettings.check(settings); // the Spark settings are checked even when DuckDB answers alone
    try (SqlSession session = open(wh, engine, settings)) {
      if (args.positional().isEmpty()) {
        return new SqlShell(session, format, out).run(in, terminal);
      }
      return one(session, args.positional().get(0), format, args.get("out"), out);
    }
  }

  /** DuckDB-first on a local warehouse; Spark SQL alone on {@code hdfs://}, {@code s3a://} and the like. */
  private static SqlSession open(String wh, String engine, Settings settings) throws IOException {
    if (wh.contains("://") && !wh.startsWith("file:")) {
      if (engine.equals("duckdb")) {
        throw new UsageException("sql: --engine duckdb reads local warehouses only; " + wh + " needs --engine spark or auto");
      }
      return SqlSession.remote(wh, SparkSessions.create(settings));
    }
    Path warehouse = Path.of(wh.startsWith("file:") ? java.net.URI.create(wh).getPath() : wh);
    String database = io.tivaspark.jobs.run.CatalogSettings.from(settings.tiva()).database();
    return new SqlSession(warehouse, engine, () -> SparkSessions.create(settings), database);
  }

  static void check(String format, String engine, String outPath, int queries) {
    if (!FORMATS.contains(format)) {
      throw new UsageException("sql: --format must be one of table, csv, json, parquet, got '" + format + "'");
    }
    if (!ENGINES.contains(engine)) {
      throw new UsageException("sql: --engine must be one of auto, duckdb, spark, got '" + engine + "'");
    }
    if (format.equals("parquet") && outPath == null) {
      throw new UsageException("sql: --format parquet needs --out FILE");
    }
    if (queries > 1) {
      throw new UsageException("sql: give exactly one query in quotes (or none for the shell), e.g. bin/tiva sql"
          + " --warehouse DIR \"SELECT * FROM runs\"");
    }
  }

  static int one(SqlSession session, String sql, String format, String outPath, PrintStream out) throws Exception {
    if (session.tables().isEmpty()) {
      throw new UsageException("sql: no Delta tables in the warehouse (run bin/tiva run first)");
    }
    try {
      if (format.equals("parquet")) {
        session.toParquet(sql, Path.of(outPath));
        return ExitCode.OK;
      }
      if (outPath == null) {
        session.query(sql, SqlOutput.of(format, out));
        return ExitCode.OK;
      }
      try (OutputStream os = Files.newOutputStream(Path.of(outPath));
          PrintStream ps = new PrintStream(os, false, StandardCharsets.UTF_8)) {
        session.query(sql, SqlOutput.of(format, ps));
      }
      return ExitCode.OK;
    } catch (SqlError e) {
      throw bad(e, session.tables());
    }
  }

  /** A query the engine rejected: exit 2, one line with the message and the warehouse's tables. */
  public static UsageException bad(SqlError e, List<String> tables) {
    return new UsageException("sql: " + e.getMessage() + " (tables: " + String.join(", ", tables) + ")", e);
  }

  /** Registers each Delta table of the warehouse as a temporary view; returns their names (the demo). */
  public static List<String> registerTables(SparkSession spark, String warehouse) throws IOException {
    List<String> names = tableNames(spark, warehouse);
    for (String name : names) {
      spark.read().format("delta").load(new org.apache.hadoop.fs.Path(warehouse, name).toString())
          .createOrReplaceTempView(name);
    }
    return names;
  }

  /** The Delta tables of a warehouse on any Hadoop file system (directories with a _delta_log), sorted. */
  public static List<String> tableNames(SparkSession spark, String warehouse) throws IOException {
    org.apache.hadoop.fs.Path wh = new org.apache.hadoop.fs.Path(warehouse);
    FileSystem fs = wh.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(wh) || !fs.getFileStatus(wh).isDirectory()) {
      throw new UsageException("sql: --warehouse " + warehouse + " is not a directory");
    }
    List<String> names = new ArrayList<>();
    for (FileStatus st : fs.listStatus(wh)) {
      String name = st.getPath().getName();
      if (st.isDirectory() && !name.startsWith("_") && !name.startsWith(".")
          && fs.exists(new org.apache.hadoop.fs.Path(st.getPath(), "_delta_log"))) {
        names.add(name);
      }
    }
    names.sort(null);
    return names;
  }

}
