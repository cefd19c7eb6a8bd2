package io.tivaspark.common.io.source;

import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.io.source.FigaroLabels.Key;
import io.tivaspark.common.model.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * FIGARO's CSV matrix format ({@code matrix_eu-ic-io_ind-by-ind_23ed_2021.csv}): a header
 * {@code rowLabels,AR_A01,…,ZA_U,AR_P3_S13,…,ZA_P5M}, then one line per row label ({@code AR_A01} …
 * {@code ZA_U}, then {@code W2_D21X31} … {@code W2_B2A3G}) with its cells. Parsed by label, never by
 * position ({@link FigaroPlan}); read twice (labels, then values) so that memory is the table's arrays
 * only. Empty cells are 0 in value-added rows and an error elsewhere.
 */
final class FigaroMatrix {
  /** The first header cell of every FIGARO matrix file. */
  static final String CORNER = "rowLabels";

  private final IcioCsv.Source src;
  private final int year;
  private String[] header;
  private int headerLine;
  private final List<Key> rows = new ArrayList<>();
  private final List<Integer> rowLines = new ArrayList<>();

  private FigaroMatrix(IcioCsv.Source src, int year) {
    this.src = src;
    this.year = year;
  }

  /** Reads one table: the plan from the labels, then the cells into a {@link FigaroGrid}. */
  static FigaroGrid read(IcioCsv.Source src, int year) throws IOException {
    FigaroMatrix m = new FigaroMatrix(src, year);
    List<Key> cols = m.labels();
    FigaroGrid grid = new FigaroGrid(FigaroPlan.decide(src.name(), year, m.rows, cols));
    m.values(grid);
    return grid;
  }

  private InvalidInputException error(String where, String rule) {
    return new InvalidInputException(src.name(), year, where, rule);
  }

  private BufferedReader open() throws IOException {
    return new BufferedReader(new InputStreamReader(src.open(), StandardCharsets.UTF_8), 1 << 20);
  }

  /** Pass 1: the header (column labels) and the first cell of every line (row labels). */
  private List<Key> labels() throws IOException {
    String last = null;
    try (BufferedReader r = open()) {
      int lineNo = 0;
      String line;
      do {
        line = r.readLine();
        lineNo++;
      } while (line != null && FigaroCells.stripBom(line).isBlank());
      if (line == null) {
        throw error(null, "empty file");
      }
      headerLine = lineNo;
      header = header(FigaroCells.stripBom(line), lineNo);
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        rows.add(rowKey(line, lineNo));
        rowLines.add(lineNo);
        last = line;
      }
    }
    if (rows.isEmpty()) {
      throw error("line " + headerLine, "no data rows after the header");
    }
    String lastPlain = FigaroCells.plain(last);
    int cells = lastPlain == null ? -1 : FigaroCells.count(lastPlain);
    if (cells < header.length) {
      throw error("line " + rowLines.get(rows.size() - 1) + ", row " + rows.get(rows.size() - 1).label(),
          "truncated file: the last line has " + cells + " cells, the header has " + header.length);
    }
    return columns();
  }

  private String[] header(String line, int lineNo) {
    String[] h = FigaroCells.split(line).stream().map(String::strip).toArray(String[]::new);
    if (!h[0].equalsIgnoreCase(CORNER)) {
      throw error("line " + lineNo + ", column 1", "first header cell is '" + h[0] + "', expected " + CORNER
          + " (not a FIGARO matrix file, or the header is shifted)");
    }
    if (h.length < 2) {
      throw error("line " + lineNo, "header has no column labels");
    }
    return h;
  }

  private List<Key> columns() {
    List<Key> cols = new ArrayList<>();
    for (int c = 1; c < header.length; c++) {
      Key k = FigaroLabels.split(header[c]);
      if (k == null) {
        throw error("line " + headerLine + ", column " + (c + 1), "column label '" + header[c] + "' is not AREA_CODE");
      }
      cols.add(k);
    }
    return cols;
  }

  private Key rowKey(String line, int lineNo) {
    String first;
    if (line.charAt(0) == '"') {
      first = FigaroCells.split(line).get(0);
    } else {
      int comma = line.indexOf(',');
      first = comma < 0 ? line : line.substring(0, comma);
    }
    Key k = FigaroLabels.split(first.strip());
    if (k == null) {
      throw error("line " + lineNo, "row label '" + first.strip() + "' is not AREA_CODE");
    }
    return k;
  }

  /** Pass 2: the cells of every data line into the grid. */
  private void values(FigaroGrid grid) throws IOException {
    try (BufferedReader r = open()) {
      int lineNo = 0;
      int row = 0;
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (lineNo <= headerLine || line.isBlank()) {
          continue;
        }
        if (row >= rows.size() || rowLines.get(row) != lineNo) {
          throw error("line " + lineNo, "file changed while being read");
        }
        readLine(line, lineNo, row, grid);
        row++;
      }
      if (row != rows.size()) {
        throw error("line " + lineNo, "file changed while being read");
      }
    }
  }

  private void readLine(String raw, int lineNo, int row, FigaroGrid grid) {
    String where = "line " + lineNo + ", row " + rows.get(row).label();
    String line = FigaroCells.plain(raw);
    if (line == null) {
      throw error(where, "a quoted cell holds a comma");
    }
    int cells = FigaroCells.count(line);
    if (cells != header.length) {
      throw error(where, "row has " + cells + " cells, the header has " + header.length);
    }
    boolean emptyIsZero = grid.valueAddedRow(row);
    int a = line.indexOf(',') + 1;
    for (int c = 1; c < header.length; c++) {
      int comma = line.indexOf(',', a);
      int b = comma < 0 ? line.length() : comma;
      double v = FigaroCells.number(line, a, b);
      if (Double.isNaN(v)) {
        v = cellError(line, a, b, emptyIsZero, where + ", column " + header[c]);
      }
      grid.put(row, c - 1, v);
      a = b + 1;
    }
  }

  private double cellError(String line, int a, int b, boolean emptyIsZero, String where) {
    String text = line.substring(a, b).strip();
    if (text.isEmpty()) {
      if (emptyIsZero) {
        return 0;
      }
      throw error(where, "empty cell");
    }
    throw error(where, "cell '" + text + "' is not a finite number");
  }
}
