package io.tivaspark.jobs.run;

import com.typesafe.config.Config;
import io.tivaspark.jobs.cli.ConfigValues;
import io.tivaspark.jobs.cli.UsageException;
import java.util.regex.Pattern;

/**
 * tiva.catalog: the database of the Spark session catalog where a run registers the warehouse's
 * tables by name ({@link CatalogRegistration}; docs/cluster.md, "Catalog").
 *
 * @param database "" = off; a database name ({@code tiva}), or {@code catalog.database} for a
 *     catalog plugin ({@code unity.tiva})
 */
public record CatalogSettings(String database) {
  /** One or two SQL identifiers joined by a dot: a database, or catalog.database. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  public static final CatalogSettings OFF = new CatalogSettings("");

  public CatalogSettings {
    database = database.strip();
    if (!database.isEmpty() && !NAME.matcher(database).matches()) {
      throw new UsageException("configuration: tiva.catalog.database '" + database + "' is not a database name"
          + " (letters, digits and _, not starting with a digit; catalog.database for a catalog plugin; \"\" = off)");
    }
  }

  public static CatalogSettings from(Config tiva) {
    return new CatalogSettings(ConfigValues.string(tiva, "catalog.database"));
  }

  public boolean enabled() {
    return !database.isEmpty();
  }

  /** The database as a quoted SQL name, e.g. {@code `unity`.`tiva`}. */
  public String sqlName() {
    return quote(database);
  }

  /** A table of the database as a quoted SQL name, e.g. {@code `tiva`.`indicators`}. */
  public String sqlName(String table) {
    return quote(database + "." + table);
  }

  private static String quote(String dotted) {
    StringBuilder sb = new StringBuilder();
    for (String part : dotted.split("\\.")) {
      sb.append(sb.length() == 0 ? "" : ".").append('`').append(part).append('`');
    }
    return sb.toString();
  }
}
