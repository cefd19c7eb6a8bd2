package io.tivaspark.common.math;

import io.tivaspark.common.math.YearSystem.Economy;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Unit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OECD TiVA indicators of one year (indicators.md §3, §7) with their identity checks (§3.4, §7, §11).
 *
 * <p><b>Economies.</b> Everything is computed on the split system (entities, e.g. CN1, CN2) and reported
 * per economy: a reporting country is the set of its entities' rows (all its blocks, incl. CN1×CN2,
 * are domestic: A_ss, L_ss, B_ss, its exports exclude sales to its own other part), and a configured
 * group is the union of its present members' rows (intra-group trade domestic, its own L_gg). Sums
 * over rows of the economy (and over entities of one industry) are taken before any ratio. The table
 * is never aggregated first (§2.4).
 *
 * <p><b>Indicators written</b> (country = economy code, partner = reporting country, "WLD" = all
 * partners, industry = industry code or "_T"; MONEY unless stated; PCT shares are NaN when the
 * denominator is 0):
 * <ul>
 * <li>PROD, VALU (× industry, _T), PROD_VASH (PCT)</li>
 * <li>EXGR, EXGR_INT, EXGR_FNL (exporter × partner × exporting industry, + WLD, + _T);
 *     IMGR, IMGR_INT, IMGR_FNL (importer × partner × partner's industry, + WLD, + _T);
 *     BALGR (× partner, WLD; _T); EXGRpSH, IMGRpSH (PCT, partner shares × industry)</li>
 * <li>EXGR_DVA, EXGR_FVA (exporter × destination partner × exporting industry, + WLD, + _T);
 *     EXGR_DDC, EXGR_IDC, EXGR_RIM (× exporting industry, WLD); EXGR_DVASH (× partner × industry),
 *     EXGR_FVASH, EXGR_TDVAIND, EXGR_TFVAIND, EXGR_INTDVASH, EXGR_FNLDVASH (WLD × industry);
 *     EXGR_DVApSH (× partner × industry)</li>
 * <li>DEXFVApSH (PCT; partner = <i>origin</i> country of the foreign VA, × exporting industry);
 *     FEXDVApSH (PCT; partner = country whose exports embody s's VA, _T);
 *     EXGR_DVAFXSH (PCT; × <i>source</i> industry of s, WLD)</li>
 * <li>IMGR_DVA (importer × partner × partner's industry), IMGR_DVASH (PCT)</li>
 * <li>FFD_DVA (× partner × source industry), DFD_DVA (WLD × source industry: domestic VA in domestic
 *     final demand — OECD shows it as origin "DXD" of FD_VA and has no principal-indicator code;
 *     DFD_DVA is our code), DFD_FVA (× origin partner × origin industry), BALVAFD (× partner, _T),
 *     FFD_DVApSH, DFD_FVApSH (PCT), VALU_FFDDVA (PCT, × source industry)</li>
 * <li>FD_VA (partner = origin country, "DXD" = domestic origin, WLD = total; _T); CONS_VA, GFCF_VA
 *     likewise with final demand restricted to the configured categories (default HFCE+NPISH+GGFC,
 *     resp. GFCF; written only if the layout has one of them). Source: OECD TiVA topic page
 *     ("origin of value added in final consumption (by households and government) and in gross fixed
 *     capital formation") and OECD.Stat TIVA_2022_C3 metadata ("DXD: Domestic").</li>
 * <li>EXGR_SERV_DVASH, EXGR_SERV_FVASH (PCT × exporting industry, only when service industries are
 *     configured): domestic / foreign VA created in service industries (origin rows k ∈ services),
 *     as a share of gross exports. Sources: INE TiVA metadata id 594 (v L e restricted to services),
 *     tradeweave.org note on OECD TiVA 2023 EXGR_SERV_DVA/EXGR_SERV_FVA (percent of gross exports).</li>
 * <li>VAX_RATIO (RATIO, Johnson–Noguera §7): country × partner × _T = VAX_{s→r}/EXGR_{s,r};
 *     country × WLD × industry = producing-sector ratio FFD_DVA_i/EXGR_i; country × WLD × _T;
 *     and country "WLD" × "WLD" × _T = world ΣVAX/ΣEXGR (countries only).</li>
 * </ul>
 * Not computed: REII, IMGRINT_REII (the guide's definition could not be pinned down: B_ss vs L_ss).
 *
 * <p>Tables: va_final_demand = v̂BY by source country-industry × demand country; va_origin_exports =
 * v_k B_kj e_j (e = country-level gross exports) by source country-industry × exporter
 * country-industry, split entities summed. Countries only (not groups).
 *
 * <p><b>Cost</b> (n = entities·N, G countries, E economies = G + groups, m rows of one economy):
 * A, I − A O(n²); B = (I − A)⁻¹ by dgetrf + dgetri 2n³ (the only n³ step besides the optional full
 * I3 check: one n³ dgemm, ~1 s native at n = 3645; default is 64 sampled columns, 2n²·64);
 * v̂B[Y|Y_cons|Y_gfcf] one dgemm 2n²·3G; origin-country multipliers v_t B_·j one pass over B O(n²);
 * B·e one dgemv; J1 terms one dgemm 2n²·E; per economy: trade O(m·G), LU of I − A_ss 2m³/3 plus N
 * transposed solves 2m²N (DDC/IDC, no local inverse formed), RIM O(m·n), imports/forward O(n·G);
 * va_origin_exports O(n²) streamed through a GN buffer. Memory: A, B, the I3 product (full check
 * only) and n×3G, n×E blocks: at most 3 n² doubles at once; never n×n×G.
 */
public final class TivaCore {
  static final String WLD = "WLD";
  static final String TOTAL = "_T";
  static final String DXD = "DXD";

  private TivaCore() {}

  /** Computes every indicator of one year into {@code sink} and returns a summary with the checks. */
  public static TivaSummary compute(MrioYear year, TivaOptions options, ResultSink sink) {
    return compute(YearSystem.build(year, options), sink);
  }

  /**
   * The same on an already solved system (the jobs build one {@link YearSystem} per year and hand it
   * to every family, so B is factorised once). The summary's seconds include the system's build.
   */
  public static TivaSummary compute(YearSystem system, ResultSink sink) {
    return new Run(system, sink).run();
  }

  private static final class Run {
    final MrioYear year;
    final TivaOptions opt;
    final ResultSink sink;
    final Layout lay;
    final Lapack lapack;
    final int n;
    final int g;
    final int nInd;
    final int f;
    final int[] cty;
    final int[] ind;
    final List<String> countries;
    final List<String> industries;
    final double tol;
    final List<CheckResult> checks = new ArrayList<>();

    double[] z;
    double[] yf;
    double[] y; // n×G
    double[] yTot;
    double[] x;
    double[] va;
    double[] v;
    double[] a;
    double[] b;
    double[] zRow; // Z·1
    double[] zc; // n×G: Z summed over the columns of each country
    double[] eC; // country-level gross exports of each row
    double[] vby; // n×G
    double[] vbyCons;
    double[] vbyGfcf;
    double[] vbc; // G×n: vbc[t + j*G] = Σ_{k∈t} v_k B_kj
    double[] vbcServ;
    double[] be; // B·eC
    boolean[] service;
    double leontiefSeconds;
    final Map<String, Double> steps = new LinkedHashMap<>();
    long lapStart;

    void lap(String step) {
      long now = System.nanoTime();
      steps.merge(step, (now - lapStart) / 1e9, Double::sum);
      lapStart = now;
    }

    // global check builders (one result per identity)
    final Map<String, CheckResult.Builder> builders = new LinkedHashMap<>();
    double worldFfd;
    double worldDfdFva;
    double worldExgr;

    final YearSystem sys;

    Run(YearSystem sys, ResultSink sink) {
      this.sys = sys;
      this.year = sys.year();
      this.opt = sys.options();
      this.sink = sink;
      this.lay = year.layout();
      this.lapack = sys.lapack();
      this.n = lay.n();
      this.g = lay.countryCount();
      this.nInd = lay.industryCount();
      this.f = lay.categoryCount();
      this.countries = lay.countries();
      this.industries = lay.industries();
      this.tol = opt.algebraTolerance();
      cty = new int[n];
      ind = new int[n];
      for (int k = 0; k < n; k++) {
        cty[k] = lay.countryOfRow(k);
        ind[k] = lay.industryOfRow(k);
      }
    }

    String label(int k) {
      return lay.entities().get(lay.entityOfRow(k)) + "_" + industries.get(ind[k]);
    }

    CheckResult.Builder cb(String code, String scope) {
      return builders.computeIfAbsent(code + "\u0000" + scope, key -> CheckResult.builder(code, scope, tol));
    }

    void emitCheck(CheckResult r) {
      checks.add(r);
      sink.check(r);
    }

    TivaSummary run() {
      long t0 = System.nanoTime() - (long) (sys.buildSeconds() * 1e9);
      lapStart = System.nanoTime();
      steps.put("input, A, B = (I-A)^-1 (YearSystem)", sys.buildSeconds());
      z = sys.z();
      yf = sys.yf();
      y = sys.y();
      yTot = sys.yTot();
      zRow = sys.zRow();
      x = sys.x();
      va = sys.va();
      a = sys.a();
      v = sys.v();
      b = sys.b();
      leontiefSeconds = sys.leontiefSeconds();
      inputChecks();
      lap("checks I1-I2");
      inverseChecks(); // n³ dgemm (or 2n²·64)
      lap("check I3");
      finalDemandProducts(); // 2n²·GF
      lap("VBY");
      exportsByCountry(); // O(n²)
      originMultipliers(); // O(n²) + dgemv
      lap("exports, origin multipliers");
      List<Economy> economies = sys.economies();
      double[] kww = kwwTerms(economies);
      lap("J1 terms");
      for (int q = 0; q < economies.size(); q++) {
        economy(economies.get(q), kww[q]);
      }
      prodMask = null;
      globalChecks();
      vaTables();
      lap("va tables");
      for (CheckResult.Builder bld : builders.values()) {
        emitCheck(bld.build());
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      return new TivaSummary(year.year(), n, secs, leontiefSeconds, lapack.backend(), checks, steps);
    }





    /** I1 (balance against the published output, atol + rtol) and I2 (sign / column-sum flags). */
    void inputChecks() {
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
          double[] colBal = IoMath.columnSums(z, n, n);
          for (double[] comp : year.valueAdded().values()) {
            for (int i = 0; i < n; i++) {
              colBal[i] += comp[i];
            }
          }
          emitCheck(balance("I1", "column balance x = Z'1 + va", colBal, pub, atol, rtol));
        }
      }
      // I2: negative Z, negative va, column sums of A >= 1 (reported, not fatal).
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
      // sectors with inputs but no output (row sum 0): their inputs cannot enter A, so x = By
      // (I3) and the balances that depend on it fail by about those inputs (WIOD 2002 LVA_c24)
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
      double excess = Math.max(0, maxCs - 1);
      emitCheck(new CheckResult("I2", "A column sums < 1", excess, excess, 0, !(maxCs >= 1),
          maxCs >= 1 ? label(csAt) : ""));
    }

    CheckResult balance(String code, String scope, double[] lhs, double[] rhs, double atol, double rtol) {
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
    void inverseChecks() {
      CheckResult.Builder inv = CheckResult.builder("I3", "(I-A)B = I", tol);
      if (opt.fullInverseCheck()) {
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
      } else {
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
      emitCheck(inv.build());
      double[] by = IoMath.outputFromLeontief(b, yTot, n, lapack);
      CheckResult.Builder xb = CheckResult.builder("I3", "x = By", tol);
      for (int i = 0; i < n; i++) {
        final int ii = i;
        xb.compare(by[i], x[i], () -> label(ii));
      }
      emitCheck(xb.build());
    }

    /** v̂·B·[Y | Y_cons | Y_gfcf]: categories summed first, then one dgemm (2n²·G·k, k ≤ 3). */
    void finalDemandProducts() {
      boolean[] cons = categoryMask(opt.consumptionCategories());
      boolean[] gfcf = categoryMask(opt.gfcfCategories());
      int blocks = 1 + (cons != null ? 1 : 0) + (gfcf != null ? 1 : 0);
      double[] stack = new double[n * g * blocks];
      System.arraycopy(y, 0, stack, 0, n * g);
      int consOff = n * g;
      int gfcfOff = n * g * (cons != null ? 2 : 1);
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
      double[] prod = lapack.multiply(b, n, n, stack, g * blocks);
      sys.offerBy(Arrays.copyOfRange(prod, 0, n * g)); // B·Y: the gvc family needs it too (saves a 2n²G dgemm)
      for (int col = 0; col < g * blocks; col++) {
        int off = col * n;
        for (int i = 0; i < n; i++) {
          prod[off + i] *= v[i];
        }
      }
      vby = Arrays.copyOfRange(prod, 0, n * g);
      vbyCons = cons == null ? null : Arrays.copyOfRange(prod, consOff, consOff + n * g);
      vbyGfcf = gfcf == null ? null : Arrays.copyOfRange(prod, gfcfOff, gfcfOff + n * g);
    }

    boolean[] categoryMask(java.util.Set<String> codes) {
      boolean[] m = new boolean[f];
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

    /** Zc (Z summed over each country's columns) and country-level exports eC. O(n²). */
    void exportsByCountry() {
      zc = new double[n * g];
      for (int j = 0; j < n; j++) {
        int off = cty[j] * n;
        int zo = j * n;
        for (int i = 0; i < n; i++) {
          zc[off + i] += z[zo + i];
        }
      }
      eC = new double[n];
      for (int k = 0; k < n; k++) {
        double s = 0;
        for (int r = 0; r < g; r++) {
          if (r != cty[k]) {
            s += zc[k + r * n] + y[k + r * n];
          }
        }
        eC[k] = s;
      }
    }

    /** vbc[t, j] = Σ_{k∈t} v_k B_kj (one pass over B, O(n²)); S1 check; be = B·eC (dgemv). */
    void originMultipliers() {
      vbc = new double[g * n];
      service = new boolean[nInd];
      boolean anyService = false;
      for (String s : opt.serviceIndustries()) {
        int i = lay.industryIndex(s);
        if (i >= 0) {
          service[i] = true;
          anyService = true;
        }
      }
      vbcServ = anyService ? new double[g * n] : null;
      CheckResult.Builder s1 = CheckResult.builder("S1", "v'B = 1' (active sectors)", tol);
      for (int j = 0; j < n; j++) {
        int off = j * n;
        int vo = j * g;
        for (int k = 0; k < n; k++) {
          double t = v[k] * b[off + k];
          vbc[vo + cty[k]] += t;
          if (vbcServ != null && service[ind[k]]) {
            vbcServ[vo + cty[k]] += t;
          }
        }
        if (x[j] != 0) {
          double s = 0;
          for (int t = 0; t < g; t++) {
            s += vbc[vo + t];
          }
          final int jj = j;
          s1.compare(s, 1.0, () -> label(jj));
        }
      }
      emitCheck(s1.build());
      be = new double[n];
      lapack.dgemv(false, n, n, 1.0, b, eC, 0.0, be);
    }

    /**
     * KWW terms 1+2+3 of every economy, v_s B_s· (Σ_{r∉s} Y_·r): the foreign final demand is summed
     * before multiplying by B (one dgemm, 2n²·E), unlike v̂BY, so J1 is an independent check.
     */
    double[] kwwTerms(List<Economy> economies) {
      int ne = economies.size();
      double[] yForeign = new double[n * ne];
      for (int q = 0; q < ne; q++) {
        boolean[] mem = economies.get(q).member();
        for (int r = 0; r < g; r++) {
          if (!mem[r]) {
            for (int c = 0; c < n; c++) {
              yForeign[c + q * n] += y[c + r * n];
            }
          }
        }
      }
      double[] byf = lapack.multiply(b, n, n, yForeign, ne);
      double[] out = new double[ne];
      for (int q = 0; q < ne; q++) {
        double acc = 0;
        for (int k : economies.get(q).rows()) {
          acc += v[k] * byf[k + q * n];
        }
        out[q] = acc;
      }
      return out;
    }


    static double share(double num, double den) {
      return den == 0 ? Double.NaN : 100.0 * num / den;
    }

    static double ratio(double num, double den) {
      return den == 0 ? Double.NaN : num / den;
    }

    void money(String code, String country, String partner, String industry, double value) {
      sink.indicator(code, country, partner, industry, value, Unit.MONEY);
    }

    void pct(String code, String country, String partner, String industry, double value) {
      sink.indicator(code, country, partner, industry, masked(industry, value), Unit.PCT);
    }

    /** Output by industry of the economy being written (null outside {@link #economy}). */
    double[] prodMask;

    /** Ratios of an industry with zero output in the economy are null (§12.1), never 100 % or 1. */
    double masked(String industry, double value) {
      if (prodMask != null && !TOTAL.equals(industry)) {
        int i = lay.industryIndex(industry);
        if (i >= 0 && prodMask[i] == 0) {
          return Double.NaN;
        }
      }
      return value;
    }

    /** All indicators of one economy. */
    void economy(Economy eco, double kww) {
      final String s = eco.code();
      final int[] rows = eco.rows();
      final boolean[] mem = eco.member();
      final int m = rows.length;
      final int nn = nInd;
      boolean[] inEco = new boolean[n];
      for (int k : rows) {
        inEco[k] = true;
      }

      // ---- structural and gross trade, O(m·G) ----
      double[] prod = new double[nn];
      prodMask = prod; // filled below, before any ratio is written
      double[] valu = new double[nn];
      double[] exInt = new double[nn * g];
      double[] exFnl = new double[nn * g];
      double[] eRow = new double[m]; // exports of each row of the economy (row total − domestic part)
      double[] dva = new double[nn * g];
      double[] fva = new double[nn * g];
      double[] dvaW = new double[nn];
      double[] fvaW = new double[nn];
      double[] intDva = new double[nn];
      double[] fnlDva = new double[nn];
      double[] dexfva = new double[nn * g]; // by origin t
      double[] servD = new double[nn];
      double[] servF = new double[nn];
      double[] exW = new double[nn];
      for (int q = 0; q < m; q++) {
        int j = rows[q];
        int i = ind[j];
        prod[i] += x[j];
        valu[i] += va[j];
        double dom = 0;
        for (int r = 0; r < g; r++) {
          if (mem[r]) {
            dom += zc[j + r * n] + y[j + r * n];
          }
        }
        double ej = zRow[j] + yTot[j] - dom;
        eRow[q] = ej;
        double dm = 0;
        double fm = 0;
        double sd = 0;
        double sf = 0;
        int vo = j * g;
        for (int t = 0; t < g; t++) {
          if (mem[t]) {
            dm += vbc[vo + t];
            if (vbcServ != null) {
              sd += vbcServ[vo + t];
            }
          } else {
            fm += vbc[vo + t];
            dexfva[i * g + t] += vbc[vo + t] * ej;
            if (vbcServ != null) {
              sf += vbcServ[vo + t];
            }
          }
        }
        for (int r = 0; r < g; r++) {
          if (!mem[r]) {
            double ei = zc[j + r * n];
            double efn = y[j + r * n];
            exInt[i * g + r] += ei;
            exFnl[i * g + r] += efn;
            dva[i * g + r] += dm * (ei + efn);
            fva[i * g + r] += fm * (ei + efn);
            intDva[i] += dm * ei;
            fnlDva[i] += dm * efn;
          }
        }
        dvaW[i] += dm * ej;
        fvaW[i] += fm * ej;
        exW[i] += ej;
        servD[i] += sd * ej;
        servF[i] += sf * ej;
      }

      lap("economies: trade");
      // ---- local inverse L_ss (O(m³)), DDC / IDC, and RIM computed independently via L A^F B ----
      // L_ss only through one LU of (I − A_ss) (2m³/3) and N transposed solves (2m²N):
      // U = L_ss' V, V (m×N) column i = v on the rows of industry i, so U[j, i] = Σ_{k: ind(k)=i} v_k (L_ss)_kj.
      double[] u = new double[m * nn];
      for (int kk = 0; kk < m; kk++) {
        u[kk + ind[rows[kk]] * m] = v[rows[kk]];
      }
      try {
        final double[] rhs = u;
        // block, LU and solves in ONE hop to the LAPACK thread (a hop is a thread hand-off, which on a
        // busy machine costs far more than these small factorisations)
        Lapack.onLapackThread(() ->
            lapack.lu(IoMath.identityMinus(IoMath.block(a, n, rows), m), m, true).solveInPlace(rhs, nn, true));
      } catch (Lapack.SingularMatrixException ex) {
        int k = ex.pivot() - 1;
        throw new InvalidInputException("intermediate/", year.year(),
            s + (k >= 0 && k < m ? " " + label(rows[k]) : ""),
            "I − A_ss is singular for " + s + " (LAPACK dgetrf pivot " + ex.pivot() + ")", ex);
      }
      double[] uL = new double[m];
      double[] ddc = new double[nn];
      double[] idc = new double[nn];
      for (int jj = 0; jj < m; jj++) {
        int ij = ind[rows[jj]];
        double all = 0;
        for (int i = 0; i < nn; i++) {
          all += u[jj + i * m];
        }
        double same = u[jj + ij * m];
        uL[jj] = all;
        ddc[ij] += same * eRow[jj];
        idc[ij] += (all - same) * eRow[jj];
      }
      u = null;
      lap("economies: local inverse");
      // q_c = Σ_{k∈s} uL_k A_kc for c ∉ s; RIM_j = Σ_{c∉s} q_c B_cj e_j  (B_ss − L_ss = L_ss A_s,¬s B_¬s,s)
      double[] qv = new double[n];
      double[] qb = new double[m];
      sys.offEconomyChain(rows, inEco, uL, qv, qb);
      double[] rim = new double[nn];
      for (int jj = 0; jj < m; jj++) {
        rim[ind[rows[jj]]] += qb[jj] * eRow[jj];
      }

      lap("economies: RIM");
      // ---- forward participation: VA of s in other countries' exports ----
      double[] fex = new double[g];
      for (int j = 0; j < n; j++) {
        if (inEco[j]) {
          continue;
        }
        double dmS = 0;
        int vo = j * g;
        for (int t = 0; t < g; t++) {
          if (mem[t]) {
            dmS += vbc[vo + t];
          }
        }
        fex[cty[j]] += dmS * eC[j];
      }
      double[] dvafx = new double[nn];
      for (int kk = 0; kk < m; kk++) {
        int k = rows[kk];
        double inner = 0;
        for (int jj = 0; jj < m; jj++) {
          int j = rows[jj];
          inner += b[k + j * n] * eC[j];
        }
        dvafx[ind[k]] += v[k] * (be[k] - inner);
      }

      // ---- imports of s from each partner (by partner's industry), and DVA returning in them ----
      double[] imInt = new double[nn * g];
      double[] imFnl = new double[nn * g];
      double[] imDva = new double[nn * g];
      for (int j = 0; j < n; j++) {
        if (inEco[j]) {
          continue;
        }
        double ei = 0;
        double efn = 0;
        for (int r = 0; r < g; r++) {
          if (mem[r]) {
            ei += zc[j + r * n];
            efn += y[j + r * n];
          }
        }
        double dmS = 0;
        int vo = j * g;
        for (int t = 0; t < g; t++) {
          if (mem[t]) {
            dmS += vbc[vo + t];
          }
        }
        int idx = ind[j] * g + cty[j];
        imInt[idx] += ei;
        imFnl[idx] += efn;
        imDva[idx] += dmS * (ei + efn);
      }

      lap("economies: forward, imports");
      // ---- VA in final demand (from v̂BY) ----
      double[] ffd = new double[nn * g];
      double[] dfdDva = new double[nn];
      double[] dfdFva = new double[nn * g]; // by origin country t and origin industry
      double consDom = 0;
      double gfcfDom = 0;
      double[] consFor = new double[g];
      double[] gfcfFor = new double[g];
      double yDem = 0;
      for (int k = 0; k < n; k++) {
        double toS = 0;
        double cS = 0;
        double gS = 0;
        for (int r = 0; r < g; r++) {
          if (mem[r]) {
            toS += vby[k + r * n];
            yDem += y[k + r * n];
            if (vbyCons != null) {
              cS += vbyCons[k + r * n];
            }
            if (vbyGfcf != null) {
              gS += vbyGfcf[k + r * n];
            }
          }
        }
        if (inEco[k]) {
          dfdDva[ind[k]] += toS;
          consDom += cS;
          gfcfDom += gS;
          for (int r = 0; r < g; r++) {
            if (!mem[r]) {
              ffd[ind[k] * g + r] += vby[k + r * n];
            }
          }
        } else {
          dfdFva[ind[k] * g + cty[k]] += toS;
          consFor[cty[k]] += cS;
          gfcfFor[cty[k]] += gS;
        }
      }
      lap("economies: VBY, J1");
      emitEconomy(eco, prod, valu, exInt, exFnl, exW, dva, fva, dvaW, fvaW, intDva, fnlDva, dexfva,
          servD, servF, ddc, idc, rim, fex, dvafx, imInt, imFnl, imDva, ffd, dfdDva, dfdFva, consDom,
          consFor, gfcfDom, gfcfFor, yDem, kww);
    }

    void emitEconomy(Economy eco, double[] prod, double[] valu, double[] exInt, double[] exFnl,
        double[] exW, double[] dva, double[] fva, double[] dvaW, double[] fvaW, double[] intDva,
        double[] fnlDva, double[] dexfva, double[] servD, double[] servF, double[] ddc, double[] idc,
        double[] rim, double[] fex, double[] dvafx, double[] imInt, double[] imFnl, double[] imDva,
        double[] ffd, double[] dfdDva, double[] dfdFva, double consDom, double[] consFor,
        double gfcfDom, double[] gfcfFor, double yDem, double kww) {
      final String s = eco.code();
      final boolean[] mem = eco.member();
      final int nn = nInd;

      // ---- totals ----
      double[] exgrI = new double[nn]; // Σ_r EXGR_{s,r,i}
      double[] exgrR = new double[g]; // Σ_i EXGR_{s,r,i}
      double[] imgrI = new double[nn];
      double[] imgrR = new double[g];
      double[] dvaR = new double[g];
      double[] fvaR = new double[g];
      double[] imDvaI = new double[nn];
      double[] imDvaR = new double[g];
      double[] ffdI = new double[nn];
      double[] ffdR = new double[g];
      double[] dfdFvaI = new double[nn];
      double[] dfdFvaR = new double[g];
      double[] dexR = new double[g];
      double[] dvaI = new double[nn];
      double[] fvaI = new double[nn];
      for (int i = 0; i < nn; i++) {
        for (int r = 0; r < g; r++) {
          if (mem[r]) {
            continue;
          }
          int p = i * g + r;
          double ex = exInt[p] + exFnl[p];
          exgrI[i] += ex;
          exgrR[r] += ex;
          double im = imInt[p] + imFnl[p];
          imgrI[i] += im;
          imgrR[r] += im;
          dvaR[r] += dva[p];
          fvaR[r] += fva[p];
          dvaI[i] += dva[p];
          fvaI[i] += fva[p];
          imDvaI[i] += imDva[p];
          imDvaR[r] += imDva[p];
          ffdI[i] += ffd[p];
          ffdR[r] += ffd[p];
          dfdFvaI[i] += dfdFva[p];
          dfdFvaR[r] += dfdFva[p];
          dexR[r] += dexfva[p];
        }
      }
      double exgrT = sum(exgrI);
      double imgrT = sum(imgrI);
      double exTotRow = sum(exW);
      double prodT = sum(prod);
      double valuT = sum(valu);
      double dvaWT = sum(dvaW);
      double fvaWT = sum(fvaW);
      double ffdT = sum(ffdI);
      double dfdDvaT = sum(dfdDva);
      double dfdFvaT = sum(dfdFvaI);
      if (!eco.group()) {
        worldFfd += ffdT;
        worldDfdFva += dfdFvaT;
        worldExgr += exgrT;
      }

      // ---- structural ----
      for (int i = 0; i < nn; i++) {
        String in = industries.get(i);
        money("PROD", s, WLD, in, prod[i]);
        money("VALU", s, WLD, in, valu[i]);
        pct("PROD_VASH", s, WLD, in, share(valu[i], prod[i]));
      }
      money("PROD", s, WLD, TOTAL, prodT);
      money("VALU", s, WLD, TOTAL, valuT);
      pct("PROD_VASH", s, WLD, TOTAL, share(valuT, prodT));

      // ---- gross exports / imports, bilateral by industry ----
      for (int r = 0; r < g; r++) {
        if (mem[r]) {
          continue;
        }
        String pr = countries.get(r);
        double exIntT = 0;
        double exFnlT = 0;
        double imIntT = 0;
        double imFnlT = 0;
        for (int i = 0; i < nn; i++) {
          int p = i * g + r;
          String in = industries.get(i);
          double ex = exInt[p] + exFnl[p];
          double im = imInt[p] + imFnl[p];
          money("EXGR", s, pr, in, ex);
          money("EXGR_INT", s, pr, in, exInt[p]);
          money("EXGR_FNL", s, pr, in, exFnl[p]);
          pct("EXGRpSH", s, pr, in, share(ex, exgrI[i]));
          money("IMGR", s, pr, in, im);
          money("IMGR_INT", s, pr, in, imInt[p]);
          money("IMGR_FNL", s, pr, in, imFnl[p]);
          pct("IMGRpSH", s, pr, in, share(im, imgrI[i]));
          money("EXGR_DVA", s, pr, in, dva[p]);
          money("EXGR_FVA", s, pr, in, fva[p]);
          pct("EXGR_DVASH", s, pr, in, share(dva[p], ex));
          pct("EXGR_DVApSH", s, pr, in, share(dva[p], dvaI[i]));
          money("IMGR_DVA", s, pr, in, imDva[p]);
          pct("IMGR_DVASH", s, pr, in, share(imDva[p], im));
          money("FFD_DVA", s, pr, in, ffd[p]);
          pct("FFD_DVApSH", s, pr, in, share(ffd[p], ffdI[i]));
          money("DFD_FVA", s, pr, in, dfdFva[p]);
          pct("DEXFVApSH", s, pr, in, share(dexfva[p], exW[i]));
          exIntT += exInt[p];
          exFnlT += exFnl[p];
          imIntT += imInt[p];
          imFnlT += imFnl[p];
        }
        money("EXGR", s, pr, TOTAL, exgrR[r]);
        money("EXGR_INT", s, pr, TOTAL, exIntT);
        money("EXGR_FNL", s, pr, TOTAL, exFnlT);
        pct("EXGRpSH", s, pr, TOTAL, share(exgrR[r], exgrT));
        money("IMGR", s, pr, TOTAL, imgrR[r]);
        money("IMGR_INT", s, pr, TOTAL, imIntT);
        money("IMGR_FNL", s, pr, TOTAL, imFnlT);
        pct("IMGRpSH", s, pr, TOTAL, share(imgrR[r], imgrT));
        money("BALGR", s, pr, TOTAL, exgrR[r] - imgrR[r]);
        money("EXGR_DVA", s, pr, TOTAL, dvaR[r]);
        money("EXGR_FVA", s, pr, TOTAL, fvaR[r]);
        pct("EXGR_DVASH", s, pr, TOTAL, share(dvaR[r], exgrR[r]));
        pct("EXGR_DVApSH", s, pr, TOTAL, share(dvaR[r], dvaWT));
        money("IMGR_DVA", s, pr, TOTAL, imDvaR[r]);
        pct("IMGR_DVASH", s, pr, TOTAL, share(imDvaR[r], imgrR[r]));
        money("FFD_DVA", s, pr, TOTAL, ffdR[r]);
        pct("FFD_DVApSH", s, pr, TOTAL, share(ffdR[r], ffdT));
        money("DFD_FVA", s, pr, TOTAL, dfdFvaR[r]);
        pct("DFD_FVApSH", s, pr, TOTAL, share(dfdFvaR[r], dfdFvaT));
        money("BALVAFD", s, pr, TOTAL, ffdR[r] - dfdFvaR[r]);
        pct("DEXFVApSH", s, pr, TOTAL, share(dexR[r], exTotRow));
        pct("FEXDVApSH", s, pr, TOTAL, share(fex[r], exTotRow));
        money("FD_VA", s, pr, TOTAL, dfdFvaR[r]);
        if (vbyCons != null) {
          money("CONS_VA", s, pr, TOTAL, consFor[r]);
        }
        if (vbyGfcf != null) {
          money("GFCF_VA", s, pr, TOTAL, gfcfFor[r]);
        }
        sink.indicator("VAX_RATIO", s, pr, TOTAL, ratio(ffdR[r], exgrR[r]), Unit.RATIO);
      }

      // ---- partner WLD, by industry ----
      double intDvaT = 0;
      double fnlDvaT = 0;
      for (int i = 0; i < nn; i++) {
        String in = industries.get(i);
        double exI = 0;
        double exF = 0;
        double imI = 0;
        double imF = 0;
        for (int r = 0; r < g; r++) {
          if (!mem[r]) {
            exI += exInt[i * g + r];
            exF += exFnl[i * g + r];
            imI += imInt[i * g + r];
            imF += imFnl[i * g + r];
          }
        }
        money("EXGR", s, WLD, in, exgrI[i]);
        money("EXGR_INT", s, WLD, in, exI);
        money("EXGR_FNL", s, WLD, in, exF);
        money("IMGR", s, WLD, in, imgrI[i]);
        money("IMGR_INT", s, WLD, in, imI);
        money("IMGR_FNL", s, WLD, in, imF);
        money("EXGR_DVA", s, WLD, in, dvaW[i]);
        money("EXGR_FVA", s, WLD, in, fvaW[i]);
        money("EXGR_DDC", s, WLD, in, ddc[i]);
        money("EXGR_IDC", s, WLD, in, idc[i]);
        money("EXGR_RIM", s, WLD, in, rim[i]);
        pct("EXGR_DVASH", s, WLD, in, share(dvaW[i], exgrI[i]));
        pct("EXGR_FVASH", s, WLD, in, share(fvaW[i], exgrI[i]));
        pct("EXGR_TDVAIND", s, WLD, in, share(dvaW[i], exgrT));
        pct("EXGR_TFVAIND", s, WLD, in, share(fvaW[i], exgrT));
        pct("EXGR_INTDVASH", s, WLD, in, share(intDva[i], exgrI[i]));
        pct("EXGR_FNLDVASH", s, WLD, in, share(fnlDva[i], exgrI[i]));
        pct("EXGR_DVAFXSH", s, WLD, in, share(dvafx[i], exTotRow));
        money("IMGR_DVA", s, WLD, in, imDvaI[i]);
        pct("IMGR_DVASH", s, WLD, in, share(imDvaI[i], imgrI[i]));
        money("FFD_DVA", s, WLD, in, ffdI[i]);
        money("DFD_DVA", s, WLD, in, dfdDva[i]);
        money("DFD_FVA", s, WLD, in, dfdFvaI[i]);
        pct("VALU_FFDDVA", s, WLD, in, share(ffdI[i], valu[i]));
        sink.indicator("VAX_RATIO", s, WLD, in, masked(in, ratio(ffdI[i], exgrI[i])), Unit.RATIO);
        if (vbcServ != null) {
          pct("EXGR_SERV_DVASH", s, WLD, in, share(servD[i], exgrI[i]));
          pct("EXGR_SERV_FVASH", s, WLD, in, share(servF[i], exgrI[i]));
        }
        intDvaT += intDva[i];
        fnlDvaT += fnlDva[i];

        String where = s + "/" + in;
        cb("T1", "EXGR_DVA + EXGR_FVA = EXGR (by exporting industry)").compare(dvaW[i] + fvaW[i], exgrI[i], where);
        cb("T2", "EXGR_DVA = EXGR_DDC + EXGR_IDC + EXGR_RIM").compare(ddc[i] + idc[i] + rim[i], dvaW[i], where);
        cb("T3", "sum over partners of EXGR = EXGR (row totals)").compare(exgrI[i], exW[i], where);
        cb("T5", "DFD_DVA + FFD_DVA = VALU").compare(dfdDva[i] + ffdI[i], valu[i], where);
      }
      for (int r = 0; r < g; r++) {
        if (!mem[r]) {
          cb("T1", "EXGR_DVA + EXGR_FVA = EXGR (bilateral)").compare(dvaR[r] + fvaR[r], exgrR[r],
              s + "/" + countries.get(r));
        }
      }
      money("EXGR", s, WLD, TOTAL, exgrT);
      money("EXGR_INT", s, WLD, TOTAL, sumMasked(exInt, mem));
      money("EXGR_FNL", s, WLD, TOTAL, sumMasked(exFnl, mem));
      money("IMGR", s, WLD, TOTAL, imgrT);
      money("IMGR_INT", s, WLD, TOTAL, sumMasked(imInt, mem));
      money("IMGR_FNL", s, WLD, TOTAL, sumMasked(imFnl, mem));
      money("BALGR", s, WLD, TOTAL, exgrT - imgrT);
      double ddcT = sum(ddc);
      double idcT = sum(idc);
      double rimT = sum(rim);
      money("EXGR_DVA", s, WLD, TOTAL, dvaWT);
      money("EXGR_FVA", s, WLD, TOTAL, fvaWT);
      money("EXGR_DDC", s, WLD, TOTAL, ddcT);
      money("EXGR_IDC", s, WLD, TOTAL, idcT);
      money("EXGR_RIM", s, WLD, TOTAL, rimT);
      double dvash = share(dvaWT, exgrT);
      double fvash = share(fvaWT, exgrT);
      pct("EXGR_DVASH", s, WLD, TOTAL, dvash);
      pct("EXGR_FVASH", s, WLD, TOTAL, fvash);
      pct("EXGR_TDVAIND", s, WLD, TOTAL, dvash);
      pct("EXGR_TFVAIND", s, WLD, TOTAL, fvash);
      pct("EXGR_INTDVASH", s, WLD, TOTAL, share(intDvaT, exgrT));
      pct("EXGR_FNLDVASH", s, WLD, TOTAL, share(fnlDvaT, exgrT));
      double dvafxT = sum(dvafx);
      double dvafxSh = share(dvafxT, exTotRow);
      pct("EXGR_DVAFXSH", s, WLD, TOTAL, dvafxSh);
      double dexT = 0;
      double fexT = 0;
      double pshT = 0;
      for (int r = 0; r < g; r++) {
        if (!mem[r]) {
          dexT += share(dexR[r], exTotRow);
          fexT += share(fex[r], exTotRow);
          pshT += share(exgrR[r], exgrT);
        }
      }
      if (exTotRow != 0) {
        cb("T4", "sum over origins of DEXFVApSH = EXGR_FVASH").compare(dexT, fvash, s);
        cb("T4", "sum over partners of FEXDVApSH = EXGR_DVAFXSH").compare(fexT, dvafxSh, s);
      }
      if (exgrT != 0) {
        cb("T3", "sum of partner shares EXGRpSH = 100").compare(pshT, 100.0, s);
      }
      money("IMGR_DVA", s, WLD, TOTAL, sum(imDvaI));
      pct("IMGR_DVASH", s, WLD, TOTAL, share(sum(imDvaI), imgrT));
      money("FFD_DVA", s, WLD, TOTAL, ffdT);
      money("DFD_DVA", s, WLD, TOTAL, dfdDvaT);
      money("DFD_FVA", s, WLD, TOTAL, dfdFvaT);
      money("BALVAFD", s, WLD, TOTAL, ffdT - dfdFvaT);
      pct("VALU_FFDDVA", s, WLD, TOTAL, share(ffdT, valuT));
      money("FD_VA", s, DXD, TOTAL, dfdDvaT);
      money("FD_VA", s, WLD, TOTAL, dfdDvaT + dfdFvaT);
      if (vbyCons != null) {
        money("CONS_VA", s, DXD, TOTAL, consDom);
        money("CONS_VA", s, WLD, TOTAL, consDom + sumMaskedG(consFor, mem));
      }
      if (vbyGfcf != null) {
        money("GFCF_VA", s, DXD, TOTAL, gfcfDom);
        money("GFCF_VA", s, WLD, TOTAL, gfcfDom + sumMaskedG(gfcfFor, mem));
      }
      if (vbcServ != null) {
        pct("EXGR_SERV_DVASH", s, WLD, TOTAL, share(sum(servD), exgrT));
        pct("EXGR_SERV_FVASH", s, WLD, TOTAL, share(sum(servF), exgrT));
      }
      sink.indicator("VAX_RATIO", s, WLD, TOTAL, ratio(ffdT, exgrT), Unit.RATIO);

      cb("T7", "BALVAFD = BALGR (country totals)").compare(ffdT - dfdFvaT, exgrT - imgrT, s);
      cb("T8", "sum over origins of FD_VA = final demand").compare(dfdDvaT + dfdFvaT, yDem, s);
      cb("J1", "VAX (from VBY) = KWW terms 1+2+3").compare(ffdT, kww, s);
      lap("economies: emit");
    }

    static double sum(double[] a) {
      double s = 0;
      for (double d : a) {
        s += d;
      }
      return s;
    }

    double sumMasked(double[] byIndPartner, boolean[] mem) {
      double s = 0;
      for (int i = 0; i < nInd; i++) {
        for (int r = 0; r < g; r++) {
          if (!mem[r]) {
            s += byIndPartner[i * g + r];
          }
        }
      }
      return s;
    }

    double sumMaskedG(double[] byPartner, boolean[] mem) {
      double s = 0;
      for (int r = 0; r < g; r++) {
        if (!mem[r]) {
          s += byPartner[r];
        }
      }
      return s;
    }

    /** S2, T6, T9, J2 and the world VAX ratio. */
    void globalChecks() {
      double sumVa = sum(va);
      double sumY = sum(yTot);
      double sumVby = sum(vby);
      CheckResult.Builder s2 = CheckResult.builder("S2", "sum va = sum y", tol);
      s2.compare(sumVa, sumY, "world");
      emitCheck(s2.build());
      CheckResult.Builder t9 = CheckResult.builder("T9", "sum VBY = sum va", tol);
      t9.compare(sumVby, sumVa, "world");
      emitCheck(t9.build());
      CheckResult.Builder t6 = CheckResult.builder("T6", "sum FFD_DVA = sum DFD_FVA", tol);
      t6.compare(worldFfd, worldDfdFva, "world");
      emitCheck(t6.build());
      CheckResult.Builder j2 = CheckResult.builder("J2", "VA absorbed abroad + at home = va", tol);
      for (int k = 0; k < n; k++) {
        double s = 0;
        for (int r = 0; r < g; r++) {
          s += vby[k + r * n];
        }
        final int kk = k;
        j2.compare(s, va[kk], () -> label(kk));
      }
      emitCheck(j2.build());
      sink.indicator("VAX_RATIO", WLD, WLD, TOTAL, ratio(worldFfd, worldExgr), Unit.RATIO);
    }

    /** va_final_demand (GN × G) and va_origin_exports (GN × GN), entities summed to countries. */
    void vaTables() {
      int gn = g * nInd;
      if (opt.writeVaFinalDemand()) {
        double[] agg = new double[gn * g];
        for (int r = 0; r < g; r++) {
          for (int k = 0; k < n; k++) {
            agg[cty[k] * nInd + ind[k] + r * gn] += vby[k + r * n];
          }
        }
        for (int r = 0; r < g; r++) {
          for (int p = 0; p < gn; p++) {
            sink.vaFinalDemand(countries.get(p / nInd), industries.get(p % nInd), countries.get(r),
                agg[p + r * gn]);
          }
        }
      }
      if (opt.writeVaOriginExports()) {
        // per exporter country-industry q: sum its entity columns j (CN1, CN2, ...) into a GN buffer
        int[][] colsOf = new int[gn][];
        int[] count = new int[gn];
        for (int j = 0; j < n; j++) {
          count[cty[j] * nInd + ind[j]]++;
        }
        for (int q = 0; q < gn; q++) {
          colsOf[q] = new int[count[q]];
          count[q] = 0;
        }
        for (int j = 0; j < n; j++) {
          int q = cty[j] * nInd + ind[j];
          colsOf[q][count[q]++] = j;
        }
        int[] rho = new int[n];
        for (int k = 0; k < n; k++) {
          rho[k] = cty[k] * nInd + ind[k];
        }
        double[] col = new double[gn];
        for (int q = 0; q < gn; q++) {
          Arrays.fill(col, 0.0);
          for (int j : colsOf[q]) {
            int off = j * n;
            double ej = eC[j];
            for (int k = 0; k < n; k++) {
              col[rho[k]] += v[k] * b[off + k] * ej;
            }
          }
          String ec = countries.get(q / nInd);
          String ei = industries.get(q % nInd);
          for (int p = 0; p < gn; p++) {
            sink.vaOriginExports(countries.get(p / nInd), industries.get(p % nInd), ec, ei, col[p]);
          }
        }
      }
    }
  }
}
