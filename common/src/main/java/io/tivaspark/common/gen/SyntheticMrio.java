package io.tivaspark.common.gen;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Preconditions;
import io.tivaspark.common.model.Satellite;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A balanced synthetic multi-region input-output table with a realistic shape, for tests, demos
 * and benchmarks.
 *
 * <p>Construction of one year: draw final demand Y (six OECD categories; HFCE largest, INVNT
 * small and sometimes negative), draw technical coefficients A (column sums 45-75 %, domestic
 * block dominant, import share of intermediate use 10-40 % varying by country and industry),
 * solve x = Ax + y by Jacobi iteration (converges because column sums are below 0.75), set
 * Z = A·diag(x) in place, then take gross output as the row sums x = Z1 + Y1 and value added
 * as the residual x − Z'1, split into {@code VA} and {@code TLS}. Rows and columns therefore
 * balance to rounding. A few sectors (the last industry of one or two countries) have zero
 * output: their whole row and column are zero.
 *
 * <p>Year-independent structure (country sizes, import propensities, industry weights, base
 * cell weights) comes from streams seeded by the seed alone; year-specific growth and jitter
 * from streams seeded by (seed, year). So {@code year(y)} is a pure function of the spec and y,
 * whatever was generated before, and consecutive years differ smoothly (2-6 % growth a year
 * with noise, slowly rising import shares). Only one year is held: memory is n² doubles for Z
 * plus O(n·G) for final demand; time is O(n²) per year.
 *
 * <p>Satellite accounts (when {@link GeneratorSpec#extensions()} is on): {@code CO2} in kt and
 * {@code EMP} in thousand persons, F = intensity × x by row, the intensity an industry base
 * (electricity, metals, non-metallic minerals, refining, water and air transport high for CO2;
 * agriculture and labour-intensive services high for employment) times a country factor
 * (log-normal), a row factor and a slow yearly decline (1.5 % a year for CO2, 2 % for
 * employment: productivity) with year jitter; households emit CO2 directly (F_Y in the HFCE
 * column, about 0.06 kt per USD million of the country's HFCE). Zero-output rows have F = 0.
 * Drawn from their own streams, so Z, Y and VA do not depend on the flag.
 *
 * <p>Population (when {@link GeneratorSpec#population()} is on): persons per reporting country,
 * the country's final demand over a final demand per person drawn once per country (see
 * {@link #population}); its own stream.
 */
public final class SyntheticMrio {

  /** The 76 ICIO 2023 economies other than ROW, large economies first. */
  public static final List<String> COUNTRY_ORDER = List.of(
      "USA", "CHN", "DEU", "JPN", "FRA", "GBR", "MEX", "KOR", "ITA", "IND", "BRA", "CAN", "ESP",
      "AUS", "NLD", "RUS", "TUR", "CHE", "SAU", "TWN", "POL", "SWE", "BEL", "IDN", "ARG", "THA",
      "AUT", "IRL", "NOR", "ISR", "SGP", "MYS", "ZAF", "PHL", "DNK", "HKG", "VNM", "COL", "BGD",
      "EGY", "CHL", "FIN", "CZE", "ROU", "PRT", "NZL", "PER", "GRC", "KAZ", "HUN", "UKR", "MAR",
      "SVK", "NGA", "PAK", "LUX", "BGR", "HRV", "LTU", "SVN", "TUN", "CRI", "BLR", "LVA", "EST",
      "JOR", "CIV", "CMR", "CYP", "ISL", "KHM", "MMR", "SEN", "LAO", "BRN", "MLT");

  /** The 45 ICIO 2023 industry codes, in the edition's order. */
  public static final List<String> ICIO2023_INDUSTRIES = List.of(
      "A01_02", "A03", "B05_06", "B07_08", "B09", "C10T12", "C13T15", "C16", "C17_18", "C19",
      "C20", "C21", "C22", "C23", "C24", "C25", "C26", "C27", "C28", "C29", "C30", "C31T33", "D",
      "E", "F", "G", "H49", "H50", "H51", "H52", "H53", "I", "J58T60", "J61", "J62_63", "K", "L",
      "M", "N", "O", "P", "Q", "R", "S", "T");

  /** The six OECD ICIO 2023 final-demand categories. */
  public static final List<String> CATEGORIES =
      List.of("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR");

  private static final int HFCE = 0;
  private static final int NPISH = 1;
  private static final int GGFC = 2;
  private static final int GFCF = 3;
  private static final int INVNT = 4;
  private static final int DPABR = 5;

  /** Year at which growth levels are 1. */
  private static final int BASE_YEAR = 2000;

  private static final long TAG_BASE = 0x6261736531L;
  private static final long TAG_CELLS = 0x63656c6c73L;
  private static final long TAG_FD = 0x66696e616cL;
  private static final long TAG_GROWTH = 0x67726f77L;
  private static final long TAG_YEAR_CELLS = 0x7963656c6cL;
  private static final long TAG_YEAR_FD = 0x7966696eL;
  private static final long TAG_SAT = 0x736174L;
  private static final long TAG_YEAR_SAT = 0x79736174L;
  private static final long TAG_POP = 0x706f70L;

  /** Stressors of the generated satellite accounts, and their units. */
  public static final List<String> STRESSORS = List.of("CO2", "EMP");
  public static final List<String> STRESSOR_UNITS = List.of("kt", "1000 persons");

  private static final int KIND_PLAIN = 0;
  private static final int KIND_SPLIT_DOMESTIC = 1;
  private static final int KIND_PROCESSING = 2;

  private final GeneratorSpec spec;
  private final Layout layout;
  private final int n;
  private final int nInd;
  private final int g;
  private final int nEnt;

  // year-independent parameters, O(n + G)
  private final int[] entityKind;
  private final int[] countryLo;     // first row of each country's (contiguous) domestic block
  private final int[] countryHi;     // one past its last row
  private final double[] countrySize;
  private final double[] growthRate;
  private final double[] taxShare;    // per entity
  private final double[] entityShare; // share of its country's final demand
  private final double[] importBase;  // per entity
  private final double[] domesticFd;  // share of an entity's final-demand sales going to own country
  private final double[] exporterWeight; // per entity
  private final double[] industryImportDev; // per industry
  private final double[] tradability;   // per industry
  private final double[][] categoryProfile; // per industry, 6 shares
  private final double[] rowWeight;   // per row
  private final double[] inputShare;  // per column: base column sum of A
  private final boolean[] zeroSector; // per row/column
  private final double[] co2Intensity; // per row, kt per USD million of output (base year)
  private final double[] empIntensity; // per row, thousand persons per USD million
  private final double[] householdCo2; // per country, kt per USD million of HFCE
  private final double[] fdPerCapita; // per country, USD of final demand per person (base year)

  public SyntheticMrio(GeneratorSpec spec) {
    this.spec = Preconditions.checkNotNull(spec, "spec");
    this.layout = buildLayout(spec);
    this.n = layout.n();
    this.nInd = layout.industryCount();
    this.g = layout.countryCount();
    this.nEnt = layout.entityCount();
    Preconditions.checkArgument(n <= GeneratorSpec.MAX_N, "n = %d too large", n);

    entityKind = new int[nEnt];
    for (Map.Entry<String, List<String>> e : layout.splits().entrySet()) {
      List<String> parts = e.getValue();
      for (int p = 0; p < parts.size(); p++) {
        entityKind[layout.entityIndex(parts.get(p))] = p == 0 ? KIND_SPLIT_DOMESTIC : KIND_PROCESSING;
      }
    }
    countryLo = new int[g];
    countryHi = new int[g];
    for (int c = 0; c < g; c++) {
      int[] rows = layout.rowsOfCountry(c);
      countryLo[c] = rows[0];
      countryHi[c] = rows[rows.length - 1] + 1;
      Preconditions.checkArgument(rows.length == countryHi[c] - countryLo[c],
          "rows of country %s are not contiguous", layout.countries().get(c));
    }

    SplittableRandom r = new SplittableRandom(mix(spec.seed(), TAG_BASE, 0));
    countrySize = new double[g];
    growthRate = new double[g];
    for (int c = 0; c < g; c++) {
      boolean row = c == g - 1;
      // rank-size rule with noise; ROW is large (a third of the largest economies' sum, roughly)
      double rank = row ? 1.5 : c + 1;
      countrySize[c] = 1000.0 * Math.pow(rank, -0.9) * Math.exp(0.25 * r.nextGaussian());
      growthRate[c] = 0.02 + 0.04 * r.nextDouble();
    }
    taxShare = new double[nEnt];
    entityShare = new double[nEnt];
    importBase = new double[nEnt];
    domesticFd = new double[nEnt];
    exporterWeight = new double[nEnt];
    for (int e = 0; e < nEnt; e++) {
      int c = layout.countryOfEntity(e);
      switch (entityKind[e]) {
        case KIND_SPLIT_DOMESTIC:
          taxShare[e] = 0.04 + 0.06 * r.nextDouble();
          entityShare[e] = 0.85;
          importBase[e] = 0.10 + 0.06 * r.nextDouble();
          domesticFd[e] = 0.82 + 0.10 * r.nextDouble();
          exporterWeight[e] = 0.6 * Math.pow(countrySize[c], 0.8);
          break;
        case KIND_PROCESSING:
          taxShare[e] = 0.005 + 0.01 * r.nextDouble();
          entityShare[e] = 0.15;
          importBase[e] = 0.45 + 0.10 * r.nextDouble();
          domesticFd[e] = 0.03 + 0.07 * r.nextDouble();
          exporterWeight[e] = 2.5 * Math.pow(countrySize[c], 0.8);
          break;
        default:
          taxShare[e] = 0.03 + 0.07 * r.nextDouble();
          entityShare[e] = 1.0;
          importBase[e] = 0.14 + 0.16 * r.nextDouble();
          domesticFd[e] = 0.70 + 0.20 * r.nextDouble();
          exporterWeight[e] = Math.pow(countrySize[c], 0.8);
      }
    }
    industryImportDev = new double[nInd];
    tradability = new double[nInd];
    categoryProfile = new double[nInd][];
    for (int k = 0; k < nInd; k++) {
      String code = layout.industries().get(k);
      industryImportDev[k] = 0.12 * (r.nextDouble() - 0.5);
      tradability[k] = tradability(code);
      double[] p = baseProfile(code);
      double sum = 0;
      for (int cat = 0; cat < p.length; cat++) {
        if (cat != INVNT) {
          p[cat] *= 0.8 + 0.4 * r.nextDouble();
        }
        sum += p[cat];
      }
      for (int cat = 0; cat < p.length; cat++) {
        p[cat] /= sum;
      }
      categoryProfile[k] = p;
    }
    rowWeight = new double[n];
    inputShare = new double[n];
    for (int k = 0; k < n; k++) {
      rowWeight[k] = Math.exp(0.8 * r.nextGaussian());
      boolean processing = entityKind[layout.entityOfRow(k)] == KIND_PROCESSING;
      inputShare[k] = processing ? 0.64 + 0.08 * r.nextDouble() : 0.47 + 0.23 * r.nextDouble();
    }
    // zero-output sectors: the last industry of one or two plain countries (not ROW)
    zeroSector = new boolean[n];
    if (nInd >= 2) {
      List<Integer> candidates = new ArrayList<>();
      for (int c = 0; c < g - 1; c++) {
        if (!layout.splits().containsKey(layout.countries().get(c))) {
          candidates.add(c);
        }
      }
      int want = Math.min(candidates.size(), g > 3 ? 2 : 1);
      for (int t = 0; t < want; t++) {
        int c = candidates.remove(r.nextInt(candidates.size()));
        zeroSector[countryLo[c] + nInd - 1] = true;
      }
    }
    co2Intensity = new double[n];
    empIntensity = new double[n];
    householdCo2 = new double[g];
    if (spec.extensions()) {
      satelliteBase();
    }
    fdPerCapita = new double[g];
    if (spec.population()) {
      SplittableRandom rp = new SplittableRandom(mix(spec.seed(), TAG_POP, 0));
      for (int c = 0; c < g; c++) {
        fdPerCapita[c] = (c == g - 1 ? 4_000.0 : 25_000.0) * Math.exp(0.6 * rp.nextGaussian());
      }
    }
  }

  public GeneratorSpec spec() { return spec; }

  /** Year-independent satellite parameters from their own stream (so Z and Y do not change). */
  private void satelliteBase() {
    SplittableRandom r = new SplittableRandom(mix(spec.seed(), TAG_SAT, 0));
    double[] cCo2 = new double[g];
    double[] cEmp = new double[g];
    for (int c = 0; c < g; c++) {
      cCo2[c] = Math.exp(0.45 * r.nextGaussian());
      // ROW and smaller economies are more labour-intensive
      cEmp[c] = Math.exp(0.6 * r.nextGaussian()) * (c == g - 1 ? 2.5 : 1.0 + 0.02 * c);
      householdCo2[c] = 0.06 * Math.exp(0.3 * r.nextGaussian());
    }
    for (int k = 0; k < n; k++) {
      String code = layout.industries().get(layout.industryOfRow(k));
      int c = layout.countryOfRow(k);
      co2Intensity[k] = co2Base(code) * cCo2[c] * Math.exp(0.15 * r.nextGaussian());
      empIntensity[k] = empBase(code) * cEmp[c] * Math.exp(0.15 * r.nextGaussian());
    }
  }

  /** The year's satellite accounts for gross output x and final demand yf. */
  private Satellite satellite(int y, double[] x, double[] yf) {
    int m = STRESSORS.size();
    double[] f = new double[m * n];
    int cols = layout.finalDemandColumns();
    double[] fy = new double[m * cols];
    SplittableRandom yr = new SplittableRandom(mix(spec.seed(), TAG_YEAR_SAT, y));
    double co2Trend = Math.pow(0.985, y - BASE_YEAR);
    double empTrend = Math.pow(0.98, y - BASE_YEAR);
    for (int k = 0; k < n; k++) {
      double j1 = 0.97 + 0.06 * yr.nextDouble();
      double j2 = 0.98 + 0.04 * yr.nextDouble();
      f[k * m] = co2Intensity[k] * co2Trend * j1 * x[k];
      f[1 + k * m] = empIntensity[k] * empTrend * j2 * x[k];
    }
    for (int c = 0; c < g; c++) {
      int col = layout.finalDemandColumn(c, HFCE);
      double hfce = 0;
      for (int i = 0; i < n; i++) {
        hfce += yf[i + col * n];
      }
      fy[col * m] = householdCo2[c] * co2Trend * (0.97 + 0.06 * yr.nextDouble()) * hfce;
    }
    return new Satellite(STRESSORS, STRESSOR_UNITS, f, fy);
  }

  /**
   * The year's population by reporting country, persons (whole numbers): the country's final
   * demand (USD million) over its final demand per person, which grows 1.5 % a year from the
   * base year's level (log-normal around USD 25 000, σ 0.6; ROW USD 4 000). A split country has
   * one population. Deterministic from the seed; Z and Y do not depend on it.
   */
  private double[] population(int y, double[] yf) {
    double[] pop = new double[g];
    double growth = Math.pow(1.015, y - BASE_YEAR);
    for (int c = 0; c < g; c++) {
      double fd = 0;
      for (int cat = 0; cat < CATEGORIES.size(); cat++) {
        int off = layout.finalDemandColumn(c, cat) * n;
        for (int i = 0; i < n; i++) {
          fd += yf[off + i];
        }
      }
      pop[c] = Math.max(1.0, Math.rint(fd * 1e6 / (fdPerCapita[c] * growth)));
    }
    return pop;
  }

  /** CO2 intensity of an ICIO 2023 industry, kt per USD million of output (base year). */
  static double co2Base(String code) {
    switch (code) {
      case "A01_02": return 0.12;
      case "A03": return 0.25;
      case "B05_06": return 0.35;
      case "B07_08": return 0.30;
      case "B09": return 0.20;
      case "C16": return 0.15;
      case "C17_18": return 0.25;
      case "C19": return 0.90;
      case "C20": return 0.45;
      case "C23": return 1.60;
      case "C24": return 1.10;
      case "D": return 3.50;
      case "E": return 0.30;
      case "H49": return 0.45;
      case "H50": return 1.20;
      case "H51": return 1.00;
      case "H52": return 0.08;
      case "T": return 0.0;
      default:
        if (!ICIO2023_INDUSTRIES.contains(code)) {
          return 0.10;
        }
        char s = code.charAt(0);
        return s == 'C' ? 0.08 : s == 'F' ? 0.05 : 0.03;
    }
  }

  /** Employment intensity of an ICIO 2023 industry, thousand persons per USD million of output. */
  static double empBase(String code) {
    if (!ICIO2023_INDUSTRIES.contains(code)) {
      return 0.01;
    }
    switch (code) {
      case "A01_02": return 0.15;
      case "A03": return 0.10;
      case "C10T12": return 0.010;
      case "C13T15": return 0.020;
      case "C19": return 0.001;
      case "I": return 0.025;
      case "S": return 0.025;
      case "T": return 0.080;
      default:
        switch (code.charAt(0)) {
          case 'B': return 0.004;
          case 'C': return 0.006;
          case 'D': return 0.002;
          case 'E': return 0.008;
          case 'F': return 0.012;
          case 'G': return 0.018;
          case 'H': return 0.010;
          case 'J': return 0.006;
          case 'K': return 0.004;
          case 'L': return 0.002;
          case 'M': return 0.008;
          case 'N': return 0.015;
          case 'P': return 0.020;
          default: return 0.015; // O, Q, R
        }
    }
  }

  /** The layout of every year: countries, industries, the six categories and the splits. */
  public Layout layout() { return layout; }

  /** Rows/columns (index k) generated with zero output, for tests. */
  public boolean isZeroSector(int k) { return zeroSector[k]; }

  /**
   * Generates one year. A pure function of (spec, y): the same arrays whatever was generated
   * before. Allocates Z (n² doubles) and final demand (n·G·6 doubles) for the returned year.
   *
   * @throws IllegalArgumentException if y is outside the spec's years
   */
  public MrioYear year(int y) {
    Preconditions.checkArgument(y >= spec.firstYear() && y <= spec.lastYear(),
        "year %d is outside %d-%d", y, spec.firstYear(), spec.lastYear());
    double[] level = growthLevels(y);
    double trend = 1.0 + 0.005 * (y - 2010);
    double[] yf = finalDemand(y, level);
    double[] a = coefficients(y, trend);

    double[] yRow = new double[n];
    int cols = layout.finalDemandColumns();
    for (int c = 0; c < cols; c++) {
      int off = c * n;
      for (int i = 0; i < n; i++) {
        yRow[i] += yf[off + i];
      }
    }
    double[] xt = solve(a, yRow);

    // Z = A diag(x) in place; then x = Z1 + Y1 and VA = x - Z'1 so both balances hold exactly
    double[] zRow = new double[n];
    double[] zCol = new double[n];
    for (int j = 0; j < n; j++) {
      int off = j * n;
      double xj = xt[j];
      double s = 0;
      for (int i = 0; i < n; i++) {
        double v = a[off + i] * xj;
        a[off + i] = v;
        zRow[i] += v;
        s += v;
      }
      zCol[j] = s;
    }
    double[] x = new double[n];
    double[] va = new double[n];
    double[] tls = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = zRow[k] + yRow[k];
    }
    for (int k = 0; k < n; k++) {
      double total = x[k] - zCol[k];
      if (zeroSector[k]) {
        continue;
      }
      if (!(total > 0)) {
        throw new IllegalStateException("generator produced non-positive value added at row " + k
            + " in year " + y + " (seed " + spec.seed() + ")");
      }
      double t = taxShare[layout.entityOfRow(k)] * total;
      tls[k] = t;
      va[k] = total - t;
    }
    Map<String, double[]> vaMap = new LinkedHashMap<>();
    vaMap.put("TLS", tls);
    vaMap.put("VA", va);
    return new MrioYear(y, layout, a, yf, vaMap, x, spec.extensions() ? satellite(y, x, yf) : null,
        spec.population() ? population(y, yf) : null);
  }

  // ---------------------------------------------------------------------------------------------

  /** Level of each country's demand relative to BASE_YEAR. */
  private double[] growthLevels(int y) {
    double[] logLevel = new double[g];
    int from = Math.min(y, BASE_YEAR);
    int to = Math.max(y, BASE_YEAR);
    for (int t = from + 1; t <= to; t++) {
      SplittableRandom r = new SplittableRandom(mix(spec.seed(), TAG_GROWTH, t));
      for (int c = 0; c < g; c++) {
        double rate = growthRate[c] + 0.03 * (r.nextDouble() - 0.5);
        logLevel[c] += Math.log1p(rate);
      }
    }
    double[] level = new double[g];
    for (int c = 0; c < g; c++) {
      level[c] = Math.exp(y >= BASE_YEAR ? logLevel[c] : -logLevel[c]);
    }
    return level;
  }

  /** Final demand, n × (G·6) column-major. */
  private double[] finalDemand(int y, double[] level) {
    int f = CATEGORIES.size();
    double[] yf = new double[n * g * f];
    SplittableRandom base = new SplittableRandom(mix(spec.seed(), TAG_FD, 0));
    SplittableRandom yr = new SplittableRandom(mix(spec.seed(), TAG_YEAR_FD, y));
    double[] dest = new double[g];
    for (int i = 0; i < n; i++) {
      int e = layout.entityOfRow(i);
      int c = layout.countryOfEntity(e);
      int k = layout.industryOfRow(i);
      // draw in a fixed order whatever the row, so streams stay aligned across years
      double sizeJitter = 0.97 + 0.06 * yr.nextDouble();
      double foreign = 0;
      for (int r = 0; r < g; r++) {
        double b = -Math.log(1.0 - base.nextDouble());
        double jit = 0.95 + 0.1 * yr.nextDouble();
        dest[r] = r == c ? 0 : countrySize[r] * b * jit;
        foreign += dest[r];
      }
      double[] catJitter = new double[f];
      for (int cat = 0; cat < f; cat++) {
        catJitter[cat] = yr.nextDouble();
      }
      if (zeroSector[i]) {
        continue;
      }
      double total = countrySize[c] * entityShare[e] * rowWeight[i] * level[c] * sizeJitter * 0.5;
      double dom = domesticFd[e];
      for (int r = 0; r < g; r++) {
        double share = r == c ? dom : (foreign > 0 ? (1 - dom) * dest[r] / foreign : 0);
        if (g == 1) {
          share = 1;
        }
        double amount = total * share;
        double[] p = categoryProfile[k];
        for (int cat = 0; cat < f; cat++) {
          double v;
          if (cat == INVNT) {
            // changes in inventories: small, negative in about a third of the cells
            v = amount * p[cat] * (2.0 * catJitter[cat] - 0.7);
          } else {
            v = amount * p[cat] * (0.95 + 0.1 * catJitter[cat]);
          }
          yf[i + (r * f + cat) * n] = v;
        }
      }
    }
    return yf;
  }

  /** Technical coefficients A, n × n column-major, column sums 0.46-0.735. */
  private double[] coefficients(int y, double trend) {
    double[] a = new double[n * n];
    SplittableRandom base = new SplittableRandom(mix(spec.seed(), TAG_CELLS, 0));
    SplittableRandom yr = new SplittableRandom(mix(spec.seed(), TAG_YEAR_CELLS, y));
    for (int j = 0; j < n; j++) {
      int off = j * n;
      int ej = layout.entityOfRow(j);
      int cj = layout.countryOfEntity(ej);
      int kj = layout.industryOfRow(j);
      int lo = countryLo[cj];
      int hi = countryHi[cj];
      double s = inputShare[j] * (0.98 + 0.04 * yr.nextDouble());
      double m = Math.min(0.6, Math.max(0.03, (importBase[ej] + industryImportDev[kj]) * trend));
      int kindJ = entityKind[ej];
      double dom = 0;
      double forn = 0;
      for (int i = 0; i < n; i++) {
        double b = -Math.log(1.0 - base.nextDouble()) * (0.9 + 0.2 * yr.nextDouble());
        if (zeroSector[i]) {
          continue;
        }
        int ei = i / nInd;
        int ki = i - ei * nInd;
        double w;
        if (i >= lo && i < hi) {
          w = rowWeight[i] * b * (ki == kj ? 3.0 : 1.0);
          if (ei != ej) { // the other part of a split country
            w *= kindJ == KIND_PROCESSING ? 1.0 : 0.05;
          } else if (kindJ == KIND_PROCESSING) {
            w *= 0.3;
          }
          a[off + i] = w;
          dom += w;
        } else {
          w = exporterWeight[ei] * tradability[ki] * b * (ki == kj ? 2.0 : 1.0);
          a[off + i] = w;
          forn += w;
        }
      }
      if (zeroSector[j]) {
        java.util.Arrays.fill(a, off, off + n, 0.0);
        continue;
      }
      double domTarget = s * (1 - m);
      double forTarget = s * m;
      if (dom == 0) {
        forTarget = s;
      }
      if (forn == 0) {
        domTarget = s;
      }
      double fd = dom > 0 ? domTarget / dom : 0;
      double ff = forn > 0 ? forTarget / forn : 0;
      for (int i = 0; i < n; i++) {
        a[off + i] *= (i >= lo && i < hi) ? fd : ff;
      }
    }
    return a;
  }

  /** Solves x = A x + y by Jacobi iteration to 1e-13 relative per element. */
  private double[] solve(double[] a, double[] y) {
    double[] x = y.clone();
    double[] next = new double[n];
    for (int iter = 0; iter < 5000; iter++) {
      System.arraycopy(y, 0, next, 0, n);
      for (int j = 0; j < n; j++) {
        double xj = x[j];
        if (xj == 0) {
          continue;
        }
        int off = j * n;
        for (int i = 0; i < n; i++) {
          next[i] += a[off + i] * xj;
        }
      }
      boolean done = true;
      for (int i = 0; i < n; i++) {
        if (Math.abs(next[i] - x[i]) > 1e-13 * Math.abs(next[i])) {
          done = false;
          break;
        }
      }
      double[] t = x;
      x = next;
      next = t;
      if (done) {
        return x;
      }
    }
    throw new IllegalStateException("Jacobi iteration did not converge");
  }

  private static double tradability(String code) {
    if (!ICIO2023_INDUSTRIES.contains(code)) {
      return 0.5;
    }
    switch (code.charAt(0)) {
      case 'A': case 'B': case 'C': return 1.0;
      case 'D': case 'E': case 'F': return 0.08;
      case 'O': case 'P': case 'Q': case 'T': return 0.05;
      default: return 0.35;
    }
  }

  /** Shares of HFCE, NPISH, GGFC, GFCF, INVNT, DPABR by kind of industry (before noise). */
  private static double[] baseProfile(String code) {
    char s = ICIO2023_INDUSTRIES.contains(code) ? code.charAt(0) : '?';
    switch (s) {
      case 'A': case 'B': return new double[] {0.70, 0.01, 0.02, 0.05, 0.03, 0.02};
      case 'C': return new double[] {0.50, 0.01, 0.03, 0.30, 0.03, 0.02};
      case 'F': return new double[] {0.12, 0.01, 0.03, 0.80, 0.01, 0.01};
      case 'O': case 'P': case 'Q': return new double[] {0.30, 0.06, 0.60, 0.02, 0.005, 0.01};
      default: return new double[] {0.70, 0.03, 0.08, 0.12, 0.01, 0.04};
    }
  }

  static Layout buildLayout(GeneratorSpec spec) {
    List<String> countries = countryCodes(spec.regions());
    List<String> industries = industryCodes(spec.industries());
    Map<String, List<String>> splits = new LinkedHashMap<>();
    if (spec.splits()) {
      if (countries.contains("CHN")) {
        splits.put("CHN", List.of("CN1", "CN2"));
      }
      if (countries.contains("MEX")) {
        splits.put("MEX", List.of("MX1", "MX2"));
      }
    }
    return new Layout(countries, industries, CATEGORIES, splits);
  }

  /**
   * The first {@code regions - 1} of {@link #COUNTRY_ORDER} then ROW; beyond 76 countries,
   * user-assigned codes XAA, XAB, ... are appended before ROW.
   */
  public static List<String> countryCodes(int regions) {
    Preconditions.checkArgument(regions >= 1, "regions must be positive, got %d", regions);
    List<String> out = new ArrayList<>(regions);
    for (int i = 0; i < regions - 1; i++) {
      if (i < COUNTRY_ORDER.size()) {
        out.add(COUNTRY_ORDER.get(i));
      } else {
        int x = i - COUNTRY_ORDER.size();
        Preconditions.checkArgument(x < 26 * 26, "too many regions: %d", regions);
        out.add("X" + (char) ('A' + x / 26) + (char) ('A' + x % 26));
      }
    }
    out.add("ROW");
    return out;
  }

  /** The first {@code count} ICIO 2023 industry codes; beyond 45, codes X46, X47, ... */
  public static List<String> industryCodes(int count) {
    Preconditions.checkArgument(count >= 1, "industries must be positive, got %d", count);
    List<String> out = new ArrayList<>(count);
    Set<String> seen = new HashSet<>(ICIO2023_INDUSTRIES);
    for (int i = 0; i < count; i++) {
      if (i < ICIO2023_INDUSTRIES.size()) {
        out.add(ICIO2023_INDUSTRIES.get(i));
      } else {
        String code = "X" + (i + 1);
        Preconditions.checkArgument(seen.add(code), "industry code clash %s", code);
        out.add(code);
      }
    }
    return out;
  }

  /** SplitMix64-style mixing of (seed, tag, year) into a stream seed. */
  static long mix(long seed, long tag, long year) {
    long z = seed * 0x9E3779B97F4A7C15L + tag;
    z = fmix(z) ^ (year * 0xC2B2AE3D27D4EB4FL);
    return fmix(z + 0x165667B19E3779F9L);
  }

  private static long fmix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
