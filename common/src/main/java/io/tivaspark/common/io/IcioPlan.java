package io.tivaspark.common.io;

import io.tivaspark.common.io.IcioCsv.DiscMode;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The header plan of an ICIO-layout CSV ({@link IcioCsv}), decided from the labels alone, before
 * any value is read: which columns are intermediate (Z), final demand, output or DISC, which rows
 * are intermediate, value-added components or output, the layout, the edition the labels look
 * like, and the split countries. Each step below takes the outcome of the previous ones and
 * either returns a small record or throws {@link InvalidInputException} naming one rule; the
 * steps run in a fixed order, so the first violation of a file is always the same one.
 */
final class IcioPlan {

  static final Set<String> OUTPUT_LABELS = Set.of("OUT", "OUTPUT", "TOTAL", "TOT", "GO");
  private static final Pattern LOOKS_LIKE_DATA_LABEL = Pattern.compile("[A-Za-z0-9]{3}_.+");

  /** Column role: the output column (row role: the output row). */
  static final int ROLE_OUT = -1;
  /** Column or row role: the merged country's own (all-zero) column or row of a split country. */
  static final int ROLE_DROP = -2;
  /** Column role: the single DISC column of the 2016 edition. */
  static final int ROLE_DISC = -3;
  /** Column role {@code ROLE_BASE - f}: final-demand column f; row role: value-added component. */
  static final int ROLE_BASE = -10;
  /** Column role while the layout is not known yet: an intermediate column. */
  private static final int ROLE_Z_PENDING = Integer.MIN_VALUE;

  /**
   * The labels pass 1 of the reader collects: the header cells (stripped; [0] is the corner) and
   * its line, the first cell of every data line and that line's number.
   */
  record Labels(String source, int year, String[] header, int headerLine, List<String> rowLabels,
      List<Integer> rowLines) {}

  /**
   * Roles of the data rows: {@code >= 0} a row of Z (its layout row), {@link #ROLE_OUT},
   * {@link #ROLE_DROP}, or {@code ROLE_BASE - k} value-added component k of {@code components}
   * (per-country {@code CCC_TAXSUB} rows all map to {@code TLS}).
   */
  record RowRoles(int[] role, List<String> components) {}

  /**
   * The plan: the layout; per column a role ({@code >= 0} a Z column, {@link #ROLE_OUT},
   * {@link #ROLE_DROP}, {@link #ROLE_DISC}, {@code ROLE_BASE - f} final-demand column f); the row
   * roles; whether OUT is a column and/or a row; the edition; the final-demand category the DISC
   * column goes to (-1: none, or dropped); the note on split countries (null: none).
   */
  record Plan(Layout layout, int[] colRole, RowRoles rows, boolean hasOutCol, boolean hasOutRow,
      String edition, int discCat, String droppedNote) {}

  /** The column labels by name and the output column (-1: none). */
  private record ColumnScan(Map<String, Integer> index, int outCol) {}

  /**
   * The row labels by name; entities and industries of the intermediate rows, in order of first
   * appearance; the output row (-1: none); which rows are intermediate.
   */
  private record RowScan(Map<String, Integer> index, Set<String> entities, Set<String> industries, int outRow,
      boolean[] intermediate) {}

  /**
   * The non-intermediate columns read as final demand: per column a provisional role (Z columns
   * {@link #ROLE_Z_PENDING}), its country and category (null for other columns); the countries
   * and categories in order of first appearance (DISC appended when the DISC column is kept);
   * the DISC column (-1: none); whether labels are {@code CAT_CCC} (2016 edition).
   */
  private record FinalDemandScan(int[] colRole, String[] country, String[] category, Set<String> countries,
      List<String> categories, int discCol, boolean categoryFirst) {}

  private final Labels labels;
  private final String[] header;
  private final List<String> rowLabels;

  private IcioPlan(Labels labels) {
    this.labels = labels;
    this.header = labels.header();
    this.rowLabels = labels.rowLabels();
  }

