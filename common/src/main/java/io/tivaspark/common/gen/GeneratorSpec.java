package io.tivaspark.common.gen;

import io.tivaspark.common.model.Preconditions;

/**
 * What {@link SyntheticMrio} generates: {@code regions} reporting countries (the first
 * {@code regions - 1} of {@link SyntheticMrio#COUNTRY_ORDER}, then ROW), {@code industries}
 * industries, the years {@code firstYear..lastYear}, a seed, and whether China and Mexico are
 * split into CN1/CN2 and MX1/MX2 (only has an effect when they are among the regions), and
 * whether satellite accounts are generated ({@code extensions}: CO2 in kt and employment in
 * thousand persons by industry, households' direct CO2 by final-demand column; on by default),
 * and whether a population per reporting country is generated ({@code population}, persons; on by
 * default). Immutable.
 */
public record GeneratorSpec(int regions, int industries, int firstYear, int lastYear, long seed,
    boolean splits, boolean extensions, boolean population) {

  /** Largest n (entities × industries) for which n² still fits a Java array. */
  static final int MAX_N = 46_340;

  public GeneratorSpec {
    Preconditions.checkArgument(regions >= 2, "regions must be at least 2 (one country and ROW), got %d", regions);
    Preconditions.checkArgument(industries >= 1, "industries must be at least 1, got %d", industries);
    Preconditions.checkArgument(firstYear <= lastYear, "first year %d is after last year %d", firstYear, lastYear);
    Preconditions.checkArgument(firstYear >= 1000 && lastYear <= 9999,
        "years must have four digits, got %d-%d", firstYear, lastYear);
    long entities = regions + (splits ? 2L : 0L);
    Preconditions.checkArgument(entities * industries <= MAX_N,
        "regions x industries too large: n = %d > %d", entities * industries, MAX_N);
  }

  /** With satellite accounts and population (extensions and population on). */
  public GeneratorSpec(int regions, int industries, int firstYear, int lastYear, long seed, boolean splits) {
    this(regions, industries, firstYear, lastYear, seed, splits, true, true);
  }

  /** A spec with splits, extensions and population on (CHN and MEX are split when they are among the regions). */
  public static GeneratorSpec of(int regions, int industries, int firstYear, int lastYear, long seed) {
    return new GeneratorSpec(regions, industries, firstYear, lastYear, seed, true, true, true);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().regions(regions).industries(industries).years(firstYear, lastYear)
        .seed(seed).splits(splits).extensions(extensions).population(population);
  }

  /** Number of years generated. */
  public int yearCount() {
    return lastYear - firstYear + 1;
  }

  /** Defaults: 8 regions, 6 industries, 2015-2017, seed 42, splits, extensions and population on. */
  public static final class Builder {
    private int regions = 8;
    private int industries = 6;
    private int firstYear = 2015;
    private int lastYear = 2017;
    private long seed = 42L;
    private boolean splits = true;
    private boolean extensions = true;
    private boolean population = true;

    private Builder() {}

    public Builder regions(int r) { this.regions = r; return this; }
    public Builder industries(int n) { this.industries = n; return this; }
    public Builder years(int first, int last) { this.firstYear = first; this.lastYear = last; return this; }
    public Builder seed(long s) { this.seed = s; return this; }
    public Builder splits(boolean on) { this.splits = on; return this; }
    /** Satellite accounts (CO2, employment); on by default, cheap (O(n + G) per year). */
    public Builder extensions(boolean on) { this.extensions = on; return this; }
    /** Population per reporting country (persons); on by default, O(G) per year. */
    public Builder population(boolean on) { this.population = on; return this; }

    public GeneratorSpec build() {
      return new GeneratorSpec(regions, industries, firstYear, lastYear, seed, splits, extensions, population);
    }
  }
}
