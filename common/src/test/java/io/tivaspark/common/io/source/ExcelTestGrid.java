package io.tivaspark.common.io.source;

import io.tivaspark.common.io.source.ExcelTestTable.Flavor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A sheet in one of the published layouts (docs/sources/wiod2016.md §2, docs/sources/adb.md §2),
 * as rows of cells (column → {@link String} or {@link Double}), generated row by row from an
 * {@link ExcelTestTable} (the benchmark writes millions of cells without holding them), or
 * materialised ({@link #materialise}) so a test can corrupt it: shift the label block, put text in
 * a value cell, drop a row.
 *
 * <p>The layouts' quirks are all there: title and unit lines in column A, the header rows (codes,
 * descriptions, countries, WIOD/ADB numbers), the total-output column, the rows under Z (total
 * intermediate use, taxes, cif/fob, purchases, value added, international transport margins,
 * output) with their codes, the rest of the world, WIOD 2013's numeric industry code {@code 19}
 * and uncoded margins row, the ADB's column numbers row, {@code " "} for zero cells and note under
 * the table.
 */
class ExcelTestGrid {
  private static final String[] WIOD_ROWS = {"II_fob", "TXSP", "EXP_adj", "PURR", "PURNR", "VA", "IntTTM", "GO"};
  private static final String[] OLD_ROWS = {"r60", "r99", "r61", "r62", "r63", "r64", null, "r69"};
  private static final String[] ADB_ROWS = {"r60", "r99", "r61", "r62", "r63", "r64", "trs", "r69"};
  private static final String[] ROW_NAMES = {"Total intermediate consumption", "taxes less subsidies on products",
      "Cif/ fob adjustments on exports", "Direct purchases abroad by residents",
      "Purchases on the domestic territory by non-residents ", "Value added at basic prices",
      "International Transport Margins", "Output at basic prices"};
  private static final String[] ADB_NAMES = {"Intermediate input total", "Taxes less subsidies on products",
      "Cif/ fob adjustments on exports", "Direct purchases abroad by residents",
      "Purchases on the domestic territory by non-residents", "Value added at basic prices",
      "International transport margins", "TOTAL"};
  private static final String[] FD_NAMES = {"Final consumption expenditure by households",
      "Final consumption expenditure by non-profit organisations serving households (NPISH)",
      "Final consumption expenditure by government", "Gross fixed capital formation",
      "Changes in inventories and valuables"};

  final ExcelTestTable t;
  final String sheet;
  final int firstData;
  final int rows;
  final int g;
  final int f;

  ExcelTestGrid(ExcelTestTable t) {
    this.t = t;
    this.sheet = switch (t.flavor) {
      case WIOD2016 -> Integer.toString(t.year);
      case WIOD2013 -> "WIOT_" + t.year;
      case ADB -> "ADB MRIO " + t.year;
    };
    this.firstData = t.flavor == Flavor.ADB ? 7 : 6;
    this.g = t.countries.size();
    this.f = t.categories.size();
    this.rows = firstData + t.n + 8 + (t.flavor == Flavor.ADB ? 1 : 0);
  }

  int zCol(int j) { return 4 + j; }
  int fdCol(int c) { return 4 + t.n + c; }
  int totalCol() { return 4 + t.n + g * f; }

  /** The cells of sheet row {@code r}. */
  TreeMap<Integer, Object> row(int r) {
    TreeMap<Integer, Object> cells = new TreeMap<>();
    if (r < firstData) {
      header(r, cells);
    } else if (r < firstData + t.n) {
      industry(r - firstData, cells);
    } else if (r < firstData + t.n + 8) {
      below(r - firstData - t.n, cells);
    } else {
      cells.put(1, "$ = United States dollar; cif = cost, insurance, and freight; fob = free on board.");
    }
    return cells;
  }

  private void header(int r, TreeMap<Integer, Object> cells) {
    boolean adb = t.flavor == Flavor.ADB;
    String title = switch (t.flavor) {
      case WIOD2016 -> "World Input-Output Table " + t.year;
      case WIOD2013 -> "WIOD Input-Output Table for " + t.year;
      case ADB -> "Multiregional Input-Output Table " + t.year;
    };
    String[] legend = adb
        ? new String[] {title, g + " economies, at current prices (industry by industry)", "In millions of US$", null, null,
            null, null}
        : new String[] {title, g + " countries, in current prices", "(industry-by-industry)", "(millions of US$)", null, null};
    if (legend[r] != null) {
      cells.put(0, legend[r]);
    }
    int kind = adb ? r - 3 : r - 2; // 0: codes (WIOD) / column numbers (ADB), 1: descriptions, 2: countries, 3: numbers
    if (kind < 0) {
      return;
    }
    for (int j = 0; j < t.n; j++) {
      Object[] labels = {adb ? String.format("%04d", j + 1) : code(t.industry(j)), t.names.get(t.industry(j)),
          t.country(j), t.numbers.get(t.industry(j))};
      cells.put(zCol(j), labels[kind]);
    }
    for (int c = 0; c < g * f; c++) {
      Object[] labels = {adb ? String.format("%04d", t.n + c + 1) : t.flavor == Flavor.WIOD2016 ? t.categories.get(c % f) : null,
          FD_NAMES[c % f], t.countries.get(c / f), t.categoryNumbers.get(c % f)};
      if (labels[kind] != null) {
        cells.put(fdCol(c), labels[kind]);
      }
    }
    Object[] total = switch (t.flavor) {
      case WIOD2016 -> new Object[] {"TOT", "Total output", "TOT", "c" + (t.codes.size() + f + 1)};
      case WIOD2013 -> new Object[] {null, "Total output", null, null};
      case ADB -> new Object[] {String.format("%04d", t.n + g * f + 1), "Total output", null, "ToT"};
    };
    if (total[kind] != null) {
      cells.put(totalCol(), total[kind]);
    }
  }

  /** WIOD 2013 writes its numeric industry codes (19, 20) as numbers. */
  private Object code(int i) {
    String c = t.codes.get(i);
    return t.flavor == Flavor.WIOD2013 && c.matches("[0-9]+") ? (Object) Double.valueOf(c) : c;
  }

  private void industry(int i, TreeMap<Integer, Object> cells) {
    if (t.flavor != Flavor.ADB) {
      cells.put(0, code(t.industry(i)));
    }
    cells.put(1, t.names.get(t.industry(i)));
    cells.put(2, t.country(i));
    cells.put(3, t.numbers.get(t.industry(i)));
    int n = t.n;
    for (int j = 0; j < n; j++) {
      double v = t.z[i + j * n];
      cells.put(zCol(j), t.flavor == Flavor.ADB && v == 0 ? (Object) " " : (Object) v);
    }
    for (int c = 0; c < g * f; c++) {
      cells.put(fdCol(c), t.y[i + c * n]);
    }
    cells.put(totalCol(), t.x[i]);
  }

  private void below(int k, TreeMap<Integer, Object> cells) {
    switch (t.flavor) {
      case WIOD2016 -> {
        cells.put(0, WIOD_ROWS[k]);
        cells.put(2, "TOT");
        cells.put(3, "r" + (64 + k));
      }
      case WIOD2013 -> {
        if (OLD_ROWS[k] != null) {
          cells.put(2, k == 0 ? "TOT" : null);
          cells.put(3, OLD_ROWS[k]);
        }
      }
      case ADB -> {
        cells.put(2, "ToT");
        cells.put(3, ADB_ROWS[k]);
      }
    }
    cells.values().removeIf(v -> v == null);
    cells.put(1, t.flavor == Flavor.ADB ? ADB_NAMES[k] : ROW_NAMES[k]);
    double[] v = k == 0 ? t.columnSums() : k == 7 ? t.x : t.va.get(ExcelTestTable.COMPONENTS.get(k - 1));
    double total = 0;
    for (int j = 0; j < t.n; j++) {
      cells.put(zCol(j), v[j]);
      total += v[j];
    }
    if (t.flavor != Flavor.WIOD2013) {
      for (int c = 0; c < g * f; c++) {
        cells.put(fdCol(c), t.flavor == Flavor.ADB && c % 3 == 1 ? (Object) " " : (Object) t.fdBelow[c]);
      }
      cells.put(totalCol(), total);
    }
  }

  /** All rows, for a test to corrupt. */
  List<TreeMap<Integer, Object>> materialise() {
    List<TreeMap<Integer, Object>> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      out.add(row(r));
    }
    return out;
  }

  /** A grid over given rows (a corrupted copy). */
  static ExcelTestGrid of(ExcelTestGrid like, List<TreeMap<Integer, Object>> cells) {
    return new ExcelTestGrid(like.t) {
      @Override
      TreeMap<Integer, Object> row(int r) {
        return r < cells.size() ? cells.get(r) : new TreeMap<>();
      }

      @Override
      int rowCount() {
        return cells.size();
      }
    };
  }

  int rowCount() {
    return rows;
  }

  /** The label block (columns A–D) of the data rows moved {@code by} rows down (up when negative). */
  static List<TreeMap<Integer, Object>> shiftLabels(ExcelTestGrid grid, int by) {
    List<TreeMap<Integer, Object>> rows = grid.materialise();
    List<TreeMap<Integer, Object>> labels = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      TreeMap<Integer, Object> l = new TreeMap<>(rows.get(r).headMap(4));
      labels.add(r >= grid.firstData ? l : null);
      if (r >= grid.firstData) {
        rows.get(r).headMap(4).clear();
      }
    }
    rows.add(new TreeMap<>());
    for (int r = grid.firstData; r < labels.size(); r++) {
      rows.get(r + by).putAll(labels.get(r));
    }
    return rows;
  }
}
