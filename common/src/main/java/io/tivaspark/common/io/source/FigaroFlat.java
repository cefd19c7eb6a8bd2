package io.tivaspark.common.io.source;

import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.io.source.FigaroLabels.Key;
import io.tivaspark.common.model.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * FIGARO's CSV flat format ({@code flatfile_eu-ic-io_ind-by-ind_23ed_2021.csv}, shipped zipped):
 * one line per cell, columns found by name: {@code refArea} (the row's area, {@code W2} for the
 * value-added rows), {@code rowIi} or {@code rowPi} (the row's industry or product), {@code
 * counterpartArea}, {@code colIi} or {@code colPi}, {@code obsValue}; the concatenated labels
 * ({@code icioiRow}, {@code icioiCol}) and any other column are ignored. Row and column labels are
 * taken in order of first appearance and planned as in the matrix format ({@link FigaroPlan}). Every
 * cell of the grid (row labels × column labels) must be listed exactly once: the published files
 * list every cell, zeros included, so a missing one means a cut-off file. Read twice (labels, then
 * values); memory is the table's arrays and one bit per cell.
 */
final class FigaroFlat {
  private final IcioCsv.Source src;
  private final int year;
  private int width;
  private int headerLine;
  private int ra;
  private int rc;
  private int ca;
  private int cc;
  private int ov;
  private final KeyIndex rowIndex = new KeyIndex();
  private final KeyIndex colIndex = new KeyIndex();

  private FigaroFlat(IcioCsv.Source src, int year) {
    this.src = src;
    this.year = year;
  }

  /** Reads one table: the labels and the plan, then the cells into a {@link FigaroGrid}. */
  static FigaroGrid read(IcioCsv.Source src, int year) throws IOException {
    FigaroFlat f = new FigaroFlat(src, year);
    f.pass(null);
    FigaroGrid grid = new FigaroGrid(FigaroPlan.decide(src.name(), year, f.rowIndex.keys, f.colIndex.keys));
    f.pass(grid);
    return grid;
  }

  private InvalidInputException error(String where, String rule) {
    return new InvalidInputException(src.name(), year, where, rule);
  }

