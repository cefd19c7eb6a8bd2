package io.tivaspark.jobs.cli;

import io.tivaspark.jobs.store.LocalFiles;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession of a command: Delta enabled, local master only when none is set. */
public final class SparkSessions {
  /** A local master: local (1 thread), local[N], local[N,F] (N), local[*] (every core). */
  private static final java.util.regex.Pattern LOCAL = java.util.regex.Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?])?");

  private SparkSessions() {}

  public static SparkSession create(Settings settings) {
    SparkSettings.check(settings); // a bad master or Spark setting: exit 2 before anything starts
    // new SparkConf() picks up spark.* system properties: spark-submit's --master, --conf, ...
    SparkConf conf = new SparkConf();
    boolean submitted = conf.contains("spark.master");
    if (!submitted) {
      conf.setMaster(settings.tiva().getString("spark.master"));
    }
    if (!conf.contains("spark.app.name")) {
      conf.setAppName(settings.tiva().getString("spark.app-name"));
    }
    for (Map.Entry<String, String> e : settings.sparkConf().entrySet()) {
      // spark-submit --conf wins over the configuration file
      if (!conf.contains(e.getKey())) {
        conf.set(e.getKey(), e.getValue());
      }
    }
    hiveForCatalog(conf, settings);
    conf.set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    String master = conf.get("spark.master");
    if (master.startsWith("local")) {
      // Delta's log replay defaults to 50 partitions: far too many for a local run (docs/build.md §4).
      setIfAbsent(conf, "spark.databricks.delta.snapshotPartitions", "2");
      setIfAbsent(conf, "spark.driver.host", "127.0.0.1");
      setIfAbsent(conf, "spark.driver.bindAddress", "127.0.0.1");
      setIfAbsent(conf, "spark.sql.shuffle.partitions", "4");
      // VACUUM lists a table's directories in a Spark job of this many tasks (default 10000):
      // 37 s for a small table on 2 cores, 3.8 s with 8 (FileCommitTest).
      setIfAbsent(conf, "spark.sql.sources.parallelPartitionDiscovery.parallelism", "8");
    }
    // A table's file list in each version's checksum file up to this many files (Delta's default
    // 50): the run's commit then lists a table's live files without a Spark job (FileCommit.liveFiles).
    // A table here has one file per year, so 1000 covers any warehouse (about 0.7 KB a file in the .crc).
    setIfAbsent(conf, "spark.databricks.delta.allFilesInCrc.thresholdNumFiles", "1000");
    // Years are independent and expensive: never re-run a slow year speculatively.
    setIfAbsent(conf, "spark.speculation", "false");
    // file: paths without a chmod or readlink process per file (store.LocalFiles)
    LocalFiles.settings().forEach((k, v) -> setIfAbsent(conf, "spark.hadoop." + k, v));
    SparkSession spark = start(conf);
    if (!submitted && settings.tiva().hasPath("spark.log-level")) {
      spark.sparkContext().setLogLevel(settings.tiva().getString("spark.log-level"));
    }
    return spark;
  }

  /**
   * The task threads of a local master ({@code local}: 1, {@code local[N]} and {@code local[N,F]}:
   * N, {@code local[*]}: every core), or empty for any other master (a cluster, {@code local-cluster}).
   * The master is spark-submit's {@code --master} if given, else tiva.spark.master; a bad one is
   * a configuration error, as when a session starts.
   */
  public static java.util.OptionalInt localThreads(Settings settings) {
    SparkSettings.checkShape(settings);
    String submitted = System.getProperty("spark.master"); // spark-submit --master, as new SparkConf() reads it
    String master = (submitted != null ? submitted : settings.tiva().getString("spark.master")).strip();
    SparkSettings.checkMaster(master);
    return localThreads(master);
  }

  /** The task threads of master URL {@code master} if it is a local one ({@link #localThreads(Settings)}). */
  static java.util.OptionalInt localThreads(String master) {
    java.util.regex.Matcher m = LOCAL.matcher(master.strip());
    if (!m.matches()) {
      return java.util.OptionalInt.empty();
    }
    String n = m.group(1);
    return java.util.OptionalInt.of(n == null ? 1
        : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n));
  }

  /**
   * The Hadoop settings a session would give its tasks, without starting one: Hadoop's defaults,
   * {@link LocalFiles#settings()} and every {@code spark.hadoop.*} setting (spark-submit's
   * {@code --conf}, which reach the JVM as system properties, over the configuration file's
   * tiva.spark.conf), without the prefix.
   */
  public static org.apache.hadoop.conf.Configuration hadoopConf(Settings settings) {
    Map<String, String> merged = new java.util.TreeMap<>(settings.sparkConf());
    System.getProperties().stringPropertyNames().forEach(k -> merged.put(k, System.getProperty(k)));
    org.apache.hadoop.conf.Configuration c = new org.apache.hadoop.conf.Configuration();
    LocalFiles.settings().forEach(c::set);
    merged.forEach((k, v) -> {
      if (k.startsWith("spark.hadoop.")) {
        c.set(k.substring("spark.hadoop.".length()), v);
      }
    });
    return c;
  }

  /** Builds the session; a setting Spark rejects at start-up is a configuration error naming it. */
  private static SparkSession start(SparkConf conf) {
    try {
      return SparkSession.builder().config(conf).getOrCreate();
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage()).replace('\n', ' ');
      String key = m.contains("Master URL") || m.contains("master") ? "tiva.spark.master (" + conf.get("spark.master") + ")"
          : java.util.Arrays.stream(conf.getAll()).map(t -> t._1()).filter(m::contains).findFirst()
              .map(k -> "tiva.spark.conf.\"" + k + "\"").orElse("tiva.spark");
      throw new UsageException("configuration: Spark rejected " + key + ": " + m, e);
    }
  }

  /**
   * tiva.catalog.database names a database of the session catalog (no catalog. prefix) and no
   * spark.sql.catalogImplementation is given: Hive support, so the names outlive the session
   * (docs/cluster.md, "Catalog"), when spark-hive is on the classpath; otherwise the in-memory
   * catalog stays (CatalogRegistration warns).
   */
  static void hiveForCatalog(SparkConf conf, Settings settings) {
    String db = settings.tiva().hasPath("catalog.database") ? settings.tiva().getString("catalog.database").strip() : "";
    if (db.isEmpty() || db.contains(".") || conf.contains("spark.sql.catalogImplementation")) {
      return;
    }
    try {
      Class.forName("org.apache.spark.sql.hive.HiveSessionStateBuilder", false, SparkSessions.class.getClassLoader());
      Class.forName("org.apache.hadoop.hive.conf.HiveConf", false, SparkSessions.class.getClassLoader());
      conf.set("spark.sql.catalogImplementation", "hive");
    } catch (ClassNotFoundException | LinkageError e) {
      // no Hive support here: the catalog stays in memory
    }
  }

  private static void setIfAbsent(SparkConf conf, String k, String v) {
    if (!conf.contains(k)) {
      conf.set(k, v);
    }
  }

  /** Stops the session a command started, if any (the CLI calls it before exiting). */
  public static void stopIfRunning() {
    scala.Option<SparkSession> s = SparkSession.getDefaultSession();
    if (s.isDefined()) {
      s.get().stop();
    }
  }
}
