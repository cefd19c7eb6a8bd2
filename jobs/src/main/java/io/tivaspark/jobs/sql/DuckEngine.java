package io.tivaspark.jobs.sql;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fast path of {@code bin/tiva sql} (docs/sql.md §3): DuckDB, in process, on the data files
 * of the current Delta versions of the tables a query names ({@link DeltaFiles}). Each table is a
 * view with the Delta schema's columns, names and types; the partition column comes from the
 * {@code col=value} directories Delta writes. NULLs sort as in Spark (first ascending, last
 * descending). A statement DuckDB cannot run is the caller's to send to Spark.
 */
public final class DuckEngine implements SqlEngine {
  private final Path warehouse;
  private final List<String> tables;
  private final String database;
  private final Connection conn;

  public DuckEngine(Path warehouse, List<String> tables) throws SQLException {
    this(warehouse, tables, "");
  }

  /**
   * @param database tiva.catalog.database: a query may also name the warehouse's tables as
   *     {@code database.table} (the names a run registers in the Spark catalog); "" = plain names
   *     only; a {@code catalog.database} name is left to Spark
   */
  public DuckEngine(Path warehouse, List<String> tables, String database) throws SQLException {
    this.warehouse = warehouse;
    this.tables = tables;
    this.database = database.contains(".") ? "" : database;
    this.conn = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = conn.createStatement()) {
      s.execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
      s.execute("SET threads = 2");
    }
  }

  Connection connection() {
    return conn;
  }

  /**
   * Creates (or refreshes) the views of the tables {@code sql} names; Unsupported when one needs
   * Spark. When the query also names the catalog database, each table is a view in a DuckDB schema
   * of that name too: {@code tiva.indicators} is the warehouse's {@code indicators}, the location a
   * run registers under that name (docs/cluster.md, "Catalog").
   */
  void resolve(String sql) throws Exception {
    boolean qualified = !database.isEmpty() && !SqlTables.named(sql, List.of(database)).isEmpty();
    for (String t : SqlTables.named(sql, tables)) {
      DeltaFiles d = DeltaFiles.load(warehouse.resolve(t), conn);
      try (Statement s = conn.createStatement()) {
        String view = viewSql(d, s);
        s.execute("CREATE OR REPLACE VIEW " + quote(t) + " AS " + view);
        if (qualified) {
          s.execute("CREATE SCHEMA IF NOT EXISTS " + quote(database));
          s.execute("CREATE OR REPLACE VIEW " + quote(database) + "." + quote(t) + " AS " + view);
        }
      }
    }
  }

  @Override
  public long query(String sql, RowSink sink) throws Exception {
    resolve(sql);
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(dialect(sql))) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        names.add(md.getColumnLabel(i));
      }
      sink.header(names);
      long rows = 0;
      while (rs.next()) {
        Object[] v = new Object[n];
        for (int i = 0; i < n; i++) {
          v[i] = rs.getObject(i + 1);
        }
        sink.row(v);
        rows++;
      }
      sink.end();
      return rows;
    }
  }

  @Override
  public void toParquet(String sql, Path out) throws Exception {
    resolve(sql);
    String body = dialect(sql).strip();
    if (body.endsWith(";")) {
      body = body.substring(0, body.length() - 1);
    }
    try (Statement s = conn.createStatement()) {
      s.execute("COPY (" + body + ") TO " + literal(out.toString()) + " (FORMAT parquet)");
    }
  }

  /**
   * A Spark SQL statement in DuckDB's quoting, or SQLException (then Spark answers): a backquoted
   * name {@code `check`} becomes {@code "check"}; a double-quoted text (a string in Spark SQL, a
   * name in DuckDB) or a backslash in a string literal (an escape in Spark SQL, a plain character
   * in DuckDB) is left to Spark, so the two engines never read one statement two ways.
   */
  static String dialect(String sql) throws SQLException {
    StringBuilder sb = new StringBuilder(sql.length());
    boolean inString = false;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (inString) {
        if (c == '\\') {
          throw new SQLException("a backslash in a string literal: left to Spark SQL");
        }
        inString = c != '\'';
        sb.append(c);
      } else if (c == '"') {
        throw new SQLException("a double-quoted text (a string in Spark SQL): left to Spark SQL");
      } else {
        inString = c == '\'';
        sb.append(c == '`' ? '"' : c);
      }
    }
    return sb.toString();
  }

  /** The view of one table: every schema column in order, cast to its Delta type; NULL where no file has it. */
  static String viewSql(DeltaFiles d, Statement s) throws SQLException, DeltaFiles.Unsupported {
    List<String> cols = new ArrayList<>();
    if (d.files().isEmpty()) {
      for (DeltaFiles.Column c : d.schema()) {
        cols.add("CAST(NULL AS " + duckType(c.type()) + ") AS " + quote(c.name()));
      }
      return "SELECT " + String.join(", ", cols) + " WHERE false";
    }
    for (Path f : d.files()) {
      for (String p : d.partitionColumns()) {
        if (!f.toString().contains("/" + p + "=")) {
          throw new DeltaFiles.Unsupported("data file outside a " + p + "=value directory: " + f);
        }
      }
    }
    String src = source(d);
    Set<String> present = new HashSet<>();
    try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + src)) {
      while (rs.next()) {
        present.add(rs.getString(1));
      }
    }
    for (DeltaFiles.Column c : d.schema()) {
      String e = present.contains(c.name()) ? quote(c.name()) : "NULL";
      cols.add("CAST(" + e + " AS " + duckType(c.type()) + ") AS " + quote(c.name()));
    }
    return "SELECT " + String.join(", ", cols) + " FROM " + src;
  }

  private static String source(DeltaFiles d) {
    StringBuilder files = new StringBuilder();
    for (Path f : d.files()) {
      files.append(files.length() == 0 ? "" : ", ").append(literal(f.toString()));
    }
    StringBuilder types = new StringBuilder();
    for (DeltaFiles.Column c : d.schema()) {
      if (d.partitionColumns().contains(c.name())) {
        types.append(types.length() == 0 ? "" : ", ").append(literal(c.name())).append(": ")
            .append(literal(duckType(c.type())));
      }
    }
    return "read_parquet([" + files + "], union_by_name = true, hive_partitioning = "
        + !d.partitionColumns().isEmpty() + (types.length() == 0 ? "" : ", hive_types = {" + types + "}") + ")";
  }

  /** The DuckDB type of a Spark (Delta schema JSON) type; nested types keep DuckDB's reading (no cast). */
  static String duckType(JsonNode t) {
    if (!t.isTextual()) {
      throw new IllegalArgumentException("nested");
    }
    String s = t.asText();
    return switch (s) {
      case "string" -> "VARCHAR";
      case "integer" -> "INTEGER";
      case "long" -> "BIGINT";
      case "short" -> "SMALLINT";
      case "byte" -> "TINYINT";
      case "double" -> "DOUBLE";
      case "float" -> "FLOAT";
      case "boolean" -> "BOOLEAN";
      case "date" -> "DATE";
      case "timestamp", "timestamp_ntz" -> "TIMESTAMP";
      case "binary" -> "BLOB";
      default -> {
        if (s.startsWith("decimal(")) {
          yield s.toUpperCase(java.util.Locale.ROOT);
        }
        throw new IllegalArgumentException("type " + s);
      }
    };
  }

  static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      // closing an in-memory database: nothing to keep
    }
  }
}
