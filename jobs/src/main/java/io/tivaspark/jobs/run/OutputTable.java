package io.tivaspark.jobs.run;

import io.tivaspark.common.model.Family;
import io.tivaspark.jobs.store.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The curated Delta tables of docs/data-dictionary.md §1, plus {@code export_decomposition_third} and
 * {@code footprint_coefficients}, written per year. Each is staged by the year tasks as one
 * Parquet file per year in the table's physical layout ({@link #fileColumns()}: the columns
 * without the partition column {@code year}, then {@code run_id}), which the commit moves into
 * the table as is ({@link FileCommit}). A table
 * belongs to one family (written only when that family runs), except {@code quality_checks},
 * which every family writes into, each replacing only its own rows (column {@code family}). The
 * tables that are not per year are written apart: {@code runs} ({@link RunsLog}) and
 * {@code indicator_codes} ({@link IndicatorCodesTable}).
 */
public enum OutputTable {
  INDICATORS("indicators", Family.CORE, List.of(Column.string("indicator"), Column.string("country"),
      Column.string("partner"), Column.string("industry"), Column.dbl("value"), Column.string("unit"))),
  VA_FINAL_DEMAND("va_final_demand", Family.CORE, List.of(Column.string("source_country"),
      Column.string("source_industry"), Column.string("demand_country"), Column.dbl("value"))),
  VA_ORIGIN_EXPORTS("va_origin_exports", Family.CORE, List.of(Column.string("source_country"),
      Column.string("source_industry"), Column.string("exporter"), Column.string("export_industry"),
      Column.dbl("value"))),
  /** OECD IMGR_BSCI (tiva.run.va-origin-imports; source_industry "_T" at "country", empty when "off"). */
  VA_ORIGIN_IMPORTS("va_origin_imports", Family.CORE, List.of(Column.string("source_country"),
      Column.string("source_industry"), Column.string("importer"), Column.string("partner"),
      Column.string("import_industry"), Column.dbl("value"))),
  /** OECD FDVA_BSCI (tiva.run.va-final-demand-product; empty when off). */
  VA_FINAL_DEMAND_PRODUCT("va_final_demand_product", Family.CORE, List.of(Column.string("source_country"),
      Column.string("source_industry"), Column.string("demand_country"), Column.string("product_industry"),
      Column.dbl("value"))),
  EXPORT_DECOMPOSITION("export_decomposition", Family.GVC, List.of(Column.string("method"),
      Column.string("exporter"), Column.string("importer"), Column.string("industry"), Column.string("term"),
      Column.dbl("value"))),
  /** WWZ re-export terms by third country (tiva.run.wwz-third-country; empty when "off"). */
  EXPORT_DECOMPOSITION_THIRD("export_decomposition_third", Family.GVC, List.of(Column.string("method"),
      Column.string("exporter"), Column.string("importer"), Column.string("third_country"),
      Column.string("industry"), Column.string("term"), Column.dbl("value"))),
  GVC_MEASURES("gvc_measures", Family.GVC, List.of(Column.string("measure"), Column.string("country"),
      Column.string("industry"), Column.dbl("value"))),
  FOOTPRINTS("footprints", Family.FOOTPRINTS, List.of(Column.string("stressor"), Column.string("account"),
      Column.string("country"), Column.string("partner"), Column.dbl("value"), Column.string("unit"))),
  /** A later addition to the tables of docs/data-dictionary.md §1: S, M, M_UP, M_DOM per country (or group) and industry (docs/footprints.md). */
  FOOTPRINT_COEFFICIENTS("footprint_coefficients", Family.FOOTPRINTS, List.of(Column.string("stressor"),
      Column.string("coefficient"), Column.string("country"), Column.string("industry"), Column.dbl("value"),
      Column.string("unit"))),
  /**
   * Value added in gross exports by final destination (OECD FD_EXGR_VA as flows INT and FNL;
   * tiva.run.exports-destination: "_T" rows only by default, by exporting industry too with
   * "industry", empty with "off"). A later addition to docs/data-dictionary.md §1 (§1.3.3).
   */
  VA_EXPORTS_DESTINATION("va_exports_destination", Family.CORE, List.of(Column.string("source_country"),
      Column.string("exporter"), Column.string("export_industry"), Column.string("destination"),
      Column.string("flow"), Column.dbl("value"))),
  QUALITY_CHECKS("quality_checks", null, List.of(Column.string("check"), Column.string("scope"),
      Column.dbl("max_abs_error"), Column.dbl("max_rel_error"), Column.dbl("tolerance"),
      Column.bool("passed"), Column.string("worst"), Column.string("family")));

  private final String tableName;
  private final Family family;
  private final List<Column> columns;

  OutputTable(String tableName, Family family, List<Column> valueColumns) {
    this.tableName = tableName;
    this.family = family;
    List<Column> cols = new ArrayList<>();
    cols.add(Column.integer("year"));
    cols.addAll(valueColumns);
    this.columns = List.copyOf(cols);
  }

  public String tableName() { return tableName; }

  /** The family that writes the table, or null for quality_checks (every family). */
  public Family family() { return family; }

  /** Written by a run of these families? */
  public boolean writtenBy(Set<Family> families) {
    return family == null || families.contains(family);
  }

  /** The table's columns before run_id: year, then the key and value columns. */
  public List<Column> columns() { return columns; }

  /**
   * The columns of the table's data files, as staged: the key and value columns without the
   * partition column {@code year} (Delta keeps it in the log and the directory name), then
   * {@code run_id}.
   */
  public List<Column> fileColumns() {
    List<Column> out = new ArrayList<>(columns.subList(1, columns.size()));
    out.add(Column.string("run_id"));
    return out;
  }

  /** The column names of the Delta table in order, run_id last. */
  public List<String> deltaColumns() {
    List<String> out = new ArrayList<>();
    columns.forEach(c -> out.add(c.name()));
    out.add("run_id");
    return out;
  }
}
