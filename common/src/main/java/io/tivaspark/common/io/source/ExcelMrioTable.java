package io.tivaspark.common.io.source;

import io.tivaspark.common.io.source.ExcelMrioCells.DataRow;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A WIOD/ADB-layout sheet turned into the store's model by its {@link ExcelMrioPlan}
 * (docs/sources/wiod2016.md §3): Z and final demand as published, one value-added component per
 * {@link ExcelMrioRowKind} with a component name, the output column as published gross output
 * (the output row when there is no column). Empty cells are zero. The total intermediate row and
 * the output row are checked against Z'1 and the output column and the largest differences are
 * noted; values under final-demand columns in the rows below Z (taxes on final products, direct
 * purchases) have no place in the store and are not kept.
 */
final class ExcelMrioTable {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");

  /** The year and what {@code mrio.json} records about its codes. */
  record Result(MrioYear table, Map<String, String> countryNames, Map<String, String> industryNames,
      Map<String, String> categoryNames, Map<String, String> componentNames, List<String> notes) {}

  private final ExcelMrioCells cells;
  private final ExcelMrioPlan plan;
  private final List<String> notes = new ArrayList<>();
  private int n;
  private Layout layout;

  private ExcelMrioTable(ExcelMrioCells cells, ExcelMrioPlan plan) {
    this.cells = cells;
    this.plan = plan;
  }

  /**
   * Builds the year. {@code countryCode} maps a source country label to the store code (WIOD's
   * early {@code ROM} to {@code ROU}); {@code satellite} may be null.
   */
  static Result build(ExcelMrioCells cells, ExcelMrioPlan plan, int year, UnaryOperator<String> countryCode,
      SatelliteSource satellite) {
    ExcelMrioTable t = new ExcelMrioTable(cells, plan);
    Map<String, String> countryNames = new LinkedHashMap<>();
    List<String> countries = t.countryCodes(countryCode, countryNames);
    Map<String, String> industryNames = new LinkedHashMap<>();
    List<String> industries = t.industryCodes(industryNames);
    List<String> categories = new ArrayList<>();
    for (String c : plan.categories) {
      categories.add(t.safe(c, "final-demand category"));
    }
    Layout layout = new Layout(countries, industries, categories);
    t.layout = layout;
    t.n = layout.n();
    double[] z = t.intermediate();
    double[] yf = t.finalDemand();
    Map<String, double[]> va = t.valueAdded();
    double[] x = t.output(z, yf);
    Satellite sat = satellite == null ? null : satellite.read(layout, t.notes);
    return new Result(new MrioYear(year, layout, z, yf, va, x, sat), countryNames, industryNames,
        plan.categoryNames, t.componentNames(), List.copyOf(t.notes));
  }

  /** Satellite accounts read for a layout (WIOD's environmental accounts); notes what it skipped. */
  interface SatelliteSource {
    Satellite read(Layout layout, List<String> notes);
  }

  private String safe(String code, String what) {
    if (!SAFE.matcher(code).matches()) {
      throw new InvalidInputException(cells.source(), cells.year(), "sheet " + cells.sheet(),
          what + " code '" + ExcelMrioCells.shorten(code) + "' is not a code of letters, digits, _ - .");
    }
    return code;
  }

  private List<String> countryCodes(UnaryOperator<String> map, Map<String, String> names) {
    List<String> out = new ArrayList<>();
    for (String c : plan.countries) {
      String code = safe(map.apply(c), "country");
      if (names.put(code, c) != null) {
        throw new InvalidInputException(cells.source(), cells.year(), "sheet " + cells.sheet(),
            "two countries map to the code " + code);
      }
      if (!code.equals(c)) {
        notes.add("country " + c + " stored as " + code);
      }
      out.add(code);
    }
    return out;
  }

