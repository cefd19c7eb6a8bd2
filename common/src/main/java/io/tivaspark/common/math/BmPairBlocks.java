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

    /**
     * Every partner's blocks: the gathers and the sectoral blocks on the calling thread, the capacitance
     * matrices and their LUs in one hop to the LAPACK thread (which two year tasks share: Java loops on
     * it would hold up the other task's BLAS calls).
     */
    static Economy of(YearSystem sys, GvcYear yr, YearSystem.Economy eco, ExporterAlgebra.Vectors ev) {
      int[] rows = eco.rows();
      double[] w = new double[rows.length];
      for (int kk = 0; kk < rows.length; kk++) {
        w[kk] = ev.ws()[rows[kk]];
      }
      int[][] byInd = BmSectoral.byIndustry(sys, rows);
      int[] off = BmSectoral.offsets(byInd);
      BmPairBlocks[] pairs = new BmPairBlocks[sys.g()];
      double[][] aSr = new double[pairs.length][];
      double[][] bRs = new double[pairs.length][];
      for (int r = 0; r < pairs.length; r++) {
        if (!eco.member()[r]) {
          aSr[r] = IoMath.block(sys.a(), sys.n(), rows, yr.rowsOf()[r]); // A_Sr, m×|r|
          bRs[r] = IoMath.block(sys.b(), sys.n(), yr.rowsOf()[r], rows); // B_rS, |r|×m
        }
      }
      Lapack.Lu[] lus = new Lapack.Lu[pairs.length];
      Lapack.onLapackThread(() -> {
        for (int r = 0; r < pairs.length; r++) {
          if (aSr[r] != null) {
            lus[r] = capacitance(sys, rows.length, yr.rowsOf()[r].length, aSr[r], bRs[r]);
          }
        }
        return null;
      });
      for (int r = 0; r < pairs.length; r++) {
        if (aSr[r] != null) {
          int[] rr = yr.rowsOf()[r];
          pairs[r] = new BmPairBlocks(rr, aSr[r], bRs[r], lus[r],
              BmSectoral.blocks(byInd, off, aSr[r], bRs[r], rows.length, rr.length));
        }
      }
      return new Economy(byInd, off, w, pairs);
    }
  }

  /** The LU of C = I + B_rS A_Sr (a singular C is an input error naming the year). */
  static Lapack.Lu capacitance(YearSystem sys, int m, int nr, double[] aSr, double[] bRs) {
    double[] c = new double[nr * nr];
    for (int j = 0; j < nr; j++) {
      c[j + j * nr] = 1.0;
    }
    Lapack lp = sys.lapack();
    lp.dgemm(false, false, nr, nr, m, 1.0, bRs, nr, aSr, m, 1.0, c, nr); // C = I + B_rS A_Sr
    try {
      return lp.lu(c, nr, true);
    } catch (Lapack.SingularMatrixException e) {
      throw new InvalidInputException("intermediate/", sys.year().year(), "",
          "I + B_rS A_Sr is singular (bilateral extraction, LAPACK dgetrf pivot " + e.pivot() + ")", e);
    }
  }
}
