package io.tivaspark.common.math;

import io.tivaspark.common.model.IndustryAggregates;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The solved input-output system of one year, shared by every family (core TiVA, gvc): Y by
 * country, x, va, v, A and the global inverse B = (I − A)⁻¹ from one LU, plus lazily computed
 * by-products that several families use (Z by destination country, country exports, v_t B_·j by
 * origin country, B·Y, explicit local inverses of the countries). Built once per year by
 * {@link #build}; then only read (not thread-safe for the lazy parts; one year = one task).
 *
 * <p>Naming: GVC literature (docs/methods.md §1): B is the global Leontief inverse, L the local ones.
 *
 * <p><b>Cost</b> (n = entities·N): A, v O(n²); B one dgetrf + dgetri, 2n³ (≈ 2.5 s native at
 * n = 3645 on 2 cores); memory A, B: 2n² doubles. Lazy parts: {@link #zc()} O(n²);
 * {@link #originMultipliers()} (with the service variant) one pass over B, O(n²); {@link #exportsOutput()}
 * one dgemv 2n²; {@link #vaFinalDemand()} one dgemm 2n²·3G (gives {@link #by()}); {@link #by()} otherwise one dgemm 2n²G;
 * {@link #countryLocalInverses()} G LU+inverse of N×N, 2GN³.
 */
public final class YearSystem {
  /** An economy: a reporting country or a group of countries, as rows of the split system. */
  public record Economy(String code, boolean group, int[] rows, boolean[] member) {}

  private final MrioYear year;
  private final TivaOptions opt;
  private final Layout lay;
  private final Lapack lapack;
  private final int n;
  private final int g;
  private final int nInd;
  private final int[] cty;
  private final int[] ind;
  private final double[] z;
  private final double[] yf;
  /** Final demand by destination country, n×G. */
  private final double[] y;
  private final double[] yTot;
  private final double[] zRow;
  private final double[] x;
  private final double[] va;
  private final double[] v;
  private final double[] a;
  private final double[] b;
  private final double leontiefSeconds;
  private final double buildSeconds;

  private double[] zc;
  private double[] eC;
  private double[] vbc;
  private double[] vbcServ;
  private boolean[] service;
  private double[] be;
  private FinalDemandVa vaFinalDemand;
  private double[] by;
  private double[][] localInv;
  private List<Economy> economies;
  private IndustryAggregates industryAggregates;

  private YearSystem(MrioYear year, TivaOptions opt) {
    long t0 = System.nanoTime();
    this.year = year;
    this.opt = opt;
    this.lay = year.layout();
    this.lapack = opt.lapack();
    this.n = lay.n();
    this.g = lay.countryCount();
    this.nInd = lay.industryCount();
    cty = new int[n];
    ind = new int[n];
    for (int k = 0; k < n; k++) {
      cty[k] = lay.countryOfRow(k);
      ind[k] = lay.industryOfRow(k);
    }
    z = year.z();
    yf = year.finalDemand();
    validateFinite();
    y = year.finalDemandByCountry();
    yTot = IoMath.rowSums(y, n, g);
    zRow = IoMath.rowSums(z, n, n);
    double[][] xva = chooseOutput();
    x = xva[0];
    va = xva[1];
    a = IoMath.coefficients(z, x, n);
    v = opt.peerZeroOutputVa() ? IoMath.vaCoefficients(va, x) : IoMath.vaCoefficientsResidual(va, x);
    long t = System.nanoTime();
    try {
      b = IoMath.leontief(a, n, lapack);
    } catch (Lapack.SingularMatrixException e) {
      int k = e.pivot() - 1;
      throw new InvalidInputException("intermediate/", year.year(), k >= 0 && k < n ? label(k) : null,
          "I − A is singular (LAPACK dgetrf pivot " + e.pivot() + ")", e);
    }
    requireFinite();
    leontiefSeconds = (System.nanoTime() - t) / 1e9;
    buildSeconds = (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Finite input can still overflow double precision (a cell near 1e308 makes x, A or B infinite
   * or NaN): that is the input's fault, never a number to write. Names the quantity, the row and
   * the input cell of largest magnitude. O(n²), one pass over B.
   */
  private void requireFinite() {
    String bad = firstNonFinite("gross output x", x, 1);
    bad = bad != null ? bad : firstNonFinite("value added va", va, 1);
    bad = bad != null ? bad : firstNonFinite("value-added coefficient v", v, 1);
    bad = bad != null ? bad : firstNonFinite("technical coefficient A", a, n);
    bad = bad != null ? bad : firstNonFinite("Leontief inverse B", b, n);
    if (bad != null) {
      throw new InvalidInputException("input", year.year(), "largest cell " + year.largestCell(),
          "the table's magnitudes overflow double precision (" + bad + ")");
    }
  }

  private String firstNonFinite(String what, double[] m, int rows) {
    for (int k = 0; k < m.length; k++) {
      if (!Double.isFinite(m[k])) {
        return what + " is " + m[k] + " at " + label(k % (rows == 1 ? n : rows))
            + (rows == 1 ? "" : " x " + label(k / rows));
      }
    }
    return null;
  }

  /** Validates, then solves the year: one LU and inverse of I − A (2n³). */
  public static YearSystem build(MrioYear year, TivaOptions options) {
    return new YearSystem(year, options);
  }

  public MrioYear year() { return year; }
  public TivaOptions options() { return opt; }
  public Layout layout() { return lay; }
  public int n() { return n; }
  // ------------------------------------------------------------------ the year's base quantities
  // Arrays are the system's own (no copy, for speed): read them, never write them.

  /** The LAPACK/BLAS of the run (native or pure Java). */
  public Lapack lapack() { return lapack; }
  /** Number of countries G (groups excluded; split countries once). */
  public int g() { return g; }
  /** Number of industries N. */
  public int nInd() { return nInd; }
  /** Country index of each row (split entities map to their country). */
  public int[] cty() { return cty; }
  /** Industry index of each row. */
  public int[] ind() { return ind; }
  /** Intermediate use Z, n×n column-major. */
  public double[] z() { return z; }
  /** Final demand by country and category, n×(G·F). */
  public double[] yf() { return yf; }
  /** Final demand by destination country Y, n×G. */
  public double[] y() { return y; }
  /** Total final demand of each row, Y·1. */
  public double[] yTot() { return yTot; }
  /** Intermediate sales of each row, Z·1. */
  public double[] zRow() { return zRow; }
  /** Gross output x (docs/methods.md: row sums or the published output). */
  public double[] x() { return x; }
  /** Value added of each column. */
  public double[] va() { return va; }
  /** Value-added coefficients v = va / x. */
  public double[] v() { return v; }
  /** Technical coefficients A = Z x̂⁻¹, n×n. */
  public double[] a() { return a; }
  /** Global Leontief inverse B = (I − A)⁻¹, n×n. */
  public double[] b() { return b; }

  /** Wall time of dgetrf + dgetri of I − A. */
  public double leontiefSeconds() { return leontiefSeconds; }
  /** Wall time of the whole build (validation, x, A, v, B). */
  public double buildSeconds() { return buildSeconds; }

  /** Row label, entity_industry (e.g. CN1_D26). */
  public String label(int k) {
    return lay.entities().get(lay.entityOfRow(k)) + "_" + lay.industries().get(ind[k]);
  }

  private void validateFinite() {
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(z[i + j * n])) {
          throw new InvalidInputException("intermediate/", year.year(), label(i) + " x " + label(j),
              "value is not finite (" + z[i + j * n] + ")");
        }
      }
    }
    int cols = lay.finalDemandColumns();
    int f = lay.categoryCount();
    for (int c = 0; c < cols; c++) {
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(yf[i + c * n])) {
          throw new InvalidInputException("final_demand/", year.year(),
              label(i) + " x " + lay.countries().get(c / f) + "_" + lay.categories().get(c % f),
              "value is not finite (" + yf[i + c * n] + ")");
        }
      }
    }
  }

  private double[][] chooseOutput() {
    double[] xx;
    double[] vv;
    if (opt.outputMode() == TivaOptions.OutputMode.ROW_SUMS) {
      xx = new double[n];
      for (int i = 0; i < n; i++) {
        xx[i] = zRow[i] + yTot[i];
      }
      vv = IoMath.valueAddedResidual(xx, z, n);
    } else {
      if (year.publishedOutput() == null) {
        throw new InvalidInputException("output/", year.year(), null,
            "output mode PUBLISHED needs the table's published output, which is missing");
      }
      xx = year.publishedOutput().clone();
      if (year.valueAdded().isEmpty()) {
        vv = IoMath.valueAddedResidual(xx, z, n);
      } else {
        vv = new double[n];
        for (double[] comp : year.valueAdded().values()) {
          for (int i = 0; i < n; i++) {
            vv[i] += comp[i];
          }
        }
      }
    }
    return new double[][] {xx, vv};
  }

  /** Z summed over the columns of each destination country (n×G); Zc_{·r} + Y_{·r} = sales to r. O(n²). */
  public double[] zc() {
    if (zc == null) {
      double[] m = new double[n * g];
      for (int j = 0; j < n; j++) {
        int off = cty[j] * n;
        int zo = j * n;
        for (int i = 0; i < n; i++) {
          m[off + i] += z[zo + i];
        }
      }
      zc = m;
    }
    return zc;
  }

  /**
   * Country-level gross exports of each row, eC_j = Σ_{r ≠ c(j)} (Zc_{j r} + Y_{j r}) = Z_j·1 + Y_j·1 −
   * Zc_{j c(j)} − Y_{j c(j)}: what row j sells to every other country (a split country's entities
   * count as one country). O(n) after {@link #zc()}.
   */
  public double[] countryExports() {
    if (eC == null) {
      double[] zcm = zc();
      double[] e = new double[n];
      for (int j = 0; j < n; j++) {
        int c = cty[j];
        e[j] = zRow[j] + yTot[j] - zcm[j + c * n] - y[j + c * n];
      }
      eC = e;
    }
    return eC;
  }

  /**
   * vbc[t + j·G] = Σ_{k∈t} v_k B_kj: VA of origin country t per unit of j's output (docs/methods.md §13).
   * One pass over B, O(n²), fused with {@link #serviceOriginMultipliers()}.
   */
  public double[] originMultipliers() {
    if (vbc == null) {
      computeOriginMultipliers();
    }
    return vbc;
  }

  /**
   * The same restricted to the configured service industries (rows k of a service industry), or null
   * when none is configured or present. Computed in the same pass over B as {@link #originMultipliers()}.
   */
  public double[] serviceOriginMultipliers() {
    if (vbc == null) {
      computeOriginMultipliers();
    }
    return vbcServ;
  }

  /** Industries configured as services and present in the table (null when none). */
  public boolean[] serviceIndustries() {
    if (vbc == null) {
      computeOriginMultipliers();
    }
    return service;
  }

  /** The one pass over B for vbc and, when services are configured, the service variant. */
  private void computeOriginMultipliers() {
    boolean[] svc = new boolean[nInd];
    boolean anyService = false;
    for (String s : opt.serviceIndustries()) {
      int i = lay.industryIndex(s);
      if (i >= 0) {
        svc[i] = true;
        anyService = true;
      }
    }
    double[] m = new double[g * n];
    double[] ms = anyService ? new double[g * n] : null;
    for (int j = 0; j < n; j++) {
      int off = j * n;
      int vo = j * g;
      for (int k = 0; k < n; k++) {
        double t = v[k] * b[off + k];
        m[vo + cty[k]] += t;
        if (ms != null && svc[ind[k]]) {
          ms[vo + cty[k]] += t;
        }
      }
    }
    service = anyService ? svc : null;
    vbcServ = ms;
    vbc = m;
  }

  /** B·e: output needed for every row's country-level exports ({@link #countryExports()}). One dgemv, 2n². */
  public double[] exportsOutput() {
    if (be == null) {
      double[] r = new double[n];
      lapack.dgemv(false, n, n, 1.0, b, countryExports(), 0.0, r);
      be = r;
    }
    return be;
  }

  /** v̂B·Y and its consumption / GFCF variants (n×G each; the variants null when not configured). */
  public record FinalDemandVa(double[] vby, double[] vbyCons, double[] vbyGfcf) {}

  /**
   * v̂·B·[Y | Y_cons | Y_gfcf] (docs/methods.md §3.3, §13): the categories summed first, then ONE dgemm
   * (2n²·G·k, k ≤ 3); B·Y, the first block before scaling, becomes {@link #by()} when not yet known.
   */
  public FinalDemandVa vaFinalDemand() {
    if (vaFinalDemand == null) {
      boolean[] cons = categoryMask(opt.consumptionCategories());
      boolean[] gfcf = categoryMask(opt.gfcfCategories());
      int blocks = 1 + (cons != null ? 1 : 0) + (gfcf != null ? 1 : 0);
      int consOff = n * g;
      int gfcfOff = n * g * (cons != null ? 2 : 1);
      double[] stack = finalDemandStack(cons, gfcf, blocks, consOff, gfcfOff);
      double[] prod = lapack.multiply(b, n, n, stack, g * blocks);
      offerBy(Arrays.copyOfRange(prod, 0, n * g)); // B·Y: the gvc family needs it too (saves a 2n²G dgemm)
      for (int col = 0; col < g * blocks; col++) {
        int off = col * n;
        for (int i = 0; i < n; i++) {
          prod[off + i] *= v[i];
        }
      }
      vaFinalDemand = new FinalDemandVa(Arrays.copyOfRange(prod, 0, n * g),
          cons == null ? null : Arrays.copyOfRange(prod, consOff, consOff + n * g),
          gfcf == null ? null : Arrays.copyOfRange(prod, gfcfOff, gfcfOff + n * g));
    }
    return vaFinalDemand;
  }

  /** [Y | Y_cons | Y_gfcf], n×(G·blocks). */
  private double[] finalDemandStack(boolean[] cons, boolean[] gfcf, int blocks, int consOff, int gfcfOff) {
    int f = lay.categoryCount();
    double[] stack = new double[n * g * blocks];
    System.arraycopy(y, 0, stack, 0, n * g);
    for (int r = 0; r < g; r++) {
      for (int c = 0; c < f; c++) {
        int col = lay.finalDemandColumn(r, c);
        boolean inCons = cons != null && cons[c];
        boolean inGfcf = gfcf != null && gfcf[c];
        if (!inCons && !inGfcf) {
          continue;
        }
        for (int i = 0; i < n; i++) {
          double val = yf[i + col * n];
          if (inCons) {
            stack[consOff + i + r * n] += val;
          }
          if (inGfcf) {
            stack[gfcfOff + i + r * n] += val;
          }
        }
      }
    }
    return stack;
  }

  private boolean[] categoryMask(java.util.Set<String> codes) {
    boolean[] m = new boolean[lay.categoryCount()];
    boolean any = false;
    for (String code : codes) {
      int c = lay.categoryIndex(code);
      if (c >= 0) {
        m[c] = true;
        any = true;
      }
    }
    return any ? m : null;
  }

  /** B·Y (n×G): output of every row needed for the final demand of each country. One dgemm, 2n²G. */
  double[] by() {
    if (by == null) {
      by = lapack.multiply(b, n, n, y, g);
    }
    return by;
  }

  /** Hands over B·Y when a family computed it anyway (the core's v̂B[Y|...] dgemm), so {@link #by()} is free. */
  private void offerBy(double[] byProduct) {
    if (by == null && byProduct != null && byProduct.length == n * g) {
      by = byProduct;
    }
  }

  /**
   * Explicit local inverses L_cc = (I − A_cc)⁻¹ of every reporting country c (rows of all its
   * entities), |c|×|c| column-major, indexed by country. G LUs, 2Σ|c|³ ≈ 2GN³.
   */
  double[][] countryLocalInverses() {
    if (localInv == null) {
      // all G factorisations in one hop to the LAPACK thread (not 2G hand-offs)
      localInv = Lapack.onLapackThread(() -> {
        double[][] l = new double[g][];
        for (int c = 0; c < g; c++) {
          int[] rows = lay.rowsOfCountry(c);
          try {
            l[c] = IoMath.localInverse(a, n, rows, lapack);
          } catch (Lapack.SingularMatrixException e) {
            throw new InvalidInputException("intermediate/", year.year(), lay.countries().get(c),
                "I − A_ss is singular for " + lay.countries().get(c), e);
          }
        }
        return l;
      });
    }
    return localInv;
  }


  /**
   * The chain u' A_{S,¬S} B_{¬S,S} for an economy S (rows {@code rows}, membership {@code inS}):
   * q_c = Σ_kk u_kk A_{rows[kk], c} for c ∉ S (0 on S) into {@code q}, then
   * d_kk = Σ_c q_c B_{c, rows[kk]} into {@code d}. Used by RIM (core: u = v_s L_ss) and the
   * Borin–Mancini extraction (gvc). O(n·m) each; rows in any order.
   */
  void offEconomyChain(int[] rows, boolean[] inS, double[] u, double[] q, double[] d) {
    int m = rows.length;
    for (int c = 0; c < n; c++) {
      if (inS[c]) {
        q[c] = 0;
        continue;
      }
      int off = c * n;
      double acc = 0;
      for (int kk = 0; kk < m; kk++) {
        acc += u[kk] * a[off + rows[kk]];
      }
      q[c] = acc;
    }
    for (int kk = 0; kk < m; kk++) {
      int off = rows[kk] * n;
      double acc = 0;
      for (int c = 0; c < n; c++) {
        acc += q[c] * b[off + c]; // q = 0 on S
      }
      d[kk] = acc;
    }
  }

  /** Reporting countries, then the configured groups with at least one member present (one economy each). */
  public List<Economy> economies() {
    if (economies != null) {
      return economies;
    }
    List<String> countries = lay.countries();
    List<Economy> list = new ArrayList<>();
    for (int c = 0; c < g; c++) {
      boolean[] mem = new boolean[g];
      mem[c] = true;
      list.add(new Economy(countries.get(c), false, lay.rowsOfCountry(c), mem));
    }
    for (Map.Entry<String, List<String>> e : opt.groups().entrySet()) {
      if (lay.countryIndex(e.getKey()) >= 0) {
        throw new IllegalArgumentException("group code " + e.getKey() + " is also a country of the table");
      }
      boolean[] mem = new boolean[g];
      int count = 0;
      for (String m : e.getValue()) {
        int c = lay.countryIndex(m);
        if (c >= 0 && !mem[c]) {
          mem[c] = true;
          count++;
        }
      }
      if (count == 0) {
        continue; // no member present: skipped
      }
      int rows = 0;
      for (int k = 0; k < n; k++) {
        if (mem[cty[k]]) {
          rows++;
        }
      }
      int[] r = new int[rows];
      int p = 0;
      for (int k = 0; k < n; k++) {
        if (mem[cty[k]]) {
          r[p++] = k;
        }
      }
      list.add(new Economy(e.getKey(), true, r, mem));
    }
    economies = List.copyOf(list);
    return economies;
  }

  /**
   * The industry aggregates of {@link TivaOptions#industryGroups()} resolved against this table's
   * industries (docs/methods.md §17): slots 0…N−1 the industries, then the aggregates present.
   */
  public IndustryAggregates industryAggregates() {
    if (industryAggregates == null) {
      industryAggregates = opt.industryGroups().isEmpty() ? IndustryAggregates.none(nInd)
          : IndustryAggregates.of(lay.industries(), opt.industryGroups());
    }
    return industryAggregates;
  }
}
