package io.tivaspark.common.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The lines of a byte stream, undecoded, in large blocks: {@link #next} fills a block with whole
 * lines (line ends {@code \n}, {@code \r\n} or a lone {@code \r}, as {@link java.io.BufferedReader}
 * splits them); {@link #lineEnd} and {@link #skipLineEnd} then walk the block. A line longer than
 * a block grows the block. A reader that keeps blocks (pass 2's workers) gets a fresh array for
 * each, or one it gave back ({@link #recycle}); one that is done with a block when it asks for the
 * next (pass 1) has the same array refilled. Either spares allocating and zeroing (and collecting)
 * one large array per block.
 */
final class ByteLines implements Closeable {
  private final InputStream in;
  private byte[] buf;
  private int lim;
  /** Bytes after the last whole line of the block (the start of the next block). */
  private int cut;
  private boolean eof;
  private final boolean reuse;
  /** Arrays of blocks the reader is done with, to be filled again ({@link #recycle}). */
  private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> free = new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** Lines in blocks of {@code blockSize} bytes, each block a fresh array. */
  ByteLines(InputStream in, int blockSize) {
    this(in, blockSize, false);
  }

  /** Lines in blocks of {@code blockSize} bytes; {@code reuse}: every block in the same array. */
  ByteLines(InputStream in, int blockSize, boolean reuse) {
    this.in = in;
    this.buf = new byte[blockSize];
    this.reuse = reuse;
  }

  /**
   * One block of whole lines: {@code bytes[0, end)}; a fresh array each time (workers keep it),
   * or, when reused, valid only until the next call of {@link #next}.
   */
  record Block(byte[] bytes, int end) {}

  /** Gives back the array of a block no one reads any more, for a later block (any thread). */
  void recycle(byte[] bytes) {
    free.add(bytes);
  }

  /** The next block of whole lines, or null at the end of the stream. */
  Block next() throws IOException {
    byte[] fresh = reuse ? buf : free.poll();
    if (fresh == null || fresh.length != buf.length) {
      fresh = new byte[buf.length];
    }
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
    return indexOfEither(b, p, end, '\n', '\r');
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * The 8 bytes {@code b[i, i + 8)} as one little-endian long (byte i in the lowest 8 bits), the
   * word the SWAR scans of this class and {@link Decimals} test 8 bytes at a time with; bytes past
   * the array's end read as 0 (no scan takes 0 for one of its bytes).
   */
  static long word(byte[] b, int i) {
    if (i + 8 <= b.length) {
      return (long) LONGS.get(b, i);
    }
    long w = 0;
    for (int k = Math.min(b.length, i + 8) - 1; k >= i; k--) {
      w = w << 8 | (b[k] & 0xFF);
    }
    return w;
  }

  /**
   * The index of the first byte {@code x} or {@code y} in {@code b[p, end)}, or end: 8 bytes a step
   * (a byte equal to x is a zero byte of {@code w ^ x·0x0101…}, found by the borrow test
   * {@code (v - 0x01…) & ~v & 0x80…}, whose lowest set bit is always the first zero byte).
   */
  static int indexOfEither(byte[] b, int p, int end, char x, char y) {
    long xs = x * ONES;
    long ys = y * ONES;
    for (; p + 8 <= end; p += 8) {
      long w = word(b, p);
      long vx = w ^ xs;
      long vy = w ^ ys;
      long hit = ((vx - ONES) & ~vx | (vy - ONES) & ~vy) & HIGHS;
      if (hit != 0) {
        return p + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
    }
    while (p < end && b[p] != x && b[p] != y) {
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
