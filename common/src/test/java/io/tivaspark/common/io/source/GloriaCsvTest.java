package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The number parser and the row reader of GLORIA's matrices; the in-place transpose of {@link GloriaSut}. */
class GloriaCsvTest {

  /** GLORIA's cells go through Decimals: exactly what Double.parseDouble gives, or rejected (NaN). */
  @Test
  void fastPathIsExact() {
    Random rnd = new Random(42);
    int taken = 0;
    for (int i = 0; i < 200_000; i++) {
      String s = randomNumber(rnd);
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      double fast = io.tivaspark.common.io.Decimals.parse(b, 0, b.length);
      if (!Double.isNaN(fast)) {
        taken++;
        assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Double.doubleToLongBits(fast), s);
      }
    }
    assertTrue(taken > 150_000, "fast path taken " + taken);
    for (String s : new String[] {"0", "0.0", "-0.0", "5295100.0", "3.2977e-06", "1e-06", "1.0003E-06", "123456e-3",
        "+7.5", "0.0029051"}) {
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Double.doubleToLongBits(io.tivaspark.common.io.Decimals.parse(b, 0, b.length)), s);
    }
    for (String s : new String[] {"1e", "e5", ".", "1.2.3", "1e+99999", "1e400", "nan"}) {
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      assertTrue(Double.isNaN(io.tivaspark.common.io.Decimals.parse(b, 0, b.length)), s);
    }
  }

  private static String randomNumber(Random rnd) {
    return switch (rnd.nextInt(4)) {
      case 0 -> String.format(Locale.ROOT, "%.4e", rnd.nextDouble() * Math.pow(10, rnd.nextInt(30) - 15));
      case 1 -> Double.toString(rnd.nextDouble() * Math.pow(10, rnd.nextInt(20) - 10));
      case 2 -> (rnd.nextBoolean() ? "-" : "") + rnd.nextInt(1_000_000) + "." + rnd.nextInt(1000);
      default -> Long.toString(rnd.nextLong() % 100_000_000_000L);
    };
  }

  @Test
  void rowsWithBomCrlfAndTrailingBlankLines() {
    byte[] text = "\uFEFF1,2.5,-3e-2\r\n0,0.0,7\r\n\r\n\n".getBytes(StandardCharsets.UTF_8);
    try (GloriaCsv csv = new GloriaCsv(new ByteArrayInputStream(text), "x.csv", 2020, 3)) {
      double[] row = new double[3];
      assertTrue(csv.next(row));
      assertArrayEquals(new double[] {1, 2.5, -0.03}, row);
      assertTrue(csv.next(row));
      assertArrayEquals(new double[] {0, 0, 7}, row);
      assertFalse(csv.next(row));
      assertEquals(2, csv.row());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Z = U ĝ⁻¹ V with an industry without output: its inputs reach no product and are tallied (1/g := 0). */
  @Test
  void inputsOfIndustriesWithoutOutputReachNoProduct() {
    GloriaSut sut = new GloriaSut(2);
    sut.supplyRow(0, new double[] {0, 0});
    sut.supplyRow(1, new double[] {1, 4});
    sut.useRow(0, new double[] {1, 2});
    sut.useRow(1, new double[] {3, 4});
    assertArrayEquals(new double[] {0, 5}, sut.industryOutput());
    assertArrayEquals(new double[] {1, 4}, sut.productSupply());
    assertFalse(sut.supplyDiagonal());
    double[] z = sut.finish(); // column-major: Z = [[0.4, 1.6], [0.8, 3.2]]
    assertArrayEquals(new double[] {2 * 0.2, 4 * 0.2, 2 * 0.8, 4 * 0.8}, z, 1e-15);
    assertArrayEquals(new double[] {2, 4}, sut.takeLost());
    assertArrayEquals(new double[] {0, 0}, sut.takeLost());
  }

  @Test
  void transposeInPlaceMatchesTheDefinition() {
    for (int n : new int[] {1, 3, 64, 130}) {
      double[] a = new double[n * n];
      for (int i = 0; i < a.length; i++) {
        a[i] = i;
      }
      GloriaSut.transposeInPlace(a, n);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          assertEquals(j * n + i, a[i * n + j], "n=" + n);
        }
      }
    }
  }
}