  /** Industry codes: column A (WIOD), else the number of column D (ADB); the same for every country. */
  private List<String> industryCodes(Map<String, String> names) {
    int nInd = plan.industryKeys.size();
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < nInd; i++) {
      DataRow first = cells.data().get(plan.zRows[i]);
      String code = plan.industryCodesInA ? first.label(0) : plan.industryKeyOf(first);
      for (int c = 1; c < plan.countries.size(); c++) {
        DataRow r = cells.data().get(plan.zRows[c * nInd + i]);
        String other = plan.industryCodesInA ? r.label(0) : plan.industryKeyOf(r);
        if (!other.equals(code)) {
          throw cells.error(r.row, 0, "industry " + plan.industryKeys.get(i) + " is " + other + " here but " + code
              + " in row " + (first.row + 1));
        }
      }
      safe(code, "industry");
      if (!seen.add(code)) {
        throw cells.error(first.row, 0, "industry code " + code + " appears twice");
      }
      out.add(code);
      names.put(code, first.label(1).isEmpty() ? code : first.label(1));
    }
    return out;
  }

  private double cell(DataRow r, int col) {
    double v = r.value(col);
    return Double.isNaN(v) ? 0.0 : v;
  }

  private double[] intermediate() {
    double[] z = new double[n * n];
    for (int i = 0; i < n; i++) {
      DataRow r = cells.data().get(plan.zRows[i]);
      for (int j = 0; j < n; j++) {
        z[i + j * n] = cell(r, plan.zColumns[j]);
      }
    }
    return z;
  }

  private double[] finalDemand() {
    int cols = plan.fdColumns.length;
    double[] yf = new double[n * cols];
    for (int i = 0; i < n; i++) {
      DataRow r = cells.data().get(plan.zRows[i]);
      for (int c = 0; c < cols; c++) {
        yf[i + c * n] = cell(r, plan.fdColumns[c]);
      }
    }
    return yf;
  }

  private double[] rowUnderZ(ExcelMrioRowKind kind) {
    DataRow r = cells.data().get(plan.kindRows.get(kind));
    double[] v = new double[n];
    for (int j = 0; j < n; j++) {
      v[j] = cell(r, plan.zColumns[j]);
    }
    return v;
  }

  /** Component → the row's description in column B (its code when the row has none). */
  private Map<String, String> componentNames() {
    Map<String, String> names = new LinkedHashMap<>();
    for (ExcelMrioRowKind k : ExcelMrioRowKind.values()) {
      if (k.component() != null) {
        String d = cells.data().get(plan.kindRows.get(k)).label(1).strip();
        names.put(k.component(), d.isEmpty() ? k.component() : d);
      }
    }
    return names;
  }

  private Map<String, double[]> valueAdded() {
    Map<String, double[]> va = new LinkedHashMap<>();
    for (ExcelMrioRowKind k : ExcelMrioRowKind.values()) {
      if (k.component() != null) {
        va.put(k.component(), rowUnderZ(k));
      }
    }
    return va;
  }

  /** The output column (else the output row), not negative; the published totals checked and noted. */
  private double[] output(double[] z, double[] yf) {
    double[] row = rowUnderZ(ExcelMrioRowKind.OUTPUT);
    DataRow goRow = cells.data().get(plan.kindRows.get(ExcelMrioRowKind.OUTPUT));
    for (int j = 0; j < n; j++) {
      if (row[j] < 0) {
        throw cells.error(goRow.row, plan.zColumns[j], "negative gross output " + row[j]);
      }
    }
    double[] colSums = new double[n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        colSums[j] += z[i + j * n];
      }
    }
    notes.add("row " + ExcelMrioRowKind.INTERMEDIATE_TOTAL.codes() + " (total intermediate use, not stored) vs Z'1: "
        + largest(rowUnderZ(ExcelMrioRowKind.INTERMEDIATE_TOTAL), colSums));
    if (plan.outputColumn < 0) {
      return row;
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      DataRow r = cells.data().get(plan.zRows[i]);
      x[i] = cell(r, plan.outputColumn);
      if (x[i] < 0) {
        throw cells.error(r.row, plan.outputColumn, "negative gross output " + x[i]);
      }
    }
    notes.add("row " + ExcelMrioRowKind.OUTPUT.codes() + " (output, column sums) vs the output column (stored): "
        + largest(row, x));
    return x;
  }

  /** "largest difference 1.2e-09 (relative 3.4e-15) at AUS A01". */
  private String largest(double[] a, double[] b) {
    double worst = 0;
    int at = 0;
    for (int j = 0; j < n; j++) {
      double d = Math.abs(a[j] - b[j]);
      if (d > worst) {
        worst = d;
        at = j;
      }
    }
    return String.format(Locale.ROOT, "largest difference %.3g (relative %.3g) at %s %s", worst,
        worst / Math.max(1e-300, Math.abs(b[at])), layout.entities().get(layout.entityOfRow(at)),
        layout.industries().get(layout.industryOfRow(at)));
  }
}
