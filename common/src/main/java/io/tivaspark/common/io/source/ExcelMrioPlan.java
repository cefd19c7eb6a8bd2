package io.tivaspark.common.io.source;

import io.tivaspark.common.io.source.ExcelMrioCells.DataRow;
import io.tivaspark.common.io.source.ExcelMrioCells.HeaderRow;
import io.tivaspark.common.model.InvalidInputException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * What every row and column of a WIOD/ADB-layout sheet is, decided from the labels alone, never
 * from positions (docs/sources/wiod2016.md §2):
 *
 * <ul>
 *   <li>the <b>country header row</b>: the header row holding most of column C's country codes;
 *   <li>the <b>industry header row</b>: the header row whose label over each column, paired with
 *       the country above it, names a data row as (column C, column D) or (column C, column A);
 *       those columns are the intermediate block Z, in sheet order: countries and industries in
 *       order of first appearance, every country with every industry once;
 *   <li>the <b>industry rows</b>: the data rows named so, one per Z column;
 *   <li><b>final-demand columns</b>: the other columns under a country of Z; the category is the
 *       code over the column in the header row that pairs with column A (WIOD 2016:
 *       {@code CONS_h} …), else the number in the industry header row (WIOD 2013 {@code c37},
 *       ADB {@code F1}); every country needs the same categories;
 *   <li>the <b>output column</b>: a column whose header says {@code TOT}, {@code ToT}, {@code GO},
 *       {@code TOTAL} or "Total output";
 *   <li>every other data row is one of the {@link ExcelMrioRowKind}s, all of which must be present.
 * </ul>
 *
 * Anything else with a label or a value (an unknown column or row, values without a label, labels
 * without values) is an {@link InvalidInputException} naming the cell or row.
 */
final class ExcelMrioPlan {
  private static final Set<String> TOTAL_LABELS = Set.of("tot", "go", "total", "total output", "output");

  final List<String> countries = new ArrayList<>();
  final List<String> industryKeys = new ArrayList<>();
  final List<String> categories = new ArrayList<>();
  /** Category code → the description over its first column (the header row of descriptions), where there is one. */
  final Map<String, String> categoryNames = new LinkedHashMap<>();
  /** Store column j (entity-major) → sheet column. */
  int[] zColumns;
  /** Store row i → index in {@link ExcelMrioCells#data()}. */
  int[] zRows;
  /** Final-demand column (country · F + category) → sheet column. */
  int[] fdColumns;
  /** The output column, or -1. */
  int outputColumn = -1;
  /** Data-row index of each row kind. */
  final Map<ExcelMrioRowKind, Integer> kindRows = new EnumMap<>(ExcelMrioRowKind.class);
  /** Whether industries are named by column A (WIOD) rather than column D (ADB). */
  boolean industryCodesInA;

  private final ExcelMrioCells cells;
  private HeaderRow countryRow;
  private HeaderRow industryRow;
  private HeaderRow codeRow;
  private int pairing;

  private ExcelMrioPlan(ExcelMrioCells cells) {
    this.cells = cells;
  }

  /** Decides the plan of a sheet read into {@code cells}. */
  static ExcelMrioPlan decide(ExcelMrioCells cells) {
    ExcelMrioPlan p = new ExcelMrioPlan(cells);
    if (cells.data().isEmpty()) {
      throw new InvalidInputException(cells.source(), cells.year(), "sheet " + cells.sheet(),
          "no table: no row has a country code in column C that a header row above names");
    }
    p.findHeaderRows();
    p.intermediateColumns();
    p.industryRows();
    p.finalDemandColumns();
    p.otherColumns();
    p.otherRows();
    return p;
  }

  private InvalidInputException sheetError(String rule) {
    return new InvalidInputException(cells.source(), cells.year(), "sheet " + cells.sheet(), rule);
  }

  private static String key(String country, String industry) {
    return country + '\u0000' + industry;
  }

