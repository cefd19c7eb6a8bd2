package io.tivaspark.common.io.source;

import io.tivaspark.common.io.source.FigaroLabels.Key;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header plan of one FIGARO IC-IOT, decided from its row and column labels alone (both
 * formats): the layout and, for every row and column, where its cells go (docs/sources/figaro.md
 * §4). Rows: {@code AREA_CODE} of every area × industry (or product), then the value-added rows
 * {@code W2_CODE}; columns: the same area × industry labels, then {@code AREA_CATEGORY}. Areas and
 * industries are taken in order of first appearance among the rows; every area needs every
 * industry (rows and columns) and every category that appears; a label twice, an area without
 * rows, a code that is neither an industry of the rows nor a category, or a missing value-added
 * row is an {@link InvalidInputException} naming the label.
 *
 * @param layout the store's layout (countries = ISO 3166-1 alpha-3 of the areas)
 * @param areas the FIGARO area of each entity, in layout order
 * @param rowRole per row label: the layout row k ≥ 0, or −(m + 1) for value-added component m
 * @param colRole per column label: the layout column k ≥ 0, or −(c + 1) for final-demand column c
 * @param components the value-added components (the W2 codes), in row order
 * @param products whether the industries are CPA products (a product-by-product table)
 */
record FigaroPlan(Layout layout, List<String> areas, int[] rowRole, int[] colRole, List<String> components,
    boolean products) {

  /** The FIGARO label of layout row k, e.g. {@code DE_C20} (for messages). */
  String rowLabel(int k) {
    return areas.get(layout.entityOfRow(k)) + "_" + layout.industries().get(layout.industryOfRow(k));
  }

  /** Decides the plan; {@code source} and {@code year} name the table in errors. */
  static FigaroPlan decide(String source, int year, List<Key> rows, List<Key> cols) {
    return new Decider(source, year).decide(rows, cols);
  }

  private static final class Decider {
    private final String source;
    private final int year;
    private final Map<String, Integer> areaIndex = new LinkedHashMap<>();
    private final Map<String, Integer> industryIndex = new LinkedHashMap<>();
    private final List<String> components = new ArrayList<>();

    Decider(String source, int year) {
      this.source = source;
      this.year = year;
    }

    private InvalidInputException error(String where, String rule) {
      return new InvalidInputException(source, year, where, rule);
    }

    FigaroPlan decide(List<Key> rows, List<Key> cols) {
      int[] rowKind = scanRows(rows);
      checkRowGrid(rows, rowKind);
      checkComponents(rows);
      List<String> categories = categories(cols);
      Layout layout = layout(categories);
      int[] rowRole = rowRoles(rows, rowKind, layout);
      int[] colRole = colRoles(cols, layout);
      boolean products = industryIndex.keySet().stream().allMatch(c -> c.startsWith("CPA_"));
      return new FigaroPlan(layout, List.copyOf(areaIndex.keySet()), rowRole, colRole, List.copyOf(components), products);
    }

    /** Areas, industries and components in order of first appearance; 1 = industry row, 0 = VA row. */
    private int[] scanRows(List<Key> rows) {
      int[] kind = new int[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        Key k = rows.get(r);
        if (k.area().equals(FigaroLabels.VA_AREA)) {
          checkSafe("row " + k.label(), k.code());
          components.add(k.code());
          continue;
        }
        if (FigaroLabels.CATEGORIES.contains(k.code())) {
          throw error("row " + k.label(), "a final-demand category in a row label (label block shifted?)");
        }
        checkSafe("row " + k.label(), k.area());
        checkSafe("row " + k.label(), k.code());
        areaIndex.putIfAbsent(k.area(), areaIndex.size());
        industryIndex.putIfAbsent(k.code(), industryIndex.size());
        kind[r] = 1;
      }
      if (areaIndex.isEmpty()) {
        throw error(null, "no country-industry rows (AREA_INDUSTRY labels)");
      }
      return kind;
    }

    private void checkSafe(String where, String code) {
      if (!FigaroLabels.safe(code)) {
        throw error(where, "code '" + code + "' is not a code (letters, digits, _ - . only)");
      }
    }

    /** Every area × industry row exactly once. */
    private void checkRowGrid(List<Key> rows, int[] rowKind) {
      int nInd = industryIndex.size();
      boolean[] seen = new boolean[areaIndex.size() * nInd];
      Map<String, Integer> vaSeen = new HashMap<>();
      for (int r = 0; r < rows.size(); r++) {
        Key k = rows.get(r);
        if (rowKind[r] == 0) {
          if (vaSeen.put(k.code(), r) != null) {
            throw error("row " + k.label(), "duplicate row");
          }
          continue;
        }
        int cell = areaIndex.get(k.area()) * nInd + industryIndex.get(k.code());
        if (seen[cell]) {
          throw error("row " + k.label(), "duplicate row");
        }
        seen[cell] = true;
      }
      for (int cell = 0; cell < seen.length; cell++) {
        if (!seen[cell]) {
          throw error("row " + nth(areaIndex, cell / nInd) + "_" + nth(industryIndex, cell % nInd),
              "missing row: every area needs every industry (" + areaIndex.size() + " areas x " + nInd + ")");
        }
      }
    }

    /** The value-added rows every FIGARO table has. */
    private void checkComponents(List<Key> rows) {
      List<String> missing = new ArrayList<>();
      for (String va : FigaroLabels.VA_ROWS) {
        if (!components.contains(va)) {
          missing.add(FigaroLabels.VA_AREA + "_" + va);
        }
      }
      if (!missing.isEmpty()) {
        throw error("after the last row " + rows.get(rows.size() - 1).label(), "required value-added row"
            + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " missing (file truncated?)");
      }
    }

    /** The categories among the columns, in order of first appearance; an unknown code is an error. */
    private List<String> categories(List<Key> cols) {
      List<String> cats = new ArrayList<>();
      for (Key k : cols) {
        String where = "column " + k.label();
        if (!areaIndex.containsKey(k.area())) {
          throw error(where, "area " + k.area() + " has no rows (every column area must be a row area)");
        }
        if (FigaroLabels.CATEGORIES.contains(k.code())) {
          if (!cats.contains(k.code())) {
            cats.add(k.code());
          }
        } else if (!industryIndex.containsKey(k.code())) {
          throw error(where, unknownColumnCode(k.code()));
        }
      }
      if (cats.isEmpty()) {
        throw error(null, "no final-demand columns (AREA_" + String.join(", AREA_", FigaroLabels.CATEGORIES) + ")");
      }
      return cats;
    }

    private String unknownColumnCode(String code) {
      boolean rowsProducts = industryIndex.keySet().iterator().next().startsWith("CPA_");
      if (rowsProducts != code.startsWith("CPA_")) {
        return "code " + code + " is not an industry of the rows: rows are " + (rowsProducts ? "products" : "industries")
            + " and columns are not (a FIGARO supply or use table? only the symmetric input-output tables are read)";
      }
      return "code " + code + " is neither an industry of the rows nor a final-demand category ("
          + String.join(", ", FigaroLabels.CATEGORIES) + ")";
    }

    private Layout layout(List<String> categories) {
      List<String> countries = new ArrayList<>();
      Map<String, String> byCode = new HashMap<>();
      for (String area : areaIndex.keySet()) {
        String code = FigaroLabels.storeArea(area);
        String prev = byCode.put(code, area);
        if (prev != null) {
          throw error("row " + area + "_" + nth(industryIndex, 0), "areas " + prev + " and " + area
              + " are both country " + code);
        }
        countries.add(code);
      }
      try {
        return new Layout(countries, List.copyOf(industryIndex.keySet()), categories);
      } catch (IllegalArgumentException e) {
        throw error(null, "inconsistent labels: " + e.getMessage());
      }
    }

    private int[] rowRoles(List<Key> rows, int[] rowKind, Layout layout) {
      int[] role = new int[rows.size()];
      for (int r = 0; r < role.length; r++) {
        Key k = rows.get(r);
        role[r] = rowKind[r] == 0 ? -(components.indexOf(k.code()) + 1)
            : layout.row(areaIndex.get(k.area()), industryIndex.get(k.code()));
      }
      return role;
    }

    /** Column roles; every area × industry and every area × category exactly once. */
    private int[] colRoles(List<Key> cols, Layout layout) {
      int n = layout.n();
      int[] role = new int[cols.size()];
      int[] seen = new int[n + layout.finalDemandColumns()];
      java.util.Arrays.fill(seen, -1);
      for (int c = 0; c < role.length; c++) {
        Key k = cols.get(c);
        int area = areaIndex.get(k.area());
        int cat = layout.categoryIndex(k.code());
        int slot = cat >= 0 ? n + layout.finalDemandColumn(area, cat) : layout.row(area, industryIndex.get(k.code()));
        if (seen[slot] >= 0) {
          throw error("column " + k.label(), "duplicate column");
        }
        seen[slot] = c;
        role[c] = slot < n ? slot : -(slot - n + 1);
      }
      for (int slot = 0; slot < seen.length; slot++) {
        if (seen[slot] < 0) {
          throw error("column " + missingColumn(layout, slot), "missing column: every area needs every industry and "
              + "every final-demand category (" + String.join(", ", layout.categories()) + ")");
        }
      }
      return role;
    }

    private String missingColumn(Layout layout, int slot) {
      int n = layout.n();
      if (slot < n) {
        return nth(areaIndex, layout.entityOfRow(slot)) + "_" + layout.industries().get(layout.industryOfRow(slot));
      }
      int fc = slot - n;
      int f = layout.categoryCount();
      return nth(areaIndex, fc / f) + "_" + layout.categories().get(fc % f);
    }

    private static String nth(Map<String, Integer> index, int i) {
      for (Map.Entry<String, Integer> e : index.entrySet()) {
        if (e.getValue() == i) {
          return e.getKey();
        }
      }
      throw new IllegalStateException("no entry " + i);
    }
  }
}
