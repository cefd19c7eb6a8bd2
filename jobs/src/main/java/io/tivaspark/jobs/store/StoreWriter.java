package io.tivaspark.jobs.store;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes one year of a table into the canonical store. Each dataset's year directory is
 * written under a hidden name and renamed to {@code year=YYYY} when complete; an older
 * directory of that year is replaced. Zero cells are not written (absent cells are zero).
 *
 * <p>The two large datasets (intermediate: up to n² rows; final demand) are written as one file
 * per range of source rows ({@code part-00000}, {@code part-00001}, ...; {@link #parts}), written
 * in parallel on {@link #threads()} threads; read in name order the rows are those of a single file,
 * in the same order, with the same values.
 */
public final class StoreWriter {
  private StoreWriter() {}

  public static Path yearDir(Path root, Dataset d, int year) {
    return new Path(new Path(root, d.dir()), "year=" + year);
  }

  /** Writer threads per year: every core the JVM sees, at most 4. */
  static int threads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Files per large dataset: one per 8 M cells of Z (n² / 8·10⁶ rounded up, at most 8; 2 at ICIO size
   * n = 3645), from the size alone so that a store's files do not depend on the machine.
   */
  static int parts(int n) {
    return (int) Math.max(1, Math.min(8, ((long) n * n + 7_999_999) / 8_000_000));
  }

  /** Writes every dataset of one year; returns the number of rows written. */
  public static long writeYear(Configuration conf, Path root, MrioYear y) throws IOException {
    return writeYear(conf, root, y, parts(y.n()));
  }

  /** {@link #writeYear(Configuration, Path, MrioYear)} with the intermediate and final demand in {@code parts} files. */
  static long writeYear(Configuration conf, Path root, MrioYear y, int parts) throws IOException {
    long rows = 0;
    int n = y.n();
    Keys k = Keys.of(y.layout());
    rows += write(conf, root, Dataset.INTERMEDIATE, y.year(),
        ranges(n, parts, (from, to) -> w -> writeIntermediate(w, y, k, from, to)));
    rows += write(conf, root, Dataset.FINAL_DEMAND, y.year(),
        ranges(n, parts, (from, to) -> w -> writeFinalDemand(w, y, k, from, to)));
    rows += write(conf, root, Dataset.VALUE_ADDED, y.year(), w -> writeValueAdded(w, y, k));
    if (y.publishedOutput() != null) {
      rows += write(conf, root, Dataset.OUTPUT, y.year(), w -> writeOutput(w, y, k));
    }
    if (y.satellite() != null) {
      rows += write(conf, root, Dataset.EXTENSIONS, y.year(), w -> writeExtensions(w, y, k));
      rows += write(conf, root, Dataset.EXTENSIONS_FINAL_DEMAND, y.year(), w -> writeExtensionsFinalDemand(w, y, k));
    }
    if (y.population() != null) {
      rows += write(conf, root, Dataset.POPULATION, y.year(), w -> writePopulation(w, y, k));
    }
    return rows;
  }

  interface Body {
    void accept(ColumnarWriter w) throws IOException;
  }

  /** The body of the part that writes source rows {@code [from, to)}. */
  interface RangeBody {
    Body of(int from, int to);
  }

  /** {@code parts} bodies over consecutive ranges of the rows {@code [0, n)}. */
  static List<Body> ranges(int n, int parts, RangeBody body) {
    List<Body> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      out.add(body.of((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }
    return out;
  }

  private static long write(Configuration conf, Path root, Dataset d, int year, Body body) throws IOException {
    return write(conf, root, d, year, List.of(body));
  }

  /** One dataset's year: file k from body k (in parallel), then the directory published. */
  private static long write(Configuration conf, Path root, Dataset d, int year, List<Body> bodies)
      throws IOException {
    Path target = yearDir(root, d, year);
    FileSystem fs = target.getFileSystem(conf);
    Path tmpDir = new Path(target.getParent(), "_tmp_year=" + year + "_" + UUID.randomUUID());
    fs.mkdirs(tmpDir);
    List<ColumnarWriter> writers = new ArrayList<>();
    try {
      for (int k = 0; k < bodies.size(); k++) {
        writers.add(new ColumnarWriter(conf, new Path(tmpDir, String.format("part-%05d.snappy.parquet", k)),
            d.dir(), d.columns(), CompressionCodecName.SNAPPY));
      }
      runAll(bodies, writers);
    } catch (IOException | RuntimeException e) {
      writers.forEach(ColumnarWriter::abort);
      fs.delete(tmpDir, true);
      throw e;
    }
    fs.delete(target, true);
    if (!fs.rename(tmpDir, target)) {
      throw new IOException("could not publish " + target);
    }
    return writers.stream().mapToLong(ColumnarWriter::rows).sum();
  }

  /** Body k into writer k and commits it; several at once on {@link #threads()} threads; the first failure is thrown. */
  private static void runAll(List<Body> bodies, List<ColumnarWriter> writers) throws IOException {
    if (bodies.size() == 1) {
      bodies.get(0).accept(writers.get(0));
      writers.get(0).commit();
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads(), bodies.size()));
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int k = 0; k < bodies.size(); k++) {
        Body b = bodies.get(k);
        ColumnarWriter w = writers.get(k);
        done.add(pool.submit(() -> {
          b.accept(w);
          w.commit();
          return null;
        }));
      }
      for (Future<Void> f : done) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** A year's codes, looked up once: the entity and industry of every row, countries, categories. */
  record Keys(String[] entity, String[] industry, String[] country, String[] category) {
    static Keys of(Layout l) {
      int n = l.n();
      String[] ent = new String[n];
      String[] ind = new String[n];
      for (int i = 0; i < n; i++) {
        ent[i] = l.entities().get(l.entityOfRow(i));
        ind[i] = l.industries().get(l.industryOfRow(i));
      }
      return new Keys(ent, ind, keys(l.countries()), keys(l.categories()));
    }
  }

  static String[] keys(List<String> codes) {
    return codes.toArray(String[]::new);
  }

  /** Rows of a column-major matrix copied to row-major a block at a time (see {@link #rowBlock}). */
  static final int ROW_BLOCK = 16;

  /**
   * Rows {@code [i0, i0 + b)} of the column-major {@code rows × cols} matrix {@code m} into {@code buf}
   * row-major (row r at {@code buf[r * cols]}). Reading a row of a column-major matrix touches one
   * cache line per cell (a stride of 29 KB at n = 3645); reading {@value #ROW_BLOCK} rows column by
   * column reads {@value #ROW_BLOCK} adjacent doubles at a time.
   */
  static void rowBlock(double[] m, int rows, int cols, int i0, int b, double[] buf) {
    for (int j = 0; j < cols; j++) {
      int at = i0 + j * rows;
      for (int r = 0; r < b; r++) {
        buf[r * cols + j] = m[at + r];
      }
    }
  }

  /** Rows i in [from, to) of Z, every non-zero cell (from_country, from_industry, to_country, to_industry, value). */
  private static void writeIntermediate(ColumnarWriter w, MrioYear y, Keys k, int from, int to) throws IOException {
    int n = y.n();
    int[] column = new int[n];
    for (int j = 0; j < n; j++) {
      column[j] = j;
    }
    writeCells(new IndexedRows(w, k.entity(), k.industry(), k.entity(), k.industry()), y.z(), n, n, from, to,
        column, column);
  }

  /**
   * Rows i in [from, to) of final demand, every non-zero cell, in column order (demand country, then
   * category: {@link Layout#finalDemandColumn}).
   */
  private static void writeFinalDemand(ColumnarWriter w, MrioYear y, Keys k, int from, int to) throws IOException {
    Layout l = y.layout();
    int cols = l.finalDemandColumns();
    int[] country = new int[cols];
    int[] category = new int[cols];
    for (int r = 0; r < l.countryCount(); r++) {
      for (int c = 0; c < l.categoryCount(); c++) {
        country[l.finalDemandColumn(r, c)] = r;
        category[l.finalDemandColumn(r, c)] = c;
      }
    }
    writeCells(new IndexedRows(w, k.entity(), k.industry(), k.country(), k.category()), y.finalDemand(), l.n(), cols,
        from, to, country, category);
  }

  /**
   * Rows i in [from, to) of the column-major matrix {@code m} (n rows × {@code cols}), every non-zero
   * cell, read {@value #ROW_BLOCK} rows at a time: keys 0 and 1 are the row's index, keys 2 and 3
   * {@code key2[j]} and {@code key3[j]} of its column j.
   */
  private static void writeCells(IndexedRows rows, double[] m, int n, int cols, int from, int to, int[] key2,
      int[] key3) throws IOException {
    double[] buf = new double[ROW_BLOCK * cols];
    for (int i0 = from; i0 < to; i0 += ROW_BLOCK) {
      int b = Math.min(ROW_BLOCK, to - i0);
      rowBlock(m, n, cols, i0, b, buf);
      for (int r = 0; r < b; r++) {
        rows.key(0, i0 + r);
        rows.key(1, i0 + r);
        for (int j = 0, at = r * cols; j < cols; j++) {
          double v = buf[at + j];
          if (v != 0.0) {
            rows.key(2, key2[j]);
            rows.key(3, key3[j]);
            rows.add(v);
          }
        }
      }
    }
    rows.flush();
  }

  private static void writeValueAdded(ColumnarWriter w, MrioYear y, Keys k) throws IOException {
    IndexedRows rows = new IndexedRows(w, k.entity(), k.industry(), keys(List.copyOf(y.valueAdded().keySet())));
    int comp = 0;
    for (double[] va : y.valueAdded().values()) {
      rows.key(2, comp++);
      for (int i = 0; i < va.length; i++) {
        if (va[i] != 0.0) {
          rows.key(0, i);
          rows.key(1, i);
          rows.add(va[i]);
        }
      }
    }
    rows.flush();
  }

  private static void writeOutput(ColumnarWriter w, MrioYear y, Keys k) throws IOException {
    double[] x = y.publishedOutput();
    IndexedRows rows = new IndexedRows(w, k.entity(), k.industry());
    for (int i = 0; i < x.length; i++) {
      if (x[i] != 0.0) {
        rows.key(0, i);
        rows.key(1, i);
        rows.add(x[i]);
      }
    }
    rows.flush();
  }

  private static void writeExtensions(ColumnarWriter w, MrioYear y, Keys k) throws IOException {
    Satellite sat = y.satellite();
    int m = sat.m();
    IndexedRows rows = new IndexedRows(w, keys(sat.stressors()), keys(sat.units()), k.entity(), k.industry());
    for (int s = 0; s < m; s++) {
      rows.key(0, s);
      rows.key(1, s);
      for (int c = 0; c < y.n(); c++) {
        double v = sat.f()[s + c * m];
        if (v != 0.0) {
          rows.key(2, c);
          rows.key(3, c);
          rows.add(v);
        }
      }
    }
    rows.flush();
  }

  /** One row per country whose population is known (NaN: no row, i.e. unknown). */
  private static void writePopulation(ColumnarWriter w, MrioYear y, Keys k) throws IOException {
    double[] pop = y.population();
    IndexedRows rows = new IndexedRows(w, k.country());
    for (int c = 0; c < pop.length; c++) {
      if (!Double.isNaN(pop[c])) {
        rows.key(0, c);
        rows.add(pop[c]);
      }
    }
    rows.flush();
  }

  private static void writeExtensionsFinalDemand(ColumnarWriter w, MrioYear y, Keys k) throws IOException {
    Layout l = y.layout();
    Satellite sat = y.satellite();
    int m = sat.m();
    IndexedRows rows = new IndexedRows(w, keys(sat.stressors()), keys(sat.units()), k.country(), k.category());
    for (int s = 0; s < m; s++) {
      rows.key(0, s);
      rows.key(1, s);
      for (int r = 0; r < l.countryCount(); r++) {
        for (int c = 0; c < l.categoryCount(); c++) {
          double v = sat.fy()[s + l.finalDemandColumn(r, c) * m];
          if (v != 0.0) {
            rows.key(2, r);
            rows.key(3, c);
            rows.add(v);
          }
        }
      }
    }
    rows.flush();
  }
}
