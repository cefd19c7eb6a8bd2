package io.tivaspark.common.io.source;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Writes what {@code --format icio} reads from pymrio's OECD mocks as CSV files for
 * {@code tools/crosscheck/formats/oecd.py} (which parses the same files with pymrio's
 * {@code parse_oecd}, merges our split entities into their countries as pymrio does, and compares
 * cell by cell). Skipped unless {@code -Dtiva.crosscheck.out=DIR}. For each mock file
 * ({@code ICIO2016_2003.csv}, {@code ICIO2018_2010.CSV}, {@code ICIO2018_2010.zip}) writes
 * {@code DIR/oecd/<file name>/}: Z, Y, x (= Z1 + y), VA (one row per component: TLS, VALU,
 * VA+TAXSUB) as wide CSVs keyed {@code entity|industry} and {@code country|category}, and
 * {@code entities.csv} (entity, country: CN1 → CHN, MEX → MEX).
 *
 * <p>Run: {@code mvn -q -o -pl common test -Dtest=IcioCrosscheckDumpTest -Dtiva.crosscheck.out=/tmp/cc},
 * then {@code python tools/crosscheck/formats/oecd.py ../shared/data/pymrio-mocks/oecd_mock /tmp/cc/oecd}.
 */
class IcioCrosscheckDumpTest {
  static final List<String> MOCKS = List.of("ICIO2016_2003.csv", "ICIO2018_2010.CSV", "ICIO2018_2010.zip");

  @Test
  void dump() throws IOException {
    String out = System.getProperty("tiva.crosscheck.out");
    Assumptions.assumeTrue(out != null, "set -Dtiva.crosscheck.out=DIR to write the OECD ICIO cross-check CSVs");
    for (String name : MOCKS) {
      Path mock = SharedData.require("data/pymrio-mocks/oecd_mock/" + name);
      int year = IcioCsv.yearFromFileName(name).orElseThrow();
      IcioCsv.Source src = name.toLowerCase(Locale.ROOT).endsWith(".zip")
          ? IcioCsv.Source.zipMember(mock, name.substring(0, name.length() - 4) + ".CSV")
          : IcioCsv.Source.of(mock);
      dump(IcioCsv.read(src, year, IcioCsv.Options.DEFAULT).table(), Path.of(out, "oecd", name));
    }
  }

  static void dump(MrioYear y, Path dir) throws IOException {
    Files.createDirectories(dir);
    Layout l = y.layout();
    int n = y.n();
    List<String> rows = EoraCrosscheckDumpTest.keys(l.entities(), l.industries(), s -> s);
    List<String> fd = EoraCrosscheckDumpTest.keys(l.countries(), l.categories(), s -> s);
    EoraCrosscheckDumpTest.write(dir.resolve("Z.csv"), rows, rows, y::zAt);
    EoraCrosscheckDumpTest.write(dir.resolve("Y.csv"), rows, fd, y::finalDemandAt);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        x[i] += y.zAt(i, j);
      }
      for (int c = 0; c < fd.size(); c++) {
        x[i] += y.finalDemandAt(i, c);
      }
    }
    EoraCrosscheckDumpTest.write(dir.resolve("x.csv"), rows, List.of("x"), (i, c) -> x[i]);
    List<String> comps = new ArrayList<>(y.valueAdded().keySet());
    EoraCrosscheckDumpTest.write(dir.resolve("VA.csv"), comps, rows, (k, j) -> y.valueAdded().get(comps.get(k))[j]);
    List<String> ents = new ArrayList<>(List.of("entity,country"));
    for (int e = 0; e < l.entityCount(); e++) {
      ents.add(l.entities().get(e) + "," + l.countries().get(l.countryOfEntity(e)));
    }
    Files.write(dir.resolve("entities.csv"), ents, StandardCharsets.UTF_8);
  }
}
