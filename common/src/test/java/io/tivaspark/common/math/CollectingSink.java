package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Unit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test-only sink keeping every row in memory; fails on a duplicate key. */
final class CollectingSink implements ResultSink {
  final Map<String, Double> indicators = new HashMap<>();
  final Map<String, Unit> units = new HashMap<>();
  final Map<String, Double> vaFinalDemand = new HashMap<>();
  final Map<String, Double> vaOriginExports = new HashMap<>();
  final List<CheckResult> checks = new ArrayList<>();

  static String key(String... parts) {
    return String.join("|", parts);
  }

  @Override
  public void indicator(String indicator, String country, String partner, String industry, double value, Unit unit) {
    String k = key(indicator, country, partner, industry);
    if (indicators.put(k, value) != null) {
      throw new AssertionError("duplicate indicator row " + k);
    }
    units.put(k, unit);
  }

  @Override
  public void vaFinalDemand(String sourceCountry, String sourceIndustry, String demandCountry, double value) {
    String k = key(sourceCountry, sourceIndustry, demandCountry);
    if (vaFinalDemand.put(k, value) != null) {
      throw new AssertionError("duplicate va_final_demand row " + k);
    }
  }

  @Override
  public void vaOriginExports(String sourceCountry, String sourceIndustry, String exporter, String exportIndustry,
      double value) {
    String k = key(sourceCountry, sourceIndustry, exporter, exportIndustry);
    if (vaOriginExports.put(k, value) != null) {
      throw new AssertionError("duplicate va_origin_exports row " + k);
    }
  }

  @Override
  public void check(CheckResult result) {
    checks.add(result);
  }

  double get(String indicator, String country, String partner, String industry) {
    Double d = indicators.get(key(indicator, country, partner, industry));
    if (d == null) {
      throw new AssertionError("no indicator row " + key(indicator, country, partner, industry));
    }
    return d;
  }

  boolean has(String indicator, String country, String partner, String industry) {
    return indicators.containsKey(key(indicator, country, partner, industry));
  }

  double voe(String sc, String si, String ec, String ei) {
    Double d = vaOriginExports.get(key(sc, si, ec, ei));
    if (d == null) {
      throw new AssertionError("no va_origin_exports row " + key(sc, si, ec, ei));
    }
    return d;
  }

  double vby(String sc, String si, String dc) {
    Double d = vaFinalDemand.get(key(sc, si, dc));
    if (d == null) {
      throw new AssertionError("no va_final_demand row " + key(sc, si, dc));
    }
    return d;
  }
}
