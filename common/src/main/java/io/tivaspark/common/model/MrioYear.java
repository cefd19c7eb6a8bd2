package io.tivaspark.common.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One year of a multi-region input-output table held as dense arrays.
 *
 * <p>Storage is column-major (Fortran order, what LAPACK takes): {@code Z(i, j)} is
 * {@code z[i + j * n]} and final demand {@code Yf(i, c)} is {@code yf[i + c * n]}, where
 * {@code c = layout.finalDemandColumn(country, category)}. Value-added components (VA, TLS, ...)
 * are n-vectors by name; {@code publishedOutput} is the table's own gross output or null.
 *
 * <p>The arrays are shared, not copied: a year is built once by a reader or generator and then
 * only read.
 */
public final class MrioYear {
  private final int year;
  private final Layout layout;
  private final double[] z;
  private final double[] yf;
  private final Map<String, double[]> valueAdded;
  private final double[] publishedOutput;
  private final Satellite satellite;
  private final double[] population;

  public MrioYear(int year, Layout layout, double[] z, double[] yf,
      Map<String, double[]> valueAdded, double[] publishedOutput) {
    this(year, layout, z, yf, valueAdded, publishedOutput, null);
  }

  /** With satellite accounts (may be null: the table has none). */
  public MrioYear(int year, Layout layout, double[] z, double[] yf,
      Map<String, double[]> valueAdded, double[] publishedOutput, Satellite satellite) {
    this(year, layout, z, yf, valueAdded, publishedOutput, satellite, null);
  }

  /**
   * With satellite accounts and population (each may be null: the store has none for the year).
   * {@code population} is by reporting country (length G, persons), NaN where the country's
   * population is unknown (no row in the store), otherwise finite and not negative.
   */
  public MrioYear(int year, Layout layout, double[] z, double[] yf,
      Map<String, double[]> valueAdded, double[] publishedOutput, Satellite satellite, double[] population) {
    this.year = year;
    this.layout = Preconditions.checkNotNull(layout, "layout");
    int n = layout.n();
    Preconditions.checkArgument(z != null && z.length == (long) n * n,
        "year %d: Z has %s cells, expected n*n = %d", year, z == null ? "no" : z.length, (long) n * n);
    Preconditions.checkArgument(yf != null && yf.length == (long) n * layout.finalDemandColumns(),
        "year %d: final demand has %s cells, expected n*G*F = %d", year,
        yf == null ? "no" : yf.length, (long) n * layout.finalDemandColumns());
    LinkedHashMap<String, double[]> va = new LinkedHashMap<>();
    if (valueAdded != null) {
      valueAdded.forEach((k, v) -> {
        Preconditions.checkArgument(v.length == n,
            "year %d: value-added component %s has %d cells, expected n = %d", year, k, v.length, n);
        va.put(k, v);
      });
    }
    if (publishedOutput != null) {
      Preconditions.checkArgument(publishedOutput.length == n,
          "year %d: output has %d cells, expected n = %d", year, publishedOutput.length, n);
    }
    this.z = z;
    this.yf = yf;
    this.valueAdded = Collections.unmodifiableMap(va);
    this.publishedOutput = publishedOutput;
    if (satellite != null) {
      Preconditions.checkArgument(satellite.f().length == (long) satellite.m() * n
          && satellite.fy().length == (long) satellite.m() * layout.finalDemandColumns(),
          "year %d: satellite accounts do not match n = %d and %d final-demand columns", year, n,
          layout.finalDemandColumns());
    }
    this.satellite = satellite;
    if (population != null) {
      Preconditions.checkArgument(population.length == layout.countryCount(),
          "year %d: population has %d cells, expected one per country = %d", year, population.length,
          layout.countryCount());
      for (double p : population) {
        Preconditions.checkArgument(Double.isNaN(p) || Double.isFinite(p) && p >= 0,
            "year %d: population %s is not a finite number of persons >= 0", year, p);
      }
    }
    this.population = population;
  }

  /**
   * Population by reporting country (persons, length G; NaN where unknown), or null when the
   * store has no population for this year (docs/data-dictionary.md §6).
   */
  public double[] population() { return population; }

  /** Satellite accounts (stressors by industry and by final-demand column), or null. */
  public Satellite satellite() { return satellite; }

  public int year() { return year; }
  public Layout layout() { return layout; }
  public int n() { return layout.n(); }

  /** Intermediate flows Z, n×n column-major (not a copy). */
  public double[] z() { return z; }

  /** Final demand by (destination country, category), n×(G·F) column-major (not a copy). */
  public double[] finalDemand() { return yf; }

  /** Value-added components by name (VA, TLS, ...), each an n-vector; may be empty. */
  public Map<String, double[]> valueAdded() { return valueAdded; }

  /** The table's published gross output, or null when the store has none. */
  public double[] publishedOutput() { return publishedOutput; }

  /**
   * The input cell of largest magnitude among intermediate use, final demand and published output,
   * as "dataset/ label = value" (for messages about results that overflowed: it names the cell
   * that most likely caused it).
   */
  public String largestCell() {
    int n = layout.n();
    int bestZ = argMaxAbs(z);
    int bestY = argMaxAbs(yf);
    int bestX = publishedOutput == null ? -1 : argMaxAbs(publishedOutput);
    double vz = bestZ < 0 ? 0 : Math.abs(z[bestZ]);
    double vy = bestY < 0 ? 0 : Math.abs(yf[bestY]);
    double vx = bestX < 0 ? 0 : Math.abs(publishedOutput[bestX]);
    if (vx > vz && vx > vy) {
      return "output/ " + rowLabel(bestX) + " = " + publishedOutput[bestX];
    }
    if (vy > vz) {
      int c = bestY / n;
      int f = layout.categoryCount();
      return "final_demand/ " + rowLabel(bestY % n) + " -> " + layout.countries().get(c / f) + " "
          + layout.categories().get(c % f) + " = " + yf[bestY];
    }
    return bestZ < 0 ? "(empty table)"
        : "intermediate/ " + rowLabel(bestZ % n) + " -> " + rowLabel(bestZ / n) + " = " + z[bestZ];
  }

  private String rowLabel(int i) {
    return layout.entities().get(layout.entityOfRow(i)) + " " + layout.industries().get(layout.industryOfRow(i));
  }

  private static int argMaxAbs(double[] a) {
    int best = -1;
    double m = -1;
    for (int i = 0; i < a.length; i++) {
      double v = Math.abs(a[i]);
      if (v > m || Double.isNaN(v)) {
        best = i;
        m = v;
        if (Double.isNaN(v)) {
          break;
        }
      }
    }
    return best;
  }

  public double zAt(int i, int j) { return z[i + j * layout.n()]; }

  public double finalDemandAt(int i, int column) { return yf[i + column * layout.n()]; }

  /**
   * Final demand summed over categories: Y (n×G, column-major), column r = what country r's
   * final users buy from every row.
   */
  public double[] finalDemandByCountry() {
    int n = layout.n();
    int g = layout.countryCount();
    int f = layout.categoryCount();
    double[] y = new double[n * g];
    for (int r = 0; r < g; r++) {
      for (int c = 0; c < f; c++) {
        int col = layout.finalDemandColumn(r, c);
        for (int i = 0; i < n; i++) {
          y[i + r * n] += yf[i + col * n];
        }
      }
    }
    return y;
  }
}
