package io.tivaspark.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time scans of {@link ByteLines} give what a byte at a time gives: {@link
 * ByteLines#word} at every offset (past the array's end, zero bytes) and {@link
 * ByteLines#indexOfEither} on random bytes with every value (0x80-0xFF, the bytes one off the
 * targets, the targets themselves) from any start to any end.
 */
class ByteLinesTest {

  @Test
  void wordReadsLittleEndianWithZerosPastTheEnd() {
    byte[] b = new byte[21];
    new SplittableRandom(1).nextBytes(b);
    for (int i = 0; i < b.length; i++) {
      long want = 0;
      for (int k = 7; k >= 0; k--) {
        want = want << 8 | (i + k < b.length ? b[i + k] & 0xFF : 0);
      }
      assertEquals(want, ByteLines.word(b, i), "offset " + i);
    }
  }

  @Test
  void indexOfEitherFindsTheFirstOfTwoBytes() {
    SplittableRandom r = new SplittableRandom(2);
    byte[] pool = {',', '"', '\n', '\r', ',' + 1, ',' - 1, '"' ^ 1, (byte) 0x80, (byte) 0xAC, (byte) 0xFF, 0, 1, '0', '9'};
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[r.nextInt(1, 64)];
      for (int k = 0; k < b.length; k++) {
        b[k] = r.nextInt(3) == 0 ? (byte) r.nextInt(256) : pool[r.nextInt(pool.length)];
      }
      int end = r.nextInt(b.length + 1);
      int p = r.nextInt(end + 1);
      int want = p;
      while (want < end && b[want] != ',' && b[want] != '"') {
        want++;
      }
      assertEquals(want, ByteLines.indexOfEither(b, p, end, ',', '"'));
      int line = p;
      while (line < end && b[line] != '\n' && b[line] != '\r') {
        line++;
      }
      assertEquals(line, ByteLines.lineEnd(b, p, end));
    }
  }
}
