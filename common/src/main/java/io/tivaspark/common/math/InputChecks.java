package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.MrioYear;

/**
 * Checks of the input table and of the inverse (docs/methods.md §11): I1 balances against the
 * published output, I2 signs and column sums (kind INPUT: the data's), I3 (I − A)B = I and x = By
 * (kind IDENTITY: numerical). Results go to {@link Checks} as they are computed.
 */
final class InputChecks {
  private final YearSystem sys;
  private final Checks checks;
  private final int n;
  private final MrioYear year;
  private final TivaOptions opt;

  private InputChecks(YearSystem sys, Checks checks) {
    this.sys = sys;
    this.checks = checks;
    this.n = sys.n();
    this.year = sys.year();
    this.opt = sys.options();
  }

  /** I1 and I2. O(n²). */
  static void inputs(YearSystem sys, Checks checks) {
    InputChecks c = new InputChecks(sys, checks);
    c.balances();
    c.signs();
  }

  /** I3: one n³ dgemm with the full check, else 64 sampled columns (2n²·64); then x = By (dgemv). */
  static void inverse(YearSystem sys, Checks checks) {
    new InputChecks(sys, checks).inverseChecks();
  }

  private String label(int k) {
    return sys.label(k);
  }

  /** I1: row (and, with published va, column) balance against the published output, atol + rtol. */
  private void balances() {
    double[] zRow = sys.zRow();
    double[] yTot = sys.yTot();
    double[] pub = year.publishedOutput();
    double atol = opt.balanceAtol();
    double rtol = opt.balanceRtol();
    if (pub != null) {
      double[] rowBal = new double[n];
      for (int i = 0; i < n; i++) {
        rowBal[i] = zRow[i] + yTot[i];
      }
      emitCheck(balance("I1", "row balance x = Z1 + y", rowBal, pub, atol, rtol));
      if (!year.valueAdded().isEmpty()) {
        double[] colBal = IoMath.columnSums(sys.z(), n, n);
        for (double[] comp : year.valueAdded().values()) {
          for (int i = 0; i < n; i++) {
            colBal[i] += comp[i];
          }
        }
        emitCheck(balance("I1", "column balance x = Z'1 + va", colBal, pub, atol, rtol));
      }
    }
  }

  /** I2: negative Z, negative va, inputs into zero-output sectors, column sums of A >= 1 (reported, not fatal). */
  private void signs() {
    double[] z = sys.z();
    double[] x = sys.x();
    double[] va = sys.va();
    double minZ = 0;
    int minAt = -1;
    double[] colSumA = new double[n];
    for (int j = 0; j < n; j++) {
      double inv = x[j] == 0 ? 0 : 1.0 / x[j];
      double s = 0;
      for (int i = 0; i < n; i++) {
        double zij = z[i + j * n];
        s += zij;
        if (zij < minZ) {
          minZ = zij;
          minAt = i + j * n;
        }
      }
      colSumA[j] = s * inv;
    }
    emitCheck(new CheckResult("I2", "negative Z", Math.abs(minZ), Math.abs(minZ) / Math.max(1, Math.abs(minZ)), 0,
        minAt < 0, minAt < 0 ? "" : label(minAt % n) + " x " + label(minAt / n)));
    double minVa = 0;
    int minVaAt = -1;
    double maxCs = Double.NEGATIVE_INFINITY;
    int csAt = -1;
    for (int j = 0; j < n; j++) {
      if (va[j] < minVa) {
        minVa = va[j];
        minVaAt = j;
      }
      if (colSumA[j] > maxCs) {
        maxCs = colSumA[j];
        csAt = j;
      }
    }
    emitCheck(new CheckResult("I2", "negative va", Math.abs(minVa), Math.abs(minVa) / Math.max(1, Math.abs(minVa)), 0,
        minVaAt < 0, minVaAt < 0 ? "" : label(minVaAt)));
    ghostInputs(colSumA);
    double excess = Math.max(0, maxCs - 1);
    emitCheck(new CheckResult("I2", "A column sums < 1", excess, excess, 0, !(maxCs >= 1),
        maxCs >= 1 ? label(csAt) : ""));
  }

