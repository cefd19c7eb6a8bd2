package io.tivaspark.common.io;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The published OECD ICIO CSV layouts, for writing test and benchmark files in the shape of
 * each edition (formats.md §2). {@link IcioCsv} reads every one of them by label.
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
    OutputStream os = Files.newOutputStream(file);
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      os = new GZIPOutputStream(os, 1 << 16) {
        {
          def.setLevel(java.util.zip.Deflater.BEST_SPEED);
        }
      };
    }
    try (Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 20)) {
      write(t, w);
    }
  }

  /** Writes one year in this edition's layout. */
  public void write(MrioYear t, Writer out) throws IOException {
    Layout l = t.layout();
    if (!extended && !l.splits().isEmpty()) {
      throw new IllegalArgumentException(this + " has no split entities; generate the table without splits");
    }
    int n = l.n();
    int nInd = l.industryCount();
    double[] z = t.z();
    double[] yf = t.finalDemand();

    // Z rows/columns: label and layout row (-1: the merged country's own all-zero row)
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
    // FD columns: label and final-demand column
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
    boolean discColumn = ICIO2016 == this && discCat >= 0;

    // totals
    double[][] totals = IcioCsv.outputTotals(t);
    double[] xRow = totals[0];
    double[] xCol = totals[1];

    StringBuilder sb = new StringBuilder(1 << 16);
    sb.append(corner);
    for (String s : zLabel) {
      sb.append(',').append(s);
    }
    for (String s : fdLabel) {
      sb.append(',').append(s);
    }
    if (discColumn) {
      sb.append(",DISC");
    }
    if (outCol != null) {
      sb.append(',').append(outCol);
    }
    sb.append('\n');
    out.write(sb.toString());
    int cols = zLabel.size();
    for (int a = 0; a < cols; a++) {
      sb.setLength(0);
      sb.append(zLabel.get(a));
      int i = zRow.get(a);
      for (int b = 0; b < cols; b++) {
        int j = zRow.get(b);
        IcioCsv.appendNumber(sb.append(','), i < 0 || j < 0 ? 0 : z[i + j * n]);
      }
      for (int f : fdCol) {
        IcioCsv.appendNumber(sb.append(','), i < 0 ? 0 : yf[i + f * n]);
      }
      if (discColumn) {
        double d = 0;
        if (i >= 0) {
          for (int c = 0; c < l.countryCount(); c++) {
            d += yf[i + l.finalDemandColumn(c, discCat) * n];
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
    // value-added rows
    Map<String, double[]> va = t.valueAdded();
    List<String> rowNames = new ArrayList<>();
    List<double[]> rowValues = new ArrayList<>();
    switch (vam) {
      case SUM -> {
        double[] sum = new double[n];
        for (double[] v : va.values()) {
          for (int j = 0; j < n; j++) {
            sum[j] += v[j];
          }
        }
        rowNames.add("VA+TAXSUB");
        rowValues.add(sum);
      }
      case TAXSUB -> {
        double[] tls = va.get("TLS");
        for (int c = 0; c < l.countryCount(); c++) {
          double[] row = new double[n];
          if (tls != null) {
            for (int j : l.rowsOfCountry(c)) {
              row[j] = tls[j];
            }
          }
          rowNames.add(l.countries().get(c) + "_TAXSUB");
          rowValues.add(row);
        }
        double[] rest = new double[n];
        va.forEach((k, v) -> {
          if (!k.equals("TLS")) {
            for (int j = 0; j < n; j++) {
              rest[j] += v[j];
            }
          }
        });
        rowNames.add("VALU");
        rowValues.add(rest);
      }
      case NAMED -> {
        List<String> comps = new ArrayList<>(va.keySet());
        comps.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        for (String k : comps) {
          rowNames.add(k);
          rowValues.add(va.get(k));
        }
      }
      default -> throw new IllegalStateException();
    }
    rowNames.add(outRow);
    rowValues.add(xCol);
    int trailing = fdLabel.size() + (discColumn ? 1 : 0) + (outCol != null ? 1 : 0);
    String filler = categoryFirst ? "," : ",0"; // 2016 leaves these cells empty
    for (int r = 0; r < rowNames.size(); r++) {
      sb.setLength(0);
      sb.append(rowNames.get(r));
      double[] v = rowValues.get(r);
      for (int b = 0; b < cols; b++) {
        int j = zRow.get(b);
        IcioCsv.appendNumber(sb.append(','), j < 0 ? 0 : v[j]);
      }
      for (int k = 0; k < trailing; k++) {
        sb.append(filler);
      }
      sb.append('\n');
      out.write(sb.toString());
    }
    out.flush();
  }

  private static int rank(String comp) {
    return comp.equals("TLS") ? 0 : comp.equals("VA") ? 1 : 2;
  }
}
