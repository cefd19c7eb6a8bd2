package io.tivaspark.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * {@code bin/tiva sql}: every Delta table of the warehouse is a view named after its directory
 * (indicators, va_final_demand, ..., runs); the query's result goes to stdout as CSV with a header.
 */
public final class SqlCommand {
  private SqlCommand() {}

  /** Registers each Delta table of the warehouse as a temporary view; returns their names. */
  public static List<String> registerTables(SparkSession spark, String warehouse) throws IOException {
    Path wh = new Path(warehouse);
    FileSystem fs = wh.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(wh) || !fs.getFileStatus(wh).isDirectory()) {
      throw new UsageException("sql: --warehouse " + warehouse + " is not a directory");
    }
    List<String> names = new ArrayList<>();
    for (FileStatus st : fs.listStatus(wh)) {
      String name = st.getPath().getName();
      if (st.isDirectory() && !name.startsWith("_") && !name.startsWith(".")
          && fs.exists(new Path(st.getPath(), "_delta_log"))) {
        spark.read().format("delta").load(st.getPath().toString()).createOrReplaceTempView(name);
        names.add(name);
      }
    }
    names.sort(null);
    return names;
  }

  public static long query(SparkSession spark, String warehouse, String sql, PrintStream out) throws IOException {
    List<String> tables = registerTables(spark, warehouse);
    if (tables.isEmpty()) {
      throw new UsageException("sql: no Delta tables in " + warehouse + " (run bin/tiva run first)");
    }
    Dataset<Row> df;
    try {
      df = spark.sql(sql);
    } catch (Exception e) {
      // AnalysisException (unknown table or column) and ParseException: the query is wrong
      if (e instanceof org.apache.spark.sql.AnalysisException) {
        throw new UsageException("sql: " + e.getMessage().replace('\n', ' ') + " (tables: " + String.join(", ", tables) + ")", e);
      }
      if (e.getClass().getName().contains("ParseException")) {
        throw new UsageException("sql: " + e.getMessage().replace('\n', ' '), e);
      }
      throw new RuntimeException(e);
    }
    StringBuilder header = new StringBuilder();
    for (StructField f : df.schema().fields()) {
      if (header.length() > 0) {
        header.append(',');
      }
      header.append(csv(f.name()));
    }
    out.println(header);
    long n = 0;
    Iterator<Row> it = df.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.length(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        Object v = r.get(i);
        sb.append(v == null ? "" : csv(format(v)));
      }
      out.println(sb);
      n++;
    }
    return n;
  }

  private static String format(Object v) {
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return d.toString();
      }
      // shortest round-trip decimal, plain notation when reasonable
      String s = d.toString();
      if (s.contains("E") && Math.abs(d) >= 1e-6 && Math.abs(d) < 1e15) {
        return new java.math.BigDecimal(s).toPlainString();
      }
      return s;
    }
    return v.toString();
  }

  static String csv(String s) {
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