  /**
   * Sectors with inputs but no output (row sum 0): their inputs cannot enter A, so x = By (I3) and the
   * balances that depend on it fail by about those inputs (WIOD 2002 LVA_c24).
   */
  private void ghostInputs(double[] colSumA) {
    double[] z = sys.z();
    double[] x = sys.x();
    double maxGhost = 0;
    int ghostAt = -1;
    for (int j = 0; j < n; j++) {
      if (x[j] == 0 && colSumA[j] == 0) {
        double in = 0;
        for (int i = 0; i < n; i++) {
          in += Math.abs(z[i + j * n]);
        }
        if (in > maxGhost) {
          maxGhost = in;
          ghostAt = j;
        }
      }
    }
    emitCheck(new CheckResult("I2", "no inputs into zero-output sectors", maxGhost,
        maxGhost / Math.max(1, maxGhost), 0, ghostAt < 0, ghostAt < 0 ? "" : label(ghostAt)));
  }

  /** Max error of lhs against rhs under |d| <= atol + rtol·|rhs|. */
  private CheckResult balance(String code, String scope, double[] lhs, double[] rhs, double atol, double rtol) {
    double maxAbs = 0;
    double maxRel = 0;
    boolean ok = true;
    String worst = "";
    // relative error against the OECD-style bound: d / (atol/rtol + |x|) <= rtol exactly when
    // d <= atol + rtol·|x|, so the row's tolerance column (rtol) and passed agree
    double floor = rtol > 0 ? atol / rtol : 1;
    for (int i = 0; i < n; i++) {
      double d = Math.abs(lhs[i] - rhs[i]);
      double rel = d / Math.max(floor, floor + Math.abs(rhs[i]));
      if (!(d <= atol + rtol * Math.abs(rhs[i]))) {
        ok = false;
      }
      maxAbs = Math.max(maxAbs, d);
      if (rel > maxRel) {
        maxRel = rel;
        worst = label(i);
      }
    }
    return new CheckResult(code, scope, maxAbs, maxRel, rtol, ok, worst);
  }


  /** I3: ‖(I − A)B − I‖ max-abs (one dgemm: C = B − A·B) and x ≈ B·y. */
  private void inverseChecks() {
    CheckResult.Builder inv = checks.builder("I3", "(I-A)B = I");
    if (opt.fullInverseCheck()) {
      fullInverse(inv);
    } else {
      sampledInverse(inv);
    }
    emitCheck(inv.build());
    double[] by = IoMath.outputFromLeontief(sys.b(), sys.yTot(), n, sys.lapack());
    CheckResult.Builder xb = checks.builder("I3", "x = By");
    double[] x = sys.x();
    for (int i = 0; i < n; i++) {
      final int ii = i;
      xb.compare(by[i], x[i], () -> label(ii));
    }
    emitCheck(xb.build());
  }

  /** C = B − A·B in full (n³ dgemm); the largest |C − I| first, then its name. */
  private void fullInverse(CheckResult.Builder inv) {
    double[] a = sys.a();
    double[] b = sys.b();
    Lapack lapack = sys.lapack();
    double[] c = b.clone();
    lapack.dgemm(false, false, n, n, n, -1.0, a, n, b, n, 1.0, c, n);
    // max-abs first (no label strings in the n² loop), then name the worst element
    double worst = -1;
    int at = 0;
    for (int j = 0; j < n; j++) {
      int off = j * n;
      for (int i = 0; i < n; i++) {
        double d = Math.abs(c[off + i] - (i == j ? 1.0 : 0.0));
        if (!(d <= worst)) { // also catches NaN
          worst = d;
          at = off + i;
          if (Double.isNaN(d)) {
            break;
          }
        }
      }
    }
    int wi = at % n;
    int wj = at / n;
    inv.compare(c[at], wi == wj ? 1.0 : 0.0, label(wi) + " x " + label(wj));
  }

  /** The same on 64 evenly spaced columns of B (2n²·64). */
  private void sampledInverse(CheckResult.Builder inv) {
    double[] a = sys.a();
    double[] b = sys.b();
    Lapack lapack = sys.lapack();
    int k = Math.min(n, 64);
    int[] cols = new int[k];
    double[] bs = new double[n * k];
    for (int q = 0; q < k; q++) {
      cols[q] = (int) ((long) q * n / k);
      System.arraycopy(b, cols[q] * n, bs, q * n, n);
    }
    double[] c = bs.clone();
    lapack.dgemm(false, false, n, k, n, -1.0, a, n, bs, n, 1.0, c, n);
    for (int q = 0; q < k; q++) {
      for (int i = 0; i < n; i++) {
        final int ii = i;
        final int cq = cols[q];
        inv.compare(c[i + q * n], i == cq ? 1.0 : 0.0, () -> label(ii) + " x " + label(cq));
      }
    }
  }

  private void emitCheck(CheckResult r) {
    checks.emit(r);
  }

}
