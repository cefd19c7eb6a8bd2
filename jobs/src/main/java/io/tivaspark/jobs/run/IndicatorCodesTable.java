package io.tivaspark.jobs.run;

import io.tivaspark.common.math.OecdCodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code indicator_codes} table (docs/data-dictionary.md §1.8): every code the warehouse holds
 * with its OECD 2025 Data Explorer dataflow, measure and unit ({@link OecdCodes}). Reference data,
 * not results: not partitioned, no run_id, independent of the families run. A run rewrites it in
 * one Delta transaction (an overwrite: readers see the old or the new content, never a mix) and
 * only when its content differs from the resource's.
 */
final class IndicatorCodesTable {
  static final String NAME = "indicator_codes";
  static final StructType SCHEMA = new StructType()
      .add("code", DataTypes.StringType, false)
      .add("our_table", DataTypes.StringType, false)
      .add("dataflow_2025", DataTypes.StringType, true)
      .add("measure_2025", DataTypes.StringType, true)
      .add("unit_2025", DataTypes.StringType, true)
      .add("notes", DataTypes.StringType, true)
      .add("confirmed", DataTypes.BooleanType, false)
      .add("source", DataTypes.StringType, true);

  private IndicatorCodesTable() {}

  /** The table's rows: one per resource row, in the resource's order. */
  static List<Row> rows() {
    List<Row> out = new ArrayList<>();
    for (OecdCodes.Row r : OecdCodes.all()) {
      out.add(RowFactory.create(r.code(), r.table(), r.dataflow2025(), r.measure2025(), r.unit2025(), r.notes(),
          r.confirmed(), r.source()));
    }
    return out;
  }

  /**
   * Rewrites the table when its content (as a set of rows, schema included) differs from
   * {@link #rows()}; returns whether it wrote. One Delta commit or none.
   */
  static boolean writeIfChanged(SparkSession spark, Path warehouse) {
    Path table = new Path(warehouse, NAME);
    List<Row> want = rows();
    try {
      if (sameContent(spark, table, want)) {
        return false;
      }
      spark.createDataFrame(want, SCHEMA).coalesce(1).write().format("delta").mode("overwrite")
          .option("overwriteSchema", "true").save(table.toString());
      return true;
    } catch (IOException | RuntimeException ex) {
      throw WarehouseException.storage("writing " + NAME + " (the curated tables are committed; the next run "
          + "rewrites it)", ex);
    }
  }

  /** Whether the Delta table at {@code table} holds exactly {@code want} (any order) with our schema. */
  static boolean sameContent(SparkSession spark, Path table, List<Row> want) throws IOException {
    FileSystem fs = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(new Path(table, "_delta_log"))) {
      return false;
    }
    var df = spark.read().format("delta").load(table.toString());
    if (!List.of(df.schema().fieldNames()).equals(List.of(SCHEMA.fieldNames()))) {
      return false;
    }
    return sorted(df.collectAsList()).equals(sorted(want));
  }

  private static List<String> sorted(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.length(); i++) {
        sb.append(Objects.toString(r.get(i), "\u0000")).append('\u001f');
      }
      out.add(sb.toString());
    }
    out.sort(null);
    return out;
  }
}
