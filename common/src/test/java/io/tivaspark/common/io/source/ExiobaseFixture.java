package io.tivaspark.common.io.source;

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
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A synthetic EXIOBASE 3 year written in the published layout (pymrio's text format: the files of
 * {@code IOT_YYYY_pxp/}), from a known balanced table: x drawn first, A with column sums below one
 * half, Z = A·x̂ exactly as the reader forms it, y = x − Z1 split over G × 7 final-demand columns,
 * value added = x − Z'1 split over EXIOBASE's nine factor-input rows. Tests compare what the reader
 * recovers with these arrays; the benchmark writes one at EXIOBASE's real size.
 */
final class ExiobaseFixture {
  static final String[] CATEGORIES = {
    "Final consumption expenditure by households",
    "Final consumption expenditure by non-profit organisations serving households (NPISH)",
    "Final consumption expenditure by government", "Gross fixed capital formation", "Changes in inventories",
    "Changes in valuables", "Exports: Total (fob)"};
  static final String[] VA_ROWS = {
    "Taxes less subsidies on products purchased: Total", "Other net taxes on production",
    "Compensation of employees; wages, salaries, & employers' social contributions: Low-skilled",
    "Compensation of employees; wages, salaries, & employers' social contributions: Medium-skilled",
    "Compensation of employees; wages, salaries, & employers' social contributions: High-skilled",
    "Operating surplus: Consumption of fixed capital", "Operating surplus: Rents on land",
    "Operating surplus: Royalties on resources", "Operating surplus: Remaining net operating surplus"};
  static final String[] VA_CODES = {"TLS", "OTXS", "COMP_LS", "COMP_MS", "COMP_HS", "OS_CFC", "OS_RENT", "OS_ROY", "OS_NOS"};
  static final String[] REGIONS = {"AT", "DE", "GB", "US", "CN", "WA", "WE", "WF", "WL", "WM"};

  final String[] regions;
  final String[] sectors;
  final int n;
  final int gf;
  final double[] a;
  final double[] z;
  final double[] x;
  final double[] yf;
  final double[][] va;
  final List<String> stressors = new ArrayList<>();
  final List<String> units = new ArrayList<>();
  final List<double[]> f = new ArrayList<>();
  final List<double[]> fy = new ArrayList<>();

  /** How the release is written. */
  record Options(boolean coefficients, boolean flows, boolean output, boolean factorInputsFolder, String fyName,
      boolean indexNames, boolean fileParameters) {
    /** A 3.8-style release: A, Y, x; value added in satellite/; F_Y.txt. */
    static final Options V38 = new Options(true, false, true, false, "F_Y.txt", true, true);
  }

