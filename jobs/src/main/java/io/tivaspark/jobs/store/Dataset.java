package io.tivaspark.jobs.store;

import java.util.List;

/** The datasets of the canonical MRIO store (docs/data-dictionary.md §6), each Hive-partitioned by year. */
public enum Dataset {
  INTERMEDIATE("intermediate", true, List.of(Column.string("from_country"), Column.string("from_industry"),
      Column.string("to_country"), Column.string("to_industry"), Column.dbl("value"))),
  FINAL_DEMAND("final_demand", true, List.of(Column.string("from_country"), Column.string("from_industry"),
      Column.string("to_country"), Column.string("category"), Column.dbl("value"))),
  VALUE_ADDED("value_added", true, List.of(Column.string("country"), Column.string("industry"),
      Column.string("component"), Column.dbl("value"))),
  OUTPUT("output", false, List.of(Column.string("country"), Column.string("industry"), Column.dbl("value"))),
  EXTENSIONS("extensions", false, List.of(Column.string("stressor"), Column.string("unit"), Column.string("country"),
      Column.string("industry"), Column.dbl("value"))),
  EXTENSIONS_FINAL_DEMAND("extensions_final_demand", false, List.of(Column.string("stressor"), Column.string("unit"),
      Column.string("country"), Column.string("category"), Column.dbl("value"))),
  /** Persons by reporting country (docs/data-dictionary.md §6): the per-capita codes of family footprints. */
  POPULATION("population", false, List.of(Column.string("country"), Column.dbl("value")));

  private final String dir;
  private final boolean required;
  private final List<Column> columns;

  Dataset(String dir, boolean required, List<Column> columns) {
    this.dir = dir;
    this.required = required;
    this.columns = columns;
  }

  /** Directory name under the store root. */
  public String dir() { return dir; }
  public boolean required() { return required; }
  public List<Column> columns() { return columns; }
  /**
   * Data that is not part of the monetary table (satellite accounts, population): a re-ingest
   * that does not bring it for a year keeps the store's old partition of that year (docs/ingest.md §3).
   */
  public boolean keptWhenNotBrought() {
    return this == EXTENSIONS || this == EXTENSIONS_FINAL_DEMAND || this == POPULATION;
  }

  /** How error messages name it: "intermediate/". */
  public String label() { return dir + "/"; }
}
