package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monetary tables of one EXIOBASE 3 year, each file streamed once: {@code Y.txt} (final demand,
 * and the layout, {@link ExiobaseIndex}), {@code A.txt} or {@code Z.txt} (the intermediate block as
 * coefficients or flows, n×n), {@code x.txt} (gross output) and {@code unit.txt} (the money unit).
 */
final class ExiobaseTables {
  private ExiobaseTables() {}

  /** Final demand and the layout it defines. */
  record FinalDemand(ExiobaseIndex index, double[] yf) {}

  /** Y.txt: rows (region, sector), columns (region, category); values kept row by row, then placed. */
  static FinalDemand finalDemand(ExiobaseMatrix m, Integer year, String system) throws IOException {
    return finalDemand(m, year, system, 2);
  }

  /** As above with {@code labelCols} label columns, the first two region and sector (EXIOBASE 1/2: a third, the unit). */
  static FinalDemand finalDemand(ExiobaseMatrix m, Integer year, String system, int labelCols) throws IOException {
    requireLabels(m, labelCols, 2, year);
    String[][] cols = m.columns();
    List<String[]> labels = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    while (m.next()) {
      labels.add(m.rowLabels());
      double[] v = new double[cols.length];
      for (int c = 0; c < v.length; c++) {
        v[c] = m.value(c);
      }
      values.add(v);
    }
    if (labels.isEmpty()) {
      throw m.error("line " + m.lineNo(), "no data rows after the header");
    }
    ExiobaseIndex index = ExiobaseIndex.of(m.file(), year, labels, cols, system);
    int n = index.layout().n();
    double[] yf = new double[n * index.layout().finalDemandColumns()];
    int[] target = new int[cols.length];
    for (int c = 0; c < cols.length; c++) {
      target[c] = index.fdColumn(cols[c][0], cols[c][1]);
    }
    for (int i = 0; i < labels.size(); i++) {
      int r = index.row(labels.get(i)[0], labels.get(i)[1]);
      double[] v = values.get(i);
      for (int c = 0; c < v.length; c++) {
        yf[r + target[c] * n] = v[c];
      }
    }
    return new FinalDemand(index, yf);
  }

  /**
   * A.txt or Z.txt: an n×n matrix, column-major, rows and columns (region, sector) mapped by label
   * to the layout of Y.txt; every row and column exactly once.
   */
  static double[] square(ExiobaseMatrix m, Integer year, ExiobaseIndex index) throws IOException {
    return square(m, year, index, 2);
  }

  /** As above with {@code labelCols} label columns, the first two region and sector (EXIOBASE 1/2: a third, the unit). */
  static double[] square(ExiobaseMatrix m, Integer year, ExiobaseIndex index, int labelCols) throws IOException {
    requireLabels(m, labelCols, 2, year);
    int n = index.layout().n();
    int[] target = columnTargets(m, index);
    double[] a = new double[n * n];
    boolean[] seen = new boolean[n];
    int count = 0;
    while (m.next()) {
      String region = m.rowLabel(0);
      String sector = m.rowLabel(1);
      int r = index.row(region, sector);
      if (r < 0 || seen[r]) {
        throw m.error("line " + m.lineNo() + ", row " + region + " " + sector, r < 0
            ? "row label is not a region and sector of Y.txt (label block shifted?)" : "duplicate row");
      }
      seen[r] = true;
      count++;
      for (int c = 0; c < target.length; c++) {
        a[r + target[c]] = m.value(c);
      }
    }
    if (count != n) {
      throw m.error("after line " + m.lineNo(), (n - count) + " of " + n + " rows missing (file truncated?)");
    }
    return a;
  }

  /** Offsets target[c] = (layout column of file column c)·n; every layout column exactly once. */
  private static int[] columnTargets(ExiobaseMatrix m, ExiobaseIndex index) {
    String[][] cols = m.columns();
    int n = index.layout().n();
    if (cols.length != n) {
      throw m.error("line 1", "the header has " + cols.length + " columns, Y.txt has " + n + " rows");
    }
    boolean[] seen = new boolean[n];
    int[] target = new int[n];
    for (int c = 0; c < n; c++) {
      int j = index.row(cols[c][0], cols[c][1]);
      if (j < 0 || seen[j]) {
        throw m.error("column " + (m.indexCols() + c + 1) + " (" + cols[c][0] + " " + cols[c][1] + ")", j < 0
            ? "column label is not a region and sector of Y.txt" : "duplicate column");
      }
      seen[j] = true;
      target[c] = j * n;
    }
    return target;
  }

  /** x.txt: gross output by (region, sector), one value column; not negative. */
  static double[] output(ExiobaseMatrix m, Integer year, ExiobaseIndex index) throws IOException {
    requireLabels(m, 2, 1, year);
    if (m.columns().length != 1) {
      throw m.error("line 1", "x.txt has " + m.columns().length + " value columns, expected 1 (indout)");
    }
    int n = index.layout().n();
    double[] x = new double[n];
    boolean[] seen = new boolean[n];
    int count = 0;
    while (m.next()) {
      int r = index.row(m.rowLabel(0), m.rowLabel(1));
      if (r < 0 || seen[r]) {
        throw m.error("line " + m.lineNo(), r < 0 ? "row label is not a region and sector of Y.txt" : "duplicate row");
      }
      seen[r] = true;
      count++;
      x[r] = m.value(0);
      if (x[r] < 0) {
        throw m.error(m.cell(0), "negative gross output " + x[r]);
      }
    }
    if (count != n) {
      throw m.error("after line " + m.lineNo(), (n - count) + " of " + n + " rows missing (file truncated?)");
    }
    return x;
  }

  /** unit.txt: label columns, then the unit; the units in order of first appearance with their counts. */
  static Map<String, Integer> units(ExiobaseMatrix m) throws IOException {
    Map<String, Integer> units = new LinkedHashMap<>();
    while (m.next()) {
      units.merge(m.text(0), 1, Integer::sum);
    }
    return units;
  }

  /** The file has k label columns (region, sector) and at least {@code levels} header lines. */
  private static void requireLabels(ExiobaseMatrix m, int k, int levels, Integer year) {
    if (m.indexCols() != k) {
      throw new InvalidInputException(m.file(), year, "line 1", m.indexCols() + " label columns, expected " + k
          + (k == 2 ? " (region, sector)" : " (region, sector, unit)"));
    }
    if (m.columns()[0].length < levels) {
      throw new InvalidInputException(m.file(), year, "line 1", m.columns()[0].length + " header lines, expected "
          + levels + " (region, then sector or category)");
    }
  }
}