  /** One pass over the file: the labels (grid null) or the values (into the grid). */
  private void pass(FigaroGrid grid) throws IOException {
    BitSet seen = grid == null ? null : new BitSet(rowIndex.keys.size() * colIndex.keys.size());
    try (BufferedReader r = new BufferedReader(new InputStreamReader(src.open(), StandardCharsets.UTF_8), 1 << 20)) {
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
      header(FigaroCells.stripBom(line));
      int[] start = new int[width];
      int[] end = new int[width];
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (!line.isBlank()) {
          cell(line, lineNo, start, end, grid, seen);
        }
      }
    }
    if (grid == null && rowIndex.keys.isEmpty()) {
      throw error("line " + headerLine, "no data lines after the header");
    }
    if (seen != null) {
      checkComplete(seen);
    }
  }

  /** The positions of the columns this reader needs, by name. */
  private void header(String line) {
    List<String> h = FigaroCells.split(line).stream().map(String::strip).toList();
    String where = "line " + headerLine;
    if (h.contains("icsupRow") || h.contains("icuseRow")) {
      throw error(where, "a FIGARO " + (h.contains("icsupRow") ? "supply" : "use")
          + " table: not read (only the symmetric input-output tables, eu-ic-io, are read)");
    }
    width = h.size();
    ra = required(h, "refArea", where);
    ca = required(h, "counterpartArea", where);
    ov = required(h, "obsValue", where);
    rc = prefixed(h, "row", where);
    cc = prefixed(h, "col", where);
  }

  private int required(List<String> h, String name, String where) {
    int i = h.indexOf(name);
    if (i < 0) {
      throw error(where, "flat-format header lacks column " + name + " (has " + String.join(", ", h) + ")");
    }
    return i;
  }

  /** rowIi / rowPi (colIi / colPi): the first column named {@code row…} ({@code col…}). */
  private int prefixed(List<String> h, String prefix, String where) {
    for (int i = 0; i < h.size(); i++) {
      if (h.get(i).toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return i;
      }
    }
    throw error(where, "flat-format header lacks the " + prefix + " code column (" + prefix + "Ii or " + prefix
        + "Pi; has " + String.join(", ", h) + ")");
  }

  private void cell(String raw, int lineNo, int[] start, int[] end, FigaroGrid grid, BitSet seen) {
    String line = FigaroCells.plain(raw);
    if (line == null) {
      throw error("line " + lineNo, "a quoted cell holds a comma");
    }
    int cells = tokenize(line, start, end);
    if (cells != width) {
      throw error("line " + lineNo, "line has " + cells + " cells, the header has " + width + " (file truncated?)");
    }
    int row = rowIndex.find(line, start[ra], end[ra], start[rc], end[rc], grid == null);
    int col = colIndex.find(line, start[ca], end[ca], start[cc], end[cc], grid == null);
    if (row < 0 || col < 0) {
      throw error("line " + lineNo, row == -2 || col == -2 ? "empty area or code" : "file changed while being read");
    }
    if (grid == null) {
      return;
    }
    int bit = row * colIndex.keys.size() + col;
    if (seen.get(bit)) {
      throw error(where(lineNo, row, col), "cell listed twice");
    }
    seen.set(bit);
    double v = FigaroCells.number(line, start[ov], end[ov]);
    if (Double.isNaN(v)) {
      String text = line.substring(start[ov], end[ov]).strip();
      if (!(text.isEmpty() && grid.valueAddedRow(row))) {
        throw error(where(lineNo, row, col), text.isEmpty() ? "empty obsValue" : "obsValue '" + text + "' is not a finite number");
      }
      v = 0;
    }
    grid.put(row, col, v);
  }

  private String where(int lineNo, int row, int col) {
    return "line " + lineNo + " (row " + rowIndex.keys.get(row).label() + ", column " + colIndex.keys.get(col).label() + ")";
  }

  /** Field positions of a plain line (up to {@code start.length}); returns the number of cells. */
  private static int tokenize(String line, int[] start, int[] end) {
    int count = 0;
    int a = 0;
    while (true) {
      int comma = line.indexOf(',', a);
      int b = comma < 0 ? line.length() : comma;
      if (count < start.length) {
        start[count] = a;
        end[count] = b;
      }
      count++;
      if (comma < 0) {
        return count;
      }
      a = comma + 1;
    }
  }

  private void checkComplete(BitSet seen) {
    int cols = colIndex.keys.size();
    int total = rowIndex.keys.size() * cols;
    int missing = seen.nextClearBit(0);
    if (missing < total) {
      throw error("row " + rowIndex.keys.get(missing / cols).label() + ", column " + colIndex.keys.get(missing % cols).label(),
          "cell missing: the flat format lists every cell of the table, " + (total - seen.cardinality())
              + " of " + total + " are absent (file truncated?)");
    }
  }

  /**
   * The distinct keys of one side (rows or columns) in order of first appearance, found without a
   * copy of the line in the common case: a flat file lists the cells row by row, so the row key is
   * usually the previous line's and the column key the one after the previous line's.
   */
  private static final class KeyIndex {
    final List<Key> keys = new ArrayList<>();
    private final Map<Key, Integer> map = new HashMap<>();
    private int last = -1;

    /** The key's index; -1 when new and {@code add} is false, -2 when the area or code is empty. */
    int find(String line, int as, int ae, int cs, int ce, boolean add) {
      if (last >= 0 && matches(keys.get(last), line, as, ae, cs, ce)) {
        return last;
      }
      int next = last + 1 < keys.size() ? last + 1 : 0;
      if (!keys.isEmpty() && matches(keys.get(next), line, as, ae, cs, ce)) {
        return last = next;
      }
      Key k = new Key(line.substring(as, ae).strip(), line.substring(cs, ce).strip());
      if (k.area().isEmpty() || k.code().isEmpty()) {
        return -2;
      }
      Integer i = map.get(k);
      if (i == null) {
        if (!add) {
          return -1;
        }
        i = keys.size();
        keys.add(k);
        map.put(k, i);
      }
      return last = i;
    }

    private static boolean matches(Key k, String line, int as, int ae, int cs, int ce) {
      return k.area().length() == ae - as && k.code().length() == ce - cs
          && line.regionMatches(as, k.area(), 0, ae - as) && line.regionMatches(cs, k.code(), 0, ce - cs);
    }
  }
}