  /** The country header row, the industry header row and the pairing label column (D or A). */
  private void findHeaderRows() {
    Set<String> rowCountries = new HashSet<>();
    cells.data().forEach(r -> {
      if (!r.label(2).isEmpty()) {
        rowCountries.add(r.label(2));
      }
    });
    int best = 0;
    for (HeaderRow h : cells.header()) {
      int n = (int) h.cells().tailMap(ExcelMrioCells.LABELS).values().stream().filter(rowCountries::contains).count();
      if (n > best) {
        best = n;
        countryRow = h;
      }
    }
    if (countryRow == null) {
      throw sheetError("no header row names the countries of column C over the table's columns");
    }
    int bestPair = 0;
    for (int labelCol : new int[] {3, 0}) {
      Set<String> keys = rowKeys(labelCol);
      for (HeaderRow h : cells.header()) {
        int n = h == countryRow ? 0 : matches(h, keys);
        if (n > bestPair) {
          bestPair = n;
          industryRow = h;
          pairing = labelCol;
        }
      }
    }
    if (industryRow == null) {
      throw sheetError("no header row names the industries of the rows (column D or A) over the columns of"
          + " the intermediate block");
    }
    codeRow = pairing == 0 ? industryRow : bestRowFor(rowKeys(0));
  }

  private Set<String> rowKeys(int labelCol) {
    Set<String> keys = new HashSet<>();
    for (DataRow r : cells.data()) {
      if (!r.label(2).isEmpty() && !r.label(labelCol).isEmpty()) {
        keys.add(key(r.label(2), r.label(labelCol)));
      }
    }
    return keys;
  }

  private int matches(HeaderRow h, Set<String> keys) {
    int n = 0;
    for (Map.Entry<Integer, String> e : h.cells().tailMap(ExcelMrioCells.LABELS).entrySet()) {
      if (keys.contains(key(countryRow.at(e.getKey()), e.getValue()))) {
        n++;
      }
    }
    return n;
  }

  private HeaderRow bestRowFor(Set<String> keys) {
    HeaderRow best = null;
    int most = 0;
    for (HeaderRow h : cells.header()) {
      int n = h == countryRow || h == industryRow ? 0 : matches(h, keys);
      if (n > most) {
        most = n;
        best = h;
      }
    }
    return best;
  }

  /**
   * Z: the columns whose country and industry labels both occur in a column named (country,
   * industry) as some data row is (so a missing row is reported as such); complete G × N, each once.
   */
  private void intermediateColumns() {
    Set<String> keys = rowKeys(pairing);
    Set<String> zCountries = new HashSet<>();
    Set<String> zIndustries = new HashSet<>();
    SortedMap<Integer, String> labels = industryRow.cells().tailMap(ExcelMrioCells.LABELS);
    labels.forEach((col, ind) -> {
      if (keys.contains(key(countryRow.at(col), ind))) {
        zCountries.add(countryRow.at(col));
        zIndustries.add(ind);
      }
    });
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Map<String, Integer>> byCountry = new LinkedHashMap<>();
    for (Map.Entry<Integer, String> e : labels.entrySet()) {
      int col = e.getKey();
      String country = countryRow.at(col);
      String k = key(country, e.getValue());
      if (!zCountries.contains(country) || !zIndustries.contains(e.getValue())) {
        continue;
      }
      Integer prev = seen.put(k, col);
      if (prev != null) {
        throw cells.error(industryRow.row(), col, "column " + country + " " + e.getValue() + " appears twice (also "
            + ExcelWorkbook.columnName(prev) + ")");
      }
      if (!countries.contains(country)) {
        countries.add(country);
      }
      if (!industryKeys.contains(e.getValue())) {
        industryKeys.add(e.getValue());
      }
      byCountry.computeIfAbsent(country, c -> new HashMap<>()).put(e.getValue(), col);
    }
    int nInd = industryKeys.size();
    zColumns = new int[countries.size() * nInd];
    for (int c = 0; c < countries.size(); c++) {
      Map<String, Integer> cols = byCountry.get(countries.get(c));
      for (int i = 0; i < nInd; i++) {
        Integer col = cols.get(industryKeys.get(i));
        if (col == null) {
          throw sheetError("the intermediate block has no column " + countries.get(c) + " " + industryKeys.get(i)
              + " (every country needs every industry: " + nInd + ")");
        }
        zColumns[c * nInd + i] = col;
      }
    }
  }