  ExiobaseFixture(int g, int s, int stressorCount, long seed) {
    Random rnd = new Random(seed);
    regions = new String[g];
    for (int r = 0; r < g; r++) {
      regions[r] = r < REGIONS.length ? REGIONS[r] : String.format("X%d", r);
    }
    sectors = new String[s];
    for (int k = 0; k < s; k++) {
      sectors[k] = k == 0 ? "Cultivation of paddy rice" : "Sector " + k + ", nec (incl. employers' part)";
    }
    n = g * s;
    gf = g * CATEGORIES.length;
    x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 100 + 100 * rnd.nextDouble();
    }
    a = new double[n * n];
    z = new double[n * n];
    for (int k = 0; k < n * n; k++) {
      a[k] = rnd.nextDouble() < 0.3 ? 0 : rnd.nextDouble() * 0.5 / n;
      z[k] = a[k] * x[k / n];
    }
    yf = finalDemand(rnd, g);
    va = valueAdded(rnd);
    stressors(rnd, stressorCount);
  }

  /** y = x − Z1 split over the G·7 columns by positive weights (inventories: a negative part). */
  private double[] finalDemand(Random rnd, int g) {
    double[] y = x.clone();
    for (int k = 0; k < n * n; k++) {
      y[k % n] -= z[k];
    }
    double[] out = new double[n * gf];
    for (int i = 0; i < n; i++) {
      double[] w = new double[gf];
      double sum = 0;
      for (int c = 0; c < gf; c++) {
        w[c] = c % CATEGORIES.length == 6 ? 0 : rnd.nextDouble() * (c % CATEGORIES.length == 4 ? -0.1 : 1);
        sum += w[c];
      }
      for (int c = 0; c < gf; c++) {
        out[i + c * n] = y[i] * w[c] / sum;
      }
    }
    return out;
  }

  private double[][] valueAdded(Random rnd) {
    double[][] out = new double[VA_ROWS.length][n];
    for (int j = 0; j < n; j++) {
      double total = x[j];
      for (int i = 0; i < n; i++) {
        total -= z[i + j * n];
      }
      double rest = total;
      for (int c = 0; c < VA_ROWS.length; c++) {
        out[c][j] = c == VA_ROWS.length - 1 ? rest : total * rnd.nextDouble() / VA_ROWS.length;
        rest -= out[c][j];
      }
    }
    return out;
  }

  /** Stressors: CO2 (kg, households emit too), employment, and "Nitrogen" in both satellite and impacts. */
  private void stressors(Random rnd, int count) {
    for (int s = 0; s < count; s++) {
      stressors.add(s == 0 ? "CO2 - combustion - air" : s == 1 ? "Employment: Low-skilled male" : s == 2 ? "Nitrogen"
          : "Stressor " + s + " - air");
      units.add(s == 1 ? "1000 p." : "kg");
      double[] row = new double[n];
      for (int k = 0; k < n; k++) {
        row[k] = rnd.nextDouble() < 0.2 ? 0 : 1e6 * rnd.nextDouble();
      }
      f.add(row);
      double[] rowY = new double[gf];
      for (int c = 0; c < gf; c += CATEGORIES.length) {
        rowY[c] = s == 1 ? 0 : 1e7 * rnd.nextDouble();
      }
      fy.add(rowY);
    }
  }

  /** Writes the year's folder {@code root} (created). */
  void write(Path root, Options o) throws IOException {
    Files.createDirectories(root);
    String[][] zCols = new String[n][];
    String[][] rows = new String[n][];
    for (int i = 0; i < n; i++) {
      zCols[i] = new String[] {regions[i / sectors.length], sectors[i % sectors.length]};
      rows[i] = zCols[i];
    }
    String[][] yCols = new String[gf][];
    for (int c = 0; c < gf; c++) {
      yCols[c] = new String[] {regions[c / CATEGORIES.length], CATEGORIES[c % CATEGORIES.length]};
    }
    if (o.coefficients()) {
      matrix(root.resolve("A.txt"), "sector", zCols, new String[] {"region", "sector"}, rows, (i, j) -> a[i + j * n], o.indexNames());
    }
    if (o.flows()) {
      matrix(root.resolve("Z.txt"), "sector", zCols, new String[] {"region", "sector"}, rows, (i, j) -> z[i + j * n], o.indexNames());
    }
    matrix(root.resolve("Y.txt"), "category", yCols, new String[] {"region", "sector"}, rows, (i, c) -> yf[i + c * n], o.indexNames());
    if (o.output()) {
      vector(root.resolve("x.txt"), new String[] {"region", "sector", "indout"}, rows, i -> Double.toString(x[i]));
    }
    vector(root.resolve("unit.txt"), new String[] {"region", "sector", "unit"}, rows, i -> "M.EUR");
    write(root.resolve("metadata.json"), "{\n    \"description\": \"synthetic EXIOBASE 3\",\n    \"name\": \"EXIO3\",\n"
        + "    \"system\": \"pxp\",\n    \"version\": \"v3.8.2\"\n}\n");
    if (o.fileParameters()) {
      String two = "\", \"nr_index_col\": \"2\", \"nr_header\": \"2\"},\n";
      String one = "\", \"nr_index_col\": \"2\", \"nr_header\": \"1\"},\n";
      write(root.resolve("file_parameters.json"), "{\n    \"files\": {\n"
          + (o.coefficients() ? "        \"A\": {\"name\": \"A.txt" + two : "")
          + (o.flows() ? "        \"Z\": {\"name\": \"Z.txt" + two : "")
          + "        \"Y\": {\"name\": \"Y.txt" + two
          + (o.output() ? "        \"x\": {\"name\": \"x.txt" + one : "")
          + "        \"unit\": {\"name\": \"unit.txt\", \"nr_index_col\": \"2\", \"nr_header\": \"1\"}\n"
          + "    },\n    \"systemtype\": \"IOSystem\"\n}\n");
    }
    writeExtensions(root, o, zCols, yCols);
  }

  private void writeExtensions(Path root, Options o, String[][] zCols, String[][] yCols) throws IOException {
    List<String> names = new ArrayList<>(List.of(VA_ROWS));
    List<String> us = new ArrayList<>();
    List<double[]> rowsF = new ArrayList<>(List.of(va));
    List<double[]> rowsY = new ArrayList<>();
    for (int c = 0; c < VA_ROWS.length; c++) {
      us.add("M.EUR");
      double[] t = new double[gf];
      t[0] = c == 0 ? 5.5 : 0; // taxes on a final product: reported, not kept
      rowsY.add(t);
    }
    if (o.factorInputsFolder()) {
      extension(root.resolve("factor_inputs"), names, us, rowsF, rowsY, zCols, yCols, o);
      names.clear();
      us.clear();
      rowsF.clear();
      rowsY.clear();
    }
    int sat = Math.max(0, stressors.size() - 1);
    names.addAll(stressors.subList(0, sat));
    us.addAll(units.subList(0, sat));
    rowsF.addAll(f.subList(0, sat));
    rowsY.addAll(fy.subList(0, sat));
    extension(root.resolve(o.factorInputsFolder() ? "air_emissions" : "satellite"), names, us, rowsF, rowsY, zCols, yCols, o);
    if (stressors.size() > 3) { // "Nitrogen" in satellite and impacts, and the last stressor in impacts only
      int last = stressors.size() - 1;
      extension(root.resolve("impacts"), List.of("Nitrogen", stressors.get(last)), List.of("kg N", units.get(last)),
          List.of(f.get(2), f.get(last)), List.of(fy.get(2), fy.get(last)), zCols, yCols, o);
    } else if (!stressors.isEmpty()) {
      int last = stressors.size() - 1;
      extension(root.resolve("impacts"), List.of(stressors.get(last)), List.of(units.get(last)), List.of(f.get(last)),
          List.of(fy.get(last)), zCols, yCols, o);
    }
  }

  private void extension(Path dir, List<String> names, List<String> us, List<double[]> rowsF, List<double[]> rowsY,
      String[][] zCols, String[][] yCols, Options o) throws IOException {
    Files.createDirectories(dir);
    String[][] labels = new String[names.size()][];
    for (int s = 0; s < names.size(); s++) {
      labels[s] = new String[] {names.get(s)};
    }
    matrix(dir.resolve("F.txt"), "sector", zCols, new String[] {"stressor"}, labels, (s, k) -> rowsF.get(s)[k], o.indexNames());
    matrix(dir.resolve(o.fyName()), "category", yCols, new String[] {"stressor"}, labels, (s, c) -> rowsY.get(s)[c], o.indexNames());
    vector(dir.resolve("unit.txt"), new String[] {"stressor", "unit"}, labels, s -> us.get(s));
    if (o.fileParameters()) {
      String fyKey = o.fyName().replace(".txt", "");
      write(dir.resolve("file_parameters.json"), "{\"files\": {\"F\": {\"name\": \"F.txt\", \"nr_index_col\": \"1\", "
          + "\"nr_header\": \"2\"}, \"" + fyKey + "\": {\"name\": \"" + o.fyName() + "\", \"nr_index_col\": \"1\", "
          + "\"nr_header\": \"2\"}, \"unit\": {\"name\": \"unit.txt\", \"nr_index_col\": \"1\", \"nr_header\": \"1\"}}, "
          + "\"systemtype\": \"Extension\", \"name\": \"" + dir.getFileName() + "\"}\n");
    }
  }

  interface Cell {
    double at(int row, int col);
  }

  /** A matrix file: header lines region / {level2}, the optional index-names line, then the rows. */
  static void matrix(Path file, String level2, String[][] cols, String[] indexNames, String[][] rows, Cell v,
      boolean indexNamesLine) throws IOException {
    int k = indexNames.length;
    try (Writer w = writer(file)) {
      StringBuilder sb = new StringBuilder();
      for (int level = 0; level < 2; level++) {
        sb.setLength(0);
        sb.append(level == 0 ? "region" : level2);
        sb.append("\t".repeat(k - 1));
        for (String[] c : cols) {
          sb.append('\t').append(c[level]);
        }
        w.write(sb.append('\n').toString());
      }
      if (indexNamesLine) {
        w.write(String.join("\t", indexNames) + "\t".repeat(cols.length) + "\n");
      }
      for (int r = 0; r < rows.length; r++) {
        sb.setLength(0);
        sb.append(String.join("\t", rows[r]));
        for (int c = 0; c < cols.length; c++) {
          double d = v.at(r, c);
          sb.append('\t').append(d == 0 ? "0.0" : Double.toString(d));
        }
        w.write(sb.append('\n').toString());
      }
    }
  }

  /** A vector file (x.txt, unit.txt): one header line, then labels and one value per row. */
  static void vector(Path file, String[] header, String[][] rows, java.util.function.IntFunction<String> value)
      throws IOException {
    try (Writer w = writer(file)) {
      w.write(String.join("\t", header) + "\n");
      for (int r = 0; r < rows.length; r++) {
        w.write(String.join("\t", rows[r]) + "\t" + value.apply(r) + "\n");
      }
    }
  }

  private static Writer writer(Path file) throws IOException {
    return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20);
  }

  static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Zips a folder as EXIOBASE ships it: entries under the folder's own name ({@code IOT_2011_pxp/A.txt}). */
  static void zip(Path folder, Path zipFile, int level) throws IOException {
    try (OutputStream os = Files.newOutputStream(zipFile); ZipOutputStream zos = new ZipOutputStream(os);
        Stream<Path> s = Files.walk(folder)) {
      zos.setLevel(level);
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        zos.putNextEntry(new ZipEntry(folder.getFileName() + "/" + folder.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, zos);
        zos.closeEntry();
      }
    }
  }

  static int defaultLevel() {
    return Deflater.DEFAULT_COMPRESSION;
  }
}
