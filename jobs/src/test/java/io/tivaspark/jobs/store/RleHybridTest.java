package io.tivaspark.jobs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.junit.jupiter.api.Test;

/**
 * {@link RleHybrid} against parquet-java's own decoder: random pages of every bit width 0–20 with
 * runs of every length (1 to 3000, so that literal groups are topped up from runs, cut at 63 groups,
 * and padded at the end), decoded value for value; and byte for byte the same as the plain run-by-run
 * statement of its rule ({@link #reference}) on pages of every shape the staged columns have.
 */
class RleHybridTest {

  @Test
  void parquetJavaDecodesEveryPage() throws Exception {
    Random rnd = new Random(7);
    RleHybrid enc = new RleHybrid();
    for (int width = 0; width <= 20; width++) {
      for (int trial = 0; trial < 40; trial++) {
        int n = 1 + rnd.nextInt(20_000);
        int[] v = page(rnd, n, width);
        byte[] bytes = encoded(enc, v, n, width);
        RunLengthBitPackingHybridDecoder dec =
            new RunLengthBitPackingHybridDecoder(width, ByteBufferInputStream.wrap(ByteBuffer.wrap(bytes)));
        for (int k = 0; k < n; k++) {
          assertEquals(v[k], dec.readInt(), "width " + width + ", trial " + trial + ", value " + k);
        }
      }
    }
  }

  @Test
  void theSameBytesAsTheRuleRunByRun() {
    Random rnd = new Random(11);
    RleHybrid enc = new RleHybrid();
    for (int trial = 0; trial < 3000; trial++) {
      int width = rnd.nextInt(12);
      int n = 1 + rnd.nextInt(trial < 1000 ? 40 : 20_000);
      int[] v = trial % 3 == 0 ? page(rnd, n, width) : cycles(rnd, n, width);
      byte[] expected = reference(v, n, width);
      byte[] actual = encoded(enc, v, n, width);
      int at = java.util.Arrays.mismatch(expected, actual);
      assertEquals(-1, at, "trial " + trial + " (n " + n + ", width " + width + "): first different byte");
    }
  }

  /**
   * The rule, run by run: a run of equal values that still has 8 or more after topping the pending
   * literals up to a multiple of 8 is an RLE run, everything else bit-packed in runs of at most 63 groups.
   */
  private static byte[] reference(int[] v, int n, int width) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int lit = 0;
    int litStart = 0;
    int i = 0;
    while (i < n) {
      int j = i + 1;
      while (j < n && v[j] == v[i]) {
        j++;
      }
      int fill = (8 - lit % 8) % 8;
      if (j - i - fill >= 8) {
        packed(out, v, litStart, lit + fill, width);
        varint(out, (j - i - fill) << 1);
        for (int b = 0; b < (width + 7) / 8; b++) {
          out.write(v[i] >>> (8 * b));
        }
        lit = 0;
        litStart = j;
      } else {
        lit += j - i;
      }
      i = j;
    }
    packed(out, v, litStart, lit, width);
    return out.toByteArray();
  }

  private static void packed(java.io.ByteArrayOutputStream out, int[] v, int from, int count, int width) {
    for (int done = 0; done < count; ) {
      int groups = Math.min(63, (count - done + 7) / 8);
      varint(out, groups << 1 | 1);
      long bits = 0;
      int used = 0;
      for (int k = 0; k < groups * 8; k++) {
        bits |= (done + k < count ? v[from + done + k] & 0xffffffffL : 0) << used;
        used += width;
        for (; used >= 8; used -= 8, bits >>>= 8) {
          out.write((int) bits & 0xff);
        }
      }
      done += groups * 8;
    }
  }

  private static void varint(java.io.ByteArrayOutputStream out, int x) {
    for (; (x & ~0x7f) != 0; x >>>= 7) {
      out.write(x & 0x7f | 0x80);
    }
    out.write(x);
  }

  /** Columns that change every row or every few: short cycles, runs of a few, now and then a long run. */
  private static int[] cycles(Random rnd, int n, int width) {
    int[] v = new int[n];
    int bound = width == 0 ? 1 : 1 << width;
    int period = 1 + rnd.nextInt(12);
    int stretch = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextInt(200) == 0 ? rnd.nextInt(bound) : (i / stretch % period) % bound;
      if (rnd.nextInt(500) == 0) {
        int run = 8 + rnd.nextInt(30);
        for (int k = 0; k < run && i + 1 < n; k++) {
          v[++i] = v[i - 1];
        }
      }
    }
    return v;
  }

  @Test
  void aPageOfOneValueIsOneRun() {
    int[] v = new int[20_000];
    java.util.Arrays.fill(v, 1);
    byte[] bytes = encoded(new RleHybrid(), v, v.length, 1);
    assertEquals(4, bytes.length); // ULEB128 of 40000 (3 bytes), the value (1 byte)
  }

  /** A repeated value without its array ({@code repeatInPlace}) is the same bytes as its array encoded. */
  @Test
  void aRepeatIsTheEncodingOfItsArray() {
    RleHybrid enc = new RleHybrid();
    for (int width = 0; width <= 20; width++) {
      int value = width == 0 ? 0 : (1 << width) - 1;
      for (int count : new int[] {1, 2, 7, 8, 9, 63, 504, 505, 20_000}) {
        int[] v = new int[count];
        java.util.Arrays.fill(v, value);
        byte[] expected = encoded(enc, v, count, width);
        int len = enc.repeatInPlace(count, value, width);
        assertEquals(java.util.Arrays.toString(expected),
            java.util.Arrays.toString(java.util.Arrays.copyOf(enc.buffer(), len)), "width " + width + ", count " + count);
      }
    }
  }

  /** The encoding of {@code v[0..n)}, copied out of the encoder's buffer (taken after the call: it may grow). */
  private static byte[] encoded(RleHybrid enc, int[] v, int n, int width) {
    int len = enc.encodeInPlace(v, n, width);
    return java.util.Arrays.copyOf(enc.buffer(), len);
  }

  /** Runs of random lengths (mostly short, some long) of random values below 2^width. */
  private static int[] page(Random rnd, int n, int width) {
    int[] v = new int[n];
    int bound = width == 0 ? 1 : (int) Math.min(1L << width, Integer.MAX_VALUE);
    int i = 0;
    while (i < n) {
      int run = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3000) : 1 + rnd.nextInt(9);
      int x = rnd.nextInt(bound);
      for (int k = 0; k < run && i < n; k++) {
        v[i++] = x;
      }
    }
    return v;
  }
}
