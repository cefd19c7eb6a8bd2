package io.tivaspark.jobs.run;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Before a run computes anything: every table path it will write is either absent (or an empty
 * directory), and then created, or a Delta table holding at least the curated columns with their
 * types. Anything else (a directory of plain Parquet, a deleted {@code _delta_log}, a file, a
 * Delta table of other columns) is refused with exit 1, since re-creating it would silently
 * drop every year the run does not recompute.
 */
final class WarehouseTables {
  private WarehouseTables() {}

  /** The expected schema of each table the run writes, {@code runs} and {@code indicator_codes} included. */
  static Map<String, StructType> expected(java.util.Set<io.tivaspark.common.model.Family> families) {
    Map<String, StructType> out = new LinkedHashMap<>();
    for (OutputTable t : OutputTable.values()) {
      if (t.writtenBy(families)) {
        out.put(t.tableName(), FileCommit.schema(t));
      }
    }
    out.put("runs", RunsLog.SCHEMA);
    out.put(IndicatorCodesTable.NAME, IndicatorCodesTable.SCHEMA);
    return out;
  }

  /** Throws {@link WarehouseException} naming the first table path that is not what it must be. */
  static void check(SparkSession spark, Path warehouse, Map<String, StructType> tables) throws IOException {
    FileSystem fs = warehouse.getFileSystem(spark.sparkContext().hadoopConfiguration());
    for (Map.Entry<String, StructType> e : tables.entrySet()) {
      Path p = new Path(warehouse, e.getKey());
      if (!fs.exists(p)) {
        continue;
      }
      FileStatus st = fs.getFileStatus(p);
      if (!st.isDirectory()) {
        throw refuse(p, "is a file, not a Delta table");
      }
      if (!DeltaTable.isDeltaTable(spark, p.toString())) {
        if (fs.listStatus(p).length == 0) {
          continue; // an empty directory: nothing to lose, the run creates the table
        }
        throw refuse(p, "is not a Delta table (no readable _delta_log) but holds files");
      }
      String why = schemaDifference(DeltaTable.forPath(spark, p.toString()).toDF().schema(), e.getValue());
      if (why != null) {
        throw refuse(p, "is a Delta table of another schema (" + why + ")");
      }
    }
  }

  /** Why {@code have} lacks a column of {@code want} or types it differently, or null. */
  static String schemaDifference(StructType have, StructType want) {
    for (StructField w : want.fields()) {
      if (!java.util.Arrays.asList(have.fieldNames()).contains(w.name())) {
        return "no column " + w.name();
      }
      DataType h = have.fields()[have.fieldIndex(w.name())].dataType();
      if (!h.equals(w.dataType())) {
        return "column " + w.name() + " is " + h.simpleString() + ", expected " + w.dataType().simpleString();
      }
    }
    return null;
  }

  private static WarehouseException refuse(Path p, String what) {
    return new WarehouseException("warehouse table " + p + " " + what + "; nothing was written. Move it "
        + "away (or restore its _delta_log) and rerun, or choose another --warehouse");
  }
}
