package io.tivaspark.jobs.store;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes one year of a table into the canonical store. Each dataset's year directory is
 * written under a hidden name and renamed to {@code year=YYYY} when complete; an older
 * directory of that year is replaced. Zero cells are not written (absent cells are zero).
 */
public final class StoreWriter {
  private StoreWriter() {}

  public static Path yearDir(Path root, Dataset d, int year) {
    return new Path(new Path(root, d.dir()), "year=" + year);
  }

  /** Writes every dataset of one year; returns the number of rows written. */
  public static long writeYear(Configuration conf, Path root, MrioYear y) throws IOException {
    long rows = 0;
    rows += write(conf, root, Dataset.INTERMEDIATE, y.year(), w -> writeIntermediate(w, y));
    rows += write(conf, root, Dataset.FINAL_DEMAND, y.year(), w -> writeFinalDemand(w, y));
    rows += write(conf, root, Dataset.VALUE_ADDED, y.year(), w -> writeValueAdded(w, y));
    if (y.publishedOutput() != null) {
      rows += write(conf, root, Dataset.OUTPUT, y.year(), w -> writeOutput(w, y));
    }
    if (y.satellite() != null) {
      rows += write(conf, root, Dataset.EXTENSIONS, y.year(), w -> writeExtensions(w, y));
      rows += write(conf, root, Dataset.EXTENSIONS_FINAL_DEMAND, y.year(), w -> writeExtensionsFinalDemand(w, y));
    }
    if (y.population() != null) {
      rows += write(conf, root, Dataset.POPULATION, y.year(), w -> writePopulation(w, y));
    }
    return rows;
  }

  interface Body {
    void accept(ParquetRows.Writer w) throws IOException;
  }

  private static long write(Configuration conf, Path root, Dataset d, int year, Body body)
      throws IOException {
    Path target = yearDir(root, d, year);
    FileSystem fs = target.getFileSystem(conf);
    Path tmpDir = new Path(target.getParent(), "_tmp_year=" + year + "_" + UUID.randomUUID());
    fs.mkdirs(tmpDir);
    ParquetRows.Writer w = new ParquetRows.Writer(conf, new Path(tmpDir, "part-00000.snappy.parquet"),
        d.dir(), d.columns());
    try {
      body.accept(w);
      w.commit();
    } catch (IOException | RuntimeException e) {
      w.abort();
      fs.delete(tmpDir, true);
      throw e;
    }
    fs.delete(target, true);
    if (!fs.rename(tmpDir, target)) {
      throw new IOException("could not publish " + target);
    }
    return w.rows();
  }

  private static void writeIntermediate(ParquetRows.Writer w, MrioYear y) throws IOException {
    Layout l = y.layout();
    int n = l.n();
    double[] z = y.z();
    List<String> ent = l.entities();
    List<String> ind = l.industries();
    for (int i = 0; i < n; i++) {
      String fe = ent.get(l.entityOfRow(i));
      String fi = ind.get(l.industryOfRow(i));
      for (int j = 0; j < n; j++) {
        double v = z[i + j * n];
        if (v != 0.0) {
          w.write(fe, fi, ent.get(l.entityOfRow(j)), ind.get(l.industryOfRow(j)), v);
        }
      }
    }
  }

  private static void writeFinalDemand(ParquetRows.Writer w, MrioYear y) throws IOException {
    Layout l = y.layout();
    int n = l.n();
    double[] yf = y.finalDemand();
    for (int i = 0; i < n; i++) {
      String fe = l.entities().get(l.entityOfRow(i));
      String fi = l.industries().get(l.industryOfRow(i));
      for (int r = 0; r < l.countryCount(); r++) {
        for (int c = 0; c < l.categoryCount(); c++) {
          double v = yf[i + l.finalDemandColumn(r, c) * n];
          if (v != 0.0) {
            w.write(fe, fi, l.countries().get(r), l.categories().get(c), v);
          }
        }
      }
    }
  }

  private static void writeValueAdded(ParquetRows.Writer w, MrioYear y) throws IOException {
    Layout l = y.layout();
    for (Map.Entry<String, double[]> e : y.valueAdded().entrySet()) {
      double[] va = e.getValue();
      for (int i = 0; i < va.length; i++) {
        if (va[i] != 0.0) {
          w.write(l.entities().get(l.entityOfRow(i)), l.industries().get(l.industryOfRow(i)), e.getKey(), va[i]);
        }
      }
    }
  }

  private static void writeOutput(ParquetRows.Writer w, MrioYear y) throws IOException {
    Layout l = y.layout();
    double[] x = y.publishedOutput();
    for (int i = 0; i < x.length; i++) {
      if (x[i] != 0.0) {
        w.write(l.entities().get(l.entityOfRow(i)), l.industries().get(l.industryOfRow(i)), x[i]);
      }
    }
  }

  private static void writeExtensions(ParquetRows.Writer w, MrioYear y) throws IOException {
    Layout l = y.layout();
    Satellite sat = y.satellite();
    int m = sat.m();
    for (int s = 0; s < m; s++) {
      for (int k = 0; k < l.n(); k++) {
        double v = sat.f()[s + k * m];
        if (v != 0.0) {
          w.write(sat.stressors().get(s), sat.units().get(s), l.entities().get(l.entityOfRow(k)),
              l.industries().get(l.industryOfRow(k)), v);
        }
      }
    }
  }

  /** One row per country whose population is known (NaN: no row, i.e. unknown). */
  private static void writePopulation(ParquetRows.Writer w, MrioYear y) throws IOException {
    double[] pop = y.population();
    for (int c = 0; c < pop.length; c++) {
      if (!Double.isNaN(pop[c])) {
        w.write(y.layout().countries().get(c), pop[c]);
      }
    }
  }

  private static void writeExtensionsFinalDemand(ParquetRows.Writer w, MrioYear y) throws IOException {
    Layout l = y.layout();
    Satellite sat = y.satellite();
    int m = sat.m();
    for (int s = 0; s < m; s++) {
      for (int r = 0; r < l.countryCount(); r++) {
        for (int c = 0; c < l.categoryCount(); c++) {
          double v = sat.fy()[s + l.finalDemandColumn(r, c) * m];
          if (v != 0.0) {
            w.write(sat.stressors().get(s), sat.units().get(s), l.countries().get(r), l.categories().get(c), v);
          }
        }
      }
    }
  }
}
