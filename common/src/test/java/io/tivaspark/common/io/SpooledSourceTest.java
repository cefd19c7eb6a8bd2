package io.tivaspark.common.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compressed source decompressed once ({@link SpooledSource}): the first stream read to its end
 * is copied to the scratch file and later opens read the file, byte for byte the same; a first
 * stream closed early leaves the source to be read again; a gzipped ICIO table read through it is
 * the same table, and its errors name the source, not the scratch file.
 */
class SpooledSourceTest {
  @TempDir
  Path tmp;

  /** A source of fixed bytes that counts its opens. */
  private static IcioCsv.Source counting(byte[] bytes, AtomicInteger opens) {
    return new IcioCsv.Source() {
      @Override
      public String name() {
        return "archive.zip!/2019.csv";
      }

      @Override
      public InputStream open() {
        opens.incrementAndGet();
        return new ByteArrayInputStream(bytes);
      }
    };
  }

  @Test
  void laterOpensReadTheCopy() throws IOException {
    byte[] bytes = new byte[300_001];
    new Random(5).nextBytes(bytes);
    AtomicInteger opens = new AtomicInteger();
    SpooledSource s = new SpooledSource(counting(bytes, opens), tmp.resolve("spool.csv"));
    assertEquals("archive.zip!/2019.csv", s.name());
    try (InputStream in = s.open()) {
      in.skip(10);
      assertEquals(bytes[10] & 0xff, in.read());
      assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 11, bytes.length), in.readAllBytes());
    }
    for (int i = 0; i < 2; i++) {
      try (InputStream in = s.open()) {
        assertArrayEquals(bytes, in.readAllBytes());
      }
    }
    assertEquals(1, opens.get(), "the source was decompressed once");
  }

  @Test
  void aFirstReadClosedEarlyIsNotUsed() throws IOException {
    byte[] bytes = "a,b\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    AtomicInteger opens = new AtomicInteger();
    SpooledSource s = new SpooledSource(counting(bytes, opens), tmp.resolve("spool2.csv"));
    try (InputStream in = s.open()) {
      assertEquals('a', in.read());
    }
    try (InputStream in = s.open()) {
      assertArrayEquals(bytes, in.readAllBytes());
    }
    assertEquals(2, opens.get(), "read again from the source");
  }

  @Test
  void aGzippedTableReadsTheSameAndErrorsNameTheSource() throws IOException {
    var t = new io.tivaspark.common.gen.SyntheticMrio(io.tivaspark.common.gen.GeneratorSpec.builder().regions(4)
        .industries(3).years(2019, 2019).seed(2).build()).year(2019);
    Path gz = tmp.resolve("ICIO2023_2019.csv.gz");
    IcioEdition.ICIO2023.write(t, gz);
    IcioCsv.Options opts = new IcioCsv.Options(true, IcioCsv.DiscMode.DOMESTIC);
    IcioCsv.Source plain = IcioCsv.Source.of(gz);
    var direct = IcioCsv.read(plain, 2019, opts).table();
    var spooled = IcioCsv.read(new SpooledSource(plain, tmp.resolve("s.csv")), 2019, opts).table();
    assertArrayEquals(direct.z(), spooled.z());
    assertArrayEquals(direct.finalDemand(), spooled.finalDemand());
    byte[] all = Files.readAllBytes(gz);
    Path cut = tmp.resolve("cut").resolve("ICIO2023_2019.csv.gz");
    Files.createDirectories(cut.getParent());
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    var e = assertThrows(io.tivaspark.common.model.InvalidInputException.class,
        () -> IcioCsv.read(new SpooledSource(IcioCsv.Source.of(cut), tmp.resolve("c.csv")), 2019, opts));
    assertEquals(cut.toString(), e.source());
    assertEquals(true, e.rule().contains("corrupt gzip"), e.rule());
  }
}
