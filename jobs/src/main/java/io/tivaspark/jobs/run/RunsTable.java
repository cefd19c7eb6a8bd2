package io.tivaspark.jobs.run;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finished rows (status SUCCEEDED or PARTIAL) of the warehouse's {@code runs} table, read with
 * Delta Kernel on the calling thread: the table's log is replayed and its few small Parquet files
 * are read without a Spark job. The same rows through Spark SQL cost a run into an existing
 * warehouse 11–13 s of its planning, cold (docs/performance.md, issue 17 eighth pass). Kernel
 * applies the table's deletion vectors and column mapping as Spark does; a table Kernel cannot read
 * (a feature it does not support, say) gives null, and {@link RunsLog#finished} then reads it with
 * Spark, as before. {@code RunsTableTest} checks both readers give the same rows, before and after
 * the log's first checkpoint.
 */
final class RunsTable {
  private static final Logger LOG = LoggerFactory.getLogger(RunsTable.class);
  private static final List<String> COLUMNS = List.of("run_id", "finished_at", "status", "input",
      "input_fingerprints", "config");

  /** A finished run: its id, {@code finished_at} (µs since the epoch, UTC), status, input, fingerprints, config. */
  record Finished(String runId, long finishedMicros, String status, String input, String fingerprints,
      String config) {}

  private RunsTable() {}

  /**
   * The SUCCEEDED and PARTIAL rows, oldest {@code finished_at} first (ties by run id); empty when the
   * warehouse has no {@code runs} table yet; null when Kernel could not read it (the reason is logged).
   */
  static List<Finished> finished(Configuration conf, Path warehouse) throws IOException {
    Path runs = new Path(warehouse, "runs");
    FileSystem fs = runs.getFileSystem(conf);
    if (!fs.exists(new Path(runs, "_delta_log"))) {
      return List.of();
    }
    try {
      long t0 = System.nanoTime();
      List<Finished> out = read(DefaultEngine.create(conf), runs.toString());
      out.sort(Comparator.comparingLong(Finished::finishedMicros).thenComparing(Finished::runId));
      LOG.debug("runs table read by Delta Kernel in {} s: {} finished runs", String.format("%.2f",
          (System.nanoTime() - t0) / 1e9), out.size());
      return out;
    } catch (IOException | RuntimeException e) {
      LOG.info("the runs table {} is read with Spark: Delta Kernel could not read it ({})", runs, e.toString());
      return null;
    }
  }

  private static List<Finished> read(Engine engine, String table) throws IOException {
    Snapshot snapshot = Table.forPath(engine, table).getLatestSnapshot(engine);
    StructType schema = new StructType();
    for (String c : COLUMNS) {
      schema = schema.add(snapshot.getSchema().get(c));
    }
    Scan scan = snapshot.getScanBuilder().withReadSchema(schema).build();
    Row scanState = scan.getScanState(engine);
    StructType physical = ScanStateRow.getPhysicalDataReadSchema(scanState);
    List<Finished> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            readFile(engine, scanState, physical, fileRows.next(), out);
          }
        }
      }
    }
    return out;
  }

  /** The finished rows of one data file, after its deletion vector (Kernel's selection vector). */
  private static void readFile(Engine engine, Row scanState, StructType physical, Row scanFile, List<Finished> out)
      throws IOException {
    CloseableIterator<FileReadResult> data = engine.getParquetHandler().readParquetFiles(
        Utils.singletonCloseableIterator(InternalScanFileUtils.getAddFileStatus(scanFile)), physical, Optional.empty());
    try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine, scanState, scanFile,
        data.map(FileReadResult::getData))) {
      while (logical.hasNext()) {
        try (CloseableIterator<Row> rows = logical.next().getRows()) {
          while (rows.hasNext()) {
            Row r = rows.next();
            String status = r.getString(2);
            if ("SUCCEEDED".equals(status) || "PARTIAL".equals(status)) {
              out.add(new Finished(r.getString(0), r.getLong(1), status, r.getString(3), r.getString(4),
                  r.getString(5)));
            }
          }
        }
      }
    }
  }
}
