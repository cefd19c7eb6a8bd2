package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cells of one sheet in the layout WIOD (2013 and 2016 releases) and the ADB MRIO share, as
 * read in one streaming pass (docs/sources/wiod2016.md §2): a <em>label block</em> of four columns
 * A–D (industry code, description, country, WIOD/ADB number such as {@code c1} or {@code r64}),
 * header rows above the table (title, codes, descriptions, countries, numbers) and the data rows.
 *
 * <p>Rows before the first data row are header rows, kept as text. The first data row is the
 * first row whose column C holds a text that some header row holds to the right of the label block
 * (a country code such as {@code AUS}); every later row is a data row, kept as its four labels and
 * its values (a dense {@code double[]} from column E, NaN where the cell is empty or blank, as the
 * ADB writes {@code " "} for empty cells). Text that is not blank where a data row has values is an
 * {@link InvalidInputException} naming the cell, as is a number that is not finite. Nothing is
 * decided here about what a row or column means: that is {@link ExcelMrioPlan}.
 */
final class ExcelMrioCells implements ExcelCellVisitor {
  /** Columns A–D: the label block. */
  static final int LABELS = 4;

  /** A header row: its cells (column → text), label block included. */
  record HeaderRow(int row, TreeMap<Integer, String> cells) {
    String at(int col) {
      String s = cells.get(col);
      return s == null ? "" : s;
    }
  }

  /** A data row: the label block (blank → "") and the values from column E (NaN: empty). */
  static final class DataRow {
    final int row;
    final String[] labels;
    double[] values;
    int count;

    DataRow(int row, String[] labels, int width) {
      this.row = row;
      this.labels = labels;
      this.values = new double[Math.max(width, 1)];
      Arrays.fill(values, Double.NaN);
    }

    String label(int col) { return labels[col]; }

    double value(int col) {
      int k = col - LABELS;
      return k < values.length ? values[k] : Double.NaN;
    }

    boolean hasLabel() {
      for (String l : labels) {
        if (!l.isEmpty()) {
          return true;
        }
      }
      return false;
    }
  }

  private final String source;
  private final Integer year;
  private final String sheet;
  private final List<HeaderRow> header = new ArrayList<>();
  private final List<DataRow> data = new ArrayList<>();
  private final Set<String> headerTexts = new HashSet<>();
  private int width;
  private boolean dataStarted;
  private int curRow = -1;
  private String[] curLabels;
  private TreeMap<Integer, String> curHeader;
  private DataRow curData;

  ExcelMrioCells(String source, Integer year, String sheet) {
    this.source = source;
    this.year = year;
    this.sheet = sheet;
  }

  List<HeaderRow> header() { return header; }
  List<DataRow> data() { return data; }
  String source() { return source; }
  Integer year() { return year; }
  String sheet() { return sheet; }

  /** The error of a cell: file, year, "sheet S, cell E7", rule. */
  InvalidInputException error(int row, int col, String rule) {
    return new InvalidInputException(source, year, where(row, col), rule);
  }

  String where(int row, int col) {
    return "sheet " + sheet + (col < 0 ? ", row " + (row + 1) : ", cell " + ExcelWorkbook.cellName(row, col));
  }

  @Override
  public void text(int row, int col, String value) {
    enter(row);
    if (col < LABELS) {
      curLabels[col] = value.strip();
    } else if (route(row)) {
      if (!value.isBlank()) {
        throw error(row, col, "text '" + shorten(value) + "' where a number is expected"
            + (data.isEmpty() ? " (label block shifted by a row?)" : ""));
      }
    } else {
      putHeader(col, value.strip());
    }
  }

  @Override
  public void number(int row, int col, double value) {
    enter(row);
    if (col < LABELS) {
      curLabels[col] = numberText(value);
    } else if (route(row)) {
      if (!Double.isFinite(value)) {
        throw error(row, col, "value " + value + " is not a finite number");
      }
      int k = col - LABELS;
      if (k >= curData.values.length) {
        curData.values = grow(curData.values, k + 1);
      }
      curData.values[k] = value;
      curData.count++;
    } else {
      putHeader(col, numberText(value));
    }
  }

  /** Ends the last row; call once after the sheet was read. */
  void finish() {
    flush();
  }

  private void enter(int row) {
    if (row != curRow) {
      flush();
      curRow = row;
      curLabels = new String[] {"", "", "", ""};
    }
  }

  /** Whether the current row is a data row (decided at its first value cell). */
  private boolean route(int row) {
    if (curData == null && curHeader == null) {
      if (dataStarted || startsData()) {
        dataStarted = true;
        curData = new DataRow(row, curLabels, width);
      } else {
        curHeader = new TreeMap<>();
      }
    }
    return curData != null;
  }

  private boolean startsData() {
    return !curLabels[2].isEmpty() && headerTexts.contains(curLabels[2]);
  }

  private void putHeader(int col, String text) {
    if (!text.isEmpty()) {
      curHeader.put(col, text);
      headerTexts.add(text);
      width = Math.max(width, col - LABELS + 1);
    }
  }

  private void flush() {
    if (curRow < 0) {
      return;
    }
    if (curData == null && curHeader == null && !String.join("", curLabels).isEmpty()) {
      route(curRow); // a row with labels only: a data row once the data started, else a header row
    }
    if (curData != null) {
      data.add(curData);
    } else if (curHeader != null) {
      for (int c = 0; c < LABELS; c++) {
        if (!curLabels[c].isEmpty()) {
          curHeader.put(c, curLabels[c]);
        }
      }
      header.add(new HeaderRow(curRow, curHeader));
    }
    curData = null;
    curHeader = null;
    curRow = -1;
  }

  private static double[] grow(double[] a, int size) {
    double[] b = Arrays.copyOf(a, Math.max(size, a.length + (a.length >> 1)));
    Arrays.fill(b, a.length, b.length, Double.NaN);
    return b;
  }

  /** A number as a label: integral values without a decimal point (WIOD's industry code 19). */
  static String numberText(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  static String shorten(String s) {
    String t = s.strip();
    return t.length() <= 40 ? t : t.substring(0, 37) + "...";
  }
}
