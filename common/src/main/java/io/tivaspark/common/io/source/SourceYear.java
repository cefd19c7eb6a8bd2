package io.tivaspark.common.io.source;

import io.tivaspark.common.model.MrioYear;
import java.util.List;
import java.util.Map;

/**
 * One year read from a source: the table in the store's model (codes of the store: countries,
 * industries, final-demand categories; satellite accounts with units; value-added components;
 * published output) and what {@code mrio.json} records about it.
 *
 * @param table the year
 * @param source the publisher's name of the release, e.g. "EXIOBASE 3"
 * @param edition the edition or version, e.g. "3.8.2 pxp"
 * @param unit the money unit as the source states it, e.g. "EUR million"
 * @param countryNames store country code → the source's label (may be empty)
 * @param industryNames store industry code → the source's label (may be empty)
 * @param conversion how the source's structure was turned into the store's (e.g. "Z = A·diag(x),
 *     x = (I − A)⁻¹·y"), empty when it was read as is
 * @param notes per-year notes (dropped rows, discrepancies), empty when none
 */
public record SourceYear(MrioYear table, String source, String edition, String unit, Map<String, String> countryNames,
    Map<String, String> industryNames, String conversion, List<String> notes) {
  public SourceYear {
    countryNames = Map.copyOf(countryNames);
    industryNames = Map.copyOf(industryNames);
    notes = List.copyOf(notes);
  }
}
