package io.tivaspark.common.io;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The published OECD ICIO CSV layouts, for writing test and benchmark files in the shape of
 * each edition (docs/ingest.md §2.1). {@link IcioCsv} reads every one of them by label.
 *
 * <table>
 *   <tr><th>edition</th><th>corner</th><th>FD columns</th><th>value-added rows</th><th>output row / column</th><th>split entities</th></tr>
 *   <tr><td>2016</td><td>blank</td><td>{@code CAT_CCC}, category-major, plus one {@code DISC}</td><td>{@code VA+TAXSUB}</td><td>{@code OUT} / none</td><td>merged country's rows zero, parts after the last country</td></tr>
 *   <tr><td>2018, 2021</td><td>blank</td><td>{@code CCC_CAT}</td><td>one {@code CCC_TAXSUB} per country, {@code VALU}</td><td>{@code OUTPUT} / {@code TOTAL}</td><td>as 2016</td></tr>
 *   <tr><td>2023 extended</td><td>{@code V1}</td><td>{@code CCC_CAT}</td><td>{@code TLS}, {@code VA}</td><td>{@code OUT} / {@code OUT}</td><td>as 2016 (parts after ROW)</td></tr>
 *   <tr><td>2023 SML, 2025</td><td>{@code V1}</td><td>{@code CCC_CAT}</td><td>{@code TLS}, {@code VA}</td><td>{@code OUT} / {@code OUT}</td><td>none (the table must have no splits)</td></tr>
 * </table>
 *
 * <p>The category names, countries and industries are the table's own (the generator's are the
 * 2023 ones); the edition fixes only the shape and the labels around them. Taxes (component
 * {@code TLS}) go to the using country's own {@code CCC_TAXSUB} row in 2018/2021, and into
 * {@code VA+TAXSUB} with every other component in 2016. A final-demand category {@code DISC}
 * is written as the single 2016 {@code DISC} column (summed over countries).
 */
public enum IcioEdition {
  ICIO2016("", true, true, Vam.SUM, "OUT", null),
  ICIO2018("", false, true, Vam.TAXSUB, "OUTPUT", "TOTAL"),
  ICIO2021("", false, true, Vam.TAXSUB, "OUTPUT", "TOTAL"),
  ICIO2023("V1", false, true, Vam.NAMED, "OUT", "OUT"),
  ICIO2023_SML("V1", false, false, Vam.NAMED, "OUT", "OUT"),
  ICIO2025("V1", false, false, Vam.NAMED, "OUT", "OUT");

  private enum Vam { SUM, TAXSUB, NAMED }

  private final String corner;
  private final boolean categoryFirst;
  private final boolean extended;
  private final Vam vam;
  private final String outRow;
  private final String outCol;

  IcioEdition(String corner, boolean categoryFirst, boolean extended, Vam vam, String outRow, String outCol) {
    this.corner = corner;
    this.categoryFirst = categoryFirst;
    this.extended = extended;
    this.vam = vam;
    this.outRow = outRow;
    this.outCol = outCol;
  }

  /** Parses {@code 2016}, {@code 2018}, {@code 2021}, {@code 2023}, {@code 2023-sml}, {@code 2025}. */
  public static IcioEdition parse(String s) {
    String k = s.trim().toLowerCase(Locale.ROOT).replace("icio", "").replace('_', '-');
    return switch (k) {
      case "2016" -> ICIO2016;
      case "2018" -> ICIO2018;
      case "2021" -> ICIO2021;
      case "2023", "2023-extended" -> ICIO2023;
      case "2023-sml", "2023-small" -> ICIO2023_SML;
      case "2025", "2025-sml" -> ICIO2025;
      default -> throw new IllegalArgumentException("unknown ICIO edition '" + s
          + "' (known: 2016, 2018, 2021, 2023, 2023-sml, 2025)");
    };
  }

  /** Whether the edition writes split entities (CN1, MX1, ...) next to the merged country. */
  public boolean extended() { return extended; }

  /** Writes to a file, gzipped (fastest level) when the name ends in {@code .gz}. */
  public void write(MrioYear t, Path file) throws IOException {
    try (Writer w = IcioCsv.newWriter(file)) {
      write(t, w);
    }
  }

