package io.tivaspark.jobs.run;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Family;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Unit;
import io.tivaspark.jobs.store.Column;
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
  /** per table ordinal, the reused string columns of a row, run id last ({@link #keys(OutputTable)}) */
  private final String[][] keys = new String[OutputTable.values().length][];
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
        keys[t.ordinal()] = new String[(int) t.fileColumns().stream().filter(c -> c.type() == Column.Type.STRING)
            .count()];
        keys[t.ordinal()][keys[t.ordinal()].length - 1] = runId;
      } catch (IOException e) {
        close();
        throw new UncheckedIOException("staging " + t.tableName() + " for year " + year, e);
      }
    }
  }

  /**
   * One row, already in the file's layout ({@link OutputTable#fileColumns()}: no year, the run id
   * last, which the caller leaves null and this fills): the path of a table with columns of other
   * types ({@code quality_checks}).
   */
  private void write(OutputTable t, Object... row) {
    RowFile w = writer(t);
    requireFinite(t, row);
    row[row.length - 1] = runId;
    try {
      w.write(row);
    } catch (IOException e) {
      throw new UncheckedIOException("staging " + t.tableName() + " for year " + year, e);
    }
  }

  private RowFile writer(OutputTable t) {
    RowFile w = files[t.ordinal()];
    if (w == null) {
      throw new IllegalStateException(t.tableName() + " rows from a family this run does not compute");
    }
    return w;
  }

  /**
   * The reused array of a table's string columns in file order, the run id already in its last
   * slot: a row method fills the others and calls {@link #put}.
   */
  private String[] keys(OutputTable t) {
    writer(t); // a table this run does not write: the clear error, not a NullPointerException
    return keys[t.ordinal()];
  }

  /** One row of a "strings and one value" table: {@link #keys(OutputTable)} as filled, and the value. */
  private void put(OutputTable t, double value) {
    String[] k = keys[t.ordinal()];
    if (Double.isInfinite(value)) {
      throw new NonFiniteResultException(t.tableName() + " " + String.join(" ", java.util.Arrays.asList(k)
          .subList(0, k.length - 1)) + " = " + value);
    }
    checked[t.ordinal()]++;
    RowFile w = writer(t);
    try {
      if (++calls % SAMPLE == 0) {
        long start = System.nanoTime();
        putRow(w, k, value);
        sampledNanos += (System.nanoTime() - start) * SAMPLE;
      } else {
        putRow(w, k, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("staging " + t.tableName() + " for year " + year, e);
    }
  }

  private static void putRow(RowFile w, String[] k, double value) throws IOException {
    if (w instanceof ColumnarWriter cw) {
      cw.write(k, value);
    } else {
      throw new IllegalStateException("a key-and-value row for a file of other columns");
    }
  }

  @Override
  public void indicator(String indicator, String country, String partner, String industry, double value,
      Unit unit) {
    String[] k = keys(OutputTable.INDICATORS);
    k[0] = indicator;
    k[1] = country;
    k[2] = partner;
    k[3] = industry;
    k[4] = switch (unit) {
      case MONEY -> moneyUnit;
      case PCT -> "PCT";
      case RATIO -> "RATIO";
    };
    put(OutputTable.INDICATORS, value);
  }

  @Override
  public void vaFinalDemand(String sourceCountry, String sourceIndustry, String demandCountry, double value) {
    String[] k = keys(OutputTable.VA_FINAL_DEMAND);
    k[0] = sourceCountry;
    k[1] = sourceIndustry;
    k[2] = demandCountry;
    put(OutputTable.VA_FINAL_DEMAND, value);
  }

  @Override
  public void vaOriginExports(String sourceCountry, String sourceIndustry, String exporter,
      String exportIndustry, double value) {
    String[] k = keys(OutputTable.VA_ORIGIN_EXPORTS);
    k[0] = sourceCountry;
    k[1] = sourceIndustry;
    k[2] = exporter;
    k[3] = exportIndustry;
    put(OutputTable.VA_ORIGIN_EXPORTS, value);
  }

  @Override
  public void vaExportsDestination(String sourceCountry, String exporter, String exportIndustry, String destination,
      String flow, double value) {
    String[] k = keys(OutputTable.VA_EXPORTS_DESTINATION);
    k[0] = sourceCountry;
    k[1] = exporter;
    k[2] = exportIndustry;
    k[3] = destination;
    k[4] = flow;
    put(OutputTable.VA_EXPORTS_DESTINATION, value);
  }

  @Override
  public void vaOriginImports(String sourceCountry, String sourceIndustry, String importer, String partner,
      String importIndustry, double value) {
    String[] k = keys(OutputTable.VA_ORIGIN_IMPORTS);
    k[0] = sourceCountry;
    k[1] = sourceIndustry;
    k[2] = importer;
    k[3] = partner;
    k[4] = importIndustry;
    put(OutputTable.VA_ORIGIN_IMPORTS, value);
  }

  @Override
  public void vaFinalDemandProduct(String sourceCountry, String sourceIndustry, String demandCountry,
      String productIndustry, double value) {
    String[] k = keys(OutputTable.VA_FINAL_DEMAND_PRODUCT);
    k[0] = sourceCountry;
    k[1] = sourceIndustry;
    k[2] = demandCountry;
    k[3] = productIndustry;
    put(OutputTable.VA_FINAL_DEMAND_PRODUCT, value);
  }

  @Override
  public void check(CheckResult r) {
    write(OutputTable.QUALITY_CHECKS, r.check(), r.scope(), r.maxAbsError(), r.maxRelError(),
        r.tolerance(), r.passed(), r.worst() == null ? "" : r.worst(), Family.ofCheck(r.check()).code(), null);
  }

  @Override
  public void exportDecomposition(String method, String exporter, String importer, String industry, String term,
      double value) {
    String[] k = keys(OutputTable.EXPORT_DECOMPOSITION);
    k[0] = method;
    k[1] = exporter;
    k[2] = importer;
    k[3] = industry;
    k[4] = term;
    put(OutputTable.EXPORT_DECOMPOSITION, value);
  }

  @Override
  public void wwzThirdCountry(String exporter, String importer, String third, String industry, String term,
      double value) {
    String[] k = keys(OutputTable.EXPORT_DECOMPOSITION_THIRD);
    k[0] = "WWZ";
    k[1] = exporter;
    k[2] = importer;
    k[3] = third;
    k[4] = industry;
    k[5] = term;
    put(OutputTable.EXPORT_DECOMPOSITION_THIRD, value);
  }

  @Override
  public void footprint(String stressor, String account, String country, String partner, double value, String unit) {
    String[] k = keys(OutputTable.FOOTPRINTS);
    k[0] = stressor;
    k[1] = account;
    k[2] = country;
    k[3] = partner;
    k[4] = unit;
    put(OutputTable.FOOTPRINTS, value);
  }

  @Override
  public void footprintCoefficient(String stressor, String coefficient, String country, String industry,
      double value, String unit) {
    String[] k = keys(OutputTable.FOOTPRINT_COEFFICIENTS);
    k[0] = stressor;
    k[1] = coefficient;
    k[2] = country;
    k[3] = industry;
    k[4] = unit;
    put(OutputTable.FOOTPRINT_COEFFICIENTS, value);
  }

  @Override
  public void gvcMeasure(String measure, String country, String industry, double value) {
    String[] k = keys(OutputTable.GVC_MEASURES);
    k[0] = measure;
    k[1] = country;
    k[2] = industry;
    put(OutputTable.GVC_MEASURES, value);
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

