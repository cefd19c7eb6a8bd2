package io.tivaspark.common.math;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.List;

/**
 * Test oracle for the codes of docs/methods.md §3.5 (REII, IMGRINT_REII, EXGR_INT_DVA, BALGR_INT/FNL,
 * FD_VASH …, EXGR_SERV_DVA/FVA): the literal formulas, element by element, with explicit inverses
 * (B and L_ss formed by the pure-Java backend, never the production LU solves). Slow on purpose:
 * O(n²·m) per economy. Row-sum output (x = Z1 + y), as the default output mode.
 */
final class MissingCodesReference {
  final MrioYear yr;
  final Layout lay;
  final int n;
  final int g;
  final int nn;
  final double[] y;
  final double[] x;
  final double[] a;
  final double[] b;
  final double[] v;

  /** An economy: its rows, row membership and country membership. */
  record Eco(int[] rows, boolean[] inS, boolean[] mem) {}

  MissingCodesReference(MrioYear yr) {
    this(yr, Lapack.javaOnly());
  }

  /** With the global inverse B formed by {@code lapack} (the pure-Java one by default; native for WIOD size). */
  MissingCodesReference(MrioYear yr, Lapack lapack) {
    this.yr = yr;
    lay = yr.layout();
    n = lay.n();
    g = lay.countryCount();
    nn = lay.industryCount();
    y = yr.finalDemandByCountry();
    x = IoMathReference.outputFromRows(yr.z(), IoMath.rowSums(y, n, g), n);
    a = IoMath.coefficients(yr.z(), x, n);
    b = IoMath.leontief(a, n, lapack);
    v = IoMath.vaCoefficients(IoMath.valueAddedResidual(x, yr.z(), n), x);
  }

  Eco economy(List<String> members) {
    boolean[] mem = new boolean[g];
    boolean[] in = new boolean[n];
    int m = 0;
    for (String c : members) {
      mem[lay.countryIndex(c)] = true;
    }
    for (int k = 0; k < n; k++) {
      in[k] = mem[lay.countryOfRow(k)];
      m += in[k] ? 1 : 0;
    }
    int[] rows = new int[m];
    for (int k = 0, p = 0; k < n; k++) {
      if (in[k]) {
        rows[p++] = k;
      }
    }
    return new Eco(rows, in, mem);
  }

  /** e_j = Σ_{c∉S} Z_jc + Σ_{r∉s} Y_jr for rows of S (0 elsewhere). */
  double[] exports(Eco e) {
    double[] out = new double[n];
    for (int j : e.rows()) {
      for (int c = 0; c < n; c++) {
        out[j] += e.inS()[c] ? 0 : yr.zAt(j, c);
      }
      for (int r = 0; r < g; r++) {
        out[j] += e.mem()[r] ? 0 : y[j + r * n];
      }
    }
    return out;
  }

  /** y^D_j = Σ_{r∈s} Y_jr for rows of S. */
  double[] domesticDemand(Eco e) {
    double[] out = new double[n];
    for (int j : e.rows()) {
      for (int r = 0; r < g; r++) {
        out[j] += e.mem()[r] ? y[j + r * n] : 0;
      }
    }
    return out;
  }

  /** M_SS as m×m column-major: the local inverse (I − A_SS)⁻¹, or the block B_SS of the global inverse. */
  double[] inverseBlock(Eco e, boolean global) {
    return global ? IoMath.block(b, n, e.rows()) : IoMath.localInverse(a, n, e.rows(), Lapack.javaOnly());
  }

  /**
   * Σ_{k∈r, ind i} Σ_{j∈S} A_kj (M_SS d_S)_j by (imported industry i, partner r), index i·G + r:
   * REII with d = e (M = L_SS: the production choice; M = B_SS: the other candidate), the
   * domestically absorbed imports with d = y^D.
   */
  double[] importsUsedFor(Eco e, double[] d, boolean global) {
    int[] rows = e.rows();
    int m = rows.length;
    double[] mss = inverseBlock(e, global);
    double[] out = new double[nn * g];
    for (int k = 0; k < n; k++) {
      if (e.inS()[k]) {
        continue;
      }
      double acc = 0;
      for (int jj = 0; jj < m; jj++) {
        double md = 0;
        for (int ll = 0; ll < m; ll++) {
          md += mss[jj + ll * m] * d[rows[ll]];
        }
        acc += a[k + rows[jj] * n] * md;
      }
      out[lay.industryOfRow(k) * g + lay.countryOfRow(k)] += acc;
    }
    return out;
  }

  /** IMGR_INT by (partner's industry, partner): Σ_{k∈r, ind i} Σ_{j∈S} Z_kj. */
  double[] imgrInt(Eco e) {
    double[] out = new double[nn * g];
    for (int k = 0; k < n; k++) {
      if (!e.inS()[k]) {
        for (int j : e.rows()) {
          out[lay.industryOfRow(k) * g + lay.countryOfRow(k)] += yr.zAt(k, j);
        }
      }
    }
    return out;
  }