  /**
   * The columns (and Z rows) of a written table: Z labels with their layout row (-1: the merged
   * country's own all-zero row or column), final-demand labels with their final-demand column,
   * and the DISC category written as the single 2016 DISC column (-1: none).
   */
  private record Columns(List<String> zLabel, int[] zRow, List<String> fdLabel, int[] fdCol, int discCat) {
    boolean discColumn() { return discCat >= 0; }
  }

  /** Rows written below Z: a label and a value per layout column. */
  private record TotalsRow(String label, double[] values) {}

  /** Writes one year in this edition's layout. */
  public void write(MrioYear t, Writer out) throws IOException {
    Layout l = t.layout();
    if (!extended && !l.splits().isEmpty()) {
      throw new IllegalArgumentException(this + " has no split entities; generate the table without splits");
    }
    Columns cols = columns(l);
    double[][] totals = IcioCsv.outputTotals(t);
    StringBuilder sb = new StringBuilder(1 << 16);
    writeHeader(cols, sb, out);
    writeZRows(t, cols, totals[0], sb, out);
    List<TotalsRow> rows = valueAddedRows(t);
    rows.add(new TotalsRow(outRow, totals[1]));
    writeTotalsRows(rows, cols, sb, out);
    out.flush();
  }

  /** Rows below Z: values under the Z columns, then empty (2016) or 0 cells under the others. */
  private void writeTotalsRows(List<TotalsRow> rows, Columns cols, StringBuilder sb, Writer out) throws IOException {
    int trailing = cols.fdLabel().size() + (cols.discColumn() ? 1 : 0) + (outCol != null ? 1 : 0);
    String filler = categoryFirst ? "," : ",0"; // 2016 leaves these cells empty
    for (TotalsRow row : rows) {
      sb.setLength(0);
      sb.append(row.label());
      for (int j : cols.zRow()) {
        IcioCsv.appendNumber(sb.append(','), j < 0 ? 0 : row.values()[j]);
      }
      for (int k = 0; k < trailing; k++) {
        sb.append(filler);
      }
      sb.append('\n');
      out.write(sb.toString());
    }
  }

  /**
   * Z labels in country order (a split country's own entity in place, all zero, its parts after
   * the last country), then final-demand labels ({@code CAT_CCC} category-major in 2016, without
   * DISC; else {@code CCC_CAT}).
   */
  private Columns columns(Layout l) {
    int nInd = l.industryCount();
    List<String> zLabel = new ArrayList<>();
    List<Integer> zRow = new ArrayList<>();
    for (int c = 0; c < l.countryCount(); c++) {
      String code = l.countries().get(c);
      boolean split = l.splits().containsKey(code);
      for (int i = 0; i < nInd; i++) {
        zLabel.add(code + "_" + l.industries().get(i));
        zRow.add(split ? -1 : l.row(l.entityIndex(code), i));
      }
    }
    for (Map.Entry<String, List<String>> sp : l.splits().entrySet()) {
      for (String part : sp.getValue()) {
        for (int i = 0; i < nInd; i++) {
          zLabel.add(part + "_" + l.industries().get(i));
          zRow.add(l.row(l.entityIndex(part), i));
        }
      }
    }
    int discCat = ICIO2016 == this ? l.categoryIndex("DISC") : -1;
    List<String> fdLabel = new ArrayList<>();
    List<Integer> fdCol = new ArrayList<>();
    if (categoryFirst) {
      for (int k = 0; k < l.categoryCount(); k++) {
        if (k == discCat) {
          continue;
        }
        for (int c = 0; c < l.countryCount(); c++) {
          fdLabel.add(l.categories().get(k) + "_" + l.countries().get(c));
          fdCol.add(l.finalDemandColumn(c, k));
        }
      }
    } else {
      for (int c = 0; c < l.countryCount(); c++) {
        for (int k = 0; k < l.categoryCount(); k++) {
          fdLabel.add(l.countries().get(c) + "_" + l.categories().get(k));
          fdCol.add(l.finalDemandColumn(c, k));
        }
      }
    }
    return new Columns(zLabel, toArray(zRow), fdLabel, toArray(fdCol), discCat);
  }

