package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The extensions of an EXIOBASE 1 or 2 table (docs/sources/exiobase1-2.md, "Extensions"). Each file has
 * two header lines (region, then sector or final-demand category) and 1 to 5 label columns: 1 the
 * stressor; 2 stressor and unit; 3 stressor, compartment and unit; more: the first three as with 3, the
 * rest dropped (pymrio's {@code parse_exio12_ext}). A row's name is the stressor, or
 * {@code stressor - compartment}. Coefficient files (S, per unit of output) become flows F = S·diag(x)
 * and their unit loses its {@code /<money>} part ({@code kg/M.EUR} → {@code kg}); final-demand files
 * (F_Y) and the generic extension files (F) are flows as read. Factor inputs become value-added
 * components; every other row a satellite account, with its unit ("" when the file has none).
 */
final class Exio12Extensions {
  private final ExiobaseFiles files;
  private final Integer year;
  private final ExiobaseIndex index;
  private final String money;
  private final List<ExiobaseExtensions.Row> stressors = new ArrayList<>();
  private final Map<String, double[]> valueAdded = new LinkedHashMap<>();
  private final Map<String, String> componentNames = new LinkedHashMap<>();

  /** One file's rows: name → (unit, values by layout column). */
  record Rows(Map<String, String> units, Map<String, double[]> values) {}

  Exio12Extensions(ExiobaseFiles files, Integer year, ExiobaseIndex index, String money) {
    this.files = files;
    this.year = year;
    this.index = index;
    this.money = money;
  }

  /** A coefficient extension S (and its final-demand file, or null): F = S·diag(x); factor inputs to value added. */
  void coefficients(String name, String sFile, String fyFile, double[] x) throws IOException {
    Rows s = read(sFile, false);
    s.values().values().forEach(v -> scale(v, x));
    Rows fy = fyFile == null ? null : read(fyFile, true);
    if (fy != null) {
      for (String k : fy.values().keySet()) {
        if (!s.values().containsKey(k)) {
          throw new InvalidInputException(files.name(fyFile), year, "row " + k, "stressor not in " + sFile);
        }
      }
    }
    for (Map.Entry<String, double[]> e : s.values().entrySet()) {
      if (name.equals("factor_inputs")) {
        addValueAdded(sFile, e.getKey(), e.getValue());
        continue;
      }
      double[] rowFy = fy == null ? null : fy.values().get(e.getKey());
      add(name, e.getKey(), perMoney(s.units().get(e.getKey())), e.getValue(), rowFy);
    }
  }

  /** A generic extension file: F as read (no final demand), named by the file's stem. */
  void flows(String file) throws IOException {
    Rows f = read(file, false);
    for (Map.Entry<String, double[]> e : f.values().entrySet()) {
      add(Exio12Files.extensionName(file), e.getKey(), f.units().get(e.getKey()), e.getValue(), null);
    }
  }

  private void add(String ext, String name, String unit, double[] f, double[] fy) {
    stressors.add(new ExiobaseExtensions.Row(ext, name, unit, f, fy != null ? fy : new double[index.layout().finalDemandColumns()]));
  }

  private void addValueAdded(String file, String name, double[] v) {
    String code = ExiobaseCodes.valueAdded(name);
    code = code != null ? code : ExiobaseCodes.safe(name);
    if (valueAdded.put(code, v) != null) {
      throw new InvalidInputException(files.name(file), year, "row " + name, "two factor-input rows map to component " + code);
    }
    componentNames.put(code, name);
  }

  /** pymrio's unit rule: {@code kg/M.EUR} → {@code kg}; {@code M.EUR/M.EUR} → {@code M.EUR}. */
  String perMoney(String unit) {
    String u = unit.replace("/" + money, "");
    return u.isEmpty() ? unit.replace("/", "") : u;
  }

  /** Row i scaled by x: column j times x_j. */
  private static void scale(double[] v, double[] x) {
    for (int j = 0; j < v.length; j++) {
      v[j] *= x[j];
    }
  }

  /** One extension file: rows by name with units; columns mapped by label to the layout. */
  Rows read(String rel, boolean finalDemand) throws IOException {
    Map<String, String> units = new LinkedHashMap<>();
    Map<String, double[]> values = new LinkedHashMap<>();
    try (ExiobaseMatrix m = ExiobaseSource.open(files, rel, year, Map.of(), null)) {
      int[] target = ExiobaseExtensions.targets(m, index, finalDemand);
      int size = finalDemand ? index.layout().finalDemandColumns() : index.layout().n();
      int k = m.indexCols();
      while (m.next()) {
        String name = k >= 3 ? m.rowLabel(0) + " - " + m.rowLabel(1) : m.rowLabel(0);
        double[] v = new double[size];
        for (int c = 0; c < target.length; c++) {
          v[target[c]] = m.value(c);
        }
        if (values.put(name, v) != null) {
          throw m.error("line " + m.lineNo() + ", row " + name, "duplicate stressor");
        }
        units.put(name, k == 1 ? "" : m.rowLabel(k >= 3 ? 2 : 1));
      }
    }
    return new Rows(units, values);
  }

  /** The satellite accounts (null when none); a name found in two extensions is qualified by the extension. */
  Satellite satellite() {
    return ExiobaseExtensions.satellite(stressors, index.layout());
  }

  /** The factor inputs as value-added components (code → n values), in file order. */
  Map<String, double[]> valueAdded() {
    return valueAdded;
  }

  /** Each value-added component's row name in the factor-input file (mrio.json's names). */
  Map<String, String> componentNames() {
    return componentNames;
  }
}
