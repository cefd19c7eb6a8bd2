package io.tivaspark.common.io.source;

import io.tivaspark.common.io.source.EoraFiles.Entry;
import io.tivaspark.common.io.source.EoraFiles.Kind;
import io.tivaspark.common.io.source.EoraPlan.YearFiles;
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
 * One Eora26 year in the store's model (docs/sources/eora26.md §3). T → Z; FD → final demand with
 * Eora's categories per country; VA → one value-added component per primary input; Q → F and QY →
 * F_Y with the units of labels_Q. Eora's {@code ROW} rows and columns (its statistical discrepancy,
 * often negative) are not a country: the T row ROW becomes the value-added component {@code DISC}
 * of each using column, the T column ROW and the FD columns ROW become the final-demand category
 * {@code DISC} of the producing row's country, so the published row and column totals are kept
 * (x = Z·1 + y and x = Z'·1 + Σ value added hold as in the file); the cells of ROW with itself
 * (T[ROW, ROW], the FD row ROW, the VA, Q and QY columns ROW) have no row or column in the store
 * and are dropped, their totals in the notes. pymrio's {@code parse_eora26} drops every ROW row and
 * column instead.
 */
final class EoraTable {
  static final String CONVERSION = "Eora26 ROW (statistical discrepancy) rows and columns: the T row ROW is the"
      + " value-added component DISC, the T column ROW and the FD columns ROW are the final-demand category DISC"
      + " of the producing row's country; the cells of ROW with itself (T[ROW,ROW], the FD row ROW, the VA, Q and QY"
      + " columns ROW) are dropped (totals in the notes); x = Z1 + y and x = Z'1 + sum of value added hold as in"
      + " the published table";

  private final EoraLabels lab;
  private final int year;
  private final int n;
  private final int nInd;
  private final int fCount;
  private final int discCat;
  private final double[] z;
  private final double[] yf;
  private final double[][] va;
  private final int m;
  private final double[] f;
  private final double[] fy;
  private double movedVa;
  private double movedFd;
  private double rowRow;
  private double fdRow;
  private double vaRow;
  private long qRow;

  private EoraTable(EoraLabels lab, int year) {
    this.lab = lab;
    this.year = year;
    this.n = lab.n();
    this.nInd = lab.industries.size();
    this.fCount = lab.categories.size();
    this.discCat = lab.categories.indexOf(EoraLabels.DISC);
    this.z = new double[n * n];
    this.yf = new double[n * lab.countries.size() * fCount];
    this.va = new double[lab.components.size()][n];
    this.m = lab.stressors.size();
    this.f = new double[m * n];
    this.fy = new double[m * lab.countries.size() * fCount];
  }

  /** Reads the year's files (labels first, then T, FD, VA, Q, QY streamed row by row). */
  static SourceYear read(YearFiles files) throws IOException {
    int year = files.year();
    Map<Kind, Entry> d = files.data();
    Map<Kind, Entry> l = files.labels();
    EoraLabels lab = EoraLabels.of(EoraText.lines(l.get(Kind.T), year), EoraText.lines(l.get(Kind.FD), year),
        EoraText.lines(l.get(Kind.VA), year), d.containsKey(Kind.Q) ? EoraText.lines(l.get(Kind.Q), year) : null);
    EoraTable t = new EoraTable(lab, year);
    int nt = lab.tRow.length;
    int nfd = lab.fdCol.length;
    EoraText.matrix(d.get(Kind.T), year, nt, nt, r -> lab.tName[r], c -> lab.tName[c], t::tRow);
    EoraText.matrix(d.get(Kind.FD), year, nt, nfd, r -> lab.tName[r], c -> lab.fdName[c], t::fdRow);
    EoraText.matrix(d.get(Kind.VA), year, lab.vaName.length, nt, r -> lab.vaName[r], c -> lab.tName[c], t::vaRow);
    if (d.containsKey(Kind.Q)) {
      EoraText.matrix(d.get(Kind.Q), year, lab.qName.length, nt, r -> lab.qName[r], c -> lab.tName[c], t::qRow);
      EoraText.matrix(d.get(Kind.QY), year, lab.qName.length, nfd, r -> lab.qName[r], c -> lab.fdName[c], t::qyRow);
    }
    t.checkOutput(d.get(Kind.T));
    return t.sourceYear(files.price(), d.containsKey(Kind.Q));
  }

  /** Final-demand column DISC of the country of store row i. */
  private int disc(int i) {
    return (i / nInd) * fCount + discCat;
  }

  private void tRow(int r, double[] v) {
    int i = lab.tRow[r];
    int[] col = lab.tRow;
    if (i >= 0) {
      int dc = i + disc(i) * n;
      for (int c = 0; c < v.length; c++) {
        int j = col[c];
        if (j >= 0) {
          z[i + j * n] = v[c];
        } else {
          yf[dc] += v[c];
          movedFd += v[c];
        }
      }
      return;
    }
    double[] discVa = va[va.length - 1];
    for (int c = 0; c < v.length; c++) {
      int j = col[c];
      if (j >= 0) {
        discVa[j] += v[c];
        movedVa += v[c];
      } else {
        rowRow += v[c];
      }
    }
  }

  private void fdRow(int r, double[] v) {
    int i = lab.tRow[r];
    for (int c = 0; c < v.length; c++) {
      int col = lab.fdCol[c];
      if (i < 0) {
        fdRow += v[c];
      } else if (col >= 0) {
        yf[i + col * n] = v[c];
      } else {
        yf[i + disc(i) * n] += v[c];
        movedFd += v[c];
      }
    }
  }

  private void vaRow(int r, double[] v) {
    for (int c = 0; c < v.length; c++) {
      int j = lab.tRow[c];
      if (j >= 0) {
        va[r][j] = v[c];
      } else {
        vaRow += v[c];
      }
    }
  }

  private void qRow(int s, double[] v) {
    for (int c = 0; c < v.length; c++) {
      int j = lab.tRow[c];
      if (j >= 0) {
        f[s + j * m] = v[c];
      } else if (v[c] != 0) {
        qRow++;
      }
    }
  }

  private void qyRow(int s, double[] v) {
    for (int c = 0; c < v.length; c++) {
      int col = lab.fdCol[c];
      if (col >= 0) {
        fy[s + col * m] = v[c];
      } else if (v[c] != 0) {
        qRow++;
      }
    }
  }

  /** Gross output x = Z·1 + y (the row totals of T and FD, ROW columns included) must not be negative. */
  private void checkOutput(Entry t) {
    double[] x = new double[n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        x[i] += z[i + j * n];
      }
    }
    for (int c = 0; c < yf.length / n; c++) {
      for (int i = 0; i < n; i++) {
        x[i] += yf[i + c * n];
      }
    }
    for (int i = 0; i < n; i++) {
      if (x[i] < 0) {
        int line = lineOf(i);
        throw new InvalidInputException(t.label(), year, "row " + (line + 1) + " (" + lab.tName[line] + ")",
            String.format(Locale.ROOT, "gross output x = %s (row total of T and FD) is negative", x[i]));
      }
    }
  }

  private int lineOf(int i) {
    for (int l = 0; l < lab.tRow.length; l++) {
      if (lab.tRow[l] == i) {
        return l;
      }
    }
    throw new IllegalStateException("no line for row " + i);
  }

  private SourceYear sourceYear(String price, boolean satellite) {
    Layout layout = new Layout(lab.countries, lab.industries, lab.categories);
    Map<String, double[]> components = new LinkedHashMap<>();
    for (int k = 0; k < va.length; k++) {
      components.put(lab.components.get(k), va[k]);
    }
    Satellite sat = satellite ? new Satellite(lab.stressors, lab.units, f, fy) : null;
    MrioYear table = new MrioYear(year, layout, z, yf, components, null, sat);
    boolean row = discCat >= 0;
    return new SourceYear(table, "Eora26", edition(price), "USD thousand", lab.countryNames, lab.industryNames,
        lab.categoryNames, lab.componentNames, row ? CONVERSION : "", notes(row));
  }

  static String edition(String price) {
    if (price == null) {
      return "price basis not in the file names";
    }
    return price.equals("pp") ? "pp (purchasers' prices)" : "bp (basic prices)";
  }

  private List<String> notes(boolean row) {
    List<String> notes = new ArrayList<>();
    if (row) {
      notes.add(String.format(Locale.ROOT, "ROW moved: T row ROW to value-added component DISC (total %s);"
          + " T column ROW and FD columns ROW to final-demand category DISC (total %s)", movedVa, movedFd));
      notes.add(String.format(Locale.ROOT, "ROW dropped: T[ROW,ROW] = %s, FD row ROW total %s, VA columns ROW"
          + " total %s, %d non-zero cells of the Q and QY columns ROW", rowRow, fdRow, vaRow, qRow));
    }
    notes.add("final-demand categories: " + names(lab.categoryNames));
    notes.add("value-added components: " + names(lab.componentNames));
    return notes;
  }

  private static String names(Map<String, String> names) {
    List<String> out = new ArrayList<>();
    names.forEach((code, label) -> out.add(code + " = " + label));
    return String.join("; ", out);
  }
}
