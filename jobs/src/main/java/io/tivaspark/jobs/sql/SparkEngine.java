package io.tivaspark.jobs.sql;

import io.tivaspark.common.io.LocalTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Spark SQL on the Delta tables a query names (the reference semantics of {@code bin/tiva sql};
 * docs/sql.md §3). The session is started on first use and kept (the shell reuses it).
 */
public final class SparkEngine implements SqlEngine {
  private final String root;
  private final List<String> tables;
  private final Supplier<SparkSession> start;
  private SparkSession spark;

  public SparkEngine(Path warehouse, List<String> tables, Supplier<SparkSession> start) {
    this(warehouse.toString(), tables, start);
  }

  /** On a warehouse given as a Hadoop path or URI ({@code hdfs://}, {@code s3a://}, a local path). */
  public SparkEngine(String warehouse, List<String> tables, Supplier<SparkSession> start) {
    this.root = warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
    this.tables = tables;
    this.start = start;
  }

  org.apache.spark.sql.types.StructType schema(String table) {
    if (spark == null) {
      spark = start.get();
    }
    return spark.read().format("delta").load(root + "/" + table).schema();
  }

  private Dataset<Row> frame(String sql) {
    if (spark == null) {
      spark = start.get();
    }
    for (String t : SqlTables.named(sql, tables)) {
      spark.read().format("delta").load(root + "/" + t).createOrReplaceTempView(t);
    }
    try {
      return spark.sql(sql);
    } catch (Exception e) { // AnalysisException is a checked exception thrown from Scala
      throw new SqlError(oneLine(e), e);
    }
  }

  @Override
  public long query(String sql, RowSink sink) {
    Dataset<Row> df = frame(sql);
    long n = 0;
    try {
      // Spark may analyse lazily: errors can come from the schema or the first row
      List<String> names = new ArrayList<>();
      for (StructField f : df.schema().fields()) {
        names.add(f.name());
      }
      sink.header(names);
      Iterator<Row> it = df.toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        Object[] v = new Object[r.length()];
        for (int i = 0; i < v.length; i++) {
          v[i] = r.get(i);
        }
        sink.row(v);
        n++;
      }
    } catch (Exception e) { // AnalysisException is a checked exception thrown from Scala
      throw new SqlError(oneLine(e), e);
    }
    sink.end();
    return n;
  }

  @Override
  public void toParquet(String sql, Path out) throws IOException {
    Path tmp = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".tiva-sql-");
    Path dir = tmp.resolve("out");
    frame(sql).coalesce(1).write().parquet(dir.toString());
    try (Stream<Path> s = Files.list(dir)) {
      Path part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst()
          .orElseThrow(() -> new IOException("Spark wrote no Parquet file in " + dir));
      Files.move(part, out, StandardCopyOption.REPLACE_EXISTING);
    }
    LocalTrees.deleteQuietly(tmp);
  }

  /** Spark's message without the logical plan Spark appends to analysis errors. */
  static String oneLine(Throwable e) {
    String m = null;
    if (e instanceof org.apache.spark.sql.AnalysisException a) {
      m = a.getSimpleMessage();
    }
    if (m == null) {
      m = String.valueOf(e.getMessage());
    }
    int plan = m.indexOf(";\n");
    if (plan >= 0) {
      m = m.substring(0, plan);
    }
    int sql = m.indexOf("\n== SQL");
    if (sql >= 0) {
      m = m.substring(0, sql);
    }
    return m.replaceAll("\\s*\\n\\s*", " ").strip();
  }

  @Override
  public void close() {
    // the session belongs to the command (Main stops it before exiting)
  }
}
