package io.tivaspark.common.io.source;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes one Eora26 year in the published layout (tab-separated numbers without headers, labels in
 * {@code labels_*.txt}): G countries × N sectors (Eora26's sector names), Eora's 6 final-demand
 * categories and 6 primary inputs, m stressors, and optionally the {@code ROW} (statistical
 * discrepancy) row and column, negative cells included. Every cell is a function of (seed, block,
 * row, column), so a table of Eora26's real size (189 × 26 + ROW = 4,915 rows) is written without
 * holding it. Numbers are printed as Eora prints them (plain decimals, 8 significant digits) and
 * {@link #t}, {@link #fd}, ... return exactly the double a parser reads back. The primary inputs
 * close every column: Σ_i T_ij + Σ_k VA_kj = the row total of j (T and FD, ROW included).
 */
final class EoraFixture {
  static final String[] SECTORS = {"Agriculture", "Fishing", "Mining and Quarrying", "Food & Beverages",
    "Textiles and Wearing Apparel", "Wood and Paper", "Petroleum, Chemical and Non-Metallic Mineral Products",
    "Metal Products", "Electrical and Machinery", "Transport Equipment", "Other Manufacturing", "Recycling",
    "Electricity, Gas and Water", "Construction", "Maintenance and Repair", "Wholesale Trade", "Retail Trade",
    "Hotels and Restraurants", "Transport", "Post and Telecommunications",
    "Finacial Intermediation and Business Activities", "Public Administration",
    "Education, Health and Other Services", "Private Households", "Others", "Re-export & Re-import"};
  static final String[] CATEGORIES = {"Household final consumption P.3h",
    "Non-profit institutions serving households P.3n", "Government final consumption P.3g",
    "Gross fixed capital formation P.51", "Changes in inventories P.52",
    "Acquisitions less disposals of valuables P.53"};
  static final String[] PRIMARY = {"Compensation of employees D.1", "Taxes on production D.29",
    "Subsidies on production D.39", "Net operating surplus B.2n", "Net mixed income B.3n",
    "Consumption of fixed capital K.1"};

  final int g;
  final int nInd;
  final boolean row;
  final int m;
  private final long seed;
  private final double[] rowTotal;
  private final double[] colT;

  EoraFixture(int countries, int sectors, boolean row, int stressors, long seed) {
    this.g = countries;
    this.nInd = sectors;
    this.row = row;
    this.m = stressors;
    this.seed = seed;
    int nt = nT();
    rowTotal = new double[nt];
    colT = new double[nt];
    for (int i = 0; i < nt; i++) {
      for (int j = 0; j < nt; j++) {
        double v = t(i, j);
        rowTotal[i] += v;
        colT[j] += v;
      }
      for (int c = 0; c < nFd(); c++) {
        rowTotal[i] += fd(i, c);
      }
    }
  }

  int n() { return g * nInd; }
  int nT() { return n() + (row ? 1 : 0); }
  int fCount() { return CATEGORIES.length; }
  int nFd() { return g * fCount() + (row ? 1 : 0); }
  boolean isRow(int line) { return row && line == n(); }
  boolean isRowFd(int col) { return row && col == g * fCount(); }
  static String code(int c) { return "C" + (char) ('A' + c / 26 / 26 % 26) + (char) ('A' + c / 26 % 26) + (char) ('A' + c % 26); }

  /** The published row total of line i: T row plus FD row, ROW columns included. */
  double rowTotal(int i) { return rowTotal[i]; }

  double t(int i, int j) {
    if (isRow(i) || isRow(j)) {
      return round8((u(1, i, j) - 0.6) * 2);
    }
    return round8(u(1, i, j) * 400.0 / nT());
  }

  double fd(int i, int c) {
    if (isRow(i) || isRowFd(c)) {
      return round8((u(2, i, c) - 0.5) * 4);
    }
    double u = u(2, i, c);
    return round8(c % fCount() == 4 ? (u - 0.5) * 20 : u * 800.0 / (g * fCount()));
  }

  /** Primary input k of column j: random shares of the column's remainder, the last one closing it. */
  double va(int k, int j) {
    double rest = rowTotal[j] - colT[j];
    if (k < PRIMARY.length - 1) {
      return round8(u(3, k, j) * rest / PRIMARY.length);
    }
    double sum = 0;
    for (int q = 0; q < PRIMARY.length - 1; q++) {
      sum += va(q, j);
    }
    return rest - sum;
  }

  double q(int s, int j) { return round8(u(4, s, j) * (isRow(j) ? 10 : 1000)); }

  double qy(int s, int c) { return c % fCount() == 0 || isRowFd(c) ? round8(u(5, s, c) * 100) : 0; }

  private double u(int block, int i, int j) {
    long z = seed * 0x9E3779B97F4A7C15L + block * 0xBF58476D1CE4E5B9L + i * 0x94D049BB133111EBL + j;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  /** v with 8 significant digits, as the double a parser reads from {@link #text}. */
  static double round8(double v) {
    if (v == 0) {
      return 0;
    }
    int d = 7 - (int) Math.floor(Math.log10(Math.abs(v)));
    if (d < 0 || d > 22) {
      return v;
    }
    long k = Math.round(Math.abs(v) * Math.pow(10, d));
    double w = k / Math.pow(10, d);
    return v < 0 ? -w : w;
  }

  /** The shortest text that reads back as v (Eora prints plain decimals; exponents appear for the closing cells). */
  static String text(double v) {
    String s = Double.toString(v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  // ---- labels ----

  List<String> labelsT() {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < g; c++) {
      for (int k = 0; k < nInd; k++) {
        out.add("Country " + c + "\t" + code(c) + "\tIndustries\t" + SECTORS[k]);
      }
    }
    if (row) {
      out.add("Statistical Discrepancies\tROW\tStatistical Discrepancies\tTOTAL");
    }
    return out;
  }

  List<String> labelsFd() {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < g; c++) {
      for (String cat : CATEGORIES) {
        out.add("Country " + c + "\t" + code(c) + "\tFinal Demand\t" + cat);
      }
    }
    if (row) {
      out.add("Statistical Discrepancies\tROW\tStatistical Discrepancies\tTOTAL");
    }
    return out;
  }

  List<String> labelsVa() {
    List<String> out = new ArrayList<>();
    for (String p : PRIMARY) {
      out.add("Primary input\t" + p);
    }
    return out;
  }

  List<String> labelsQ() {
    List<String> out = new ArrayList<>();
    for (int s = 0; s < m; s++) {
      out.add(s == 0 ? "CO2 emissions (Gg)\tTotal" : "Stressor " + s + " (kg)\tsource " + (s % 3));
    }
    return out;
  }

  // ---- files ----

  /** Writes the year's five blocks (and the labels when {@code labels}) into {@code dir}. */
  void writeDir(Path dir, int year, String price, boolean labels) throws IOException {
    Files.createDirectories(dir);
    for (String block : List.of("T", "FD", "VA", "Q", "QY")) {
      try (Writer w = Files.newBufferedWriter(dir.resolve(dataName(year, price, block)), StandardCharsets.UTF_8)) {
        writeBlock(w, block);
      }
    }
    if (labels) {
      for (String block : List.of("T", "FD", "VA", "Q")) {
        Files.write(dir.resolve("labels_" + block + ".txt"), labels(block), StandardCharsets.UTF_8);
      }
    }
  }

  /** Writes the year as Eora ships it: {@code Eora26_<year>_<price>.zip} (with the labels when {@code labels}). */
  void writeZip(Path zip, int year, String price, boolean labels) throws IOException {
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String block : List.of("T", "FD", "VA", "Q", "QY")) {
        z.putNextEntry(new ZipEntry(dataName(year, price, block)));
        Writer w = new BufferedWriter(new OutputStreamWriter(z, StandardCharsets.UTF_8), 1 << 16);
        writeBlock(w, block);
        w.flush();
        z.closeEntry();
      }
      if (labels) {
        writeLabels(z);
      }
    }
  }

  /** {@code indices.zip}: the labels alone, as newer releases ship them. */
  void writeIndices(Path zip) throws IOException {
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      writeLabels(z);
    }
  }

  private void writeLabels(ZipOutputStream z) throws IOException {
    for (String block : List.of("T", "FD", "VA", "Q")) {
      z.putNextEntry(new ZipEntry("labels_" + block + ".txt"));
      z.write((String.join("\n", labels(block)) + "\n").getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
  }

  static String dataName(int year, String price, String block) {
    return "Eora26_" + year + "_" + price + "_" + block + ".txt";
  }

  private List<String> labels(String block) {
    return switch (block) {
      case "T" -> labelsT();
      case "FD" -> labelsFd();
      case "VA" -> labelsVa();
      default -> labelsQ();
    };
  }

  private void writeBlock(Writer w, String block) throws IOException {
    int rows = switch (block) {
      case "T", "FD" -> nT();
      case "VA" -> PRIMARY.length;
      default -> m;
    };
    int cols = block.equals("FD") || block.equals("QY") ? nFd() : nT();
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      sb.setLength(0);
      for (int c = 0; c < cols; c++) {
        if (c > 0) {
          sb.append('\t');
        }
        sb.append(text(cell(block, r, c)));
      }
      sb.append('\n');
      w.write(sb.toString());
    }
  }

  double cell(String block, int r, int c) {
    return switch (block) {
      case "T" -> t(r, c);
      case "FD" -> fd(r, c);
      case "VA" -> va(r, c);
      case "Q" -> q(r, c);
      default -> qy(r, c);
    };
  }
}
