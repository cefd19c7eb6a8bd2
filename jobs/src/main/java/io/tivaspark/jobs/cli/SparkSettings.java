package io.tivaspark.jobs.cli;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.internal.config.ConfigEntry;
import org.apache.spark.internal.config.ConfigEntry$;

/**
 * Checks tiva.spark before a session is built, so a bad master or Spark setting is a
 * configuration error (exit 2) naming the key rather than a stack trace at start-up or, for
 * settings read lazily (spark.sql.shuffle.partitions), in the middle of a run.
 *
 * <p>Values of settings Spark defines are parsed with Spark's own converters (its registry of
 * config entries: core, UI and SQL settings: sizes, numbers, booleans, enumerations, and their
 * range checks). Not covered: settings Spark does not register that way (Delta's, Hadoop's
 * spark.hadoop.*, unknown keys), and consistency between settings (e.g. executor cores above a
 * worker's); those still fail when Spark reads them.
 */
public final class SparkSettings {
  /** local, local[N], local[*], local[N,M], local[*,M], local-cluster[N,C,M], and cluster URLs. */
  private static final Pattern MASTER = Pattern.compile(
      "local|local\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?]|local-cluster\\[\\d+, *\\d+, *\\d+]"
          + "|yarn|spark://\\S+|k8s://\\S+|mesos://\\S+");

  private SparkSettings() {}

  static void check(Settings settings) {
    checkShape(settings);
    settings.sparkConf().forEach(SparkSettings::checkValue);
  }

  /**
   * The checks that need no Spark class (about 0.4 s of class loading less): the master, the log
   * level, tiva.spark.conf an object of plain values. A command that starts no session (a local
   * ingest, {@link SparkSessions#localThreads}) stops here; its Spark settings are not used.
   */
  static void checkShape(Settings settings) {
    checkMaster(ConfigValues.string(settings.tiva(), "spark.master"));
    checkLogLevel(settings);
    if (!(settings.tiva().getValue("spark.conf") instanceof ConfigObject conf)) {
      throw new UsageException("configuration: tiva.spark.conf must be an object of \"spark.key\" = \"value\"");
    }
    for (Map.Entry<String, ConfigValue> e : conf.entrySet()) {
      if (e.getValue() instanceof ConfigObject) {
        throw new UsageException("configuration: tiva.spark.conf." + e.getKey() + " is an object: quote Spark keys,"
            + " e.g. \"spark.executor.memory\" = \"6g\"");
      }
    }
  }

  public static void checkMaster(String master) {
    if (!MASTER.matcher(master.trim()).matches()) {
      throw new UsageException("configuration: tiva.spark.master '" + master + "' is not a Spark master URL"
          + " (local, local[N], local[*], local[N,M], spark://HOST:PORT, yarn, k8s://URL, mesos://URL)");
    }
  }

  private static void checkLogLevel(Settings settings) {
    if (settings.tiva().hasPath("spark.log-level")) {
      String level = ConfigValues.string(settings.tiva(), "spark.log-level");
      if (!level.toUpperCase(java.util.Locale.ROOT).matches("ALL|DEBUG|ERROR|FATAL|INFO|OFF|TRACE|WARN")) {
        throw new UsageException("configuration: tiva.spark.log-level must be one of ALL, DEBUG, ERROR, FATAL, INFO,"
            + " OFF, TRACE, WARN, got '" + level + "'");
      }
    }
  }

  /** One tiva.spark.conf entry, through Spark's own converter when Spark defines the key. */
  public static void checkValue(String key, String value) {
    ConfigEntry<?> entry = entry(key);
    if (entry == null) {
      return;
    }
    try {
      entry.valueConverter().apply(value);
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
      throw new UsageException("configuration: tiva.spark.conf.\"" + key + "\" = '" + value + "' is not valid: "
          + why, e);
    }
  }

  private static ConfigEntry<?> entry(String key) {
    try {
      // loading these objects registers Spark's core, UI and SQL config entries
      Object core = org.apache.spark.internal.config.package$.MODULE$;
      Object ui = org.apache.spark.internal.config.UI$.MODULE$;
      Object sql = org.apache.spark.sql.internal.SQLConf$.MODULE$;
      return core != null && ui != null && sql != null ? ConfigEntry$.MODULE$.findEntry(key) : null;
    } catch (LinkageError e) {
      return null; // another Spark build without this registry: Spark checks at start-up instead
    }
  }
}
