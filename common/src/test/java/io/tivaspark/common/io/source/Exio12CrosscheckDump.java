package io.tivaspark.common.io.source;

import io.tivaspark.common.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Writes what {@link Exio12Source} reads, as long CSVs ({@link ExiobaseCrosscheckDump#dump}), for
 * {@code tools/crosscheck/formats/exiobase1.py} and {@code exiobase2.py} to compare cell by cell with pymrio's
 * {@code parse_exiobase1} / {@code parse_exiobase2} (and {@code parse_exio12_ext}) of the same files. Skipped
 * unless {@code -Dtiva.crosscheck.out=DIR}; the mocks missing: said loudly. Writes {@code DIR/exiobase1/}
 * (pymrio's EXIOBASE 1 mock), {@code DIR/exiobase1/ext/} (the EXIOBASE 1 mock's mrIot and mrFinalDemand with
 * the four generic extension files in {@code extensions/}, that release in {@code DIR/exiobase1/ext/release})
 * and {@code DIR/exiobase2/} (the EXIOBASE 2 mock zip).
 *
 * <p>Run: {@code mvn -o -q -pl common test -Dtest=Exio12CrosscheckDump -Dtiva.crosscheck.out=/tmp/exio-cc}.
 */
class Exio12CrosscheckDump {
  private static final String MOCKS = "data/pymrio-mocks/";

  @Test
  void dump() throws IOException {
    String out = System.getProperty("tiva.crosscheck.out");
    Assumptions.assumeTrue(out != null && !out.isBlank(), "set -Dtiva.crosscheck.out=DIR to write the cross-check CSVs");
    Path dir = Path.of(out);
    Path exio1 = SharedData.path(MOCKS + "exio1_mock");
    Path exio2 = SharedData.path(MOCKS + "exio2_mock/mrIOT_PxP_ita_coefficient_version2.2.2.zip");
    Path ext = SharedData.path(MOCKS + "exio_ext_mock");
    if (!Files.isDirectory(exio1) || !Files.isRegularFile(exio2) || !Files.isDirectory(ext)) {
      System.err.println("Exio12CrosscheckDump: SKIPPED, the EXIOBASE 1/2 mocks are not in " + SharedData.path(MOCKS));
      return;
    }
    ExiobaseCrosscheckDump.dump(read(Exio12Source.exiobase1(), exio1), dir.resolve("exiobase1"));
    ExiobaseCrosscheckDump.dump(read(Exio12Source.exiobase2(), exio2), dir.resolve("exiobase2"));
    Path release = Files.createDirectories(dir.resolve("exiobase1/ext/release/extensions"));
    for (String f : List.of("mrIot.txt", "mrFinalDemand.txt")) {
      Files.copy(exio1.resolve(f), release.getParent().resolve(f));
    }
    for (String f : List.of("ext_1col.txt", "ext_2col.txt", "ext_3col.txt", "ext_5col.txt")) {
      Files.copy(ext.resolve(f), release.resolve(f));
    }
    ExiobaseCrosscheckDump.dump(read(Exio12Source.exiobase1(), release.getParent()), dir.resolve("exiobase1/ext"));
  }

  private static SourceYear read(Exio12Source s, Path in) throws IOException {
    return s.read(s.plan(List.of(in), OptionalInt.empty()).get(0));
  }
}
