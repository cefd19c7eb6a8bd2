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
 * Reads one EXIOBASE 3 year into the store's model (docs/sources/exiobase3.md): {@code Y.txt} first
 * (the layout and final demand), then {@code Z.txt} when the release has it, else {@code A.txt}
 * turned into flows ({@link ExiobaseConversion}: x from {@code x.txt} or x = (I − A)⁻¹·y, Z = A·x̂,
 * the row balance x = Z1 + y checked), then the extension folders ({@link ExiobaseExtensions}: factor
 * inputs to value added, the rest to the satellite accounts). Every file is streamed once.
 */
final class ExiobaseYear {
  private final ExiobaseFiles files;
  private final int year;
  private final List<String> notes = new ArrayList<>();

  ExiobaseYear(ExiobaseFiles files, int year) {
    this.files = files;
    this.year = year;
  }

  /** The version and system of metadata.json (empty when absent). */
  private record Meta(String version, String system) {}

  SourceYear read() throws IOException {
    Meta meta = meta();
    Map<String, ExiobaseJson.FileSpec> params = ExiobaseSource.params(files, "");
    ExiobaseTables.FinalDemand fd;
    try (ExiobaseMatrix m = ExiobaseSource.open(files, "Y.txt", year, params, null)) {
      fd = ExiobaseTables.finalDemand(m, year, meta.system());
    }
    ExiobaseIndex index = fd.index();
    Layout layout = index.layout();
    int n = layout.n();
    boolean hasZ = files.has("Z.txt");
    double[] z;
    try (ExiobaseMatrix m = ExiobaseSource.open(files, hasZ ? "Z.txt" : "A.txt", year, params, null)) {
      z = ExiobaseTables.square(m, year, index);
    }
    double[] published = null;
    if (files.has("x.txt")) {
      try (ExiobaseMatrix m = ExiobaseSource.open(files, "x.txt", year, params, ExiobaseMatrix.Shape.VECTOR)) {
        published = ExiobaseTables.output(m, year, index);
      }
    }
    double[] y = IoMath.rowSums(fd.yf(), n, layout.finalDemandColumns());
    String conversion = hasZ ? flows(z, y, published, index) : coefficients(z, y, published, index);
    ExiobaseExtensions.Result ext = ExiobaseExtensions.read(files, year, index);
    notes.addAll(ext.notes());
    Map<String, double[]> va = ext.valueAdded();
    Map<String, String> componentNames = ext.componentNames();
    if (va.isEmpty()) { // a release without factor inputs (pymrio's mock): the store needs value_added/
      va = Map.of("VA", residualValueAdded(z, y, published, n));
      componentNames = Map.of("VA", "Value added = gross output - intermediate inputs (no factor inputs in the release)");
      notes.add("no factor inputs in the release: value added = x − Z'1 (one component VA, the column residual)");
    }
    columnBalanceNote(z, y, published, va, index);
    MrioYear table = new MrioYear(year, layout, z, fd.yf(), va, published, ext.satellite());
    String edition = ((meta.version().isEmpty() ? "" : meta.version() + " ") + index.system()).strip();
    return new SourceYear(table, "EXIOBASE 3", edition, moneyUnit(), index.countryNameMap(),
        index.industryNameMap(), index.categoryNameMap(), componentNames, conversion + " " + labels(index, va.keySet()), notes);
  }

  /** va = x − Z'1 with x the published output or Z1 + y (the default math's own value added). */
  private static double[] residualValueAdded(double[] z, double[] y, double[] published, int n) {
    double[] zRow = IoMath.rowSums(z, n, n);
    double[] va = new double[n];
    for (int j = 0; j < n; j++) {
      double col = 0;
      for (int i = 0; i < n; i++) {
        col += z[i + j * n];
      }
      va[j] = (published != null ? published[j] : zRow[j] + y[j]) - col;
    }
    return va;
  }

  /** metadata.json's version (without a leading v) and system; the system also from the folder's name. */
  private Meta meta() throws IOException {
    String version = "";
    String system = "";
    if (files.has("metadata.json")) {
      String json = ExiobaseJson.read(files.open("metadata.json"));
      version = ExiobaseJson.string(json, "version").orElse("").replaceFirst("^[vV]", "");
      system = ExiobaseJson.string(json, "system").orElse("").toLowerCase(Locale.ROOT);
    }
    if (!system.equals("pxp") && !system.equals("ixi")) {
      String where = files.where().toLowerCase(Locale.ROOT);
      system = where.contains("_ixi") ? "ixi" : where.contains("_pxp") ? "pxp" : "";
    }
    return new Meta(version, system);
  }

  /** Z.txt read as published: x from x.txt (checked: x = Z1 + y) or, without it, x = Z1 + y by definition. */
  private String flows(double[] z, double[] y, double[] published, ExiobaseIndex index) {
    notes.add("Z.txt read as published" + (files.has("A.txt") ? "; A.txt not read" : ""));
    if (published != null) {
      check(z, y, published, index, ExiobaseConversion.PUBLISHED_TOLERANCE, "Z.txt");
    }
    return "Intermediate flows read from Z.txt (no conversion)" + (published != null ? ", gross output from x.txt"
        + " (x = Z1 + y checked)." : "; gross output x = Z1 + y.");
  }

