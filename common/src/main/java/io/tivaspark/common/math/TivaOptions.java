package io.tivaspark.common.math;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Immutable options of {@link TivaCore#compute}; build with {@link #builder()}. Serializable (Spark closures). */
public final class TivaOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Which gross output x and value added va the math uses (docs/methods.md §2.6). */
  public enum OutputMode {
    /**
     * Default: x = Z·1 + y (row sums) and va = x − Z'·1 (column residual, = VA + TLS). Then v'B = 1'
     * and every identity of §3.4/§7/§11 holds to rounding.
     */
    ROW_SUMS,
    /**
     * x = the table's published output and va = the sum of the year's value-added components
     * (VA, TLS, ...). On a table that is not exactly balanced, v'B = 1' and the decompositions
     * then hold only approximately (§12.6): loosen {@link Builder#algebraTolerance} accordingly.
     */
    PUBLISHED
  }

  /** LAPACK/BLAS backend. */
  public enum Backend {
    /** dev.ludovic.netlib default: native when it loads, else pure Java ({@link Lapack#get()}). */
    AUTO,
    /** Pure Java F2J ({@link Lapack#javaOnly()}). */
    JAVA
  }

  private final OutputMode outputMode;
  private final Map<String, List<String>> groups;
  private final Map<String, List<String>> industryGroups;
  private final double algebraTolerance;
  private final double balanceAtol;
  private final double balanceRtol;
  private final String moneyUnit;
  private final Set<String> serviceIndustries;
  private final Set<String> consumptionCategories;
  private final Set<String> gfcfCategories;
  private final Backend backend;
  private final boolean writeVaFinalDemand;
  private final boolean writeVaOriginExports;
  private final ImportsOriginDetail vaOriginImports;
  private final boolean writeVaFinalDemandProduct;
  private final boolean fullInverseCheck;
  private final boolean peerZeroOutputVa;
  private final ThirdCountry wwzThirdCountry;
  private final DestinationDetail exportsDestination;
  private final boolean blockBlas;

  private TivaOptions(Builder b) {
    this.outputMode = b.outputMode;
    LinkedHashMap<String, List<String>> g = new LinkedHashMap<>();
    b.groups.forEach((k, v) -> g.put(k, List.copyOf(v)));
    this.groups = java.util.Collections.unmodifiableMap(g);
    LinkedHashMap<String, List<String>> ig = new LinkedHashMap<>();
    b.industryGroups.forEach((k, v) -> ig.put(k, List.copyOf(v)));
    this.industryGroups = java.util.Collections.unmodifiableMap(ig);
    this.algebraTolerance = b.algebraTolerance;
    this.balanceAtol = b.balanceAtol;
    this.balanceRtol = b.balanceRtol;
    this.moneyUnit = b.moneyUnit;
    this.serviceIndustries = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.serviceIndustries));
    this.consumptionCategories = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.consumptionCategories));
    this.gfcfCategories = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.gfcfCategories));
    this.backend = b.backend;
    this.writeVaFinalDemand = b.writeVaFinalDemand;
    this.writeVaOriginExports = b.writeVaOriginExports;
    this.vaOriginImports = b.vaOriginImports;
    this.writeVaFinalDemandProduct = b.writeVaFinalDemandProduct;
    this.fullInverseCheck = b.fullInverseCheck;
    this.peerZeroOutputVa = b.peerZeroOutputVa;
    this.wwzThirdCountry = b.wwzThirdCountry;
    this.exportsDestination = b.exportsDestination;
    this.blockBlas = b.blockBlas;
  }

  /**
   * Third-country detail of the WWZ re-export terms DVA_INTrexI1, DVA_INTrexF and DVA_INTrexI2
   * (by the country t where the exporter's value added is finally absorbed or further processed):
   * OFF (default), COUNTRY (exporter × importer × t, industry "_T"), INDUSTRY (also by exporting
   * industry: about 3·G³·N rows a year, 69 million at ICIO 81 × 45).
   */
  public enum ThirdCountry { OFF, COUNTRY, INDUSTRY }

  /**
   * Detail of {@code va_origin_imports} (OECD IMGR_BSCI, docs/methods.md §3.2): OFF (not written),
   * COUNTRY (default, OECD's layout: source country × importer × partner × imported industry, about
   * G³N = 24 million rows a year at ICIO 81 × 45), INDUSTRY (also by source industry: G³N², about
   * 1.06 billion rows a year at ICIO scale).
   */
  public enum ImportsOriginDetail { OFF, COUNTRY, INDUSTRY }

  /**
   * Family core: the table {@code va_exports_destination} (value added in gross exports by final
   * destination, OECD FD_EXGR_VA split into FD_EXGRINT_VA / FD_EXGRFNL_VA; docs/methods.md §3.6):
   * OFF (the API's default: nothing written, so that sinks without the table keep working),
   * COUNTRY (source × exporter × destination × flow, export_industry "_T": 2·G³ rows a year, 1.06
   * million at ICIO 81 countries; the default of {@code bin/tiva run} through
   * {@code tiva.run.exports-destination}), INDUSTRY (also by exporting industry: 2·G³·(N + 1) rows, 48.9
   * million at ICIO 81 × 45).
   */
  public enum DestinationDetail { OFF, COUNTRY, INDUSTRY }

  public static Builder builder() { return new Builder(); }

  /** Defaults: ROW_SUMS, no groups, tolerance 1e-9, I1 atol 0.1 / rtol 2e-4, unit USD_M. */
  public static TivaOptions defaults() { return builder().build(); }

  public OutputMode outputMode() { return outputMode; }
  /** Group code → member country codes (members absent from a table are ignored). */
  public Map<String, List<String>> groups() { return groups; }
  /**
   * Industry aggregate code → member industry codes (docs/methods.md §17), resolved per table by
   * {@link YearSystem#industryAggregates()}; members absent from a table are ignored.
   */
  public Map<String, List<String>> industryGroups() { return industryGroups; }
  /** Relative tolerance of the algebraic identity checks: |lhs − rhs| ≤ tol·max(1, |rhs|). */
  public double algebraTolerance() { return algebraTolerance; }
  /** I1 input balance: |x_pub − (Z1 + y)| ≤ atol + rtol·|x_pub| (OECD-style audit tolerance). */
  public double balanceAtol() { return balanceAtol; }
  public double balanceRtol() { return balanceRtol; }
  /** The money unit code written for {@link io.tivaspark.common.model.Unit#MONEY} rows, e.g. USD_M. */
  public String moneyUnit() { return moneyUnit; }
  /** Industry codes counted as services for EXGR_SERV_DVASH/FVASH; empty = those are not computed. */
  public Set<String> serviceIndustries() { return serviceIndustries; }
  /** Final-demand categories of CONS_VA (default HFCE, NPISH, GGFC); absent codes are ignored. */
  public Set<String> consumptionCategories() { return consumptionCategories; }
  /** Final-demand categories of GFCF_VA (default GFCF). */
  public Set<String> gfcfCategories() { return gfcfCategories; }
  public Backend backend() { return backend; }
  public boolean writeVaFinalDemand() { return writeVaFinalDemand; }
  public boolean writeVaOriginExports() { return writeVaOriginExports; }
  /** The detail of {@code va_origin_imports} (OFF = not written). */
  public ImportsOriginDetail vaOriginImports() { return vaOriginImports; }
  /** Whether {@code va_final_demand_product} (OECD FDVA_BSCI) is written. */
  public boolean writeVaFinalDemandProduct() { return writeVaFinalDemandProduct; }
  /**
   * I3 ‖(I − A)B − I‖: true = every column, one n³ dgemm (about 1 s more at n = 3645 native);
   * false (default) = 64 evenly spaced columns, one n×n×64 dgemm. x = By and v'B = 1' (S1) are
   * always checked in full.
   */
  public boolean fullInverseCheck() { return fullInverseCheck; }

  /**
   * v of a zero-output sector: false (default) = 1 − 1'A = 1, which keeps v'B = 1' and every
   * identity for sectors that book sales without output; true = 0, as pymrio, decompr and
   * exvatools do (their numbers exactly, identities off by those sales). See IoMath.
   */
  public boolean peerZeroOutputVa() { return peerZeroOutputVa; }

  /** The WWZ third-country detail level (family gvc). */
  public ThirdCountry wwzThirdCountry() { return wwzThirdCountry; }

  /** The detail level of {@code va_exports_destination} (family core). */
  public DestinationDetail exportsDestination() { return exportsDestination; }

  /**
   * Family gvc: true (default) = BLAS calls with offsets into A and B for the per-economy O(nm)
   * passes and the partner loop when an economy's rows are contiguous (family core: the same for
   * the A_{c,¬c}·BY blocks of {@code va_exports_destination}); false = the Java loops
   * everywhere (same results up to summation order; for benchmarks and tests of that path).
   */
  public boolean blockBlas() { return blockBlas; }

  public Lapack lapack() {
    return backend == Backend.JAVA ? Lapack.javaOnly() : Lapack.get();
  }

  @Override
  public String toString() {
    return "TivaOptions{outputMode=" + outputMode + ", groups=" + groups.keySet() + ", industryGroups="
        + industryGroups.keySet() + ", tol="
        + algebraTolerance + ", balance=" + balanceAtol + "+" + balanceRtol + "·|x|, unit=" + moneyUnit
        + ", services=" + serviceIndustries.size() + ", backend=" + backend + ", wwzThirdCountry=" + wwzThirdCountry
        + ", exportsDestination=" + exportsDestination + "}";
  }

  /** Builder of {@link TivaOptions}. */
  public static final class Builder {
    private OutputMode outputMode = OutputMode.ROW_SUMS;
    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    private final Map<String, List<String>> industryGroups = new LinkedHashMap<>();
    private double algebraTolerance = 1e-9;
    private double balanceAtol = 0.1;
    private double balanceRtol = 2e-4;
    private String moneyUnit = "USD_M";
    private final Set<String> serviceIndustries = new LinkedHashSet<>();
    private final Set<String> consumptionCategories = new LinkedHashSet<>(List.of("HFCE", "NPISH", "GGFC"));
    private final Set<String> gfcfCategories = new LinkedHashSet<>(List.of("GFCF"));
    private Backend backend = Backend.AUTO;
    private boolean writeVaFinalDemand = true;
    private boolean writeVaOriginExports = true;
    private ImportsOriginDetail vaOriginImports = ImportsOriginDetail.COUNTRY;
    private boolean writeVaFinalDemandProduct = true;
    private boolean fullInverseCheck = false;
    private boolean peerZeroOutputVa = false;
    private ThirdCountry wwzThirdCountry = ThirdCountry.OFF;
    private DestinationDetail exportsDestination = DestinationDetail.OFF;
    private boolean blockBlas = true;

    private Builder() {}

    public Builder outputMode(OutputMode m) { this.outputMode = java.util.Objects.requireNonNull(m); return this; }

    /** Adds (or replaces) a country group, e.g. group("EU27", List.of("AUT", "BEL", ...)). */
    public Builder group(String code, List<String> members) {
      if (code == null || code.isBlank()) {
        throw new IllegalArgumentException("empty group code");
      }
      groups.put(code, List.copyOf(members));
      return this;
    }

    public Builder groups(Map<String, List<String>> g) { g.forEach(this::group); return this; }

    /** Adds (or replaces) an industry aggregate, e.g. industryGroup("C", List.of("C10T12", ...)). */
    public Builder industryGroup(String code, List<String> members) {
      if (code == null || code.isBlank()) {
        throw new IllegalArgumentException("empty industry aggregate code");
      }
      industryGroups.put(code, List.copyOf(members));
      return this;
    }

    public Builder industryGroups(Map<String, List<String>> g) { g.forEach(this::industryGroup); return this; }

    public Builder algebraTolerance(double tol) {
      if (!(tol > 0)) {
        throw new IllegalArgumentException("algebra tolerance must be > 0: " + tol);
      }
      this.algebraTolerance = tol;
      return this;
    }

    public Builder balanceTolerance(double atol, double rtol) {
      if (!(atol >= 0) || !(rtol >= 0)) {
        throw new IllegalArgumentException("balance tolerances must be >= 0: " + atol + ", " + rtol);
      }
      this.balanceAtol = atol;
      this.balanceRtol = rtol;
      return this;
    }

    public Builder moneyUnit(String unit) { this.moneyUnit = java.util.Objects.requireNonNull(unit); return this; }

    public Builder serviceIndustries(Set<String> codes) {
      serviceIndustries.clear();
      serviceIndustries.addAll(codes);
      return this;
    }

    public Builder consumptionCategories(Set<String> codes) {
      consumptionCategories.clear();
      consumptionCategories.addAll(codes);
      return this;
    }

    public Builder gfcfCategories(Set<String> codes) {
      gfcfCategories.clear();
      gfcfCategories.addAll(codes);
      return this;
    }

    public Builder backend(Backend b) { this.backend = java.util.Objects.requireNonNull(b); return this; }
    public Builder writeVaFinalDemand(boolean w) { this.writeVaFinalDemand = w; return this; }
    public Builder writeVaOriginExports(boolean w) { this.writeVaOriginExports = w; return this; }
    public Builder vaOriginImports(ImportsOriginDetail d) {
      this.vaOriginImports = java.util.Objects.requireNonNull(d);
      return this;
    }

    public Builder writeVaFinalDemandProduct(boolean w) { this.writeVaFinalDemandProduct = w; return this; }
    public Builder fullInverseCheck(boolean f) { this.fullInverseCheck = f; return this; }
    public Builder peerZeroOutputVa(boolean p) { this.peerZeroOutputVa = p; return this; }
    public Builder wwzThirdCountry(ThirdCountry t) { this.wwzThirdCountry = java.util.Objects.requireNonNull(t); return this; }
    /** See {@link TivaOptions#exportsDestination()}. */
    public Builder exportsDestination(DestinationDetail d) {
      this.exportsDestination = java.util.Objects.requireNonNull(d);
      return this;
    }
    /** See {@link TivaOptions#blockBlas()}. */
    public Builder blockBlas(boolean on) { this.blockBlas = on; return this; }

    public TivaOptions build() { return new TivaOptions(this); }
  }
}
