package io.tivaspark.common.model;

import java.util.List;

/**
 * Where the math of one year puts its results. The engine (the Spark jobs) implements it and
 * decides how rows are stored; the math never knows. Codes passed here are reporting codes:
 * split entities already merged, country groups as countries, {@code WLD} for "all partners"
 * and {@code _T} for "all industries".
 *
 * <p>The vector forms (a value array with the codes that vary along it: a {@link Sources} or a list of
 * terms) stand for the same rows, in the same order, as their row form called once a row, which is what
 * their default does. A sink that stores rows overrides them to resolve a vector's codes once, not once a
 * row (docs/performance.md, issue 17 thirteenth pass); a family makes each list or {@code Sources} once
 * (per year or for good) and passes the same object again.
 */
public interface ResultSink {
  /** A row of the {@code indicators} table. {@code value} may be NaN to mean null (undefined ratio). */
  void indicator(String indicator, String country, String partner, String industry, double value,
      Unit unit);

  /** A row of {@code va_final_demand}: VA of source country-industry absorbed by final demand of demandCountry. */
  void vaFinalDemand(String sourceCountry, String sourceIndustry, String demandCountry, double value);

  /** A row of {@code va_origin_exports}: VA of source country-industry embodied in gross exports of exporter's industry. */
  void vaOriginExports(String sourceCountry, String sourceIndustry, String exporter,
      String exportIndustry, double value);

  /**
   * A row of {@code va_origin_imports} (family "core", OECD IMGR_BSCI): value added created in
   * {@code sourceCountry} ({@code sourceIndustry}, or "_T" at the default country detail) embodied
   * in the gross imports of {@code importer} from {@code partner}'s industry {@code importIndustry}.
   * The default ignores the row (a sink that does not store this table).
   */
  default void vaOriginImports(String sourceCountry, String sourceIndustry, String importer, String partner,
      String importIndustry, double value) {}

  /**
   * A row of {@code va_final_demand_product} (family "core", OECD FDVA_BSCI): value added of source
   * country-industry absorbed by the final demand of {@code demandCountry} for the final products of
   * industry {@code productIndustry} (any producing country). The default ignores the row.
   */
  default void vaFinalDemandProduct(String sourceCountry, String sourceIndustry, String demandCountry,
      String productIndustry, double value) {}

  /** The rows of {@code va_origin_exports} for every source p: value {@code values[from + p]}. */
  default void vaOriginExports(Sources sources, String exporter, String exportIndustry, double[] values, int from) {
    for (int p = 0; p < sources.size(); p++) {
      vaOriginExports(sources.countries().get(p), sources.industries().get(p), exporter, exportIndustry,
          values[from + p]);
    }
  }

  /** The rows of {@code va_origin_imports} for every source p: value {@code values[from + p]}. */
  default void vaOriginImports(Sources sources, String importer, String partner, String importIndustry,
      double[] values, int from) {
    for (int p = 0; p < sources.size(); p++) {
      vaOriginImports(sources.countries().get(p), sources.industries().get(p), importer, partner, importIndustry,
          values[from + p]);
    }
  }

  /** The rows of {@code va_final_demand_product} for every source p: value {@code values[from + p]}. */
  default void vaFinalDemandProduct(Sources sources, String demandCountry, String productIndustry, double[] values,
      int from) {
    for (int p = 0; p < sources.size(); p++) {
      vaFinalDemandProduct(sources.countries().get(p), sources.industries().get(p), demandCountry, productIndustry,
          values[from + p]);
    }
  }

  /** A row of {@code quality_checks}. */
  void check(CheckResult result);

  /**
   * A row of {@code export_decomposition} (family "gvc"): {@code method} is KWW, WWZ, BM_SOURCE or
   * BM_SINK; {@code importer} is "WLD" for exporter totals; {@code industry} "_T" for all
   * exporting industries; {@code term} the method's published term name.
   */
  default void exportDecomposition(String method, String exporter, String importer, String industry, String term,
      double value) {
    throw new UnsupportedOperationException("this sink does not take export_decomposition rows");
  }

  /**
   * The rows of {@code export_decomposition} for one (method, exporter, importer, industry): term
   * {@code terms.get(q)} with value {@code values[from + q]}, for every q.
   */
  default void exportDecomposition(String method, String exporter, String importer, String industry,
      List<String> terms, double[] values, int from) {
    for (int q = 0; q < terms.size(); q++) {
      exportDecomposition(method, exporter, importer, industry, terms.get(q), values[from + q]);
    }
  }

  /**
   * A row of {@code footprints} (family "footprints"): {@code account} is PBA, CBA, IMP or EXP
   * (pymrio's D_pba, D_cba, D_imp, D_exp) or an OECD-style indicator; {@code partner} "WLD"
   * where the figure is not bilateral; {@code unit} the stressor's unit.
   */
  default void footprint(String stressor, String account, String country, String partner, double value, String unit) {
    throw new UnsupportedOperationException("this sink does not take footprints rows");
  }

  /**
   * A row of {@code export_decomposition_third} (family "gvc", when the WWZ third-country detail is
   * on): a WWZ re-export term ({@code DVA_INTrexI1}, {@code DVA_INTrexF}, {@code DVA_INTrexI2}) of
   * exporter → importer split by the third country {@code third}; industry "_T" for all industries.
   */
  default void wwzThirdCountry(String exporter, String importer, String third, String industry, String term,
      double value) {
    throw new UnsupportedOperationException("this sink does not take export_decomposition_third rows");
  }

  /**
   * A row of {@code footprint_coefficients} (family "footprints"): {@code coefficient} is S (direct
   * intensity), M (total multiplier S B), M_UP (M − S) or M_DOM (the part of M emitted in the
   * economy itself); {@code industry} "_T" for all industries; {@code unit} the stressor's unit per
   * money unit of the table, e.g. "kt/USD_M".
   */
  default void footprintCoefficient(String stressor, String coefficient, String country, String industry,
      double value, String unit) {
    throw new UnsupportedOperationException("this sink does not take footprint_coefficients rows");
  }

  /** A row of {@code gvc_measures} (family "gvc"), e.g. GVCPT_F, UPSTREAMNESS; industry "_T" for country level. */
  default void gvcMeasure(String measure, String country, String industry, double value) {
    throw new UnsupportedOperationException("this sink does not take gvc_measures rows");
  }

  /**
   * A row of {@code va_exports_destination} (family "core", unless tiva.run.exports-destination is
   * "off"): value added created in {@code sourceCountry} embodied in the gross exports of
   * {@code exporter} (its industry {@code exportIndustry}, "_T" for all) and absorbed by the final
   * demand of {@code destination}; {@code flow} is INT (through intermediate exports: OECD
   * FD_EXGRINT_VA) or FNL (final exports, absorbed by the direct importer: FD_EXGRFNL_VA). Countries only.
   */
  default void vaExportsDestination(String sourceCountry, String exporter, String exportIndustry, String destination,
      String flow, double value) {
    throw new UnsupportedOperationException("this sink does not take va_exports_destination rows");
  }
}