  /** Decides the plan of a table from its labels; the split parents' own rows and columns are dropped. */
  static Plan decide(Labels labels, DiscMode discMode, boolean requireOutput) {
    return decide(labels, discMode, requireOutput, Set.of());
  }

  /**
   * Decides the plan of a table from its labels, keeping the own rows and columns of the split
   * parents in {@code memberParents} (CHN / MEX with non-zero cells of their own) as one more
   * entity of their split group, first: {@code MEX -> [MEX, MX1]}.
   */
  static Plan decide(Labels labels, DiscMode discMode, boolean requireOutput, Set<String> memberParents) {
    return new IcioPlan(labels).plan(discMode, requireOutput, memberParents);
  }

  private InvalidInputException error(String where, String rule) {
    return new InvalidInputException(labels.source(), labels.year(), where, rule);
  }

  private Plan plan(DiscMode discMode, boolean requireOutput, Set<String> memberParents) {
    checkHeader();
    ColumnScan cols = scanColumns();
    RowScan rows = scanRows(cols);
    checkFullGrid(rows);
    Set<String> parents = splitParentCandidates(rows.entities());
    checkCountryRows(rows, parents);
    FinalDemandScan fd = scanFinalDemand(cols, rows, parents, discMode);
    int discCat = fd.discCol() >= 0 && discMode == DiscMode.DOMESTIC ? fd.categories().size() - 1 : -1;
    String edition = edition(rows, fd);
    checkRequiredRows(edition, rows, cols.outCol() >= 0);
    Map<String, List<String>> splits = splits(rows.entities(), fd, memberParents);
    Layout layout = layout(rows.entities(), rows.industries(), fd.categories(), splits);
    int[] colRole = columnRoles(layout, fd, discCat);
    RowRoles rowRoles = rowRoles(layout, rows);
    String droppedNote = droppedNote(splits);
    if (requireOutput && cols.outCol() < 0 && rows.outRow() < 0) {
      throw error(null, "missing OUT row (no output row or column OUT/OUTPUT/TOTAL)");
    }
    return new Plan(layout, colRole, rowRoles, cols.outCol() >= 0, rows.outRow() >= 0, edition, discCat,
        droppedNote);
  }

  /** At least one column label; a corner cell that is not itself a data or output label. */
  private void checkHeader() {
    if (header.length < 2) {
      String first = header.length == 0 ? "" : header[0];
      throw error("line " + labels.headerLine(), "header has no column labels"
          + (first.indexOf(';') >= 0 ? " (semicolon-separated? the delimiter must be a comma)"
              : first.indexOf('\t') >= 0 ? " (tab-separated? the delimiter must be a comma)" : ""));
    }
    String corner = header[0];
    if (LOOKS_LIKE_DATA_LABEL.matcher(corner).matches() || OUTPUT_LABELS.contains(corner.toUpperCase(Locale.ROOT))) {
      throw error("column " + corner,
          "the first header cell must be the corner of the row-label column, not a data label");
    }
  }

  /** Column labels: non-empty, unique, at most one output column. */
  private ColumnScan scanColumns() {
    Map<String, Integer> colIndex = new HashMap<>();
    int outCol = -1;
    for (int c = 1; c < header.length; c++) {
      String label = header[c];
      if (label.isEmpty()) {
        throw error("line " + labels.headerLine() + ", column " + (c + 1), "empty column label");
      }
      if (colIndex.put(label, c) != null) {
        throw error("column " + label, "duplicate column label");
      }
      if (OUTPUT_LABELS.contains(label.toUpperCase(Locale.ROOT))) {
        if (outCol >= 0) {
          throw error("column " + label, "second output column (already have " + header[outCol] + ")");
        }
        outCol = c;
      }
    }
    return new ColumnScan(colIndex, outCol);
  }

