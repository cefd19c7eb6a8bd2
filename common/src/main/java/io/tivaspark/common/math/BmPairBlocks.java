package io.tivaspark.common.math;

import io.tivaspark.common.model.InvalidInputException;

/**
 * What every Borin–Mancini perspective of one pair S → r shares (docs/decompositions.md,
 * "Borin–Mancini perspectives"): A_Sr and B_rS gathered column-wise, the LU of the capacitance matrix
 * C = I + B_rS A_Sr (|r|×|r|: the bilateral extraction by Woodbury, B^(Sr)_r· = C⁻¹ B_r·) and the
 * sectoral blocks G = A_{S_i,r} B_{r,S_i} ({@link BmSectoral#blocks}). Made once per pair and used by
 * the source-based ({@link BmPerspectives}) and the sink-based ({@link BmSinkPerspectives})
 * perspectives. Cost per pair: 2·|r|²·m flops for C, 2|r|³/3 for its LU; memory 2·m·|r| + |r|² +
 * Σ_i |S_i|² doubles (the EU27 group at n = 3645: about 1.1 MB a partner, 60 MB for its 54 partners,
 * held while the exporter is computed).
 *
 * @param rr the partner's rows
 * @param aSr A_Sr, m×|r| column-major
 * @param bRs B_rS, |r|×m column-major
 * @param lu the LU of C = I + B_rS A_Sr
 * @param gb the sectoral blocks ({@link BmSectoral#blocks})
 */
record BmPairBlocks(int[] rr, double[] aSr, double[] bRs, Lapack.Lu lu, double[] gb) {

  /**
   * The exporter's rows grouped by industry, their offsets into {@link #gb}, w = v_S B_SS on its rows
   * (the domestic multiplier every perspective starts from), and the blocks of every partner outside
   * the economy (null for its own members).
   */
  record Economy(int[][] byInd, int[] off, double[] w, BmPairBlocks[] pairs) {

    /** Every partner's blocks; runs on the LAPACK thread (one hop). */
    static Economy of(YearSystem sys, GvcYear yr, YearSystem.Economy eco, ExporterAlgebra.Vectors ev) {
      int[] rows = eco.rows();
      double[] w = new double[rows.length];
      for (int kk = 0; kk < rows.length; kk++) {
        w[kk] = ev.ws()[rows[kk]];
      }
      int[][] byInd = BmSectoral.byIndustry(sys, rows);
      int[] off = BmSectoral.offsets(byInd);
      BmPairBlocks[] pairs = new BmPairBlocks[sys.g()];
      Lapack.onLapackThread(() -> {
        for (int r = 0; r < pairs.length; r++) {
          if (!eco.member()[r]) {
            pairs[r] = BmPairBlocks.of(sys, rows, yr.rowsOf()[r], byInd, off);
          }
        }
        return null;
      });
      return new Economy(byInd, off, w, pairs);
    }
  }

  /** One pair: the gathers, C and its LU (a singular C is an input error naming the year), the sectoral blocks. */
  static BmPairBlocks of(YearSystem sys, int[] rows, int[] rr, int[][] byInd, int[] off) {
    int n = sys.n();
    int m = rows.length;
    int nr = rr.length;
    double[] a = sys.a();
    double[] b = sys.b();
    double[] aSr = new double[m * nr];
    double[] bRs = new double[nr * m];
    for (int jj = 0; jj < nr; jj++) { // column-wise reads of A_S,r and of B_r,S (cache-friendly)
      int ao = rr[jj] * n;
      for (int kk = 0; kk < m; kk++) {
        aSr[kk + jj * m] = a[ao + rows[kk]];
      }
    }
    for (int kk = 0; kk < m; kk++) {
      int bo = rows[kk] * n;
      for (int jj = 0; jj < nr; jj++) {
        bRs[jj + kk * nr] = b[bo + rr[jj]];
      }
    }
    Lapack lp = sys.lapack();
    double[] c = new double[nr * nr];
    for (int j = 0; j < nr; j++) {
      c[j + j * nr] = 1.0;
    }
    lp.dgemm(false, false, nr, nr, m, 1.0, bRs, nr, aSr, m, 1.0, c, nr); // C = I + B_rS A_Sr
    try {
      return new BmPairBlocks(rr, aSr, bRs, lp.lu(c, nr, true), BmSectoral.blocks(byInd, off, aSr, bRs, m, nr));
    } catch (Lapack.SingularMatrixException e) {
      throw new InvalidInputException("intermediate/", sys.year().year(), "",
          "I + B_rS A_Sr is singular (bilateral extraction, LAPACK dgetrf pivot " + e.pivot() + ")", e);
    }
  }
}
