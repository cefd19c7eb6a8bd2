package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.InvalidInputException;

/**
 * The multipliers of the Borin–Mancini sectoral perspectives (docs/decompositions.md, "Borin–Mancini
 * perspectives"): for industry i of the exporter S, K = S_i (the rows of industry i in every entity
 * or member of S; one row for a plain country) and the extracted sales J (J = r for {@code sectbil},
 * J = ¬S for {@code sectexp}), A^(x) = A with A_KJ = 0 and, by the push-through form of Woodbury,
 * B^(x)_·K = B_·K (I + A_KJ B_JK)⁻¹. So on K: zw = w_K D⁻¹, zf = fm_K D⁻¹ with D = I + A_KJ B_JK, a
 * |K|×|K| matrix (1×1 for a country). A_{K,¬S} B_{¬S,K} = Σ_{r∉S} A_Kr B_rK: the blocks of every
 * partner summed, so both perspectives come out of the bilateral pair loop.
 */
final class BmSectoral {
  private BmSectoral() {}

  /** The local indices kk (into S's rows) of each industry: byInd[i]. */
  static int[][] byIndustry(YearSystem sys, int[] rows) {
    int[] count = new int[sys.nInd()];
    for (int k : rows) {
      count[sys.ind()[k]]++;
    }
    int[][] by = new int[sys.nInd()][];
    for (int i = 0; i < by.length; i++) {
      by[i] = new int[count[i]];
      count[i] = 0;
    }
    for (int kk = 0; kk < rows.length; kk++) {
      int i = sys.ind()[rows[kk]];
      by[i][count[i]++] = kk;
    }
    return by;
  }

  /** Offsets of each industry's |S_i|×|S_i| block in a flat array; the last entry is the total length. */
  static int[] offsets(int[][] byInd) {
    int[] off = new int[byInd.length + 1];
    for (int i = 0; i < byInd.length; i++) {
      off[i + 1] = off[i] + byInd[i].length * byInd[i].length;
    }
    return off;
  }

  /**
   * The blocks G_i = A_{S_i,r} B_{r,S_i} (column-major |S_i|×|S_i| at off[i]) from the gathered
   * aSr (m×nr) and bRs (nr×m) of one pair: m·|S_i|·nr flops.
   */
  static double[] blocks(int[][] byInd, int[] off, double[] aSr, double[] bRs, int m, int nr) {
    double[] gb = new double[off[byInd.length]];
    for (int i = 0; i < byInd.length; i++) {
      int[] kk = byInd[i];
      int s = kk.length;
      for (int a = 0; a < s; a++) {
        for (int b = 0; b < s; b++) {
          double acc = 0;
          int bo = kk[b] * nr;
          for (int jj = 0; jj < nr; jj++) {
            acc += aSr[kk[a] + jj * m] * bRs[jj + bo];
          }
          gb[off[i] + a + b * s] = acc;
        }
      }
    }
    return gb;
  }

  /**
   * [zw | zf] (2m): for each industry, z_K = p_K (I + G_i)⁻¹ for p = w and fm (one LU of the
   * |S_i|×|S_i| matrix, a transposed solve; a division when |S_i| = 1, which saves one JNI round trip
   * per industry and partner of every plain country). Runs on the LAPACK thread.
   */
  static double[] multipliers(YearSystem sys, int[][] byInd, int[] off, double[] gb, double[] w, double[] fm) {
    int m = w.length;
    double[] z = new double[2 * m];
    for (int i = 0; i < byInd.length; i++) {
      int[] kk = byInd[i];
      int s = kk.length;
      if (s == 0) {
        continue;
      }
      if (s == 1) { // a plain country: D is the scalar 1 + g (R icio's 1 + diag(A_sr B_rs)), no LU
        double d1 = 1.0 + gb[off[i]];
        z[kk[0]] = w[kk[0]] / d1;
        z[kk[0] + m] = fm[kk[0]] / d1;
        continue;
      }
      double[] d = new double[s * s];
      System.arraycopy(gb, off[i], d, 0, s * s);
      double[] rhs = new double[2 * s];
      for (int a = 0; a < s; a++) {
        d[a + a * s] += 1.0;
        rhs[a] = w[kk[a]];
        rhs[a + s] = fm[kk[a]];
      }
      try {
        sys.lapack().lu(d, s, true).solveInPlace(rhs, 2, true);
      } catch (Lapack.SingularMatrixException e) {
        throw new InvalidInputException("intermediate/", sys.year().year(), "",
            "I + A_KJ B_JK is singular (sectoral extraction, LAPACK dgetrf pivot " + e.pivot() + ")", e);
      }
      for (int a = 0; a < s; a++) {
        z[kk[a]] = rhs[a];
        z[kk[a] + m] = rhs[a + s];
      }
    }
    return z;
  }

  /**
   * BP4: Σ_{r∉S} A_{S_i,r} B_{r,S_i} (the partners' blocks, {@code gsum}) = B_{S_i,S_i} − I −
   * A_{S_i,S} B_{S,S_i}, from B = I + A B split over j ∈ S and j ∉ S (only S's own blocks of A and B).
   * Pure Java: call it off the LAPACK thread.
   */
  static void check(YearSystem sys, int[] rows, int[][] byInd, int[] off, double[] gsum, CheckResult.Builder bp4,
      String code) {
    int n = sys.n();
    int m = rows.length;
    double[] a = sys.a();
    double[] b = sys.b();
    for (int i = 0; i < byInd.length; i++) {
      int[] kk = byInd[i];
      int s = kk.length;
      double[] aK = new double[s * m]; // A_{S_i,S}, row p at p·m, gathered down A's columns
      for (int jj = 0; jj < m; jj++) {
        int ao = rows[jj] * n;
        for (int p = 0; p < s; p++) {
          aK[p * m + jj] = a[ao + rows[kk[p]]];
        }
      }
      double[] ab = new double[s * s]; // A_{S_i,S} B_{S,S_i}: dot products down B's columns, j in S's order
      for (int q = 0; q < s; q++) {
        int bo = rows[kk[q]] * n;
        for (int p = 0; p < s; p++) {
          double acc = 0;
          int po = p * m;
          for (int jj = 0; jj < m; jj++) {
            acc += aK[po + jj] * b[bo + rows[jj]];
          }
          ab[p + q * s] = acc;
        }
      }
      int ii = i;
      for (int p = 0; p < s; p++) {
        for (int q = 0; q < s; q++) {
          int k = rows[kk[p]];
          int l = rows[kk[q]];
          double rhs = b[l * n + k] - (k == l ? 1.0 : 0.0) - ab[p + q * s];
          bp4.compare(gsum[off[i] + p + q * s], rhs, () -> code + " industry " + sys.layout().industries().get(ii));
        }
      }
    }
  }
}
