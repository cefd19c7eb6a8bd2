package io.tivaspark.jobs.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tiva.catalog.database (docs/cluster.md, "Catalog"): after a run's commits, every table of the
 * warehouse is registered by name in the Spark session catalog as a Delta table at its path:
 * {@code CREATE DATABASE IF NOT EXISTS db} then, per table, {@code CREATE TABLE IF NOT EXISTS
 * db.t USING delta LOCATION '<warehouse>/t'}. The catalog holds only the name and the location:
 * the data and the schema stay in the Delta log, so a rerun has nothing to update and registering
 * again is a no-op. A name already registered at another location (another warehouse, a moved
 * one) is never re-pointed silently: it is reported as a failure.
 *
 * <p>A failure (metastore unreachable, name taken, no permission) does not fail the run: the
 * tables are committed and consistent by then, a failed exit code would make a scheduler recompute
 * every year for a metadata problem, and the next run registers again. It is a WARN line and a
 * note in the {@code runs} row's message ({@link Outcome#note}), where a nightly check looks.
 */
public final class CatalogRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogRegistration.class);
  /** The runs table ({@link RunsLog}): on a first run it exists only after its row, so it is registered then. */
  static final String RUNS = "runs";

  /** What a registration did; {@link #OFF} when tiva.catalog.database is "". */
  public record Outcome(String database, List<String> registered, List<String> failures) {
    public static final Outcome OFF = new Outcome("", List.of(), List.of());

    public boolean ok() {
      return failures.isEmpty();
    }

    /** "catalog tiva: 13 tables" or "catalog tiva: 2 of 13 tables not registered: ...": for runs.message; "" when off. */
    public String note() {
      if (database.isEmpty()) {
        return "";
      }
      int all = registered.size() + failures.size();
      return "catalog " + database + ": " + (ok() ? registered.size() + " tables"
          : failures.size() + " of " + all + " tables not registered: " + String.join("; ", failures));
    }

    /** This outcome with another one's tables added (the runs table, registered after its row). */
    Outcome plus(Outcome o) {
      List<String> r = new ArrayList<>(registered);
      r.addAll(o.registered);
      List<String> f = new ArrayList<>(failures);
      f.addAll(o.failures);
      return new Outcome(database, List.copyOf(r), List.copyOf(f));
    }
  }

  private CatalogRegistration() {}

  /** The tables of the warehouse a run registers: the curated ones, indicator_codes and runs, where they exist. */
  static List<String> tables(FileSystem fs, Path warehouse) throws IOException {
    List<String> names = new ArrayList<>();
    for (OutputTable t : OutputTable.values()) {
      names.add(t.tableName());
    }
    names.add(IndicatorCodesTable.NAME);
    names.add(RUNS);
    List<String> present = new ArrayList<>();
    for (String n : names) {
      if (fs.exists(new Path(new Path(warehouse, n), "_delta_log"))) {
        present.add(n);
      }
    }
    return present;
  }

  /**
   * Registers {@code tables} of {@code warehouse} in the database; never throws for a catalog
   * problem (each failure is in the outcome and logged).
   */
  public static Outcome register(SparkSession spark, CatalogSettings catalog, Path warehouse, List<String> tables) {
    if (!catalog.enabled() || tables.isEmpty()) {
      return catalog.enabled() ? new Outcome(catalog.database(), List.of(), List.of()) : Outcome.OFF;
    }
    warnIfSessionOnly(spark, catalog);
    try {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + catalog.sqlName());
    } catch (Exception | LinkageError e) {
      String why = "CREATE DATABASE " + catalog.database() + " failed: " + oneLine(e);
      LOG.warn("catalog: {} (the tables are committed; query them by path, fix the catalog and rerun)", why);
      return new Outcome(catalog.database(), List.of(), List.of(why));
    }
    List<String> ok = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String t : tables) {
      String why = registerOne(spark, catalog, t, new Path(warehouse, t));
      if (why == null) {
        ok.add(t);
      } else {
        failed.add(t + ": " + why);
        LOG.warn("catalog: {}.{} not registered: {} (the table is committed; query it by path)", catalog.database(),
            t, why);
      }
    }
    LOG.info("catalog: {} of {} tables registered in {} (Delta tables at their paths)", ok.size(), tables.size(),
        catalog.database());
    return new Outcome(catalog.database(), List.copyOf(ok), List.copyOf(failed));
  }

  /**
   * After the runs row: registers the runs table when the registration before it did not see it
   * (a first run creates it with that row). Its failure is logged only: the row is written.
   */
  static Outcome registerNewRuns(SparkSession spark, CatalogSettings catalog, Path warehouse, Outcome before) {
    boolean seen = before.registered().contains(RUNS) || before.failures().stream().anyMatch(f -> f.startsWith(RUNS + ":"));
    boolean noDatabase = before.failures().stream().anyMatch(f -> f.startsWith("CREATE DATABASE"));
    if (!catalog.enabled() || seen || noDatabase) {
      return before;
    }
    return before.plus(register(spark, catalog, warehouse, List.of(RUNS)));
  }

  /** One table: null when registered (now or before, at this location), else why not. */
  static String registerOne(SparkSession spark, CatalogSettings catalog, String table, Path location) {
    String name = catalog.sqlName(table);
    try {
      Path at = qualified(spark, location);
      if (spark.catalog().tableExists(catalog.database() + "." + table)) {
        String registeredAt = location(spark, name);
        return registeredAt != null && same(spark, new Path(registeredAt), at) ? null
            : "the name is registered at " + registeredAt + ", not at " + at
                + " (another warehouse? DROP TABLE it or choose another tiva.catalog.database)";
      }
      spark.sql("CREATE TABLE IF NOT EXISTS " + name + " USING delta LOCATION " + literal(at.toString()));
      return null;
    } catch (Exception | LinkageError e) {
      return oneLine(e);
    }
  }

  /** The Location row of DESCRIBE TABLE EXTENDED (Hive, Glue and Delta's own catalog tables all have one), or null. */
  private static String location(SparkSession spark, String name) {
    for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
      if ("Location".equalsIgnoreCase(String.valueOf(r.get(0)).strip())) {
        return String.valueOf(r.get(1)).strip();
      }
    }
    return null;
  }

  private static Path qualified(SparkSession spark, Path p) throws IOException {
    return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p);
  }

  /**
   * Same location? Compared as Path strings: a qualified local path's URI is {@code file:///x}
   * while the catalog's location parses to {@code file:/x} (Path and URI equality differ there;
   * both print as {@code file:/x}).
   */
  static boolean same(SparkSession spark, Path a, Path b) throws IOException {
    return strip(qualified(spark, a).toString()).equals(strip(qualified(spark, b).toString()));
  }

  private static String strip(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** A Spark SQL string literal (backslash and quote escaped). */
  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** The session catalog in memory (no Hive support): names last only as long as the run's session. */
  private static void warnIfSessionOnly(SparkSession spark, CatalogSettings catalog) {
    String impl = spark.conf().get("spark.sql.catalogImplementation", "in-memory");
    if (!catalog.database().contains(".") && impl.toLowerCase(Locale.ROOT).equals("in-memory")) {
      LOG.warn("catalog: spark.sql.catalogImplementation is in-memory (no Hive support on the classpath?): the "
          + "tables are registered in {} for this session only, not for other sessions (docs/cluster.md, Catalog)",
          catalog.database());
    }
  }

  private static String oneLine(Throwable e) {
    String m = e instanceof org.apache.spark.sql.AnalysisException a && a.getSimpleMessage() != null
        ? a.getSimpleMessage() : String.valueOf(e.getMessage());
    int plan = m.indexOf(";\n");
    m = plan >= 0 ? m.substring(0, plan) : m;
    m = m.replaceAll("\\s*\\n\\s*", " ").strip();
    return e.getClass().getSimpleName() + ": " + (m.length() > 300 ? m.substring(0, 300) + " ..." : m);
  }
}
