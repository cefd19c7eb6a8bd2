package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one year of GLORIA (the files {@link GloriaFiles} found for it) into the store's model,
 * streaming each matrix row by row ({@link GloriaCsv}) and converting the supply-use table to a
 * product-by-product table on the way ({@link GloriaSut}).
 *
 * <p>Layout of the matrices (labels from {@link GloriaReadMe}; G regions, N sectors, n = G·N, C
 * value-added and F final-demand categories, m satellite rows): T-Results is 2n × 2n, its rows and
 * columns region by region, each region's N industries then its N products; the industry rows hold
 * the supply table V under the product columns, the product rows the use table U under the
 * industry columns. Y-Results is 2n × G·F (product rows kept), V-Results G·C × 2n (rows region by
 * region, each region's C components; industry columns kept), TQ-Results m × 2n (industry columns
 * kept), YQ-Results m × G·F. Cells of the other blocks are dropped (as pymrio does) and counted in a
 * note when not zero.
 */
final class GloriaReader {
  static final String SOURCE = "GLORIA";
  static final String UNIT = "USD thousand";
  static final String CONVERSION = "product-by-product table from GLORIA's supply-use table (T-Results) under the "
      + "industry-technology assumption (Eurostat Manual of Supply, Use and Input-Output Tables 2008, Model B; "
      + "pymrio's construct B): g = V1, Z = U diag(g)^-1 V; value added and satellite rows (V-, TQ-Results) "
      + "w diag(g)^-1 V; final demand and YQ as published (product rows); x = Z1 + y";

  private final SourceUnit unit;
  private final int year;
  private final Map<String, GloriaFile> files;
  private final List<String> notes = new ArrayList<>();
  private GloriaReadMe.Labels labels;
  private int n;
  private int sectors;

  GloriaReader(SourceUnit unit) {
    this.unit = unit;
    this.year = unit.year();
    this.files = GloriaFiles.files(unit);
  }

  /** The labels read from the ReadMe (after {@link #read}). */
  GloriaReadMe.Labels labels() { return labels; }

  SourceYear read() throws IOException {
    labels = GloriaReadMe.read(files.get(GloriaFiles.README), year);
    sectors = labels.nSectors();
    n = labels.g() * sectors;
    Layout layout = layout();
    GloriaSut sut = readT();
    double[] yf = readY(layout);
    Map<String, double[]> va = readValueAdded(sut);
    Satellite sat = files.containsKey(GloriaFiles.TQ) ? readSatellite(sut, layout) : null;
    double[] supply = sut.productSupply();
    boolean diagonal = sut.supplyDiagonal();
    double[] z = sut.finish();
    lostNote(sut, "T-Results: uses");
    GloriaChecks.Totals totals = GloriaChecks.totals(z, yf, n);
    GloriaChecks.outputNotNegative(files.get(GloriaFiles.T).name(), year, totals, this::rowLabel);
    notes.add(diagonal ? "supply table diagonal (each industry makes only its own product): Z = U with column j "
        + "scaled by V_jj/g_j = 1" : "supply table not diagonal: " + sut.supplyNonZeros() + " non-zero supply cells");
    notes.addAll(GloriaChecks.balanceNotes(totals, va, supply, this::rowLabel));
    notes.addAll(GloriaChecks.emptyRegions(totals, labels));
    MrioYear table = new MrioYear(year, layout, z, yf, va, null, sat);
    return new SourceYear(table, SOURCE, edition(), UNIT, names(labels.regions(), labels.regionNames()),
        names(labels.sectors(), labels.sectorNames()), names(labels.categories(), labels.categoryNames()),
        names(labels.components(), labels.componentNames()), CONVERSION, notes);
  }

  private Layout layout() {
    try {
      return new Layout(labels.regions(), labels.sectors(), labels.categories());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(files.get(GloriaFiles.README).name(), year, null, e.getMessage());
    }
  }

  private String edition() {
    String v = GloriaFiles.version(files.get(GloriaFiles.T));
    return (v == null ? "" : "release " + v + ", ") + "Markup001 (basic prices)";
  }

