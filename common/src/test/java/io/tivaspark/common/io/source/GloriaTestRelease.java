package io.tivaspark.common.io.source;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A balanced GLORIA release in the published layout, for tests: {@code GLORIA_MRIOs_59_<year>/} with
 * the T-, Y-, V-Results (Markup001), {@code GLORIA_SatelliteAccounts_059_<year>/} with TQ-, YQ-Results
 * and {@code GLORIA_ReadMe_059.xlsx} (written with POI), in pymrio's folder layout so pymrio's
 * parse_gloria reads it too.
 *
 * <p>The supply table is block diagonal by region but <b>not</b> diagonal (each industry also makes
 * some of the next product), so the industry-technology conversion is exercised beyond GLORIA's
 * diagonal case. The table balances: V'1 = q = U1 + Y1 and 1'U + Σ w = g' = (V1)'.
 */
final class GloriaTestRelease {
  static final String PREFIX = "0_120secMother_AllCountries_002_";

  final int g;
  final int sectors;
  final int comps;
  final int cats;
  final int m;
  final int n;
  /** Supply V (n industries × n products), use U (n products × n industries), dense row-major. */
  final double[][] v;
  final double[][] u;
  /** Final demand (n products × G·F), value added by component (C × n industries, own region). */
  final double[][] y;
  final double[][] w;
  /** Satellites by industry (m × n) and by final-demand column (m × G·F). */
  final double[][] tq;
  final double[][] yq;

  GloriaTestRelease(int g, int sectors, int comps, int cats, int m, long seed) {
    this(g, sectors, comps, cats, m, seed, -1);
  }

