package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * EXIOBASE 3's extension folders: every sub-folder of the year holding an {@code F.txt}
 * ({@code satellite/} and {@code impacts/} up to 3.8; {@code air_emissions/}, {@code employment/},
 * {@code energy/}, {@code factor_inputs/}, {@code land/}, {@code material/}, {@code nutrients/},
 * {@code water/} from 3.9), each with F (stressor × (region, sector)), F_Y (stressor × (region,
 * category); named {@code F_hh.txt} in older releases, absent: zero) and {@code unit.txt}.
 *
 * <p>The factor inputs become the store's value-added components: every row of {@code factor_inputs/}
 * when the release has that folder, else the rows of {@code satellite/} named as EXIOBASE's value-added
 * rows ({@link ExiobaseCodes#valueAdded}: taxes less subsidies on products, other net taxes on
 * production, compensation of employees by skill, the four parts of operating surplus). Their F_Y
 * cells (taxes on final products) have no place in the store and are reported in the notes. Every
 * other row is a stressor of {@code extensions/} and {@code extensions_final_demand/}, named as
 * EXIOBASE names it (a name found in two folders is qualified by its folder: {@code impacts/…}),
 * with its unit from the folder's {@code unit.txt}.
 */
final class ExiobaseExtensions {
  private final ExiobaseFiles files;
  private final Integer year;
  private final ExiobaseIndex index;
  private final List<Row> stressors = new ArrayList<>();
  private final Map<String, double[]> valueAdded = new LinkedHashMap<>();
  private final Map<String, String> componentNames = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  /** One row of an extension: its folder, name, unit, F (n) and F_Y (G·F) values. */
  record Row(String folder, String name, String unit, double[] f, double[] fy) {}

  /**
   * What the extensions bring: the satellite accounts (null when none), value added, each
   * component's row name in F.txt, notes.
   */
  record Result(Satellite satellite, Map<String, double[]> valueAdded, Map<String, String> componentNames,
      List<String> notes) {}

  private ExiobaseExtensions(ExiobaseFiles files, Integer year, ExiobaseIndex index) {
    this.files = files;
    this.year = year;
    this.index = index;
  }

  /** Reads every extension folder of the year. */
  static Result read(ExiobaseFiles files, Integer year, ExiobaseIndex index) throws IOException {
    ExiobaseExtensions x = new ExiobaseExtensions(files, year, index);
    List<String> folders = folders(files);
    String vaFolder = folders.contains("factor_inputs") ? "factor_inputs" : folders.contains("satellite") ? "satellite" : null;
    for (String folder : folders) {
      x.folder(folder, folder.equals(vaFolder));
    }
    return new Result(satellite(x.stressors, index.layout()), x.valueAdded, x.componentNames, x.notes);
  }

  /** The sub-folders holding an F.txt (or an F named by their file_parameters.json), sorted. */
  static List<String> folders(ExiobaseFiles files) {
    TreeSet<String> out = new TreeSet<>();
    for (String f : files.list()) {
      int slash = f.indexOf('/');
      if (slash > 0 && f.indexOf('/', slash + 1) < 0 && f.substring(slash + 1).equals("F.txt")) {
        out.add(f.substring(0, slash));
      }
    }
    return List.copyOf(out);
  }

  /** One folder: units, F, F_Y; rows split into value added and stressors. */
  private void folder(String folder, boolean vaFolder) throws IOException {
    Map<String, ExiobaseJson.FileSpec> params = ExiobaseSource.params(files, folder + "/");
    Map<String, String> units = units(folder);
    Map<String, double[]> f = new LinkedHashMap<>();
    Map<String, double[]> fy = new HashMap<>();
    readF(folder + "/F.txt", params, f);
    String fyName = finalDemandFile(folder, params);
    if (fyName != null) {
      readFy(folder + "/" + fyName, params, f, fy);
    } else {
      notes.add(folder + "/: no F_Y.txt (stressors of final demand are zero)");
    }
    int gf = index.layout().finalDemandColumns();
    for (Map.Entry<String, double[]> e : f.entrySet()) {
      String name = e.getKey();
      String unit = units.get(name);
      if (unit == null) {
        throw new InvalidInputException(files.name(folder + "/unit.txt"), year, "stressor " + name, "no unit for this row of F.txt");
      }
      double[] rowFy = fy.getOrDefault(name, new double[gf]);
      String va = vaFolder ? ExiobaseCodes.valueAdded(name) : null;
      if (vaFolder && (va != null || folder.equals("factor_inputs"))) {
        addValueAdded(folder, va != null ? va : ExiobaseCodes.safe(name), name, e.getValue(), rowFy);
      } else {
        stressors.add(new Row(folder, name, unit, e.getValue(), rowFy));
      }
    }
  }

  private void addValueAdded(String folder, String code, String name, double[] f, double[] fy) {
    if (valueAdded.put(code, f) != null) {
      throw new InvalidInputException(files.name(folder + "/F.txt"), year, "row " + name,
          "two value-added rows map to component " + code);
    }
    componentNames.put(code, name);
    double dropped = 0;
    for (double v : fy) {
      dropped += v;
    }
    if (dropped != 0) {
      notes.add(String.format(Locale.ROOT, "%s/F_Y row '%s' (value added paid by final demand, e.g. taxes on final"
          + " products) not kept: total %s", folder, name, Double.toString(dropped)));
    }
  }

  /** The folder's unit.txt: stressor → unit (label columns joined by " - " when there are several). */
  private Map<String, String> units(String folder) throws IOException {
    String rel = folder + "/unit.txt";
    if (!files.has(rel)) {
      throw new InvalidInputException(files.name(rel), year, null, "file missing: every extension folder needs its unit.txt");
    }
    Map<String, String> units = new HashMap<>();
    // every column but the last is a label: pymrio's file_parameters counts the unit as an index column
    try (ExiobaseMatrix m = ExiobaseSource.open(files, rel, year, Map.of(), ExiobaseMatrix.Shape.VECTOR)) {
      while (m.next()) {
        units.put(String.join(" - ", m.rowLabels()), m.text(0));
      }
    }
    return units;
  }

  /** The final-demand file of a folder: file_parameters' F_Y / F_hh entry, else F_Y.txt, F_hh.txt, FY.txt. */
  private String finalDemandFile(String folder, Map<String, ExiobaseJson.FileSpec> params) {
    for (ExiobaseJson.FileSpec s : params.values()) {
      if ((s.key().equals("F_Y") || s.key().equals("F_hh") || s.key().equals("FY")) && files.has(folder + "/" + s.name())) {
        return s.name();
      }
    }
    for (String n : List.of("F_Y.txt", "F_hh.txt", "FY.txt")) {
      if (files.has(folder + "/" + n)) {
        return n;
      }
    }
    return null;
  }

  /** F: one n-vector per stressor, columns (region, sector) mapped by label. */
  private void readF(String rel, Map<String, ExiobaseJson.FileSpec> params, Map<String, double[]> out) throws IOException {
    int n = index.layout().n();
    try (ExiobaseMatrix m = ExiobaseSource.open(files, rel, year, params, null)) {
      int[] target = targets(m, index, false);
      while (m.next()) {
        String name = String.join(" - ", m.rowLabels());
        double[] v = new double[n];
        for (int c = 0; c < target.length; c++) {
          v[target[c]] = m.value(c);
        }
        if (out.put(name, v) != null) {
          throw m.error("line " + m.lineNo() + ", row " + name, "duplicate stressor");
        }
      }
    }
  }

  /** F_Y: one (G·F)-vector per stressor of F, columns (region, category) mapped by label. */
  private void readFy(String rel, Map<String, ExiobaseJson.FileSpec> params, Map<String, double[]> f,
      Map<String, double[]> out) throws IOException {
    int gf = index.layout().finalDemandColumns();
    try (ExiobaseMatrix m = ExiobaseSource.open(files, rel, year, params, null)) {
      int[] target = targets(m, index, true);
      while (m.next()) {
        String name = String.join(" - ", m.rowLabels());
        if (!f.containsKey(name)) {
          throw m.error("line " + m.lineNo() + ", row " + name, "stressor not in F.txt");
        }
        double[] v = new double[gf];
        for (int c = 0; c < target.length; c++) {
          v[target[c]] = m.value(c);
        }
        if (out.put(name, v) != null) {
          throw m.error("line " + m.lineNo() + ", row " + name, "duplicate stressor");
        }
      }
    }
  }

  /** The layout column of each file column: (region, sector) of Z, or (region, category) of Y; each once. */
  static int[] targets(ExiobaseMatrix m, ExiobaseIndex index, boolean finalDemand) {
    String[][] cols = m.columns();
    Layout l = index.layout();
    int size = finalDemand ? l.finalDemandColumns() : l.n();
    if (cols[0].length < 2 || cols.length != size) {
      throw m.error("line 1", "the header has " + cols.length + " columns of " + cols[0].length + " label line(s), expected "
          + size + " (region, " + (finalDemand ? "category" : "sector") + ")");
    }
    boolean[] seen = new boolean[size];
    int[] target = new int[cols.length];
    for (int c = 0; c < cols.length; c++) {
      int j = finalDemand ? index.fdColumn(cols[c][0], cols[c][1]) : index.row(cols[c][0], cols[c][1]);
      if (j < 0 || seen[j]) {
        throw m.error("column " + (m.indexCols() + c + 1) + " (" + cols[c][0] + " " + cols[c][1] + ")",
            j < 0 ? "column label is not a " + (finalDemand ? "column of Y.txt" : "row of Y.txt") : "duplicate column");
      }
      seen[j] = true;
      target[c] = j;
    }
    return target;
  }

  /**
   * Stressor rows as one Satellite (F m×n, F_Y m×(G·F), column-major), or null when there are none;
   * a name found in two folders (extensions) is qualified by its folder ({@code impacts/Nitrogen}).
   */
  static Satellite satellite(List<Row> stressors, Layout layout) {
    if (stressors.isEmpty()) {
      return null;
    }
    Map<String, Integer> seen = new HashMap<>();
    stressors.forEach(r -> seen.merge(r.name(), 1, Integer::sum));
    int m = stressors.size();
    int n = layout.n();
    int gf = layout.finalDemandColumns();
    double[] f = new double[m * n];
    double[] fy = new double[m * gf];
    List<String> names = new ArrayList<>();
    List<String> units = new ArrayList<>();
    for (int s = 0; s < m; s++) {
      Row r = stressors.get(s);
      names.add(seen.get(r.name()) > 1 ? r.folder() + "/" + r.name() : r.name());
      units.add(r.unit());
      for (int k = 0; k < n; k++) {
        f[s + k * m] = r.f()[k];
      }
      for (int c = 0; c < gf; c++) {
        fy[s + c * m] = r.fy()[c];
      }
    }
    return new Satellite(names, units, f, fy);
  }
}