  /** One data row per Z column, named (column C, the pairing column). */
  private void industryRows() {
    Map<String, Integer> index = new HashMap<>();
    for (int j = 0; j < zColumns.length; j++) {
      index.put(key(countries.get(j / industryKeys.size()), industryKeys.get(j % industryKeys.size())), j);
    }
    zRows = new int[zColumns.length];
    java.util.Arrays.fill(zRows, -1);
    List<DataRow> data = cells.data();
    for (int d = 0; d < data.size(); d++) {
      DataRow r = data.get(d);
      Integer i = index.get(key(r.label(2), r.label(pairing)));
      if (i == null) {
        continue;
      }
      if (zRows[i] >= 0) {
        throw cells.error(r.row, -1, "row " + r.label(2) + " " + r.label(pairing) + " appears twice (also row "
            + (data.get(zRows[i]).row + 1) + ")");
      }
      zRows[i] = d;
    }
    for (int i = 0; i < zRows.length; i++) {
      if (zRows[i] < 0) {
        throw sheetError("no row " + countries.get(i / industryKeys.size()) + " " + industryKeys.get(i % industryKeys.size())
            + " for the column of the intermediate block (every column needs its row)");
      }
    }
    industryCodesInA = true;
    for (int d : zRows) {
      industryCodesInA &= !data.get(d).label(0).isEmpty();
    }
  }

  /** Final demand: the other columns under a country of Z; the category from the code or number row. */
  private void finalDemandColumns() {
    Set<Integer> z = new HashSet<>();
    for (int c : zColumns) {
      z.add(c);
    }
    Map<String, Map<String, Integer>> byCountry = new LinkedHashMap<>();
    for (Map.Entry<Integer, String> e : countryRow.cells().tailMap(ExcelMrioCells.LABELS).entrySet()) {
      int col = e.getKey();
      if (z.contains(col) || !countries.contains(e.getValue())) {
        continue;
      }
      String cat = codeRow != null && !codeRow.at(col).isEmpty() ? codeRow.at(col) : industryRow.at(col);
      if (cat.isEmpty()) {
        throw cells.error(industryRow.row(), col, "final-demand column of " + e.getValue() + " without a category code");
      }
      Integer prev = byCountry.computeIfAbsent(e.getValue(), c -> new LinkedHashMap<>()).put(cat, col);
      if (prev != null) {
        throw cells.error(industryRow.row(), col, "final-demand column " + e.getValue() + " " + cat + " appears twice");
      }
      if (!categories.contains(cat)) {
        categories.add(cat);
        String name = description(col);
        if (name != null) {
          categoryNames.put(cat, name);
        }
      }
    }
    if (categories.isEmpty()) {
      throw sheetError("no final-demand columns (columns under a country of the intermediate block)");
    }
    fdColumns = new int[countries.size() * categories.size()];
    for (int c = 0; c < countries.size(); c++) {
      Map<String, Integer> cols = byCountry.getOrDefault(countries.get(c), Map.of());
      for (int f = 0; f < categories.size(); f++) {
        Integer col = cols.get(categories.get(f));
        if (col == null) {
          throw sheetError("no final-demand column " + countries.get(c) + " " + categories.get(f)
              + " (every country needs every category: " + String.join(" ", categories) + ")");
        }
        fdColumns[c * categories.size() + f] = col;
      }
    }
  }

  /**
   * The description over a column: the cell of the first header row other than the country,
   * industry-number and code rows that holds words (a space), e.g. WIOD's "Final consumption
   * expenditure by households" over {@code CONS_h}; null when no header row has one.
   */
  private String description(int col) {
    for (HeaderRow h : cells.header()) {
      String s = h.at(col).strip();
      if (h != countryRow && h != industryRow && h != codeRow && s.indexOf(' ') > 0) {
        return s.replaceAll("\\s+", " ");
      }
    }
    return null;
  }

  /** The output column; any other column with a header label, or with values, is an error. */
  private void otherColumns() {
    int width = ExcelMrioCells.LABELS;
    for (HeaderRow h : cells.header()) {
      width = Math.max(width, h.cells().lastKey() + 1);
    }
    for (DataRow r : cells.data()) {
      width = Math.max(width, r.values.length + ExcelMrioCells.LABELS);
    }
    boolean[] known = new boolean[width];
    for (int c : zColumns) {
      known[c] = true;
    }
    for (int c : fdColumns) {
      known[c] = true;
    }
    findOutputColumn(known);
    for (HeaderRow h : List.of(countryRow, industryRow)) {
      h.cells().tailMap(ExcelMrioCells.LABELS).forEach((col, text) -> {
        if (!known[col]) {
          throw cells.error(h.row(), col, "unknown column '" + ExcelMrioCells.shorten(text)
              + "' (neither the intermediate block, final demand of a country, nor output)");
        }
      });
    }
    for (DataRow r : cells.data()) {
      for (int k = 0; k < r.values.length; k++) {
        if (!Double.isNaN(r.values[k]) && !known[k + ExcelMrioCells.LABELS]) {
          throw cells.error(r.row, k + ExcelMrioCells.LABELS, "a value in a column without a header label");
        }
      }
    }
  }