  /** A.txt: Z = A·x̂ with x from x.txt or x = (I − A)⁻¹·y; the row balance x = Z1 + y checked. */
  private String coefficients(double[] a, double[] y, double[] published, ExiobaseIndex index) {
    int n = index.layout().n();
    double[] x = published;
    if (x == null) {
      try {
        x = ExiobaseConversion.output(a, y, n, Lapack.get());
      } catch (Lapack.SingularMatrixException e) {
        throw new InvalidInputException(files.name("A.txt"), year, null, "I − A is singular (" + e.getMessage()
            + "): the coefficients do not define gross output");
      }
      requireNonNegative(x, index);
    }
    ExiobaseConversion.scaleColumns(a, x, n);
    double tol = published != null ? ExiobaseConversion.PUBLISHED_TOLERANCE : ExiobaseConversion.SOLVED_TOLERANCE;
    check(a, y, x, index, tol, "A.txt");
    return published != null
        ? "Coefficients A.txt converted to flows Z = A·diag(x) with the published gross output x.txt; row balance x = Z1 + y checked."
        : "Coefficients A.txt converted to flows: x = (I − A)⁻¹·y (one LU of I − A, y = Y·1 over every final-demand column),"
            + " Z = A·diag(x); row balance x = Z1 + y checked.";
  }

  /** A solved x below −1e−9·max|x| means A and Y are inconsistent. */
  private void requireNonNegative(double[] x, ExiobaseIndex index) {
    double max = 0;
    for (double v : x) {
      max = Math.max(max, Math.abs(v));
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i] < -1e-9 * max || Double.isNaN(x[i])) {
        throw new InvalidInputException(files.name("A.txt"), year, "row " + rowName(index, i),
            "negative gross output x = (I − A)⁻¹·y = " + x[i]);
      }
    }
  }

  /** The row balance within {@code tol} on every row, else bad input; the worst residual goes to the notes. */
  private void check(double[] z, double[] y, double[] x, ExiobaseIndex index, double tol, String file) {
    ExiobaseConversion.Residual r = ExiobaseConversion.rowBalance(z, y, x, index.layout().n());
    String at = r.row() < 0 ? "" : " (row " + rowName(index, r.row()) + ")";
    if (!(r.relative() <= tol)) {
      throw new InvalidInputException(files.name(file), year, "row " + (r.row() < 0 ? "?" : rowName(index, r.row())),
          String.format(Locale.ROOT, "row balance x = Z1 + y fails: relative residual %.3g > %.0g", r.relative(), tol));
    }
    notes.add(String.format(Locale.ROOT, "row balance x = Z1 + y: largest relative residual %.3g%s", r.relative(), at));
  }

  /** The column balance x = Z'1 + Σ value added, informative (EXIOBASE's factor inputs close the columns). */
  private void columnBalanceNote(double[] z, double[] y, double[] published, Map<String, double[]> va, ExiobaseIndex index) {
    if (va.isEmpty()) {
      return;
    }
    int n = index.layout().n();
    double[] x = published != null ? published : IoMath.rowSums(z, n, n);
    if (published == null) {
      for (int i = 0; i < n; i++) {
        x[i] += y[i];
      }
    }
    double[] total = new double[n];
    va.values().forEach(v -> {
      for (int j = 0; j < n; j++) {
        total[j] += v[j];
      }
    });
    ExiobaseConversion.Residual r = ExiobaseConversion.columnBalance(z, total, x, n);
    notes.add(String.format(Locale.ROOT, "column balance x = Z'1 + value added: largest relative residual %.3g%s",
        r.relative(), r.row() < 0 ? "" : " (column " + rowName(index, r.row()) + ")"));
  }

  private String rowName(ExiobaseIndex index, int i) {
    Layout l = index.layout();
    return l.countries().get(l.countryOfRow(i)) + " " + l.industries().get(l.industryOfRow(i));
  }

  /** unit.txt's money unit (M.EUR → EUR million); several units: the first, with a note. */
  private String moneyUnit() throws IOException {
    if (!files.has("unit.txt")) {
      notes.add("no unit.txt: money unit unknown");
      return "";
    }
    Map<String, Integer> units;
    try (ExiobaseMatrix m = ExiobaseSource.open(files, "unit.txt", year, Map.of(), ExiobaseMatrix.Shape.VECTOR)) {
      units = ExiobaseTables.units(m);
    }
    if (units.isEmpty()) {
      return "";
    }
    if (units.size() > 1) {
      notes.add("unit.txt names several units " + units + "; the first is the table's");
    }
    return ExiobaseCodes.money(units.keySet().iterator().next());
  }

  /** What the codes stand for: the system, the category codes and the value-added components. */
  private static String labels(ExiobaseIndex index, java.util.Set<String> components) {
    Layout l = index.layout();
    StringBuilder sb = new StringBuilder();
    sb.append(index.system().equals("pxp") ? "Product-by-product table: the store's industries are EXIOBASE's products"
        : index.system().equals("ixi") ? "Industry-by-industry table: the store's industries are EXIOBASE's industries"
        : "System (pxp or ixi) not stated: the store's industries are EXIOBASE's sectors");
    sb.append(" (codes by position, names kept). Region codes: ISO 3166-1 alpha-3, rest of world WWA..WWM. Categories:");
    for (int c = 0; c < l.categoryCount(); c++) {
      sb.append(c == 0 ? " " : "; ").append(l.categories().get(c)).append(" = ").append(index.categoryNames().get(c));
    }
    sb.append(". Value-added components from the factor inputs: ").append(components.isEmpty() ? "none" : String.join(", ", components))
        .append('.');
    return sb.toString();
  }
}
