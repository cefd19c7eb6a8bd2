package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * One matrix file of EXIOBASE 3 as pymrio writes it (tab-separated): {@code headerRows} header lines
 * holding the column labels by level (line 1 the regions, line 2 the sectors or final-demand
 * categories; the level's name in the first cell), then optionally one line of index names
 * ({@code region sector} and nothing else), then one data line per row: {@code indexCols} label
 * cells (region and sector, or the stressor) and one number per column. Read strictly by label,
 * streamed line by line: a cut-off file, a row with a cell too many or too few, a shifted label
 * block or a cell that is not a number is an {@link InvalidInputException} naming the file, the
 * year, the line, the column and the rule.
 */
final class ExiobaseMatrix implements Closeable {
  /**
   * How many label columns and header lines a file has (file_parameters.json nr_index_col,
   * nr_header); {@code indexCols} -1: all but the last column (a vector file: unit.txt, x.txt).
   */
  record Shape(int indexCols, int headerRows) {
    /** A vector file of one header line: every column but the last is a label. */
    static final Shape VECTOR = new Shape(-1, 1);
  }

  private final ExiobaseTsv tsv;
  private final String file;
  private final Integer year;
  private final int k;
  private final String[][] columns;
  private boolean pending;

  /**
   * Opens a matrix file and reads its header.
   *
   * @param shape the file's shape, or null to infer it: index columns = 1 + the empty cells after
   *     the first cell of line 1; two header lines
   */
  ExiobaseMatrix(InputStream in, String file, Integer year, Shape shape) throws IOException {
    this.tsv = new ExiobaseTsv(in);
    this.file = file;
    this.year = year;
    if (!read()) {
      throw error("line 1", "empty file");
    }
    Shape s = shape != null ? shape : new Shape(inferIndexCols(), 2);
    this.k = s.indexCols() < 0 ? tsv.cells() - 1 : s.indexCols();
    this.columns = header(s.headerRows());
    skipIndexNames();
  }

  private int inferIndexCols() {
    int c = 1;
    while (c < tsv.cells() && tsv.empty(c)) {
      c++;
    }
    return c;
  }

  /** Reads the header lines (the first is current): columns[c][level]. */
  private String[][] header(int rows) throws IOException {
    int count = tsv.cells() - k;
    if (count <= 0) {
      throw error("line 1", "header has no column labels after " + k + " label column(s)");
    }
    String[][] cols = new String[count][rows];
    for (int level = 0; level < rows; level++) {
      if (level > 0 && !read()) {
        throw error("line " + (level + 1), "file ends inside the header (" + rows + " header lines expected)");
      }
      if (tsv.cells() != k + count) {
        throw error("line " + tsv.lineNo(), "header line has " + tsv.cells() + " cells, line 1 has " + (k + count)
            + " (label block shifted?)");
      }
      for (int c = 0; c < count; c++) {
        String label = tsv.text(k + c);
        if (label.isEmpty()) {
          throw error("line " + tsv.lineNo() + ", column " + (k + c + 1), "empty column label");
        }
        cols[c][level] = label;
      }
    }
    return cols;
  }

  /** Skips the optional line of index names (label cells only); leaves the first data line pending. */
  private void skipIndexNames() throws IOException {
    pending = nextNonBlank();
    if (pending && tsv.cells() >= 1) {
      for (int c = k; c < tsv.cells(); c++) {
        if (!tsv.empty(c)) {
          return;
        }
      }
      pending = nextNonBlank();
    }
  }

  private boolean nextNonBlank() throws IOException {
    while (read()) {
      if (!tsv.blank()) {
        return true;
      }
    }
    return false;
  }

  /** The next line; a damaged or cut-off zip member (bad CRC, early end of the deflate stream) is bad input. */
  private boolean read() throws IOException {
    try {
      return tsv.next();
    } catch (ZipException | EOFException e) {
      throw new InvalidInputException(file, year, "after line " + tsv.lineNo(),
          "corrupt zip member (truncated or damaged download?): " + e.getMessage(), e);
    }
  }

  /** The column labels: [column][level] (region, then sector or category). */
  String[][] columns() {
    return columns;
  }

  /** The number of label columns. */
  int indexCols() {
    return k;
  }

  /**
   * Moves to the next data row; false at the end of the file. A row must have the header's cell
   * count and non-empty labels.
   */
  boolean next() throws IOException {
    if (!pending && !nextNonBlank()) {
      return false;
    }
    pending = false;
    int want = k + columns.length;
    if (tsv.cells() != want) {
      String cut = tsv.cells() < want && !tsv.endedWithNewline() ? " (file truncated?)" : " (label block shifted?)";
      throw error("line " + tsv.lineNo(), "row has " + tsv.cells() + " cells, the header has " + want + cut);
    }
    for (int c = 0; c < k; c++) {
      if (tsv.empty(c)) {
        throw error("line " + tsv.lineNo() + ", column " + (c + 1), "empty row label (label block shifted?)");
      }
    }
    return true;
  }

  /** The current row's labels (region, sector; or the stressor). */
  String[] rowLabels() {
    String[] l = new String[k];
    for (int c = 0; c < k; c++) {
      l[c] = tsv.text(c);
    }
    return l;
  }

  /** Label cell c of the current row. */
  String rowLabel(int c) {
    return tsv.text(c);
  }

  /** The value of data column c (0-based, after the label columns) of the current row. */
  double value(int c) {
    double v = tsv.number(k + c);
    if (Double.isNaN(v)) {
      throw error(cell(c), tsv.rejection(k + c));
    }
    return v;
  }

  /** Data column c of the current row as text (unit files). */
  String text(int c) {
    return tsv.text(k + c);
  }

  /** "line L, column C (row …, column …)" for data column c of the current row. */
  String cell(int c) {
    return "line " + tsv.lineNo() + ", column " + (k + c + 1) + " (row " + String.join(" ", rowLabels())
        + ", column " + String.join(" ", columns[c]) + ")";
  }

  /** The current line number. */
  int lineNo() {
    return tsv.lineNo();
  }

  /** The file as messages name it. */
  String file() {
    return file;
  }

  InvalidInputException error(String where, String rule) {
    return new InvalidInputException(file, year, where, rule);
  }

  @Override
  public void close() throws IOException {
    tsv.close();
  }
}
