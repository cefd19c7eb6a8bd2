package io.tivaspark.common.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index of one multi-region table: reporting countries, the entities the math runs on
 * (a split country such as CHN is replaced by its parts CN1, CN2 in place), industries and
 * final-demand categories. Immutable.
 *
 * <p>Row/column {@code k} of every n-sized array is {@code entity * N + industry}
 * (entity-major), n = entities × industries. Final demand has one column per
 * (reporting country, category): column {@code country * F + category}.
 */
public final class Layout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> countries;
  private final List<String> industries;
  private final List<String> categories;
  private final Map<String, List<String>> splits;
  private final List<String> entities;
  private final int[] entityCountry;
  private final Map<String, Integer> countryIndex;
  private final Map<String, Integer> entityIndex;
  private final Map<String, Integer> industryIndex;
  private final Map<String, Integer> categoryIndex;

  /**
   * @param countries reporting countries in order (merged: CHN, not CN1/CN2)
   * @param industries industry codes in order
   * @param categories final-demand category codes in order (e.g. HFCE ... DPABR)
   * @param splits reporting country to its ordered parts, e.g. CHN to [CN1, CN2]; may be empty
   */
  public Layout(List<String> countries, List<String> industries, List<String> categories,
      Map<String, List<String>> splits) {
    this.countries = List.copyOf(countries);
    this.industries = List.copyOf(industries);
    this.categories = List.copyOf(categories);
    Preconditions.checkArgument(!this.countries.isEmpty(), "a table needs at least one country");
    Preconditions.checkArgument(!this.industries.isEmpty(), "a table needs at least one industry");
    Preconditions.checkArgument(!this.categories.isEmpty(),
        "a table needs at least one final-demand category");
    LinkedHashMap<String, List<String>> sp = new LinkedHashMap<>();
    splits.forEach((k, v) -> sp.put(k, List.copyOf(v)));
    this.splits = Collections.unmodifiableMap(sp);
    this.countryIndex = indexOf(this.countries, "country");
    this.industryIndex = indexOf(this.industries, "industry");
    this.categoryIndex = indexOf(this.categories, "final-demand category");
    for (String c : sp.keySet()) {
      Preconditions.checkArgument(countryIndex.containsKey(c),
          "split country %s is not in the country list", c);
      Preconditions.checkArgument(!sp.get(c).isEmpty(), "split country %s has no parts", c);
    }
    List<String> ents = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    for (int c = 0; c < this.countries.size(); c++) {
      String code = this.countries.get(c);
      List<String> parts = sp.get(code);
      if (parts == null) {
        ents.add(code);
        owner.add(c);
      } else {
        for (String p : parts) {
          ents.add(p);
          owner.add(c);
        }
      }
    }
    this.entities = List.copyOf(ents);
    this.entityIndex = indexOf(this.entities, "entity");
    for (String e : this.entities) {
      Integer ci = countryIndex.get(e);
      Preconditions.checkArgument(ci == null || countries.get(owner.get(entityIndex.get(e))).equals(e),
          "entity %s is both a split part and a country", e);
    }
    this.entityCountry = owner.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A layout without split entities. */
  public Layout(List<String> countries, List<String> industries, List<String> categories) {
    this(countries, industries, categories, Map.of());
  }

  private static Map<String, Integer> indexOf(List<String> codes, String what) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i);
      Preconditions.checkArgument(code != null && !code.isBlank(), "empty %s code at position %d", what, i);
      Integer prev = m.put(code, i);
      Preconditions.checkArgument(prev == null, "duplicate %s code %s", what, code);
    }
    return Collections.unmodifiableMap(m);
  }

  public List<String> countries() { return countries; }
  public List<String> industries() { return industries; }
  public List<String> categories() { return categories; }
  public List<String> entities() { return entities; }
  public Map<String, List<String>> splits() { return splits; }

  /** G: reporting countries. */
  public int countryCount() { return countries.size(); }
  /** Entities the math runs on (G plus the extra parts of split countries). */
  public int entityCount() { return entities.size(); }
  /** N: industries. */
  public int industryCount() { return industries.size(); }
  /** F: final-demand categories per country. */
  public int categoryCount() { return categories.size(); }
  /** n = entities × industries: the size of Z, A and B. */
  public int n() { return entities.size() * industries.size(); }
  /** Number of final-demand columns, G × F. */
  public int finalDemandColumns() { return countries.size() * categories.size(); }

  /** Reporting country (index into {@link #countries()}) of an entity. */
  public int countryOfEntity(int entity) { return entityCountry[entity]; }
  /** Reporting country of row/column k of Z. */
  public int countryOfRow(int k) { return entityCountry[k / industries.size()]; }
  public int entityOfRow(int k) { return k / industries.size(); }
  public int industryOfRow(int k) { return k % industries.size(); }
  public int row(int entity, int industry) { return entity * industries.size() + industry; }
  public int finalDemandColumn(int country, int category) { return country * categories.size() + category; }

  /** Index of a reporting country code, or -1. */
  public int countryIndex(String code) { return countryIndex.getOrDefault(code, -1); }
  public int entityIndex(String code) { return entityIndex.getOrDefault(code, -1); }
  public int industryIndex(String code) { return industryIndex.getOrDefault(code, -1); }
  public int categoryIndex(String code) { return categoryIndex.getOrDefault(code, -1); }

  /** Row indices (ascending) of all entities of a reporting country: its domestic block. */
  public int[] rowsOfCountry(int country) {
    int nInd = industries.size();
    int count = 0;
    for (int e = 0; e < entityCountry.length; e++) {
      if (entityCountry[e] == country) {
        count += nInd;
      }
    }
    int[] rows = new int[count];
    int p = 0;
    for (int e = 0; e < entityCountry.length; e++) {
      if (entityCountry[e] == country) {
        for (int i = 0; i < nInd; i++) {
          rows[p++] = e * nInd + i;
        }
      }
    }
    return rows;
  }

  /** The entity codes of a reporting country (itself, or its split parts). */
  public List<String> entitiesOfCountry(String country) {
    List<String> parts = splits.get(country);
    return parts != null ? parts : List.of(country);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof Layout)) return false;
    Layout l = (Layout) o;
    return countries.equals(l.countries) && industries.equals(l.industries)
        && categories.equals(l.categories) && splits.equals(l.splits);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new Object[] {countries, industries, categories, splits});
  }

  @Override
  public String toString() {
    return "Layout{G=" + countries.size() + ", entities=" + entities.size() + ", N="
        + industries.size() + ", F=" + categories.size() + ", splits=" + splits.keySet() + "}";
  }
}
