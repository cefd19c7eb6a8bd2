package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arrays one FIGARO table is read into, cell by cell, whichever the format: a cell of row
 * label r and column label c goes where the {@link FigaroPlan} says (Z, final demand, a value-added
 * component under an industry column). A value-added row's cells under final-demand columns (taxes
 * less subsidies on products bought by final users, the residents' and non-residents' purchases
 * adjustments) have no place in the store: they are summed per component into a note.
 */
final class FigaroGrid {
  /**
   * Half a unit of the last decimal FIGARO publishes (three: million euro to the thousand): the most
   * rounding can move one cell, so a row of k non-zero cells may sum to -k·ROUNDING when its true
   * total is 0.
   */
  static final double ROUNDING = 0.0005;

  private final FigaroPlan plan;
  private final int n;
  private final double[] z;
  private final double[] yf;
  private final double[][] va;
  private final double[] finalUseTotals;

  FigaroGrid(FigaroPlan plan) {
    this.plan = plan;
    Layout layout = plan.layout();
    this.n = layout.n();
    this.z = new double[n * n];
    this.yf = new double[n * layout.finalDemandColumns()];
    this.va = new double[plan.components().size()][n];
    this.finalUseTotals = new double[plan.components().size()];
  }

  FigaroPlan plan() {
    return plan;
  }

  /** Stores the cell of row label {@code row} and column label {@code col}. */
  void put(int row, int col, double v) {
    int rr = plan.rowRole()[row];
    int cr = plan.colRole()[col];
    if (rr >= 0) {
      if (cr >= 0) {
        z[rr + cr * n] = v;
      } else {
        yf[rr + (-cr - 1) * n] = v;
      }
    } else if (cr >= 0) {
      va[-rr - 1][cr] = v;
    } else {
      finalUseTotals[-rr - 1] += v;
    }
  }

  /** Whether the cell belongs to a value-added row (where an empty cell reads as 0). */
  boolean valueAddedRow(int row) {
    return plan.rowRole()[row] < 0;
  }

  /**
   * The year's table. Gross output is not published by FIGARO: x = Z1 + y (the row sums) must not be
   * negative beyond the rounding of the published cells ({@link #ROUNDING} per non-zero cell), else
   * an {@link InvalidInputException} naming the row.
   */
  MrioYear table(String source, int year) {
    double[] x = rowSums();
    int[] nonZero = rowNonZeros();
    for (int i = 0; i < n; i++) {
      if (x[i] < -ROUNDING * nonZero[i]) {
        throw new InvalidInputException(source, year, "row " + plan.rowLabel(i),
            "negative gross output: Z1 + y = " + x[i] + " (gross output cannot be negative)");
      }
    }
    Map<String, double[]> components = new LinkedHashMap<>();
    for (int m = 0; m < va.length; m++) {
      components.put(plan.components().get(m), va[m]);
    }
    return new MrioYear(year, plan.layout(), z, yf, components, null);
  }

  /** The non-zero cells of every industry row (Z and final demand). */
  private int[] rowNonZeros() {
    int[] nz = new int[n];
    for (double[] block : new double[][] {z, yf}) {
      for (int p = 0; p < block.length; p++) {
        if (block[p] != 0) {
          nz[p % n]++;
        }
      }
    }
    return nz;
  }

  /** x = Z1 + y: what every industry's row sells. */
  double[] rowSums() {
    double[] x = new double[n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        x[i] += z[i + j * n];
      }
    }
    for (int c = 0; c < yf.length / Math.max(1, n); c++) {
      for (int i = 0; i < n; i++) {
        x[i] += yf[i + c * n];
      }
    }
    return x;
  }

  /**
   * Notes for mrio.json: the value-added rows' totals under final-demand columns (not stored) and
   * the largest column imbalance |x − Z'1 − Σ va| with its column (FIGARO is balanced; a large
   * number here means a damaged file).
   */
  List<String> notes() {
    List<String> notes = new ArrayList<>();
    StringBuilder sb = new StringBuilder("value-added rows under final-demand columns, not stored (totals):");
    for (int m = 0; m < finalUseTotals.length; m++) {
      sb.append(m == 0 ? " " : ", ").append(plan.components().get(m)).append(" = ").append(fmt(finalUseTotals[m]));
    }
    notes.add(sb.toString());
    double[] x = rowSums();
    double worst = -1;
    int at = 0;
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += z[i + j * n];
      }
      for (double[] comp : va) {
        s += comp[j];
      }
      double d = Math.abs(x[j] - s);
      if (d > worst) {
        worst = d;
        at = j;
      }
    }
    notes.add("largest column imbalance |x - Z'1 - sum of value-added rows| = " + fmt(worst) + " at "
        + plan.rowLabel(at) + " (x = Z1 + y = " + fmt(x[at]) + ")");
    return notes;
  }

  /** Six significant digits, without trailing zeros: 6.767, 0, 5.68434E-14. */
  private static String fmt(double v) {
    return new BigDecimal(String.format(Locale.ROOT, "%.6g", v)).stripTrailingZeros().toString();
  }
}
