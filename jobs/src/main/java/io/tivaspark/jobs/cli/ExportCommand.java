package io.tivaspark.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * {@code bin/tiva export}: a clean snapshot of warehouse tables for readers that do not read the
 * Delta log (pandas.read_parquet, R arrow::open_dataset, Stata, DuckDB read_parquet). Each table
 * is read through Delta (so only the current rows: the files of replaced years, which stay on
 * disk until VACUUM, are not read) and written as plain Parquet or CSV under
 * {@code OUT/<table>/year=YYYY/}, one file per year (docs/operations.md, "Reading the tables").
 */
public final class ExportCommand {
  /** What to export. */
  public record Request(String warehouse, String out, List<String> tables, TreeSet<Integer> years, String format) {}

  private ExportCommand() {}

  /** Reads and checks the options (exit 2 naming the option). */
  public static Request request(Args args) {
    String warehouse = args.require("warehouse");
    String out = args.require("out");
    String format = args.has("format") ? args.get("format").trim().toLowerCase(Locale.ROOT) : "parquet";
    if (!format.equals("parquet") && !format.equals("csv")) {
      throw new UsageException("export: --format must be parquet or csv, got '" + args.get("format") + "'");
    }
    List<String> tables = args.has("tables") ? split(args.get("tables")) : List.of();
    TreeSet<Integer> years = args.has("years") ? years(args.get("years")) : new TreeSet<>();
    return new Request(warehouse, out, tables, years, format);
  }

  private static List<String> split(String v) {
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** "2009,2010", "2015-2020" or a mix ("2000,2010-2012"). */
  static TreeSet<Integer> years(String v) {
    TreeSet<Integer> out = new TreeSet<>();
    for (String part : split(v)) {
      int[] r = Args.years("export", "years", part);
      for (int y = r[0]; y <= r[1]; y++) {
        out.add(y);
      }
    }
    if (out.isEmpty()) {
      throw new UsageException("export: --years is empty");
    }
    return out;
  }

  /** Writes the snapshot; returns the rows written per table (printed one line each). */
  public static long export(SparkSession spark, Request req, PrintStream console) throws IOException {
    List<String> present = SqlCommand.registerTables(spark, req.warehouse());
    List<String> tables = req.tables().isEmpty() ? present : req.tables();
    for (String t : tables) {
      if (!present.contains(t)) {
        throw new UsageException("export: --tables: no table '" + t + "' in " + req.warehouse()
            + " (tables: " + String.join(", ", present) + ")");
      }
    }
    Path out = new Path(req.out());
    FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (fs.exists(out) && (!fs.getFileStatus(out).isDirectory() || fs.listStatus(out).length > 0)) {
      throw new UsageException("export: --out " + req.out() + " exists and is not an empty directory");
    }
    long total = 0;
    for (String t : tables) {
      long n = exportTable(spark, t, new Path(out, t).toString(), req);
      console.printf(Locale.ROOT, "exported %-26s %,12d rows -> %s%n", t, n, new Path(out, t));
      total += n;
    }
    return total;
  }

  /** One table: its current rows (a Delta read), the years asked for, one file per year. */
  private static long exportTable(SparkSession spark, String table, String dir, Request req) {
    Dataset<Row> df = spark.table(table);
    boolean byYear = Arrays.asList(df.columns()).contains("year");
    if (byYear && !req.years().isEmpty()) {
      df = df.filter(functions.col("year").isin(req.years().toArray()));
    }
    df = df.cache();
    long n = df.count();
    var writer = (byYear ? df.repartition(new Column[] {functions.col("year")}) : df.coalesce(1)).write()
        .mode(SaveMode.ErrorIfExists).format(req.format());
    if (byYear) {
      writer = writer.partitionBy("year");
    }
    if (req.format().equals("csv")) {
      writer = writer.option("header", "true");
    }
    writer.save(dir);
    df.unpersist();
    return n;
  }
}
