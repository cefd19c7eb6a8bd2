package io.tivaspark.jobs;

import io.tivaspark.jobs.cli.SparkSessions;
import io.tivaspark.jobs.cli.Settings;
import org.apache.spark.sql.SparkSession;

/** The one local SparkSession shared by every Spark test of the module (built on first use). */
public final class TestSpark {
  private static SparkSession spark;

  private TestSpark() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      System.setProperty("spark.master", "local[2]");
      System.setProperty("spark.ui.enabled", "false");
      spark = SparkSessions.create(Settings.load(null));
      spark.sparkContext().setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> spark.stop()));
    }
    return spark;
  }
}
