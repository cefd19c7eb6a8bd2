package io.tivaspark.jobs.run;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Family;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Unit;
import io.tivaspark.jobs.store.ColumnarWriter;
import io.tivaspark.jobs.store.ParquetRows;
import io.tivaspark.jobs.store.RowFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The task-side {@link ResultSink}: streams one year's rows into one staged Parquet file per
 * output table, {@code <stagingRun>/<table>/y<year>.parquet}, already in the table's physical
 * layout ({@link OutputTable#fileColumns()}: no {@code year} column, {@code run_id} last), so the
 * commit can move the file into the Delta table without rewriting it. Files are published on
 * {@link #commit()} only, so a failed or killed task leaves nothing a commit would pick up.
 */
public final class StagingSink implements ResultSink, AutoCloseable {
  private final int year;
  private final String moneyUnit;
  private final String runId;
  private final Map<OutputTable, RowFile> writers = new EnumMap<>(OutputTable.class);
  /** {@link #writers} by table ordinal (null: not written by this run), for the per-row path */
  private final RowFile[] files = new RowFile[OutputTable.values().length];
  private final Map<OutputTable, Long> rows = new EnumMap<>(OutputTable.class);
  /** rows checked finite, by table ordinal */
  private final long[] checked = new long[OutputTable.values().length];
  private boolean done;
  /** Every {@value #SAMPLE}-th row's staging time, times {@value #SAMPLE}: an estimate of the time rows take. */
  private static final int SAMPLE = 1024;
  private long calls;
  private long sampledNanos;

  public StagingSink(Configuration conf, Path stagingRun, String runId, int year, String moneyUnit,
      Set<Family> families) throws IOException {
    this.year = year;
    this.moneyUnit = moneyUnit;
    this.runId = runId;
    for (OutputTable t : OutputTable.values()) {
      if (!t.writtenBy(families)) {
        continue;
      }
      Path file = Staging.file(stagingRun, t, year);
      try {
        writers.put(t, ColumnarWriter.supports(t.fileColumns())
            ? new ColumnarWriter(conf, file, t.tableName(), t.fileColumns(), CompressionCodecName.SNAPPY)
            : new ParquetRows.Writer(conf, file, t.tableName(), t.fileColumns()));
        files[t.ordinal()] = writers.get(t);
      } catch (IOException e) {
        close();
        throw new UncheckedIOException("staging " + t.tableName() + " for year " + year, e);
      }
    }
  }

  /**
   * One row, already in the file's layout ({@link OutputTable#fileColumns()}: no year, the run id
   * last, which the caller leaves null and this fills): one array per row, nothing copied or boxed
   * but the value.
   */
  private void write(OutputTable t, Object... row) {
    RowFile w = files[t.ordinal()];
    if (w == null) {
      throw new IllegalStateException(t.tableName() + " rows from a family this run does not compute");
    }
    requireFinite(t, row);
    row[row.length - 1] = runId;
    try {
      if (++calls % SAMPLE == 0) {
        long start = System.nanoTime();
        w.write(row);
        sampledNanos += (System.nanoTime() - start) * SAMPLE;
      } else {
        w.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("staging " + t.tableName() + " for year " + year, e);
    }
  }

  @Override
  public void indicator(String indicator, String country, String partner, String industry, double value,
      Unit unit) {
    String u = switch (unit) {
      case MONEY -> moneyUnit;
      case PCT -> "PCT";
      case RATIO -> "RATIO";
    };
    write(OutputTable.INDICATORS, indicator, country, partner, industry, value, u, null);
  }

  @Override
  public void vaFinalDemand(String sourceCountry, String sourceIndustry, String demandCountry, double value) {
    write(OutputTable.VA_FINAL_DEMAND, sourceCountry, sourceIndustry, demandCountry, value, null);
  }

  @Override
  public void vaOriginExports(String sourceCountry, String sourceIndustry, String exporter,
      String exportIndustry, double value) {
    write(OutputTable.VA_ORIGIN_EXPORTS, sourceCountry, sourceIndustry, exporter, exportIndustry, value, null);
  }

  @Override
  public void vaExportsDestination(String sourceCountry, String exporter, String exportIndustry, String destination,
      String flow, double value) {
    write(OutputTable.VA_EXPORTS_DESTINATION, sourceCountry, exporter, exportIndustry, destination, flow, value, null);
  }

  @Override
  public void vaOriginImports(String sourceCountry, String sourceIndustry, String importer, String partner,
      String importIndustry, double value) {
    write(OutputTable.VA_ORIGIN_IMPORTS, sourceCountry, sourceIndustry, importer, partner, importIndustry,
        value, null);
  }

  @Override
  public void vaFinalDemandProduct(String sourceCountry, String sourceIndustry, String demandCountry,
      String productIndustry, double value) {
    write(OutputTable.VA_FINAL_DEMAND_PRODUCT, sourceCountry, sourceIndustry, demandCountry, productIndustry,
        value, null);
  }

  @Override
  public void check(CheckResult r) {
    write(OutputTable.QUALITY_CHECKS, r.check(), r.scope(), r.maxAbsError(), r.maxRelError(),
        r.tolerance(), r.passed(), r.worst() == null ? "" : r.worst(), Family.ofCheck(r.check()).code(), null);
  }

  @Override
  public void exportDecomposition(String method, String exporter, String importer, String industry, String term,
      double value) {
    write(OutputTable.EXPORT_DECOMPOSITION, method, exporter, importer, industry, term, value, null);
  }

  @Override
  public void wwzThirdCountry(String exporter, String importer, String third, String industry, String term,
      double value) {
    write(OutputTable.EXPORT_DECOMPOSITION_THIRD, "WWZ", exporter, importer, third, industry, term, value, null);
  }

  @Override
  public void footprint(String stressor, String account, String country, String partner, double value, String unit) {
    write(OutputTable.FOOTPRINTS, stressor, account, country, partner, value, unit, null);
  }

  @Override
  public void footprintCoefficient(String stressor, String coefficient, String country, String industry,
      double value, String unit) {
    write(OutputTable.FOOTPRINT_COEFFICIENTS, stressor, coefficient, country, industry, value, unit, null);
  }

  @Override
  public void gvcMeasure(String measure, String country, String industry, double value) {
    write(OutputTable.GVC_MEASURES, measure, country, industry, value, null);
  }

  /**
   * No ±∞ may reach a curated table (NaN is written as NULL: an undefined ratio). Throws
   * {@link NonFiniteResultException} naming the table and the row's key; the year then fails and
   * none of its staged files is published.
   */
  private void requireFinite(OutputTable t, Object[] values) {
    for (Object v : values) {
      if (v instanceof Double d && Double.isInfinite(d)) {
        StringBuilder key = new StringBuilder();
        for (Object k : values) {
          if (k instanceof String str) {
            key.append(key.length() == 0 ? "" : " ").append(str);
          }
        }
        throw new NonFiniteResultException(t.tableName() + " " + key + " = " + d);
      }
    }
    checked[t.ordinal()]++;
  }

  /**
   * Check R1, one quality_checks row per table of the run that has rows for the year: every value
   * staged for the year is finite or NULL (a year with a non-finite value never gets here: it fails).
   */
  private void writeFinitenessChecks() {
    for (OutputTable t : writers.keySet()) {
      long n = checked[t.ordinal()];
      if (t != OutputTable.QUALITY_CHECKS && n > 0) {
        write(OutputTable.QUALITY_CHECKS, "R1", t.tableName(), 0.0, 0.0, 0.0, true,
            n + " rows, every value finite or NULL", t.family().code(), null);
      }
    }
  }

  /** Estimated seconds spent encoding rows into the staged files (one row in {@value #SAMPLE} timed). */
  public String stagingSeconds() {
    return String.format(java.util.Locale.ROOT, "%.2f s for %d rows", sampledNanos / 1e9, calls);
  }

  /** Publishes every staged file of the year; returns rows per table. */
  public Map<OutputTable, Long> commit() throws IOException {
    writeFinitenessChecks();
    for (Map.Entry<OutputTable, RowFile> e : writers.entrySet()) {
      try {
        e.getValue().commit();
      } catch (IOException ex) {
        throw new UncheckedIOException("staging " + e.getKey().tableName() + " for year " + year, ex);
      }
      rows.put(e.getKey(), e.getValue().rows());
    }
    done = true;
    return rows;
  }

  /** Drops every staged file of the year (after a failure). */
  @Override
  public void close() {
    if (!done) {
      writers.values().forEach(RowFile::abort);
      done = true;
    }
  }
}

