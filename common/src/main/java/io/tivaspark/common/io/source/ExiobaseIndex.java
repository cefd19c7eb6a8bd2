package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The labels of one EXIOBASE 3 year as the store's layout, decided from the rows and columns of
 * {@code Y.txt}: regions (store codes, {@link ExiobaseCodes#region}) and sectors in order of first
 * appearance among the rows, every region × sector exactly once; final-demand categories in order of
 * first appearance among the columns, every region × category exactly once. Every other file's rows
 * and columns are then mapped by label through {@link #row} and {@link #fdColumn} (never by position).
 */
final class ExiobaseIndex {
  private final Layout layout;
  private final Map<String, Integer> rows;
  private final Map<String, Integer> fdColumns;
  private final List<String> sectorNames;
  private final List<String> categoryNames;
  private final Map<String, String> regionLabels;
  private final String system;

  private ExiobaseIndex(String system, Layout layout, Map<String, Integer> rows, Map<String, Integer> fdColumns,
      List<String> sectorNames, List<String> categoryNames, Map<String, String> regionLabels) {
    this.system = system;
    this.layout = layout;
    this.rows = rows;
    this.fdColumns = fdColumns;
    this.sectorNames = sectorNames;
    this.categoryNames = categoryNames;
    this.regionLabels = regionLabels;
  }

  /**
   * The index of Y.txt's labels.
   *
   * @param rowLabels the rows' (region, sector) labels in file order
   * @param columns the columns' (region, category) labels
   * @param system pxp, ixi, or empty: then pxp for 200 sectors, ixi for 163 (the sector code prefix)
   */
  static ExiobaseIndex of(String file, Integer year, List<String[]> rowLabels, String[][] columns, String system) {
    Map<String, String> regions = new LinkedHashMap<>();
    LinkedHashSet<String> sectors = new LinkedHashSet<>();
    for (String[] l : rowLabels) {
      regionCode(file, year, regions, l[0]);
      sectors.add(l[1]);
    }
    List<String> sectorNames = List.copyOf(sectors);
    List<String> categoryNames = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    for (String[] c : columns) {
      if (!regions.containsKey(ExiobaseCodes.region(c[0]))) {
        throw new InvalidInputException(file, year, "column " + c[0] + " " + c[1], "final demand of region " + c[0]
            + ", which has no rows");
      }
      String code = ExiobaseCodes.category(c[1]);
      int at = categories.indexOf(code);
      if (at < 0) {
        categories.add(code);
        categoryNames.add(c[1]);
      } else if (!categoryNames.get(at).equals(c[1])) {
        throw new InvalidInputException(file, year, "column " + c[0] + " " + c[1], "categories '" + categoryNames.get(at)
            + "' and '" + c[1] + "' both map to code " + code);
      }
    }
    String sys = !system.isEmpty() ? system : sectorNames.size() == 200 ? "pxp" : sectorNames.size() == 163 ? "ixi" : "";
    List<String> codes = new ArrayList<>();
    for (int s = 0; s < sectorNames.size(); s++) {
      codes.add(ExiobaseCodes.sector(sys, s));
    }
    Layout layout = new Layout(List.copyOf(regions.keySet()), codes, categories);
    ExiobaseIndex idx = new ExiobaseIndex(sys, layout, new HashMap<>(), new HashMap<>(), sectorNames,
        List.copyOf(categoryNames), Map.copyOf(regions));
    idx.fillRows(file, year, rowLabels);
    idx.fillColumns(file, year, columns);
    return idx;
  }

  /** Adds a region label's code; two labels with one code (AT and AUT) are an error. */
  private static void regionCode(String file, Integer year, Map<String, String> regions, String label) {
    String code = ExiobaseCodes.region(label);
    String prev = regions.putIfAbsent(code, label);
    if (prev != null && !prev.equals(label)) {
      throw new InvalidInputException(file, year, "row " + label, "regions '" + prev + "' and '" + label
          + "' both map to code " + code);
    }
  }

  private void fillRows(String file, Integer year, List<String[]> rowLabels) {
    for (int r = 0; r < layout.countryCount(); r++) {
      for (int s = 0; s < sectorNames.size(); s++) {
        rows.put(key(layout.countries().get(r), sectorNames.get(s)), layout.row(r, s));
      }
    }
    boolean[] seen = new boolean[layout.n()];
    for (String[] l : rowLabels) {
      int row = rows.get(key(ExiobaseCodes.region(l[0]), l[1]));
      if (seen[row]) {
        throw new InvalidInputException(file, year, "row " + l[0] + " " + l[1], "duplicate row");
      }
      seen[row] = true;
    }
    requireAll(file, year, seen, "row", i -> regionLabels.get(layout.countries().get(layout.countryOfRow(i)))
        + " " + sectorNames.get(layout.industryOfRow(i)), "every region needs every sector");
  }

  private void fillColumns(String file, Integer year, String[][] columns) {
    int f = layout.categoryCount();
    for (int r = 0; r < layout.countryCount(); r++) {
      for (int c = 0; c < f; c++) {
        fdColumns.put(key(layout.countries().get(r), categoryNames.get(c)), layout.finalDemandColumn(r, c));
      }
    }
    boolean[] seen = new boolean[layout.finalDemandColumns()];
    for (String[] c : columns) {
      int col = fdColumns.get(key(ExiobaseCodes.region(c[0]), c[1]));
      if (seen[col]) {
        throw new InvalidInputException(file, year, "column " + c[0] + " " + c[1], "duplicate column");
      }
      seen[col] = true;
    }
    requireAll(file, year, seen, "column", i -> regionLabels.get(layout.countries().get(i / f)) + " "
        + categoryNames.get(i % f), "every region needs every final-demand category");
  }

  private static void requireAll(String file, Integer year, boolean[] seen, String what,
      java.util.function.IntFunction<String> label, String rule) {
    int missing = 0;
    int first = -1;
    for (int i = 0; i < seen.length; i++) {
      if (!seen[i]) {
        missing++;
        first = first < 0 ? i : first;
      }
    }
    if (missing > 0) {
      throw new InvalidInputException(file, year, what + " " + label.apply(first), missing + " " + what
          + (missing > 1 ? "s" : "") + " missing (" + rule + "; file truncated?)");
    }
  }

  private static String key(String regionCode, String label) {
    return regionCode + '\u0000' + label;
  }

  Layout layout() {
    return layout;
  }

  /** pxp, ixi, or empty when neither the release nor the sector count says. */
  String system() {
    return system;
  }

  /** The layout row of (region label, sector label), or -1. */
  int row(String region, String sector) {
    return rows.getOrDefault(key(ExiobaseCodes.region(region), sector), -1);
  }

  /** The final-demand column of (region label, category label), or -1. */
  int fdColumn(String region, String category) {
    return fdColumns.getOrDefault(key(ExiobaseCodes.region(region), category), -1);
  }

  /** Sector names in layout order (the source's labels of the store's industries). */
  /** mrio.json's names: store country code → EXIOBASE's region name. */
  Map<String, String> countryNameMap() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    layout().countries().forEach(c -> m.put(c, ExiobaseCodes.regionName(c)));
    return m;
  }

  /** mrio.json's names: store industry code → EXIOBASE's sector (or product) name. */
  Map<String, String> industryNameMap() {
    return pairs(layout().industries(), sectorNames());
  }

  /** mrio.json's names: store category code → EXIOBASE's final-demand category name. */
  Map<String, String> categoryNameMap() {
    return pairs(layout().categories(), categoryNames());
  }

  private static Map<String, String> pairs(List<String> codes, List<String> names) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int k = 0; k < names.size(); k++) {
      m.put(codes.get(k), names.get(k));
    }
    return m;
  }

  List<String> sectorNames() {
    return sectorNames;
  }

  /** Category names in layout order. */
  List<String> categoryNames() {
    return categoryNames;
  }

  /** Store region code → the label in the file (e.g. AUT → AT). */
  Map<String, String> regionLabels() {
    return regionLabels;
  }
}
