package io.tivaspark.jobs.sql;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * One {@code bin/tiva sql} session on a local warehouse (docs/sql.md §3): engine {@code auto}
 * answers through DuckDB on the current Delta files and sends to Spark SQL every statement DuckDB
 * cannot run or a table it cannot resolve exactly (Spark's answer or error is then the answer);
 * {@code spark} and {@code duckdb} force one engine. Spark starts only when first needed.
 */
public final class SqlSession implements AutoCloseable {
  private final List<String> tables;
  private final String engine;
  private final SparkEngine spark;
  private final Path warehouse;
  private final String database;
  private DuckEngine duck;
  private boolean duckFailed;
  /** The engine that answered the last query (tests and the shell's \engine line). */
  private String lastEngine = "";

  public SqlSession(Path warehouse, String engine, Supplier<SparkSession> startSpark) throws IOException {
    this(warehouse, engine, startSpark, "");
  }

  /**
   * @param database tiva.catalog.database ("" = none): DuckDB also answers {@code database.table}
   *     for the warehouse's tables; Spark resolves such names in its catalog
   */
  public SqlSession(Path warehouse, String engine, Supplier<SparkSession> startSpark, String database)
      throws IOException {
    this(warehouse, SqlTables.list(warehouse), engine, new SparkEngine(warehouse, SqlTables.list(warehouse), startSpark),
        database);
  }

  private SqlSession(Path warehouse, List<String> tables, String engine, SparkEngine spark, String database) {
    this.warehouse = warehouse;
    this.tables = tables;
    this.engine = engine;
    this.spark = spark;
    this.database = database;
  }

  /**
   * A session on a warehouse that is not a local directory ({@code hdfs://}, {@code s3a://}, ...):
   * Spark SQL only (the DuckDB path reads local files), Spark started at once to list the tables.
   */
  public static SqlSession remote(String warehouse, SparkSession spark) throws IOException {
    List<String> tables = io.tivaspark.jobs.cli.SqlCommand.tableNames(spark, warehouse);
    return new SqlSession(null, tables, "spark", new SparkEngine(warehouse, tables, () -> spark), "");
  }

  public Path warehouse() {
    return warehouse;
  }

  public List<String> tables() {
    return tables;
  }

  public String lastEngine() {
    return lastEngine;
  }

  public long query(String sql, RowSink sink) throws Exception {
    if (!engine.equals("spark") && duck() != null) {
      Watch w = new Watch(sink);
      try {
        long n = duck.query(sql, w);
        lastEngine = "duckdb";
        return n;
      } catch (Exception | LinkageError e) {
        if (engine.equals("duckdb") || w.started) {
          throw new SqlError(oneLine(e), e);
        }
      }
    }
    lastEngine = "spark";
    return spark.query(sql, sink);
  }

  public void toParquet(String sql, Path out) throws Exception {
    if (!engine.equals("spark") && duck() != null) {
      try {
        duck.toParquet(sql, out);
        lastEngine = "duckdb";
        return;
      } catch (Exception | LinkageError e) {
        if (engine.equals("duckdb")) {
          throw new SqlError(oneLine(e), e);
        }
      }
    }
    lastEngine = "spark";
    spark.toParquet(sql, out);
  }

  /** The Delta schema of one table as (name, type) pairs: from its log, or through Spark when needed. */
  public List<String[]> schema(String table) throws Exception {
    List<String[]> out = new java.util.ArrayList<>();
    if (!engine.equals("spark") && duck() != null) {
      try {
        for (DeltaFiles.Column c : DeltaFiles.load(warehouse.resolve(table), duck.connection()).schema()) {
          out.add(new String[] {c.name(), c.type().isTextual() ? c.type().asText() : c.type().toString()});
        }
        return out;
      } catch (DeltaFiles.Unsupported e) {
        out.clear();
      }
    }
    for (org.apache.spark.sql.types.StructField f : spark.schema(table).fields()) {
      out.add(new String[] {f.name(), f.dataType().typeName()});
    }
    return out;
  }

  private DuckEngine duck() {
    if (duck == null && !duckFailed) {
      try {
        duck = new DuckEngine(warehouse, tables, database);
      } catch (Exception | LinkageError e) {
        duckFailed = true; // no DuckDB on this platform or classpath: Spark answers
        if (engine.equals("duckdb")) {
          throw new SqlError("DuckDB is not available: " + oneLine(e), e);
        }
      }
    }
    return duck;
  }

  private static String oneLine(Throwable e) {
    return String.valueOf(e.getMessage()).replaceAll("\\s*\\n\\s*", " ").strip();
  }

  @Override
  public void close() {
    if (duck != null) {
      duck.close();
    }
  }

  /** Remembers whether the header reached the sink (then no second engine may answer). */
  private static final class Watch implements RowSink {
    private final RowSink to;
    boolean started;

    Watch(RowSink to) {
      this.to = to;
    }

    @Override
    public void header(List<String> names) {
      started = true;
      to.header(names);
    }

    @Override
    public void row(Object[] values) {
      to.row(values);
    }

    @Override
    public void end() {
      to.end();
    }
  }
}
