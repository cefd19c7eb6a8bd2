package io.tivaspark.common.io.source;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.io.source.EoraFiles.Kind;
import io.tivaspark.common.io.source.EoraPlan.YearFiles;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Writes what {@code --format eora26} reads as CSV files for {@code tools/crosscheck/formats/eora26.py}
 * (which parses the same input with pymrio and compares cell by cell). Skipped unless
 * {@code -Dtiva.crosscheck.out=DIR}. Writes {@code DIR/eora26/} (pymrio's Eora26 mock, ../shared) and
 * {@code DIR/eora26-row/} for {@code DIR/eora26-row-input/}, a year in the published layout with
 * Eora's ROW row and column (written by {@link EoraFixture}); the script checks both. Each CSV is wide: Z, Y, x, VA, F, F_Y (and the stressors' units.csv); rows and columns
 * keyed {@code country|label} with Eora's own labels (pymrio's index), the DISC columns and row as
 * {@code country|DISC} and {@code DISC}; stressors in the order of labels_Q.
 *
 * <p>Run: {@code mvn -q -o -pl common test -Dtest=EoraCrosscheckDumpTest -Dtiva.crosscheck.out=/tmp/eora-cc},
 * then {@code python tools/crosscheck/formats/eora26.py <mock dir> /tmp/eora-cc/eora26}.
 */
class EoraCrosscheckDumpTest {
  @Test
  void dump() throws IOException {
    String out = System.getProperty("tiva.crosscheck.out");
    Assumptions.assumeTrue(out != null, "set -Dtiva.crosscheck.out=DIR to write the Eora26 cross-check CSVs");
    Path root = Path.of(out);
    dump(EoraSourceTest.mock(), root.resolve("eora26"));
    Path input = root.resolve("eora26-row-input");
    new EoraFixture(3, 4, true, 3, 2015).writeDir(input, 2015, "bp", true);
    dump(input, root.resolve("eora26-row"));
  }

  static void dump(Path input, Path dir) throws IOException {
    EoraSource src = new EoraSource();
    SourceUnit u = src.plan(List.of(input), OptionalInt.empty()).get(0);
    YearFiles files = EoraPlan.files(u);
    int year = u.year();
    EoraLabels lab = EoraLabels.of(EoraText.lines(files.labels().get(Kind.T), year),
        EoraText.lines(files.labels().get(Kind.FD), year), EoraText.lines(files.labels().get(Kind.VA), year),
        EoraText.lines(files.labels().get(Kind.Q), year));
    MrioYear y = src.read(u).table();
    Files.createDirectories(dir);
    Layout l = y.layout();
    int n = y.n();
    List<String> rows = keys(l.countries(), l.industries(), lab.industryNames::get);
    List<String> fd = keys(l.countries(), l.categories(), c -> c.equals(EoraLabels.DISC) ? c : lab.categoryNames.get(c));
    write(dir.resolve("Z.csv"), rows, rows, (i, j) -> y.zAt(i, j));
    write(dir.resolve("Y.csv"), rows, fd, y::finalDemandAt);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        x[i] += y.zAt(i, j);
      }
      for (int c = 0; c < fd.size(); c++) {
        x[i] += y.finalDemandAt(i, c);
      }
    }
    write(dir.resolve("x.csv"), rows, List.of("x"), (i, c) -> x[i]);
    List<String> comps = new ArrayList<>();
    List<double[]> va = new ArrayList<>();
    y.valueAdded().forEach((code, v) -> {
      comps.add(code.equals(EoraLabels.DISC) ? code : lab.componentNames.get(code));
      va.add(v);
    });
    write(dir.resolve("VA.csv"), comps, rows, (k, j) -> va.get(k)[j]);
    Satellite s = y.satellite();
    int m = s.m();
    write(dir.resolve("F.csv"), s.stressors(), rows, (k, j) -> s.f()[k + j * m]);
    write(dir.resolve("F_Y.csv"), s.stressors(), fd, (k, c) -> s.fy()[k + c * m]);
    List<String> units = new ArrayList<>(List.of("key,unit"));
    for (int k = 0; k < m; k++) {
      units.add(quote(s.stressors().get(k)) + "," + quote(s.units().get(k)));
    }
    Files.write(dir.resolve("units.csv"), units, StandardCharsets.UTF_8);
  }

  static List<String> keys(List<String> countries, List<String> codes, java.util.function.Function<String, String> label) {
    List<String> out = new ArrayList<>();
    for (String c : countries) {
      for (String k : codes) {
        out.add(c + "|" + label.apply(k));
      }
    }
    return out;
  }

  interface Cell {
    double at(int r, int c);
  }

  static void write(Path f, List<String> rows, List<String> cols, Cell cell) throws IOException {
    try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder("key");
      cols.forEach(c -> sb.append(',').append(quote(c)));
      w.write(sb.append('\n').toString());
      for (int r = 0; r < rows.size(); r++) {
        sb.setLength(0);
        sb.append(quote(rows.get(r)));
        for (int c = 0; c < cols.size(); c++) {
          sb.append(',').append(cell.at(r, c));
        }
        w.write(sb.append('\n').toString());
      }
    }
  }

  static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