  private static Map<String, String> names(List<String> codes, List<String> names) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < codes.size(); i++) {
      m.put(codes.get(i), names.get(i));
    }
    return m;
  }

  /** "AUS S021 (Forestry and logging)" for row k of the product-by-product table. */
  String rowLabel(int k) {
    return labels.regions().get(k / sectors) + " " + labels.sectors().get(k % sectors) + " ("
        + labels.sectorNames().get(k % sectors) + ")";
  }

  /** Position t of a T row or column: its region·N + sector index, negative (−1 − that) for an industry. */
  private int tIndex(int t) {
    int region = t / (2 * sectors);
    int within = t % (2 * sectors);
    return within < sectors ? -1 - (region * sectors + within) : region * sectors + within - sectors;
  }

  private GloriaCsv open(String role, int cols) throws IOException {
    GloriaFile f = files.get(role);
    return new GloriaCsv(f.open(year), f.name(), year, cols);
  }

  private InvalidInputException rowCount(GloriaCsv csv, int rows, int expected, String why) {
    return csv.error(rows > expected ? "row " + rows : "after row " + rows, "the matrix has " + (rows > expected
        ? "more than " + expected : rows) + " rows, expected " + expected + " = " + why + " (dimensions from the ReadMe)");
  }

  /** T-Results: supply rows (industries) and use rows (products) into {@link GloriaSut}. */
  private GloriaSut readT() throws IOException {
    int w = 2 * n;
    int[] index = new int[w];
    for (int t = 0; t < w; t++) {
      index[t] = tIndex(t);
    }
    GloriaSut sut = new GloriaSut(n);
    Dropped dropped = new Dropped();
    double[] row = new double[w];
    double[] part = new double[n];
    try (GloriaCsv csv = open(GloriaFiles.T, w)) {
      int r = 0;
      while (csv.next(row)) {
        if (r == w) {
          throw rowCount(csv, r + 1, w, "2 × " + labels.g() + " regions × " + sectors + " sectors");
        }
        boolean industryRow = index[r] < 0;
        for (int c = 0; c < w; c++) {
          boolean industryCol = index[c] < 0;
          if (industryRow != industryCol) {
            part[industryCol ? -1 - index[c] : index[c]] = row[c];
          } else {
            dropped.add(industryRow ? "industry × industry" : "product × product", row[c]);
          }
        }
        if (industryRow) {
          sut.supplyRow(-1 - index[r], part);
        } else {
          sut.useRow(index[r], part);
        }
        r++;
      }
      if (r != w) {
        throw rowCount(csv, r, w, "2 × " + labels.g() + " regions × " + sectors + " sectors");
      }
    }
    GloriaChecks.industryOutputNotNegative(files.get(GloriaFiles.T).name(), year, sut.industryOutput(), this::rowLabel);
    dropped.note(notes, "T-Results", "not kept (pymrio drops them too)");
    return sut;
  }

  /** Y-Results: the product rows, n × G·F column-major. */
  private double[] readY(Layout layout) throws IOException {
    int w = 2 * n;
    int cols = layout.finalDemandColumns();
    double[] yf = new double[Math.multiplyExact(n, cols)];
    double[] row = new double[cols];
    Dropped dropped = new Dropped();
    try (GloriaCsv csv = open(GloriaFiles.Y, cols)) {
      int r = 0;
      while (csv.next(row)) {
        if (r == w) {
          throw rowCount(csv, r + 1, w, "2 × " + labels.g() + " regions × " + sectors + " sectors");
        }
        int k = tIndex(r);
        for (int c = 0; c < cols; c++) {
          if (k >= 0) {
            yf[k + c * n] = row[c];
          } else {
            dropped.add("industry rows", row[c]);
          }
        }
        r++;
      }
      if (r != w) {
        throw rowCount(csv, r, w, "2 × " + labels.g() + " regions × " + sectors + " sectors");
      }
    }
    dropped.note(notes, "Y-Results", "not kept (pymrio drops them too)");
    return yf;
  }

  /** V-Results: one n-vector per component (summed over the paying regions' rows), by product. */
  private Map<String, double[]> readValueAdded(GloriaSut sut) throws IOException {
    int comps = labels.components().size();
    int rows = labels.g() * comps;
    double[][] w = new double[comps][n];
    double[] row = new double[2 * n];
    Dropped dropped = new Dropped();
    Dropped foreign = new Dropped();
    try (GloriaCsv csv = open(GloriaFiles.V, 2 * n)) {
      int r = 0;
      while (csv.next(row)) {
        if (r == rows) {
          throw rowCount(csv, r + 1, rows, labels.g() + " regions × " + comps + " value-added components");
        }
        for (int c = 0; c < 2 * n; c++) {
          int k = tIndex(c);
          if (k < 0) {
            w[r % comps][-1 - k] += row[c];
            if ((-1 - k) / sectors != r / comps) {
              foreign.add("rows of another region than the industry's", row[c]);
            }
          } else {
            dropped.add("product columns", row[c]);
          }
        }
        r++;
      }
      if (r != rows) {
        throw rowCount(csv, r, rows, labels.g() + " regions × " + comps + " value-added components");
      }
    }
    dropped.note(notes, "V-Results", "not kept (pymrio keeps the industry columns only)");
    foreign.note(notes, "V-Results", "summed into the industry's components");
    Map<String, double[]> va = new LinkedHashMap<>();
    for (int c = 0; c < comps; c++) {
      va.put(labels.components().get(c), sut.toProducts(w[c]));
    }
    lostNote(sut, "V-Results: value added");
    return va;
  }

  /** TQ-Results (industry columns, converted to products) and YQ-Results (as published). */
  private Satellite readSatellite(GloriaSut sut, Layout layout) throws IOException {
    int m = labels.stressors().size();
    double[] f = new double[Math.multiplyExact(m, n)];
    double[] row = new double[2 * n];
    double[] part = new double[n];
    Dropped dropped = new Dropped();
    try (GloriaCsv csv = open(GloriaFiles.TQ, 2 * n)) {
      int s = 0;
      while (csv.next(row)) {
        if (s == m) {
          throw rowCount(csv, s + 1, m, m + " satellite rows in the ReadMe");
        }
        for (int c = 0; c < 2 * n; c++) {
          int k = tIndex(c);
          if (k < 0) {
            part[-1 - k] = row[c];
          } else {
            dropped.add("product columns", row[c]);
          }
        }
        double[] byProduct = sut.toProducts(part);
        for (int k = 0; k < n; k++) {
          f[s + k * m] = byProduct[k];
        }
        s++;
      }
      if (s != m) {
        throw rowCount(csv, s, m, m + " satellite rows in the ReadMe");
      }
    }
    dropped.note(notes, "TQ-Results", "not kept (pymrio keeps the industry columns only)");
    lostNote(sut, "TQ-Results: satellite entries");
    return new Satellite(labels.stressors(), labels.units(), f, readYq(m, layout.finalDemandColumns()));
  }

  private double[] readYq(int m, int cols) throws IOException {
    double[] fy = new double[Math.multiplyExact(m, cols)];
    double[] row = new double[cols];
    try (GloriaCsv csv = open(GloriaFiles.YQ, cols)) {
      int s = 0;
      while (csv.next(row)) {
        if (s == m) {
          throw rowCount(csv, s + 1, m, m + " satellite rows in the ReadMe");
        }
        for (int c = 0; c < cols; c++) {
          fy[s + c * m] = row[c];
        }
        s++;
      }
      if (s != m) {
        throw rowCount(csv, s, m, m + " satellite rows in the ReadMe");
      }
    }
    return fy;
  }

  /** A note when converted cells belonged to industries without output (they reach no product, as in pymrio). */
  private void lostNote(GloriaSut sut, String what) {
    double[] lost = sut.takeLost();
    if (lost[0] > 0) {
      notes.add(String.format(Locale.ROOT, "%s of industries without output (g = V1 = 0): %d non-zero cells (sum of "
          + "|values| %.6g) reach no product (1/g := 0, as pymrio)", what, (long) lost[0], lost[1]));
    }
  }

  /** Non-zero cells of the blocks the store has no place for, per block: counted for a note. */
  private static final class Dropped {
    private final Map<String, double[]> blocks = new LinkedHashMap<>();

    void add(String block, double v) {
      if (v != 0) {
        double[] a = blocks.computeIfAbsent(block, k -> new double[2]);
        a[0]++;
        a[1] += Math.abs(v);
      }
    }

    void note(List<String> notes, String file, String done) {
      blocks.forEach((b, a) -> notes.add(String.format(Locale.ROOT, "%s: %d non-zero cells in the %s (sum of "
          + "|values| %.6g): %s", file, (long) a[0], b, a[1], done)));
    }
  }
}