  /**
   * Row labels: non-empty, unique, at most one output row; intermediate rows are the labels that
   * are also (non-output) column labels, each {@code CCC_IND} split at the first underscore.
   */
  private RowScan scanRows(ColumnScan cols) {
    Map<String, Integer> seenRows = new HashMap<>();
    Set<String> entities = new LinkedHashSet<>();
    Set<String> industries = new LinkedHashSet<>();
    int outRow = -1;
    boolean[] intermediate = new boolean[rowLabels.size()];
    for (int r = 0; r < rowLabels.size(); r++) {
      String label = rowLabels.get(r);
      String where = "row " + label;
      if (label.isEmpty()) {
        throw error("line " + labels.rowLines().get(r), "empty row label");
      }
      Integer prev = seenRows.put(label, r);
      if (prev != null) {
        throw error(where, "duplicate row label (lines " + labels.rowLines().get(prev) + " and "
            + labels.rowLines().get(r) + ")");
      }
      if (OUTPUT_LABELS.contains(label.toUpperCase(Locale.ROOT))) {
        if (outRow >= 0) {
          throw error(where, "second output row (already have " + rowLabels.get(outRow) + ")");
        }
        outRow = r;
        continue;
      }
      Integer c = cols.index().get(label);
      if (c != null && c != cols.outCol()) {
        int us = label.indexOf('_');
        if (us <= 0 || us == label.length() - 1) {
          throw error(where, "label is not CCC_IND");
        }
        intermediate[r] = true;
        entities.add(label.substring(0, us));
        industries.add(label.substring(us + 1));
      }
    }
    if (entities.isEmpty()) {
      throw error(null, "no intermediate rows: no row label CCC_IND is also a column label");
    }
    return new RowScan(seenRows, entities, industries, outRow, intermediate);
  }

  /** Every entity × industry pair is a row. */
  private void checkFullGrid(RowScan rows) {
    for (String e : rows.entities()) {
      for (String i : rows.industries()) {
        String label = e + "_" + i;
        if (!rows.index().containsKey(label)) {
          throw error("row " + label, "missing row: every entity needs every industry");
        }
      }
    }
  }

  /** The countries CHN / MEX whose parts CN1.. / MX1.. appear among the entities. */
  private static Set<String> splitParentCandidates(Set<String> entities) {
    Set<String> parents = new HashSet<>();
    for (String e : entities) {
      String p = IcioCsv.SPLIT_PARENT.get(e);
      if (p != null) {
        parents.add(p);
      }
    }
    return parents;
  }

  /** Non-intermediate rows shaped CCC_X for a known country: only CCC_TAXSUB is allowed. */
  private void checkCountryRows(RowScan rows, Set<String> parents) {
    for (int r = 0; r < rowLabels.size(); r++) {
      if (rows.intermediate()[r] || r == rows.outRow()) {
        continue;
      }
      String label = rowLabels.get(r);
      int us = label.indexOf('_');
      if (us <= 0) {
        continue;
      }
      String p = label.substring(0, us);
      String s = label.substring(us + 1);
      if ((rows.entities().contains(p) || parents.contains(p)) && !s.equalsIgnoreCase("TAXSUB")) {
        throw error("row " + label, "label is CCC_IND but there is no column " + label
            + " (rows of a country other than CCC_IND are only CCC_TAXSUB)");
      }
    }
  }

