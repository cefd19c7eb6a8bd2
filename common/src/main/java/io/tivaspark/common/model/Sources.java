package io.tivaspark.common.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The sources of a by-source vector of rows, in row order: row p is the value added created in
 * country {@code countries.get(p)}, industry {@code industries.get(p)} ({@code _T} where a table is by
 * country only). A family makes it once per year and passes the same object with every vector (for
 * example {@link ResultSink#vaOriginExports(Sources, String, String, double[], int)}), so that a sink
 * which stores rows can resolve its codes once, not once a row.
 */
public record Sources(List<String> countries, List<String> industries) {
  public Sources {
    countries = List.copyOf(countries);
    industries = List.copyOf(industries);
    if (countries.size() != industries.size()) {
      throw new IllegalArgumentException("sources: " + countries.size() + " countries but " + industries.size()
          + " industries");
    }
  }

  /** Every country-industry of the layout, country-major: row p = (country p / N, industry p mod N). */
  public static Sources of(Layout layout) {
    List<String> c = new ArrayList<>();
    List<String> i = new ArrayList<>();
    for (String country : layout.countries()) {
      for (String industry : layout.industries()) {
        c.add(country);
        i.add(industry);
      }
    }
    return new Sources(c, i);
  }

  /** The number of sources (rows of a vector). */
  public int size() {
    return countries.size();
  }
}