  /**
   * With region {@code empty} (≥ 0) without any transaction (no supply, use, final demand, value
   * added or satellite entry), as GLORIA's DYE in 2022; the table still balances.
   */
  GloriaTestRelease(int g, int sectors, int comps, int cats, int m, long seed, int empty) {
    this.g = g;
    this.sectors = sectors;
    this.comps = comps;
    this.cats = cats;
    this.m = m;
    this.n = g * sectors;
    Random rnd = new Random(seed);
    v = new double[n][n];
    for (int i = 0; i < n; i++) {
      int r = i / sectors;
      double base = r == empty ? 0 : 100 + 900 * rnd.nextDouble();
      v[i][i] = base;
      v[i][r * sectors + (i % sectors + 1) % sectors] += 0.15 * base * rnd.nextDouble();
    }
    double[] gOut = rowSums(v);
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < n; p++) {
        q[p] += v[i][p];
      }
    }
    double total = 0;
    for (double x : gOut) {
      total += x;
    }
    u = new double[n][n];
    for (int k = 0; k < n; k++) {
      for (int j = 0; j < n; j++) {
        u[k][j] = 0.3 * q[k] * gOut[j] / total * (0.5 + rnd.nextDouble());
      }
    }
    y = split(q, rowSums(u), g * cats, rnd);
    tq = random(m, n, rnd);
    yq = random(m, g * cats, rnd);
    if (empty >= 0) {
      zeroRegion(empty, cats, y, yq);
      zeroRegion(empty, sectors, null, tq);
    }
    double[][] wt = split(gOut, colSums(u), comps, rnd);
    w = new double[comps][n];
    for (int c = 0; c < comps; c++) {
      for (int j = 0; j < n; j++) {
        w[c][j] = wt[j][c];
      }
    }
  }

  /** Moves the empty region's final demand (columns of rows) to the next region; zeroes its satellite columns. */
  private static void zeroRegion(int r, int width, double[][] rows, double[][] sat) {
    for (double[] row : rows == null ? new double[0][] : rows) {
      for (int c = r * width; c < (r + 1) * width; c++) {
        row[(c + width) % row.length] += row[c];
        row[c] = 0;
      }
    }
    for (double[] row : sat) {
      java.util.Arrays.fill(row, r * width, (r + 1) * width, 0);
    }
  }

  private static double[][] random(int rows, int cols, Random rnd) {
    double[][] a = new double[rows][cols];
    for (double[] r : a) {
      for (int c = 0; c < cols; c++) {
        r[c] = rnd.nextDouble() * 10;
      }
    }
    return a;
  }

  /** Row k: (total[k] − used[k]) split over {@code parts} columns with random positive weights. */
  private static double[][] split(double[] total, double[] used, int parts, Random rnd) {
    double[][] out = new double[total.length][parts];
    for (int k = 0; k < total.length; k++) {
      double[] wts = new double[parts];
      double s = 0;
      for (int c = 0; c < parts; c++) {
        wts[c] = 0.2 + rnd.nextDouble();
        s += wts[c];
      }
      for (int c = 0; c < parts; c++) {
        out[k][c] = (total[k] - used[k]) * wts[c] / s;
      }
    }
    return out;
  }

  static double[] rowSums(double[][] a) {
    double[] s = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      for (double x : a[i]) {
        s[i] += x;
      }
    }
    return s;
  }

  static double[] colSums(double[][] a) {
    double[] s = new double[a[0].length];
    for (double[] r : a) {
      for (int j = 0; j < r.length; j++) {
        s[j] += r[j];
      }
    }
    return s;
  }

  List<String> regions() {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < g; r++) {
      out.add(String.valueOf((char) ('A' + r)).repeat(3));
    }
    return out;
  }

  /** Position in T of industry (isIndustry) or product i (region-major, industries then products). */
  int t(int i, boolean isIndustry) {
    return (i / sectors) * 2 * sectors + (isIndustry ? 0 : sectors) + i % sectors;
  }

  double[][] tMatrix() {
    double[][] t = new double[2 * n][2 * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        t[t(i, true)][t(j, false)] = v[i][j];
        t[t(i, false)][t(j, true)] = u[i][j];
      }
    }
    return t;
  }

  double[][] yMatrix() {
    double[][] out = new double[2 * n][];
    for (int i = 0; i < n; i++) {
      out[t(i, true)] = new double[g * cats];
      out[t(i, false)] = y[i];
    }
    return out;
  }

  double[][] vaMatrix() {
    double[][] out = new double[g * comps][2 * n];
    for (int j = 0; j < n; j++) {
      for (int c = 0; c < comps; c++) {
        out[(j / sectors) * comps + c][t(j, true)] = w[c][j];
      }
    }
    return out;
  }

  double[][] tqMatrix() {
    double[][] out = new double[m][2 * n];
    for (int s = 0; s < m; s++) {
      for (int j = 0; j < n; j++) {
        out[s][t(j, true)] = tq[s][j];
      }
    }
    return out;
  }

  /** Writes the release under {@code root} in pymrio's layout; returns root. */
  Path write(Path root, int year) throws IOException {
    Path mrio = Files.createDirectories(root.resolve("GLORIA_MRIOs_59_" + year));
    Path sat = Files.createDirectories(root.resolve("GLORIA_SatelliteAccounts_059_" + year));
    writeCsv(mrio.resolve(name("T", year)), tMatrix());
    writeCsv(mrio.resolve(name("Y", year)), yMatrix());
    writeCsv(mrio.resolve(name("V", year)), vaMatrix());
    writeCsv(sat.resolve(name("TQ", year)), tqMatrix());
    writeCsv(sat.resolve(name("YQ", year)), yq);
    writeReadMe(root.resolve("GLORIA_ReadMe_059.xlsx"));
    return root;
  }

  static String name(String role, int year) {
    return PREFIX + role + "-Results_" + year + "_059_Markup001(full).csv";
  }

  static void writeCsv(Path file, double[][] rows) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      StringBuilder sb = new StringBuilder();
      for (double[] r : rows) {
        sb.setLength(0);
        for (int c = 0; c < r.length; c++) {
          sb.append(c == 0 ? "" : ",").append(r[c]);
        }
        out.write(sb.append('\n').toString().getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

  void writeReadMe(Path file) throws IOException {
    List<String> regs = regions();
    List<List<String>> regionRows = new ArrayList<>();
    for (int r = 0; r < g; r++) {
      regionRows.add(List.of(String.valueOf(r + 1), regs.get(r), "Region " + regs.get(r)));
    }
    List<List<String>> sectorRows = new ArrayList<>();
    for (int s = 0; s < sectors; s++) {
      sectorRows.add(List.of(String.valueOf(s + 1), "Sector number " + (s + 1)));
    }
    String[] va = {"Compensation of employees D.1", "Taxes on production D.29", "Subsidies on production D.39",
        "Net operating surplus B.2n"};
    String[] fd = {"Household final consumption P.3h", "Non-profit institutions serving households P.3n",
        "Government final consumption P.3g", "Gross fixed capital formation P.51", "Changes in inventories P.52"};
    List<List<String>> vafd = new ArrayList<>();
    for (int i = 0; i < Math.max(comps, cats); i++) {
      vafd.add(List.of(String.valueOf(i + 1), i < comps ? va[i] : "", i < cats ? fd[i] : ""));
    }
    List<List<String>> sats = new ArrayList<>();
    for (int s = 0; s < m; s++) {
      sats.add(List.of(String.valueOf(s + 1), s % 2 == 0 ? "Emissions (EDGAR)" : "Land use",
          "'stressor_" + (s + 1) + "'", s % 2 == 0 ? "kilotonnes" : "1000 ha"));
    }
    try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      sheet(wb, GloriaReadMe.REGIONS, List.of("Lfd_Nr", "Region_acronyms", "Region_names"), regionRows);
      sheet(wb, GloriaReadMe.SECTORS, List.of("Lfd_Nr", "Sector_names"), sectorRows);
      sheet(wb, GloriaReadMe.VA_FD, List.of("Lfd_Nr", "Value_added_names", "Final_demand_names"), vafd);
      sheet(wb, GloriaReadMe.SATELLITES, List.of("Lfd_Nr", "Sat_head_indicator", "Sat_indicator", "Sat_unit"), sats);
      wb.write(out);
    }
  }

  /** A sheet: header row, then the rows (an empty string leaves the cell blank; digits become numbers). */
  static void sheet(XSSFWorkbook wb, String name, List<String> header, List<List<String>> rows) {
    Sheet s = wb.createSheet(name);
    Row h = s.createRow(0);
    for (int c = 0; c < header.size(); c++) {
      h.createCell(c).setCellValue(header.get(c));
    }
    for (int r = 0; r < rows.size(); r++) {
      Row row = s.createRow(r + 1);
      for (int c = 0; c < rows.get(r).size(); c++) {
        String v = rows.get(r).get(c);
        if (v.matches("[0-9]+")) {
          row.createCell(c).setCellValue(Double.parseDouble(v));
        } else if (!v.isEmpty()) {
          row.createCell(c).setCellValue(v);
        }
      }
    }
  }

  /** Zips every file of {@code dir} (flat) into {@code zip}; returns zip. */
  static Path zip(Path dir, Path zip) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        out.putNextEntry(new ZipEntry(f.getFileName().toString()));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return zip;
  }
}
