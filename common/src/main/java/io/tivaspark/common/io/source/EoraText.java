package io.tivaspark.common.io.source;

import io.tivaspark.common.io.source.EoraFiles.Entry;
import io.tivaspark.common.model.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Reading Eora26's text files: tab-separated, no header, one line per row. Label files are read
 * whole ({@link Lines}); number blocks are streamed row by row into a {@link RowSink}. Rules (each
 * broken one is an {@link InvalidInputException} naming the file or {@code archive!member}, the
 * year, the line or row/column with its labels, and the rule): exactly the rows and cells the
 * labels give (one trailing empty cell is tolerated), blank lines only at the end, every cell a
 * finite decimal number. A member that cannot be inflated (cut or corrupt archive) is named too.
 */
final class EoraText {
  private EoraText() {}

  /** Receives one parsed row of a number block (the array is reused for the next row). */
  interface RowSink {
    void row(int r, double[] values);
  }

  /** The lines of a labels file (trailing blank lines dropped), split into fields on demand. */
  static final class Lines {
    private final String source;
    private final int year;
    private final List<String> lines;

    Lines(String source, int year, List<String> lines) {
      this.source = source;
      this.year = year;
      this.lines = lines;
    }

    int size() {
      return lines.size();
    }

    /** The tab-separated fields of line {@code l} (0-based), stripped; at least {@code min}, else an error. */
    String[] fields(int l, int min, String expected) {
      String[] f = lines.get(l).split("\t", -1);
      int k = f.length;
      while (k > min && f[k - 1].isBlank()) {
        k--;
      }
      String[] out = new String[k];
      for (int i = 0; i < k; i++) {
        out[i] = f[i].strip();
      }
      if (k < min || out[Math.min(min, k) - 1].isEmpty()) {
        throw error(l, "expected " + min + " tab-separated fields (" + expected + "), found " + k);
      }
      return out;
    }

    InvalidInputException error(int l, String rule) {
      return new InvalidInputException(source, year, "line " + (l + 1), rule);
    }
  }

  /** A labels file: its non-blank lines; a blank line before the last non-blank one is an error. */
  static Lines lines(Entry e, int year) throws IOException {
    List<String> out = new ArrayList<>();
    int blank = -1;
    try (BufferedReader r = reader(e)) {
      String line;
      while ((line = readLine(r, e, year, out.size())) != null) {
        if (out.isEmpty() && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          blank = blank < 0 ? out.size() : blank;
        } else if (blank >= 0) {
          throw new InvalidInputException(e.label(), year, "line " + (blank + 1), "blank line inside the labels");
        }
        out.add(line);
      }
    }
    List<String> kept = blank < 0 ? out : out.subList(0, blank);
    if (kept.isEmpty()) {
      throw new InvalidInputException(e.label(), year, null, "empty labels file");
    }
    return new Lines(e.label(), year, new ArrayList<>(kept));
  }

  /**
   * Streams a number block of {@code rows} × {@code cols} into {@code sink}; {@code rowName} and
   * {@code colName} name a row or column in errors (from the labels). The bytes are split and parsed
   * without decoding them to characters (the numbers are ASCII).
   */
  static void matrix(Entry e, int year, int rows, int cols, IntFunction<String> rowName, IntFunction<String> colName,
      RowSink sink) throws IOException {
    double[] v = new double[cols];
    int r = 0;
    try (InputStream in = e.open()) {
      ByteLines lines = new ByteLines(in);
      try {
        while (lines.next()) {
          if (lines.blank()) {
            if (r < rows && !lines.restBlank()) {
              throw new InvalidInputException(e.label(), year, "line " + (r + 1), "blank line inside the block");
            }
            break;
          }
          if (r >= rows) {
            throw new InvalidInputException(e.label(), year, "line " + (r + 1),
                "more than the " + rows + " rows its labels give (a label block shifted?)");
          }
          parseRow(lines, r, v, e, year, rowName, colName);
          sink.row(r++, v);
        }
      } catch (java.util.zip.ZipException | java.io.EOFException ex) {
        throw new InvalidInputException(e.label(), year, "line " + (r + 1),
            "truncated or corrupt archive member (" + ex.getMessage() + ")", ex);
      }
    }
    if (r < rows) {
      throw new InvalidInputException(e.label(), year, "line " + (r + 1), r + " rows, expected the " + rows
          + " its labels give (file truncated?)");
    }
  }

