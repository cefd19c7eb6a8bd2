package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Unit;
import java.util.Map;

/** Test-only sink for the golden tools: every row into one map under "tag|table|key…|unit". */
class CollectingSinkBase implements ResultSink {
  private final String tag;
  private final Map<String, Double> rows;

  CollectingSinkBase(String tag, Map<String, Double> rows) {
    this.tag = tag;
    this.rows = rows;
  }

  private void put(String key, double v) {
    if (rows.put(tag + "|" + key, v) != null) {
      throw new AssertionError("duplicate row " + key);
    }
  }

  @Override
  public void indicator(String indicator, String country, String partner, String industry, double value, Unit unit) {
    put(String.join("|", "ind", indicator, country, partner, industry, unit.name()), value);
  }

  @Override
  public void vaFinalDemand(String sourceCountry, String sourceIndustry, String demandCountry, double value) {
    put(String.join("|", "vfd", sourceCountry, sourceIndustry, demandCountry), value);
  }

  @Override
  public void vaOriginExports(String sc, String si, String exporter, String ei, double value) {
    put(String.join("|", "voe", sc, si, exporter, ei), value);
  }

  @Override
  public void check(CheckResult result) {
    // collected from the summary (with their order) by the tool
  }
}
