package io.tivaspark.common.io.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A tab-separated text stream (EXIOBASE's {@code .txt} files) read line by line as bytes: one line
 * is copied into a reusable buffer and its cells are found by their tab positions, so a 200 kB line
 * of 9,800 numbers costs no String and no per-cell object. A UTF-8 byte-order mark on the first
 * line and CRLF line ends are accepted. Labels are decoded as UTF-8, numbers parsed from the bytes
 * ({@link io.tivaspark.common.io.Decimals}).
 */
final class ExiobaseTsv implements Closeable {
  private static final int BUFFER = 1 << 20;

  private final InputStream in;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int lim;
  private byte[] line = new byte[1 << 16];
  private int len;
  /** starts[c] = first byte of cell c; starts[cells] = len + 1 (so cell c ends at starts[c + 1] - 1). */
  private int[] starts = new int[1024];
  private int cells;
  private int lineNo;
  private boolean endedWithNewline = true;

  ExiobaseTsv(InputStream in) {
    this.in = in;
  }

  /** Reads the next line; false at the end of the stream. */
  boolean next() throws IOException {
    len = 0;
    boolean any = false;
    while (true) {
      if (pos == lim) {
        lim = in.read(buf, 0, buf.length);
        pos = 0;
        if (lim <= 0) {
          lim = 0;
          if (!any) {
            return false;
          }
          endedWithNewline = false;
          break;
        }
      }
      any = true;
      int nl = pos;
      while (nl < lim && buf[nl] != '\n') {
        nl++;
      }
      append(pos, nl);
      pos = nl < lim ? nl + 1 : nl;
      if (nl < lim) {
        break;
      }
    }
    lineNo++;
    if (len > 0 && line[len - 1] == '\r') {
      len--;
    }
    int from = lineNo == 1 && len >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB
        && (line[2] & 0xff) == 0xBF ? 3 : 0;
    split(from);
    return true;
  }

  private void append(int from, int to) {
    int n = to - from;
    if (len + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, len + n));
    }
    System.arraycopy(buf, from, line, len, n);
    len += n;
  }

  private void split(int from) {
    int c = 0;
    starts[c++] = from;
    for (int i = from; i < len; i++) {
      if (line[i] == '\t') {
        if (c == starts.length) {
          starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[c++] = i + 1;
      }
    }
    if (c == starts.length) {
      starts = Arrays.copyOf(starts, starts.length + 1);
    }
    starts[c] = len + 1;
    cells = c;
  }

  /** The 1-based number of the current line. */
  int lineNo() {
    return lineNo;
  }

  /** The number of cells of the current line (an empty line has one empty cell). */
  int cells() {
    return cells;
  }

  /** Whether the current line is empty or blank. */
  boolean blank() {
    for (int i = 0; i < len; i++) {
      if (line[i] != ' ' && line[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Whether the stream's last line had no line end (a cut-off file usually has none). */
  boolean endedWithNewline() {
    return endedWithNewline;
  }

  /** Cell c as text, stripped of blanks; a quoted cell ({@code "a ""b"""}) unquoted as pandas quotes. */
  String text(int c) {
    int a = starts[c];
    int b = starts[c + 1] - 1;
    while (a < b && line[a] == ' ') {
      a++;
    }
    while (b > a && line[b - 1] == ' ') {
      b--;
    }
    if (b - a >= 2 && line[a] == '"' && line[b - 1] == '"') {
      return new String(line, a + 1, b - a - 2, StandardCharsets.UTF_8).replace("\"\"", "\"");
    }
    return new String(line, a, b - a, StandardCharsets.UTF_8);
  }

  /** Whether cell c is empty (or blank). */
  boolean empty(int c) {
    for (int i = starts[c]; i < starts[c + 1] - 1; i++) {
      if (line[i] != ' ') {
        return false;
      }
    }
    return true;
  }

  /** Cell c as a number ({@link io.tivaspark.common.io.Decimals}), or NaN when it is not a finite decimal. */
  double number(int c) {
    return io.tivaspark.common.io.Decimals.parse(line, starts[c], starts[c + 1] - 1);
  }

  /** Why cell c is not a number (after {@link #number} gave NaN). */
  String rejection(int c) {
    return empty(c) ? "empty cell (pandas writes a missing value, NaN, as an empty cell)"
        : io.tivaspark.common.io.Decimals.rejection(new String(line, starts[c], starts[c + 1] - 1 - starts[c],
            java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