  private static void parseRow(ByteLines line, int r, double[] v, Entry e, int year, IntFunction<String> rowName,
      IntFunction<String> colName) {
    byte[] buf = line.buf;
    int len = line.lineEnd;
    int cols = v.length;
    int a = line.lineStart;
    int c = 0;
    while (true) {
      int b = a;
      while (b < len && buf[b] != '\t') {
        b++;
      }
      if (c >= cols) {
        if (c == cols && a == len) {
          return;
        }
        throw cellError(e, year, r, rowName, "more than the " + cols + " cells its labels give (a label block shifted?)");
      }
      v[c] = io.tivaspark.common.io.Decimals.parse(buf, a, b);
      if (Double.isNaN(v[c])) {
        String text = new String(buf, a, b - a, StandardCharsets.UTF_8);
        throw new InvalidInputException(e.label(), year, where(r, c, rowName, colName),
            text.isBlank() ? "empty cell" : "cell '" + text + "' is not a finite number");
      }
      c++;
      if (b >= len) {
        break;
      }
      a = b + 1;
    }
    if (c < cols) {
      throw cellError(e, year, r, rowName, c + " cells, expected the " + cols + " its labels give (line cut short?)");
    }
  }

  private static InvalidInputException cellError(Entry e, int year, int r, IntFunction<String> rowName, String rule) {
    return new InvalidInputException(e.label(), year, "row " + (r + 1) + " (" + rowName.apply(r) + ")", rule);
  }

  private static String where(int r, int c, IntFunction<String> rowName, IntFunction<String> colName) {
    return "row " + (r + 1) + " (" + rowName.apply(r) + "), column " + (c + 1) + " (" + colName.apply(c) + ")";
  }

  /** The lines of a byte stream, undecoded: {@code buf[lineStart, lineEnd)} without the line end ({@code \n}, {@code \r\n}). */
  static final class ByteLines {
    private final InputStream in;
    byte[] buf = new byte[1 << 20];
    int lineStart;
    int lineEnd;
    private int start;
    private int end;
    private boolean eof;

    ByteLines(InputStream in) {
      this.in = in;
    }

    /** Moves to the next line; false at the end of the stream. */
    boolean next() throws IOException {
      while (true) {
        for (int i = start; i < end; i++) {
          if (buf[i] == '\n') {
            take(i, i + 1);
            return true;
          }
        }
        if (eof) {
          if (start < end) {
            take(end, end);
            return true;
          }
          return false;
        }
        fill();
      }
    }

    private void take(int stop, int next) {
      lineStart = start;
      lineEnd = stop > start && buf[stop - 1] == '\r' ? stop - 1 : stop;
      start = next;
    }

    private void fill() throws IOException {
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end == buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      int k = in.read(buf, end, buf.length - end);
      if (k < 0) {
        eof = true;
      } else {
        end += k;
      }
    }

    boolean blank() {
      for (int i = lineStart; i < lineEnd; i++) {
        if (buf[i] != ' ' && buf[i] != '\t') {
          return false;
        }
      }
      return true;
    }

    /** Whether every remaining line is blank (consumes them). */
    boolean restBlank() throws IOException {
      while (next()) {
        if (!blank()) {
          return false;
        }
      }
      return true;
    }
  }

  private static BufferedReader reader(Entry e) throws IOException {
    return new BufferedReader(new InputStreamReader(e.open(), StandardCharsets.UTF_8), 1 << 16);
  }

  /** A line; an archive member that cannot be inflated is bad input naming it and the line reached. */
  private static String readLine(BufferedReader r, Entry e, int year, int line) throws IOException {
    try {
      return r.readLine();
    } catch (java.util.zip.ZipException | java.io.EOFException ex) {
      throw new InvalidInputException(e.label(), year, "line " + (line + 1),
          "truncated or corrupt archive member (" + ex.getMessage() + ")", ex);
    }
  }
}
