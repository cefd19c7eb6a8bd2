package io.tivaspark.common.io.source;

import io.tivaspark.common.math.IoMath;
import io.tivaspark.common.math.Lapack;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one EXIOBASE 1 or 2 table (coefficient version) into the store's model
 * (docs/sources/exiobase1-2.md): {@code mrFinalDemand} (the layout and Y), {@code mrIot} (A), then
 * x = (I − A)⁻¹·y and Z = A·diag(x) ({@link ExiobaseConversion}; the row balance x = Z1 + y
 * checked), then the extensions ({@link Exio12Extensions}: F = S·diag(x), factor inputs to value
 * added; F_Y and the generic {@code extensions/*.txt} as read). Every file is streamed once.
 */
final class Exio12Year {
  /** Three label columns of the tables: region, sector, unit. */
  private static final int TABLE_LABELS = 3;

  private final ExiobaseFiles files;
  private final int year;
  private final int generation;
  private final List<String> notes = new ArrayList<>();

  Exio12Year(ExiobaseFiles files, int year, int generation) {
    this.files = files;
    this.year = year;
    this.generation = generation;
  }

  SourceYear read() throws IOException {
    Map<String, String> found = Exio12Files.find(files, year);
    String aFile = require(found, "mrIot");
    String yFile = require(found, "mrFinalDemand");
    String system = system();
    ExiobaseTables.FinalDemand fd;
    try (ExiobaseMatrix m = ExiobaseSource.open(files, yFile, year, Map.of(), null)) {
      fd = ExiobaseTables.finalDemand(m, year, system, TABLE_LABELS);
    }
    ExiobaseIndex index = fd.index();
    int n = index.layout().n();
    double[] a;
    String unit;
    try (ExiobaseMatrix m = ExiobaseSource.open(files, aFile, year, Map.of(), null)) {
      a = ExiobaseTables.square(m, year, index, TABLE_LABELS);
    }
    unit = moneyOf(aFile);
    double[] y = IoMath.rowSums(fd.yf(), n, index.layout().finalDemandColumns());
    double[] x = flows(a, y, index, aFile);
    Exio12Extensions ext = extensions(found, index, unit, x);
    Map<String, double[]> va = ext.valueAdded();
    Map<String, String> components = ext.componentNames();
    if (va.isEmpty()) {
      va = Map.of("VA", columnResidual(a, x, n));
      components = Map.of("VA", "Value added = gross output - intermediate inputs (no factor inputs in the release)");
      notes.add("no factor inputs: value added = x − Z'1 (one component VA, the column residual)");
    }
    MrioYear table = new MrioYear(year, index.layout(), a, fd.yf(), va, null, ext.satellite());
    String edition = (version(found) + " " + index.system()).strip();
    return sourceYear(table, edition, ExiobaseCodes.money(unit), index, components, conversion(index, va.keySet()));
  }

  /** The one place a SourceYear is built (its record may grow components). */
  private SourceYear sourceYear(MrioYear table, String edition, String unit, ExiobaseIndex index,
      Map<String, String> components, String conversion) {
    return new SourceYear(table, "EXIOBASE " + generation, edition, unit, index.countryNameMap(),
        index.industryNameMap(), index.categoryNameMap(), components, conversion, notes);
  }

  private String require(Map<String, String> found, String prefix) {
    String f = found.get(prefix);
    if (f == null) {
      throw new InvalidInputException(files.name(prefix + "*.txt"), year, null,
          "file missing: an EXIOBASE " + generation + " table needs " + prefix + "*.txt");
    }
    return f;
  }

  /** pxp or ixi from the input's name (as pymrio: exactly one of the two in the path), else empty. */
  private String system() {
    String w = files.where().toLowerCase(Locale.ROOT);
    boolean pxp = w.contains("pxp");
    boolean ixi = w.contains("ixi");
    return pxp == ixi ? "" : pxp ? "pxp" : "ixi";
  }

  /** The version in the file names (mrIot_version2.2.2.txt), else empty (the source names the generation). */
  private String version(Map<String, String> found) {
    for (String f : found.values()) {
      var v = Exio12Files.version(f);
      if (v.isPresent()) {
        return v.get();
      }
    }
    return "";
  }

  /** The money unit of mrIot's unit column, M.EUR/M.EUR → M.EUR (first data row). */
  private String moneyOf(String aFile) throws IOException {
    try (ExiobaseMatrix m = ExiobaseSource.open(files, aFile, year, Map.of(), null)) {
      if (!m.next()) {
        throw m.error("line " + m.lineNo(), "no data rows after the header");
      }
      String u = m.rowLabel(TABLE_LABELS - 1);
      if (!u.contains("/")) {
        throw m.error("line " + m.lineNo() + ", column " + TABLE_LABELS, "unit '" + u
            + "' is not a coefficient (money/money): only the coefficient version is read");
      }
      return u.substring(0, u.indexOf('/'));
    }
  }

  /** x = (I − A)⁻¹·y, then A becomes Z = A·diag(x) in place; the row balance checked. */
  private double[] flows(double[] a, double[] y, ExiobaseIndex index, String aFile) {
    int n = index.layout().n();
    double[] x;
    try {
      x = ExiobaseConversion.output(a, y, n, Lapack.get());
    } catch (Lapack.SingularMatrixException e) {
      throw new InvalidInputException(files.name(aFile), year, null, "I − A is singular (" + e.getMessage()
          + "): the coefficients do not define gross output");
    }
    double max = 0;
    for (double v : x) {
      max = Math.max(max, Math.abs(v));
    }
    for (int i = 0; i < n; i++) {
      if (x[i] < -1e-9 * max || Double.isNaN(x[i])) {
        throw new InvalidInputException(files.name(aFile), year, "row " + rowName(index, i),
            "negative gross output x = (I − A)⁻¹·y = " + x[i]);
      }
    }
    ExiobaseConversion.scaleColumns(a, x, n);
    ExiobaseConversion.Residual r = ExiobaseConversion.rowBalance(a, y, x, n);
    if (!(r.relative() <= ExiobaseConversion.SOLVED_TOLERANCE)) {
      throw new InvalidInputException(files.name(aFile), year, "row " + rowName(index, Math.max(0, r.row())),
          String.format(Locale.ROOT, "row balance x = Z1 + y fails: relative residual %.3g > %.0g", r.relative(),
              ExiobaseConversion.SOLVED_TOLERANCE));
    }
    notes.add(String.format(Locale.ROOT, "row balance x = Z1 + y: largest relative residual %.3g", r.relative()));
    return x;
  }

  /** The coefficient extensions (with their final-demand files), then extensions/*.txt. */
  private Exio12Extensions extensions(Map<String, String> found, ExiobaseIndex index, String money, double[] x)
      throws IOException {
    Exio12Extensions ext = new Exio12Extensions(files, year, index, money);
    for (Map.Entry<String, String> e : found.entrySet()) {
      String kind = Exio12Files.KINDS.get(e.getKey());
      if (kind.startsWith("S ")) {
        String name = Exio12Files.extensionName(e.getKey());
        String fy = found.get("mrFD" + e.getKey().substring(2));
        ext.coefficients(name, e.getValue(), fy, x);
      } else if (kind.startsWith("F_Y ") && !found.containsKey("mr" + e.getKey().substring(4))) {
        notes.add(e.getValue() + " not read: no coefficient file " + "mr" + e.getKey().substring(4) + "*.txt beside it");
      }
    }
    for (String f : Exio12Files.extensionFiles(files)) {
      ext.flows(f);
    }
    return ext;
  }

  /** va = x − Z'1 (Z in place of A). */
  private static double[] columnResidual(double[] z, double[] x, int n) {
    double[] va = new double[n];
    for (int j = 0; j < n; j++) {
      double col = 0;
      for (int i = 0; i < n; i++) {
        col += z[i + j * n];
      }
      va[j] = x[j] - col;
    }
    return va;
  }

  private static String rowName(ExiobaseIndex index, int i) {
    Layout l = index.layout();
    return l.countries().get(l.countryOfRow(i)) + " " + l.industries().get(l.industryOfRow(i));
  }

  /** What mrio.json records of the conversion, the codes, the categories and the value-added components. */
  private static String conversion(ExiobaseIndex index, java.util.Set<String> components) {
    Layout l = index.layout();
    StringBuilder sb = new StringBuilder("Coefficients mrIot (A) converted to flows: x = (I − A)⁻¹·y (one LU of I − A,"
        + " y = Y·1 over every final-demand column), Z = A·diag(x); row balance x = Z1 + y checked. Coefficient"
        + " extensions (mrFactorInputs, mrEmissions, mrMaterials, mrResources: S) converted to F = S·diag(x);"
        + " mrFD* (F_Y) and extensions/*.txt (F) read as flows. Sectors coded by position (");
    sb.append(index.system().isEmpty() ? "S001…" : index.system().equals("pxp") ? "P001…" : "I001…")
        .append(", names kept). Categories:");
    for (int c = 0; c < l.categoryCount(); c++) {
      sb.append(c == 0 ? " " : "; ").append(l.categories().get(c)).append(" = ").append(index.categoryNames().get(c));
    }
    return sb.append(". Value-added components from the factor inputs: ").append(String.join(", ", components))
        .append('.').toString();
  }
}
