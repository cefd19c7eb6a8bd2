package io.tivaspark.jobs.run;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Family;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Sources;
import io.tivaspark.common.model.Unit;
import io.tivaspark.jobs.store.Column;
import io.tivaspark.jobs.store.ColumnarWriter;
import io.tivaspark.jobs.store.EncoderThread;
import io.tivaspark.jobs.store.ParquetRows;
import io.tivaspark.jobs.store.RowFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
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
  /** per table ordinal, the rows of a "strings and one value" table, encoded by {@link #encoder} */
  private final EncoderThread.Rows[] lanes = new EncoderThread.Rows[OutputTable.values().length];
  private final EncoderThread encoder;
  /** a vector's key columns (the run id last) and the columns that vary along it, reused vector after vector */
  private final String[] blockKeys = new String[7];
  @SuppressWarnings("unchecked")
  private final List<String>[] blockVarying = new List[7];
  private boolean done;

  /**
   * {@code background}: encode the rows on a thread of their own beside the families' thread
   * ({@code tiva.run.staging-thread}), else on the caller's.
   */
  public StagingSink(Configuration conf, Path stagingRun, String runId, int year, String moneyUnit,
      Set<Family> families, boolean background) throws IOException {
    this.year = year;
    this.moneyUnit = moneyUnit;
    this.runId = runId;
    this.encoder = new EncoderThread("tiva-staging-" + year, background);
    for (OutputTable t : OutputTable.values()) {
      if (!t.writtenBy(families)) {
        continue;
      }
      Path file = Staging.file(stagingRun, t, year);
      try {
        if (ColumnarWriter.supports(t.fileColumns())) {
          int strings = (int) t.fileColumns().stream().filter(c -> c.type() == Column.Type.STRING).count();
          ColumnarWriter w = new ColumnarWriter(conf, file, t.tableName(), t.fileColumns(), CompressionCodecName.SNAPPY);
          writers.put(t, w);
          lanes[t.ordinal()] = encoder.rows(w, strings, t.tableName());
        } else {
          writers.put(t, new ParquetRows.Writer(conf, file, t.tableName(), t.fileColumns()));
        }
        files[t.ordinal()] = writers.get(t);
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
   * One row of a "strings and one value" table: its string columns in file order (a to f; as many as
   * the table has before {@code run_id}, the rest null), and the value; the run id is added. Rows are
   * handed to the table's encoder lane as dictionary ids: no array per row.
   */
  private void put(OutputTable t, double value, String a, String b, String c, String d, String e, String f) {
    EncoderThread.Rows lane = lane(t);
    if (Double.isInfinite(value)) {
      String key = java.util.stream.Stream.of(a, b, c, d, e, f).filter(java.util.Objects::nonNull)
          .collect(java.util.stream.Collectors.joining(" "));
      throw new NonFiniteResultException(t.tableName() + " " + key + " = " + value);
    }
    checked[t.ordinal()]++;
    int keys = lane.columns() - 1;
    try {
      lane.write(value, a, b, keys > 2 ? c : runId, keys > 3 ? d : runId, keys > 4 ? e : runId,
          keys > 5 ? f : runId, runId);
    } catch (IOException ex) {
      // the encoder's message names the file that failed (not necessarily this row's table)
      throw new UncheckedIOException("staging year " + year, ex);
    }
  }

  /**
   * A vector of rows of a "strings and one value" table ({@link #put} once a row would write the same):
   * {@link #blockKeys} holds the table's key columns, {@link #blockVarying} the lists that vary along
   * the vector (null elsewhere); both are cleared after.
   */
  private void putBlock(OutputTable t, double[] values, int from, int count) {
    EncoderThread.Rows lane = lane(t);
    for (int r = 0; r < count; r++) {
      if (Double.isInfinite(values[from + r])) {
        put(t, values[from + r], row(0, r), row(1, r), row(2, r), row(3, r), row(4, r), row(5, r)); // throws
      }
    }
    checked[t.ordinal()] += count;
    int keys = lane.columns() - 1;
    blockKeys[keys] = runId;
    try {
      lane.writeBlock(blockKeys, blockVarying, values, from, count);
    } catch (IOException ex) {
      throw new UncheckedIOException("staging year " + year, ex);
    } finally {
      Arrays.fill(blockKeys, null);
      Arrays.fill(blockVarying, null);
    }
  }

  /** The encoder lane of a "strings and one value" table this run writes (else the clear error). */
  private EncoderThread.Rows lane(OutputTable t) {
    EncoderThread.Rows lane = lanes[t.ordinal()];
    if (lane == null) {
      writer(t); // a table this run does not write: the clear error
      throw new IllegalStateException("a key-and-value row for " + t.tableName() + ", a file of other columns");
    }
    return lane;
  }

  /** Row r's string in key column c of the vector being written. */
  private String row(int c, int r) {
    return blockVarying[c] != null ? blockVarying[c].get(r) : blockKeys[c];
  }

  @Override
  public void indicator(String indicator, String country, String partner, String industry, double value,
      Unit unit) {
    String u = switch (unit) {
      case MONEY -> moneyUnit;
      case PCT -> "PCT";
      case RATIO -> "RATIO";
    };
    put(OutputTable.INDICATORS, value, indicator, country, partner, industry, u, null);
  }

  @Override
  public void vaFinalDemand(String sourceCountry, String sourceIndustry, String demandCountry, double value) {
    put(OutputTable.VA_FINAL_DEMAND, value, sourceCountry, sourceIndustry, demandCountry, null, null, null);
  }

  @Override
  public void vaOriginExports(String sourceCountry, String sourceIndustry, String exporter,
      String exportIndustry, double value) {
    put(OutputTable.VA_ORIGIN_EXPORTS, value, sourceCountry, sourceIndustry, exporter, exportIndustry, null, null);
  }

  @Override
  public void vaExportsDestination(String sourceCountry, String exporter, String exportIndustry, String destination,
      String flow, double value) {
    put(OutputTable.VA_EXPORTS_DESTINATION, value, sourceCountry, exporter, exportIndustry, destination, flow, null);
  }

  @Override
  public void vaOriginImports(String sourceCountry, String sourceIndustry, String importer, String partner,
      String importIndustry, double value) {
    put(OutputTable.VA_ORIGIN_IMPORTS, value, sourceCountry, sourceIndustry, importer, partner, importIndustry, null);
  }

  @Override
  public void vaFinalDemandProduct(String sourceCountry, String sourceIndustry, String demandCountry,
      String productIndustry, double value) {
    put(OutputTable.VA_FINAL_DEMAND_PRODUCT, value,
        sourceCountry, sourceIndustry, demandCountry, productIndustry, null, null);
  }

  @Override
  public void vaOriginExports(Sources sources, String exporter, String exportIndustry, double[] values, int from) {
    bySource(sources, exporter, exportIndustry, null);
    putBlock(OutputTable.VA_ORIGIN_EXPORTS, values, from, sources.size());
  }

  @Override
  public void vaOriginImports(Sources sources, String importer, String partner, String importIndustry,
      double[] values, int from) {
    bySource(sources, importer, partner, importIndustry);
    putBlock(OutputTable.VA_ORIGIN_IMPORTS, values, from, sources.size());
  }

  @Override
  public void vaFinalDemandProduct(Sources sources, String demandCountry, String productIndustry, double[] values,
      int from) {
    bySource(sources, demandCountry, productIndustry, null);
    putBlock(OutputTable.VA_FINAL_DEMAND_PRODUCT, values, from, sources.size());
  }

  /** The key columns of a by-source vector: the source's country and industry vary, then up to three fixed. */
  private void bySource(Sources sources, String c, String d, String e) {
    blockVarying[0] = sources.countries();
    blockVarying[1] = sources.industries();
    blockKeys[2] = c;
    blockKeys[3] = d;
    blockKeys[4] = e;
  }

  @Override
  public void check(CheckResult r) {
    write(OutputTable.QUALITY_CHECKS, r.check(), r.scope(), r.maxAbsError(), r.maxRelError(),
        r.tolerance(), r.passed(), r.worst() == null ? "" : r.worst(), Family.ofCheck(r.check()).code(), null);
  }

  @Override
  public void exportDecomposition(String method, String exporter, String importer, String industry, String term,
      double value) {
    put(OutputTable.EXPORT_DECOMPOSITION, value, method, exporter, importer, industry, term, null);
  }

  @Override
  public void exportDecomposition(String method, String exporter, String importer, String industry, List<String> terms,
      double[] values, int from) {
    blockKeys[0] = method;
    blockKeys[1] = exporter;
    blockKeys[2] = importer;
    blockKeys[3] = industry;
    blockVarying[4] = terms;
    putBlock(OutputTable.EXPORT_DECOMPOSITION, values, from, terms.size());
  }

  @Override
  public void wwzThirdCountry(String exporter, String importer, String third, String industry, String term,
      double value) {
    put(OutputTable.EXPORT_DECOMPOSITION_THIRD, value, "WWZ", exporter, importer, third, industry, term);
  }

  @Override
  public void footprint(String stressor, String account, String country, String partner, double value, String unit) {
    put(OutputTable.FOOTPRINTS, value, stressor, account, country, partner, unit, null);
  }

  @Override
  public void footprintCoefficient(String stressor, String coefficient, String country, String industry,
      double value, String unit) {
    put(OutputTable.FOOTPRINT_COEFFICIENTS, value, stressor, coefficient, country, industry, unit, null);
  }

  @Override
  public void gvcMeasure(String measure, String country, String industry, double value) {
    put(OutputTable.GVC_MEASURES, value, measure, country, industry, null, null, null);
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

  /** The staging thread's encoding seconds and how long the families' thread waited for it. */
  public String stagingSeconds() {
    return String.format(java.util.Locale.ROOT, "encoding %.2f s, waited for %.2f s", encoder.encodingSeconds(),
        encoder.waitedSeconds());
  }

  /** Publishes every staged file of the year; returns rows per table. */
  public Map<OutputTable, Long> commit() throws IOException {
    writeFinitenessChecks();
    try {
      encoder.drain();
    } catch (IOException e) {
      throw new UncheckedIOException("staging year " + year, e);
    } finally {
      encoder.close();
    }
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
    encoder.close();
    if (!done) {
      writers.values().forEach(RowFile::abort);
      done = true;
    }
  }
}