  /**
   * Every column that is not intermediate nor output: the DISC column, or a final-demand column
   * {@code CCC_CAT} (or {@code CAT_CCC}, 2016) of a country with rows (or a split parent).
   */
  private FinalDemandScan scanFinalDemand(ColumnScan cols, RowScan rows, Set<String> parents, DiscMode discMode) {
    int m = header.length;
    int[] colRole = new int[m];
    int discCol = -1;
    boolean categoryFirst = false;
    String[] fdCountry = new String[m];
    String[] fdCategory = new String[m];
    Set<String> fdCountries = new LinkedHashSet<>();
    List<String> categories = new ArrayList<>();
    for (int c = 1; c < m; c++) {
      String label = header[c];
      if (c == cols.outCol()) {
        colRole[c] = ROLE_OUT;
        continue;
      }
      if (label.equalsIgnoreCase("DISC")) {
        if (discCol >= 0) {
          throw error("column " + label, "duplicate DISC column");
        }
        discCol = c;
        colRole[c] = ROLE_DISC;
        continue;
      }
      Integer r = rows.index().get(label);
      if (r != null && rows.intermediate()[r]) {
        colRole[c] = ROLE_Z_PENDING;
        continue;
      }
      String[] cc = countryAndCategory(label, rows, parents);
      categoryFirst |= cc[2] != null;
      fdCountry[c] = cc[0];
      fdCategory[c] = cc[1];
      fdCountries.add(cc[0]);
      if (!categories.contains(cc[1])) {
        categories.add(cc[1]);
      }
    }
    if (categories.isEmpty()) {
      throw error(null, "no final-demand columns (CCC_CAT)");
    }
    if (discCol >= 0 && discMode == DiscMode.DOMESTIC) {
      if (categories.contains("DISC")) {
        throw error("column " + header[discCol], "a DISC column and a final-demand category DISC");
      }
      categories.add("DISC");
    }
    return new FinalDemandScan(colRole, fdCountry, fdCategory, fdCountries, categories, discCol, categoryFirst);
  }

  /**
   * The country and category of a final-demand column label: {country, category, null} for
   * {@code CCC_CAT}, {country, category, "CAT_CCC"} for the 2016 {@code CAT_CCC}.
   */
  private String[] countryAndCategory(String label, RowScan rows, Set<String> parents) {
    int us = label.indexOf('_');
    if (us <= 0 || us == label.length() - 1) {
      throw error("column " + label, "label is not CCC_IND, a final-demand column CCC_CAT or an output column OUT");
    }
    String p = label.substring(0, us);
    String s = label.substring(us + 1);
    if (rows.entities().contains(p) && rows.industries().contains(s)) {
      throw error("column " + label, "label is CCC_IND but there is no row " + label);
    }
    if (rows.entities().contains(p) || parents.contains(p)) {
      return new String[] {p, s, null};
    }
    if (rows.entities().contains(s) || parents.contains(s)) {
      return new String[] {s, p, "CAT_CCC"}; // 2016 edition
    }
    throw error("column " + label,
        "not an intermediate column (no row " + label + ") nor a final-demand column CCC_CAT of a country with rows");
  }

  /** The edition the labels look like, by the final-demand labels, the value-added rows and the industry count. */
  private String edition(RowScan rows, FinalDemandScan fd) {
    boolean taxsubRows = false;
    for (int r = 0; r < rowLabels.size(); r++) {
      if (!rows.intermediate()[r] && rowLabels.get(r).toUpperCase(Locale.ROOT).endsWith("_TAXSUB")) {
        taxsubRows = true;
      }
    }
    int nInd = rows.industries().size();
    boolean anySplit = false;
    for (String e : rows.entities()) {
      anySplit |= IcioCsv.SPLIT_PARENT.containsKey(e) && fd.countries().contains(IcioCsv.SPLIT_PARENT.get(e));
    }
    if (fd.categoryFirst() || fd.discCol() >= 0) {
      return "ICIO 2016";
    } else if (taxsubRows) {
      return nInd == 36 ? "ICIO 2018" : nInd == 45 ? "ICIO 2021" : "ICIO 2018/2021 layout";
    } else if (rows.index().containsKey("TLS") || rows.index().containsKey("VA")) {
      return nInd == 45 ? (anySplit ? "ICIO 2023 extended" : "ICIO 2023 SML")
          : nInd == 50 ? "ICIO 2025" : "ICIO 2023 layout";
    }
    return "ICIO layout";
  }

