package io.tivaspark.jobs.run;

import io.tivaspark.jobs.store.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * The curated Delta tables of contract §3 written per year. Each is staged by the year tasks as
 * Parquet with these columns (year first) and committed with {@code run_id} appended.
 */
public enum OutputTable {
  INDICATORS("indicators", List.of(Column.string("indicator"), Column.string("country"),
      Column.string("partner"), Column.string("industry"), Column.dbl("value"), Column.string("unit"))),
  VA_FINAL_DEMAND("va_final_demand", List.of(Column.string("source_country"), Column.string("source_industry"),
      Column.string("demand_country"), Column.dbl("value"))),
  VA_ORIGIN_EXPORTS("va_origin_exports", List.of(Column.string("source_country"),
      Column.string("source_industry"), Column.string("exporter"), Column.string("export_industry"),
      Column.dbl("value"))),
  QUALITY_CHECKS("quality_checks", List.of(Column.string("check"), Column.string("scope"),
      Column.dbl("max_abs_error"), Column.dbl("max_rel_error"), Column.dbl("tolerance"),
      Column.bool("passed"), Column.string("worst")));

  private final String tableName;
  private final List<Column> columns;

  OutputTable(String tableName, List<Column> valueColumns) {
    this.tableName = tableName;
    List<Column> cols = new ArrayList<>();
    cols.add(Column.integer("year"));
    cols.addAll(valueColumns);
    this.columns = List.copyOf(cols);
  }

  public String tableName() { return tableName; }

  /** Staged columns: year, then the table's key and value columns (run_id is added at commit). */
  public List<Column> columns() { return columns; }

  /** The column names of the Delta table in order, run_id last. */
  public List<String> deltaColumns() {
    List<String> out = new ArrayList<>();
    columns.forEach(c -> out.add(c.name()));
    out.add("run_id");
    return out;
  }
}