  /** Σ_{k∈T} v_k B_kj for a row set T. */
  double multiplier(boolean[] inT, int j) {
    double s = 0;
    for (int k = 0; k < n; k++) {
      s += inT[k] ? v[k] * b[k + j * n] : 0;
    }
    return s;
  }

  /** EXGR_FVA_{s,WLD,_T} = Σ_{j∈S} Σ_{k∉S} v_k B_kj e_j. */
  double fva(Eco e) {
    double[] ex = exports(e);
    boolean[] out = new boolean[n];
    for (int k = 0; k < n; k++) {
      out[k] = !e.inS()[k];
    }
    double s = 0;
    for (int j : e.rows()) {
      s += multiplier(out, j) * ex[j];
    }
    return s;
  }

  /** Σ_{k∉S} μ_k REII_k with μ_k = Σ_{t∉S} v_t B_tk, for a candidate REII by row. */
  double foreignVaOf(Eco e, boolean global) {
    double[] ex = exports(e);
    double[] mss = inverseBlock(e, global);
    int[] rows = e.rows();
    int m = rows.length;
    boolean[] out = new boolean[n];
    for (int k = 0; k < n; k++) {
      out[k] = !e.inS()[k];
    }
    double s = 0;
    for (int k = 0; k < n; k++) {
      if (out[k]) {
        double r = 0;
        for (int jj = 0; jj < m; jj++) {
          for (int ll = 0; ll < m; ll++) {
            r += a[k + rows[jj] * n] * mss[jj + ll * m] * ex[rows[ll]];
          }
        }
        s += multiplier(out, k) * r;
      }
    }
    return s;
  }

  /** EXGR_INT_DVA_{s,r,i} = Σ_{j∈S, ind i} (Σ_{k∈S} v_k B_kj) Σ_{c∈r} Z_jc, index i·G + r. */
  double[] intDva(Eco e) {
    double[] out = new double[nn * g];
    for (int j : e.rows()) {
      double w = multiplier(e.inS(), j);
      for (int c = 0; c < n; c++) {
        int r = lay.countryOfRow(c);
        if (!e.mem()[r]) {
          out[lay.industryOfRow(j) * g + r] += w * yr.zAt(j, c);
        }
      }
    }
    return out;
  }

  /** Σ_{j∈S, ind i} Σ_{k∈S (or ∉S), ind(k) service} v_k B_kj e_j by exporting industry i. */
  double[] serviceVa(Eco e, boolean[] serviceIndustry, boolean domestic) {
    double[] ex = exports(e);
    boolean[] origin = new boolean[n];
    for (int k = 0; k < n; k++) {
      origin[k] = e.inS()[k] == domestic && serviceIndustry[lay.industryOfRow(k)];
    }
    double[] out = new double[nn];
    for (int j : e.rows()) {
      out[lay.industryOfRow(j)] += multiplier(origin, j) * ex[j];
    }
    return out;
  }

  /** BALGR_INT (intermediate) or BALGR_FNL by partner: exports of S to r minus imports of S from r. */
  double[] balance(Eco e, boolean intermediate) {
    double[] out = new double[g];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int ri = lay.countryOfRow(i);
        int rj = lay.countryOfRow(j);
        if (intermediate && e.inS()[i] && !e.mem()[rj]) {
          out[rj] += yr.zAt(i, j);
        } else if (intermediate && !e.inS()[i] && e.inS()[j]) {
          out[ri] -= yr.zAt(i, j);
        }
      }
      for (int r = 0; r < g && !intermediate; r++) {
        int ri = lay.countryOfRow(i);
        if (e.inS()[i] && !e.mem()[r]) {
          out[r] += y[i + r * n];
        } else if (!e.inS()[i] && e.mem()[r]) {
          out[ri] -= y[i + r * n];
        }
      }
    }
    return out;
  }

  /**
   * FD_VA of s by origin, [0] = domestic (DXD), [1 + t] = origin country t ∉ s: Σ_{k∈t} v_k Σ_l B_kl
   * Σ_{r∈s} Yc_lr, with Yc = Y restricted to {@code categories} (null = every category).
   */
  double[] fdVaByOrigin(Eco e, java.util.Set<String> categories) {
    double[] out = new double[1 + g];
    int f = lay.categoryCount();
    for (int k = 0; k < n; k++) {
      double s = 0;
      for (int l = 0; l < n; l++) {
        double yl = 0;
        for (int r = 0; r < g; r++) {
          for (int c = 0; c < f && e.mem()[r]; c++) {
            if (categories == null || categories.contains(lay.categories().get(c))) {
              yl += yr.finalDemandAt(l, lay.finalDemandColumn(r, c));
            }
          }
        }
        s += b[k + l * n] * yl;
      }
      out[e.inS()[k] ? 0 : 1 + lay.countryOfRow(k)] += v[k] * s;
    }
    return out;
  }
}