  private static int[] toArray(List<Integer> v) {
    return v.stream().mapToInt(Integer::intValue).toArray();
  }

  private void writeHeader(Columns cols, StringBuilder sb, Writer out) throws IOException {
    sb.setLength(0);
    sb.append(corner);
    for (String s : cols.zLabel()) {
      sb.append(',').append(s);
    }
    for (String s : cols.fdLabel()) {
      sb.append(',').append(s);
    }
    if (cols.discColumn()) {
      sb.append(",DISC");
    }
    if (outCol != null) {
      sb.append(',').append(outCol);
    }
    sb.append('\n');
    out.write(sb.toString());
  }

  /** The Z rows: Z, final demand, the 2016 DISC column (summed over countries), the OUT column {@code xRow}. */
  private void writeZRows(MrioYear t, Columns cols, double[] xRow, StringBuilder sb, Writer out) throws IOException {
    Layout l = t.layout();
    int n = l.n();
    double[] z = t.z();
    double[] yf = t.finalDemand();
    int[] zRow = cols.zRow();
    for (int a = 0; a < zRow.length; a++) {
      int i = zRow[a];
      sb.setLength(0);
      sb.append(cols.zLabel().get(a));
      for (int j : zRow) {
        IcioCsv.appendNumber(sb.append(','), i < 0 || j < 0 ? 0 : z[i + j * n]);
      }
      for (int f : cols.fdCol()) {
        IcioCsv.appendNumber(sb.append(','), i < 0 ? 0 : yf[i + f * n]);
      }
      if (cols.discColumn()) {
        double d = 0;
        if (i >= 0) {
          for (int c = 0; c < l.countryCount(); c++) {
            d += yf[i + l.finalDemandColumn(c, cols.discCat()) * n];
          }
        }
        IcioCsv.appendNumber(sb.append(','), d);
      }
      if (outCol != null) {
        IcioCsv.appendNumber(sb.append(','), i < 0 ? 0 : xRow[i]);
      }
      sb.append('\n');
      out.write(sb.toString());
    }
  }
  /**
   * The value-added rows of this edition: one {@code VA+TAXSUB} summing every component (2016);
   * a {@code CCC_TAXSUB} row per country holding that country's columns of {@code TLS} and one
   * {@code VALU} summing the others (2018, 2021); each component by name, {@code TLS} and
   * {@code VA} first (2023, 2025).
   */
  private List<TotalsRow> valueAddedRows(MrioYear t) {
    Map<String, double[]> va = t.valueAdded();
    int n = t.n();
    List<TotalsRow> rows = new ArrayList<>();
    switch (vam) {
      case SUM -> rows.add(new TotalsRow("VA+TAXSUB", sum(va, null, n)));
      case TAXSUB -> {
        Layout l = t.layout();
        double[] tls = va.get("TLS");
        for (int c = 0; c < l.countryCount(); c++) {
          double[] row = new double[n];
          if (tls != null) {
            for (int j : l.rowsOfCountry(c)) {
              row[j] = tls[j];
            }
          }
          rows.add(new TotalsRow(l.countries().get(c) + "_TAXSUB", row));
        }
        rows.add(new TotalsRow("VALU", sum(va, "TLS", n)));
      }
      case NAMED -> {
        List<String> comps = new ArrayList<>(va.keySet());
        comps.sort((a, b) -> Integer.compare(IcioCsv.componentRank(a), IcioCsv.componentRank(b)));
        for (String k : comps) {
          rows.add(new TotalsRow(k, va.get(k)));
        }
      }
      default -> throw new IllegalStateException();
    }
    return rows;
  }

  /** The sum of the value-added components, leaving out {@code except} (null: none). */
  private static double[] sum(Map<String, double[]> va, String except, int n) {
    double[] sum = new double[n];
    va.forEach((k, v) -> {
      if (!k.equals(except)) {
        for (int j = 0; j < n; j++) {
          sum[j] += v[j];
        }
      }
    });
    return sum;
  }
}
