package io.tivaspark.common.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of a byte stream, undecoded, in large blocks: {@link #next} fills a block with whole
 * lines (line ends {@code \n}, {@code \r\n} or a lone {@code \r}, as {@link java.io.BufferedReader}
 * splits them); {@link #line} then walks the block. A line longer than a block grows the block.
 */
final class ByteLines implements Closeable {
  private final InputStream in;
  private byte[] buf;
  private int lim;
  /** Bytes after the last whole line of the block (the start of the next block). */
  private int cut;
  private boolean eof;

  ByteLines(InputStream in, int blockSize) {
    this.in = in;
    this.buf = new byte[blockSize];
  }

  /** One block of whole lines: {@code bytes[0, end)}; a fresh array each time (workers keep it). */
  record Block(byte[] bytes, int end) {}

  /** The next block of whole lines, or null at the end of the stream. */
  Block next() throws IOException {
    byte[] fresh = new byte[buf.length];
    int rest = lim - cut;
    System.arraycopy(buf, cut, fresh, 0, rest);
    buf = fresh;
    lim = rest;
    while (true) {
      int k = 0;
      while (!eof && lim < buf.length && (k = in.read(buf, lim, buf.length - lim)) >= 0) {
        lim += k;
      }
      eof |= k < 0;
      if (lim == 0) {
        return null;
      }
      cut = eof ? lim : lastLineEnd(buf, lim);
      if (cut > 0) {
        return new Block(buf, cut);
      }
      byte[] bigger = new byte[buf.length * 2]; // one line longer than the block
      System.arraycopy(buf, 0, bigger, 0, lim);
      buf = bigger;
    }
  }

  /**
   * The index after the last line end in {@code b[0, lim)}, or 0 when there is none. A
   * {@code \r} as the last byte is not taken (a {@code \n} may follow it in the next read).
   */
  private static int lastLineEnd(byte[] b, int lim) {
    for (int i = lim - 1; i >= 0; i--) {
      if (b[i] == '\n' || (b[i] == '\r' && i < lim - 1)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The end of the line starting at {@code p} in {@code b[0, end)} (the index of its line end, or end). */
  static int lineEnd(byte[] b, int p, int end) {
    while (p < end) {
      byte ch = b[p];
      if (ch == '\n' || ch == '\r') {
        return p;
      }
      p++;
    }
    return p;
  }

  /** The start of the next line after a line ending at {@code e}. */
  static int skipLineEnd(byte[] b, int e, int end) {
    if (e < end && b[e] == '\r') {
      e++;
      return e < end && b[e] == '\n' ? e + 1 : e;
    }
    return e < end ? e + 1 : e;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
