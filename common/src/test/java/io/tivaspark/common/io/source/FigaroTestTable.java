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
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A FIGARO IC-IOT with known numbers, written in both published CSV layouts from the same numbers
 * (test helper). Rows: every area × code ({@code DE_A01}), then the six value-added rows
 * {@code W2_D21X31 … W2_B2A3G}; columns: every area × code, then every area × the five categories
 * ({@code DE_P3_S13 … DE_P5M}), as Eurostat writes them. Balanced: the gross operating surplus row
 * under industry columns is what makes x = Z'1 + Σ W2 rows, with x = Z1 + y.
 */
final class FigaroTestTable {
  static final List<String> VA = FigaroLabels.VA_ROWS;
  static final List<String> FD = FigaroLabels.CATEGORIES;

  final List<String> areas;
  final List<String> codes;
  final int n;
  final int cols;
  /** Z, n×n column-major. */
  final double[] z;
  /** Final demand, n × (areas·5) column-major (column = area·5 + category). */
  final double[] y;
  /** The W2 rows under every column (n industry columns, then the final-demand columns). */
  final double[][] va;

  private FigaroTestTable(List<String> areas, List<String> codes) {
    this.areas = List.copyOf(areas);
    this.codes = List.copyOf(codes);
    this.n = areas.size() * codes.size();
    this.cols = areas.size() * FD.size();
    this.z = new double[n * n];
    this.y = new double[n * cols];
    this.va = new double[VA.size()][n + cols];
  }

  /** Random numbers with three decimals (as published), P5M partly negative, balanced columns. */
  static FigaroTestTable random(List<String> areas, List<String> codes, long seed) {
    FigaroTestTable t = new FigaroTestTable(areas, codes);
    Random rnd = new Random(seed);
    int nc = codes.size();
    for (int j = 0; j < t.n; j++) {
      for (int i = 0; i < t.n; i++) {
        boolean home = i / nc == j / nc;
        double u = rnd.nextDouble();
        t.z[i + j * t.n] = u < 0.2 ? 0 : round3(u * (home ? 50 : 5));
      }
    }
    for (int c = 0; c < t.cols; c++) {
      for (int i = 0; i < t.n; i++) {
        double u = rnd.nextDouble();
        boolean inventories = c % FD.size() == FD.size() - 1;
        t.y[i + c * t.n] = round3(inventories ? (u - 0.3) * 2 : u * (i / nc == c / FD.size() ? 80 : 6));
      }
    }
    t.fillValueAdded(rnd);
    return t;
  }

  private void fillValueAdded(Random rnd) {
    double[] x = output();
    for (int j = 0; j < n + cols; j++) {
      double rest = 0;
      for (int m = 0; m < VA.size() - 1; m++) {
        boolean purchases = VA.get(m).startsWith("OP_");
        va[m][j] = purchases && j < n ? 0 : round3(rnd.nextDouble() * (purchases ? 3 : 10));
        rest += va[m][j];
      }
      if (j < n) {
        double colSum = 0;
        for (int i = 0; i < n; i++) {
          colSum += z[i + j * n];
        }
        va[VA.size() - 1][j] = x[j] - colSum - rest;
      }
    }
  }

  static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** x = Z1 + y. */
  double[] output() {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        x[i] += z[i + j * n];
      }
      for (int c = 0; c < cols; c++) {
        x[i] += y[i + c * n];
      }
    }
    return x;
  }

  /** The W2 row {@code m} under industry columns: the store's value-added component. */
  double[] component(int m) {
    double[] v = new double[n];
    System.arraycopy(va[m], 0, v, 0, n);
    return v;
  }

  List<String> rowLabels() {
    List<String> out = new ArrayList<>();
    for (String a : areas) {
      for (String c : codes) {
        out.add(a + "_" + c);
      }
    }
    VA.forEach(v -> out.add(FigaroLabels.VA_AREA + "_" + v));
    return out;
  }

  List<String> colLabels() {
    List<String> out = new ArrayList<>();
    for (String a : areas) {
      for (String c : codes) {
        out.add(a + "_" + c);
      }
    }
    for (String a : areas) {
      FD.forEach(f -> out.add(a + "_" + f));
    }
    return out;
  }

  /** The cell of row label r and column label c. */
  double cell(int r, int c) {
    if (r < n) {
      return c < n ? z[r + c * n] : y[r + (c - n) * n];
    }
    return va[r - n][c];
  }

  /** Writes the CSV matrix format ({@code rowLabels,…}). */
  void writeMatrix(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeMatrix(w);
    }
  }

  void writeMatrix(Writer w) throws IOException {
    List<String> rows = rowLabels();
    List<String> colLabels = colLabels();
    w.write(FigaroMatrix.CORNER + "," + String.join(",", colLabels) + "\n");
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      sb.setLength(0);
      sb.append(rows.get(r));
      for (int c = 0; c < colLabels.size(); c++) {
        sb.append(',').append(cell(r, c));
      }
      w.write(sb.append('\n').toString());
    }
  }

  /** Writes the CSV flat format, every cell one line, row by row (as Eurostat lists them). */
  void writeFlat(Writer w) throws IOException {
    boolean products = codes.get(0).startsWith("CPA_");
    String code = products ? "Pi" : "Ii";
    w.write("icioiRow,icioiCol,refArea,row" + code + ",counterpartArea,col" + code + ",obsValue\n");
    List<String> rows = rowLabels();
    List<String> colLabels = colLabels();
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      String rl = rows.get(r);
      int us = rl.indexOf('_');
      String rowPart = rl + ",";
      for (int c = 0; c < colLabels.size(); c++) {
        String cl = colLabels.get(c);
        int cs = cl.indexOf('_');
        sb.setLength(0);
        sb.append(rowPart).append(cl).append(',').append(rl, 0, us).append(',').append(rl, us + 1, rl.length())
            .append(',').append(cl, 0, cs).append(',').append(cl, cs + 1, cl.length()).append(',')
            .append(cell(r, c)).append('\n');
        w.write(sb.toString());
      }
    }
  }

  void writeFlat(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeFlat(w);
    }
  }

  /** The flat format zipped as Eurostat ships it: one CSV member named like the archive. */
  void writeFlatZip(Path zip, String member) throws IOException {
    try (ZipOutputStream zos = new ZipOutputStream(Files.newOutputStream(zip))) {
      zos.putNextEntry(new ZipEntry(member));
      Writer w = new BufferedWriter(new OutputStreamWriter(zos, StandardCharsets.UTF_8), 1 << 16);
      writeFlat(w);
      w.flush();
      zos.closeEntry();
    }
  }
}
