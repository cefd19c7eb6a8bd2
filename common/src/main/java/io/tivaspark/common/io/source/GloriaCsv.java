package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;

/**
 * One of GLORIA's result matrices ({@code T-}, {@code Y-}, {@code V-}, {@code TQ-}, {@code YQ-Results}):
 * a CSV of numbers only, no header, no labels (the labels are in the ReadMe workbook), one matrix row
 * per line. Read row by row straight from the (zip member's) byte stream into a reused array, so a
 * 39,360-column T row never becomes a String and the file is never held whole.
 *
 * <p>Rules (each an {@link InvalidInputException} naming the file, the year, "row R col C" (1-based,
 * as in the file) and the rule): every row has exactly {@code cols} cells; a cell is a plain decimal
 * number ({@code 0}, {@code 0.0}, {@code -1.5}, {@code 3.2977e-06}), never empty, text, NaN or
 * infinite; no blank line between rows (blank lines at the end are ignored); a UTF-8 BOM and CRLF
 * line ends are accepted. A damaged or cut zip member is reported as such.
 */
final class GloriaCsv implements Closeable {
  private static final int MAX_CELL = 64;

  private final InputStream in;
  private final String source;
  private final int year;
  private final int cols;
  private final byte[] buf = new byte[1 << 20];
  private int pos;
  private int lim;
  private int row;
  private boolean started;

  /**
   * @param in the decompressed bytes (closed by {@link #close})
   * @param source how errors name the file, e.g. {@code GLORIA_MRIOs_59_2022.zip!/…T-Results….csv}
   * @param cols the number of cells every row must have
   */
  GloriaCsv(InputStream in, String source, int year, int cols) {
    this.in = in;
    this.source = source;
    this.year = year;
    this.cols = cols;
  }

  /** The 1-based number of the last row read. */
  int row() { return row; }

  InvalidInputException error(String where, String rule) {
    return new InvalidInputException(source, year, where, rule);
  }

  /**
   * Reads the next row into {@code out[0..cols)}; false at the end of the file (then nothing is
   * written).
   */
  boolean next(double[] out) {
    try {
      if (!started) {
        started = true;
        skipBom();
      }
      int b = peek();
      if (b < 0 || isLineEnd(b)) {
        checkOnlyBlankLinesLeft();
        return false;
      }
      row++;
      readRow(out);
      return true;
    } catch (ZipException | EOFException e) {
      throw error("row " + (row + 1), "truncated or damaged file (zip member cut or corrupt): " + e.getMessage());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses one line into {@code out}. The buffer is refilled so that a whole cell (at most
   * {@link #MAX_CELL} bytes) and its delimiter are always in it: the scan needs no bound check per
   * byte beyond the cell's and the cell is parsed where it lies.
   */
  private void readRow(double[] out) throws IOException {
    int c = 0;
    while (true) {
      if (lim - pos <= MAX_CELL) {
        compact();
      }
      byte[] b = buf;
      int start = pos;
      int p = start;
      int end = Math.min(lim, start + MAX_CELL + 1);
      while (p < end) {
        byte ch = b[p];
        if (ch == ',' || ch == '\n' || ch == '\r') {
          break;
        }
        p++;
      }
      if (p - start > MAX_CELL) {
        throw error("row " + row + " col " + (c + 1), "a cell longer than " + MAX_CELL + " characters is not a number");
      }
      if (c < cols) {
        out[c] = parse(b, start, p - start, c);
      }
      c++;
      pos = p;
      if (p < lim && b[p] == ',') {
        pos++;
        continue;
      }
      consumeLineEnd();
      break;
    }
    if (c != cols) {
      throw error("row " + row, "row has " + c + " cells, expected " + cols + " (dimensions from the ReadMe)");
    }
  }

  /** Moves the unread bytes to the front of the buffer and reads after them until it is full or the file ends. */
  private void compact() throws IOException {
    int rest = lim - pos;
    System.arraycopy(buf, pos, buf, 0, rest);
    pos = 0;
    lim = rest;
    int k;
    while (lim < buf.length && (k = in.read(buf, lim, buf.length - lim)) > 0) {
      lim += k;
    }
  }

  private void consumeLineEnd() throws IOException {
    int b = peek();
    if (b == '\r') {
      pos++;
      b = peek();
    }
    if (b == '\n') {
      pos++;
    }
  }

  private void checkOnlyBlankLinesLeft() throws IOException {
    int b;
    while ((b = peek()) >= 0) {
      if (!isLineEnd(b) && b != ' ' && b != '\t') {
        throw error("row " + (row + 1), "blank line inside the matrix (after row " + row + ")");
      }
      pos++;
    }
  }

  private static boolean isLineEnd(int b) {
    return b == '\n' || b == '\r';
  }

  private void skipBom() throws IOException {
    if (peek() == 0xEF && lim - pos >= 3 && (buf[pos + 1] & 0xFF) == 0xBB && (buf[pos + 2] & 0xFF) == 0xBF) {
      pos += 3;
    }
  }

  private int peek() throws IOException {
    if (pos == lim && !fill()) {
      return -1;
    }
    return buf[pos] & 0xFF;
  }

  private boolean fill() throws IOException {
    if (pos < lim) {
      return true;
    }
    compact();
    return lim > 0;
  }

  /** The number in {@code t[off..off+len)} ({@link io.tivaspark.common.io.Decimals}); else an error naming row and column. */
  private double parse(byte[] t, int off, int len, int c) {
    if (len == 3 && t[off] == '0' && t[off + 1] == '.' && t[off + 2] == '0' || len == 1 && t[off] == '0') {
      return 0.0;
    }
    double v = io.tivaspark.common.io.Decimals.parse(t, off, off + len);
    if (Double.isNaN(v)) {
      throw error("row " + row + " col " + (c + 1),
          io.tivaspark.common.io.Decimals.rejection(new String(t, off, len, StandardCharsets.ISO_8859_1)));
    }
    return v;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
