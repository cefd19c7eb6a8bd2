package io.tivaspark.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.MrioYear;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel pass 2 of the ICIO reader ({@link IcioRows}) gives bit for bit the table of a
 * one-thread read, whatever the thread count and block size (blocks of a few hundred bytes, so
 * lines cross blocks and grow them), on a table with split entities (CN1/CN2, MX1/MX2), CRLF line
 * ends and blank lines; and reports the error of the first bad row in file order.
 */
class IcioRowsTest {
  @TempDir
  Path tmp;

  @AfterEach
  void restore() {
    IcioRows.useBlockSize(IcioRows.BLOCK);
  }

  private Path table(String name, boolean crlf) throws Exception {
    MrioYear g = new SyntheticMrio(new GeneratorSpec(70, 6, 2015, 2015, 5, true)).year(2015);
    assertTrue(!g.layout().splits().isEmpty(), "the table has split countries");
    Path p = tmp.resolve(name);
    IcioCsv.write(g, p);
    if (crlf) {
      String s = Files.readString(p).replace("\n", "\r\n");
      int k = s.indexOf("\r\n", s.length() / 2);
      Files.writeString(p, s.substring(0, k) + "\r\n  \r\n" + s.substring(k) + "\r\n\r\n");
    }
    return p;
  }

  private static MrioYear read(Path p, int threads) {
    return IcioCsv.read(IcioCsv.Source.of(p), 2015, new IcioCsv.Options(true, IcioCsv.DiscMode.DOMESTIC, threads)).table();
  }

  private static void sameBits(MrioYear a, MrioYear b) {
    IcioCsvTest.assertSameTable(a, b);
    assertTrue(Arrays.equals(a.z(), b.z()) && Arrays.equals(a.finalDemand(), b.finalDemand()));
    for (String k : a.valueAdded().keySet()) {
      assertTrue(Arrays.equals(a.valueAdded().get(k), b.valueAdded().get(k)), k);
    }
  }

  @Test
  void anyThreadCountAndBlockSizeGivesTheSameBits() throws Exception {
    for (boolean crlf : new boolean[] {false, true}) {
      Path p = table("ICIO2023_2015" + (crlf ? "crlf" : "") + ".csv", crlf);
      MrioYear one = read(p, 1);
      for (int block : new int[] {257, 4096, 1 << 16}) {
        IcioRows.useBlockSize(block);
        for (int threads : new int[] {1, 2, 5}) {
          sameBits(one, read(p, threads));
        }
      }
    }
  }

  @Test
  void theFirstBadRowInFileOrderIsReported() throws Exception {
    Path p = table("ICIO2023_2015.csv", false);
    String[] lines = Files.readString(p).split("\n", -1);
    String label = lines[3].substring(0, lines[3].indexOf(','));
    lines[3] = lines[3].replaceFirst(",[^,]*,", ",abc,");
    lines[lines.length - 40] = lines[lines.length - 40].replaceFirst(",[^,]*,", ",NaN,");
    lines[lines.length - 3] = lines[lines.length - 3].replaceFirst(",[^,]*,", ",,");
    Files.writeString(p, String.join("\n", lines), StandardCharsets.UTF_8);
    IcioRows.useBlockSize(1000);
    for (int threads : new int[] {1, 2, 4}) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(p, threads));
      assertEquals("cell 'abc' is not a number", e.rule());
      assertTrue(e.where().startsWith("row " + label + ", column "), e.where());
    }
  }
}