  /** The one column, neither Z nor final demand, whose header says TOT, GO, TOTAL, "Total output". */
  private void findOutputColumn(boolean[] known) {
    for (HeaderRow h : cells.header()) {
      h.cells().tailMap(ExcelMrioCells.LABELS).forEach((col, text) -> {
        if (!known[col] && TOTAL_LABELS.contains(text.toLowerCase(Locale.ROOT))) {
          if (outputColumn >= 0 && outputColumn != col) {
            throw cells.error(h.row(), col, "a second output column (the first is "
                + ExcelWorkbook.columnName(outputColumn) + ")");
          }
          outputColumn = col;
        }
      });
    }
    if (outputColumn >= 0) {
      known[outputColumn] = true;
    }
  }

  /** The rows under Z: each known kind once, all present; unknown labelled rows are errors. */
  private void otherRows() {
    Set<Integer> industry = new HashSet<>();
    for (int d : zRows) {
      industry.add(d);
    }
    List<DataRow> data = cells.data();
    for (int d = 0; d < data.size(); d++) {
      DataRow r = data.get(d);
      if (industry.contains(d)) {
        if (r.count == 0) {
          throw cells.error(r.row, -1, "row " + r.label(2) + " " + r.label(pairing)
              + " has labels but no values (label block shifted by a row?)");
        }
        continue;
      }
      classify(d, r);
    }
    List<String> missing = new ArrayList<>();
    for (ExcelMrioRowKind k : ExcelMrioRowKind.values()) {
      if (!kindRows.containsKey(k)) {
        missing.add(k.codes());
      }
    }
    if (!missing.isEmpty()) {
      throw sheetError("rows " + String.join(", ", missing) + " missing under the intermediate block (table truncated?)");
    }
  }

  private void classify(int d, DataRow r) {
    boolean onlyDescription = r.label(0).isEmpty() && r.label(2).isEmpty() && r.label(3).isEmpty();
    if (r.count == 0 && onlyDescription) {
      return; // a blank row, or a note under the table (the ADB's "$ = United States dollar; ...")
    }
    if (!r.hasLabel()) {
      throw cells.error(r.row, -1, "values in a row without a label (label block shifted by a row?)");
    }
    ExcelMrioRowKind kind = ExcelMrioRowKind.of(r.labels);
    String name = String.join(" ", r.labels).strip().replaceAll("\\s+", " ");
    if (kind == null) {
      throw cells.error(r.row, -1, "unknown row '" + ExcelMrioCells.shorten(name) + "' (neither an industry of the"
          + " intermediate block nor one of the rows II_fob/r60, TXSP/r99, EXP_adj/r61, PURR/r62, PURNR/r63,"
          + " VA/r64, IntTTM/trs, GO/r69)");
    }
    if (r.count == 0) {
      throw cells.error(r.row, -1, "row '" + ExcelMrioCells.shorten(name) + "' has labels but no values (label block"
          + " shifted by a row?)");
    }
    Integer prev = kindRows.put(kind, d);
    if (prev != null) {
      throw cells.error(r.row, -1, "row " + kind.codes() + " appears twice (also row " + (cells.data().get(prev).row + 1) + ")");
    }
  }

  /** The texts of the header rows' label block (title, legend, unit), top to bottom. */
  List<String> headerNotes() {
    List<String> out = new ArrayList<>();
    for (HeaderRow h : cells.header()) {
      h.cells().headMap(ExcelMrioCells.LABELS).values().forEach(out::add);
    }
    return out;
  }

  /** Every text in the header rows, label block included (for recognising a layout). */
  Set<String> headerTexts() {
    Set<String> out = new HashSet<>();
    cells.header().forEach(h -> out.addAll(h.cells().values()));
    return out;
  }

  /** The label of the pairing column (column D, or A) of data row {@code d}. */
  String industryKeyOf(DataRow r) {
    return r.label(pairing);
  }
}