  /**
   * The rows the layout of the recognised edition cannot lack: a file cut after whole lines
   * (its last rows lost) is not taken for a table without value added or output.
   * <ul>
   *   <li>value added proper: a row {@code VA}, {@code VALU} or {@code VA+TAXSUB} (named after
   *       the edition: 2016 {@code VA+TAXSUB}, 2018/2021 {@code VALU}, else {@code VA}); in the
   *       plain ICIO layout any value-added row;
   *   <li>taxes: {@code TLS} in the 2023 and 2025 editions;
   *   <li>the output row ({@code OUTPUT} in 2018/2021, else {@code OUT}) in every OECD edition
   *       (2016, 2018, 2021, 2023, 2025 by their industry counts), and in any table that has an
   *       output column.
   * </ul>
   */
  private void checkRequiredRows(String edition, RowScan scan, boolean hasOutCol) {
    Set<String> rows = scan.index().keySet();
    boolean plain = edition.equals("ICIO layout");
    boolean taxsub = edition.startsWith("ICIO 2018") || edition.equals("ICIO 2021");
    List<String> missing = new ArrayList<>();
    if (edition.equals("ICIO 2023 extended") || edition.equals("ICIO 2023 SML") || edition.equals("ICIO 2025")) {
      if (!rows.contains("TLS")) {
        missing.add("TLS");
      }
    }
    if (plain ? !anyValueAddedRow(scan.intermediate()) : !(rows.contains("VA") || rows.contains("VALU")
        || rows.contains("VA+TAXSUB"))) {
      missing.add(plain ? "VA (any value-added row)" : edition.equals("ICIO 2016") ? "VA+TAXSUB" : taxsub ? "VALU" : "VA");
    }
    if (scan.outRow() < 0 && (hasOutCol || !plain && !edition.equals("ICIO 2023 layout"))) {
      missing.add(taxsub ? "OUTPUT" : "OUT");
    }
    if (!missing.isEmpty()) {
      List<Integer> lines = labels.rowLines();
      throw error("after the last row " + rowLabels.get(rowLabels.size() - 1) + " (line "
          + lines.get(lines.size() - 1) + ")", "required row" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing) + " missing (file truncated?)");
    }
  }

  /** Whether any row is neither intermediate nor output (a value-added component). */
  private boolean anyValueAddedRow(boolean[] intermediate) {
    for (int r = 0; r < intermediate.length; r++) {
      if (!intermediate[r] && !OUTPUT_LABELS.contains(rowLabels.get(r).toUpperCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Split countries: parts CN1.. / MX1.. whose parent has final-demand columns (and they have
   * none); every final-demand country has rows (its own or its parts'). A parent in
   * {@code memberParents} that has rows of its own is the first member of its group.
   */
  private Map<String, List<String>> splits(Set<String> entities, FinalDemandScan fd, Set<String> memberParents) {
    Map<String, List<String>> splits = new LinkedHashMap<>();
    for (String e : entities) {
      String p = IcioCsv.SPLIT_PARENT.get(e);
      if (p == null || !fd.countries().contains(p)) {
        continue;
      }
      List<String> group = splits.computeIfAbsent(p, k -> new ArrayList<>());
      if (group.isEmpty() && memberParents.contains(p) && entities.contains(p)) {
        group.add(p);
      }
      group.add(e);
    }
    String firstCategory = fd.categories().get(0);
    for (Map.Entry<String, List<String>> sp : splits.entrySet()) {
      for (String part : sp.getValue()) {
        if (!part.equals(sp.getKey()) && fd.countries().contains(part)) {
          throw error("column " + part + "_" + firstCategory,
              "final-demand columns exist for both " + sp.getKey() + " and its part " + part);
        }
      }
    }
    for (String fc : fd.countries()) {
      if (!entities.contains(fc) && !splits.containsKey(fc)) {
        throw error("column " + fc + "_" + firstCategory, "country " + fc + " has no rows");
      }
    }
    return splits;
  }

  /** The layout: countries in order of first appearance among rows (parts count for their parent). */
  private Layout layout(Set<String> entities, Set<String> industries, List<String> categories,
      Map<String, List<String>> splits) {
    List<String> countries = new ArrayList<>();
    for (String e : entities) {
      String p = IcioCsv.SPLIT_PARENT.get(e);
      String country = p != null && splits.containsKey(p) ? p : e;
      if (!countries.contains(country)) {
        countries.add(country);
      }
    }
    try {
      return new Layout(countries, new ArrayList<>(industries), categories, splits);
    } catch (IllegalArgumentException ex) {
      throw error(null, "inconsistent labels: " + ex.getMessage());
    }
  }

  /** Final column roles; every (country, category) final-demand column exactly once (DISC aside). */
  private int[] columnRoles(Layout layout, FinalDemandScan fd, int discCat) {
    int[] colRole = fd.colRole().clone();
    int[] fdSeen = new int[layout.finalDemandColumns()];
    Arrays.fill(fdSeen, -1);
    for (int c = 1; c < header.length; c++) {
      if (colRole[c] == ROLE_Z_PENDING) {
        colRole[c] = intermediateRole(layout, header[c]);
      } else if (fd.country()[c] != null) {
        int fc = layout.finalDemandColumn(layout.countryIndex(fd.country()[c]), layout.categoryIndex(fd.category()[c]));
        if (fdSeen[fc] >= 0) {
          throw error("column " + header[c], "duplicate final-demand column (same as " + header[fdSeen[fc]] + ")");
        }
        fdSeen[fc] = c;
        colRole[c] = ROLE_BASE - fc;
      }
    }
    for (int fc = 0; fc < fdSeen.length; fc++) {
      if (fdSeen[fc] < 0 && fc % layout.categoryCount() != discCat) {
        String country = layout.countries().get(fc / layout.categoryCount());
        String cat = layout.categories().get(fc % layout.categoryCount());
        throw error("column " + country + "_" + cat, "missing final-demand column: every country needs every category ("
            + String.join(", ", layout.categories()) + ")");
      }
    }
    return colRole;
  }

  /** The layout row of an intermediate label, or {@link #ROLE_DROP} for the merged country's own. */
  private static int intermediateRole(Layout layout, String label) {
    int us = label.indexOf('_');
    int ent = layout.entityIndex(label.substring(0, us));
    return ent < 0 ? ROLE_DROP : layout.row(ent, layout.industryIndex(label.substring(us + 1)));
  }

  /** Row roles and the value-added components, in order of first appearance. */
  private RowRoles rowRoles(Layout layout, RowScan rows) {
    int[] rowRole = new int[rowLabels.size()];
    List<String> components = new ArrayList<>();
    Map<String, Integer> compIndex = new HashMap<>();
    for (int r = 0; r < rowRole.length; r++) {
      String label = rowLabels.get(r);
      if (r == rows.outRow()) {
        rowRole[r] = ROLE_OUT;
      } else if (rows.intermediate()[r]) {
        rowRole[r] = intermediateRole(layout, label);
      } else {
        String comp = label;
        int us = label.indexOf('_');
        if (us > 0 && label.substring(us + 1).equalsIgnoreCase("TAXSUB")) {
          comp = "TLS";
        }
        Integer idx = compIndex.get(comp);
        if (idx == null) {
          idx = components.size();
          compIndex.put(comp, idx);
          components.add(comp);
        }
        rowRole[r] = ROLE_BASE - idx;
      }
    }
    return new RowRoles(rowRole, components);
  }

  /**
   * "CHN is split into CN1, CN2; ..." (a parent kept as a member: "MEX is split into MEX (its own
   * non-zero rows and columns, kept), MX1") or null without splits.
   */
  private static String droppedNote(Map<String, List<String>> splits) {
    if (splits.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    splits.forEach((k, v) -> {
      sb.append(sb.length() == 0 ? "" : "; ").append(k).append(" is split into ");
      for (int i = 0; i < v.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(v.get(i))
            .append(v.get(i).equals(k) ? " (its own non-zero rows and columns, kept as a member)" : "");
      }
    });
    return sb.toString();
  }
}
