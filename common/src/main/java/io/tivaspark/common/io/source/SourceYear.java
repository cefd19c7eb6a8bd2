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
 * @param categoryNames store final-demand category code → the source's label (from the file, or
 *     the source's documented code list where the file carries codes only)
 * @param componentNames store value-added component code → the source's label (likewise)
 * @param conversion how the source's structure was turned into the store's (e.g. "Z = A·diag(x),
 *     x = (I − A)⁻¹·y"), empty when it was read as is
 * @param notes per-year notes (dropped rows, discrepancies), empty when none
 */
public record SourceYear(MrioYear table, String source, String edition, String unit, Map<String, String> countryNames,
    Map<String, String> industryNames, Map<String, String> categoryNames, Map<String, String> componentNames,
    String conversion, List<String> notes) {
  public SourceYear {
    countryNames = Map.copyOf(countryNames);
    industryNames = Map.copyOf(industryNames);
    categoryNames = Map.copyOf(categoryNames);
    componentNames = Map.copyOf(componentNames);
    notes = List.copyOf(notes);
  }
}
