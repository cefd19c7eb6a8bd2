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
          aSr[r] = gatherA(sys, rows, yr.rowsOf()[r]);
          bRs[r] = gatherB(sys, rows, yr.rowsOf()[r]);
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

  /** A_Sr, m×|r| column-major, read down A's columns (cache-friendly). */
  static double[] gatherA(YearSystem sys, int[] rows, int[] rr) {
    int n = sys.n();
    int m = rows.length;
    double[] a = sys.a();
    double[] aSr = new double[m * rr.length];
    for (int jj = 0; jj < rr.length; jj++) {
      int ao = rr[jj] * n;
      for (int kk = 0; kk < m; kk++) {
        aSr[kk + jj * m] = a[ao + rows[kk]];
      }
    }
    return aSr;
  }

  /** B_rS, |r|×m column-major, read down B's columns. */
  static double[] gatherB(YearSystem sys, int[] rows, int[] rr) {
    int n = sys.n();
    int nr = rr.length;
    double[] b = sys.b();
    double[] bRs = new double[nr * rows.length];
    for (int kk = 0; kk < rows.length; kk++) {
      int bo = rows[kk] * n;
      for (int jj = 0; jj < nr; jj++) {
        bRs[jj + kk * nr] = b[bo + rr[jj]];
      }
    }
    return bRs;
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
