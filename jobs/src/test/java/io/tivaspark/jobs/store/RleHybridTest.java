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
 * and padded at the end), decoded value for value.
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

  /** The encoding of {@code v[0..n)}, copied out of the encoder's buffer. */
  private static byte[] encoded(RleHybrid enc, int[] v, int n, int width) {
    return java.util.Arrays.copyOf(enc.buffer(), enc.encodeInPlace(v, n, width));
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
