package io.tivaspark.jobs.store;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop settings in a serializable form, so tasks reach the same file systems
 * (s3a, abfs, hdfs credentials included) as the driver. Never logged.
 */
public final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 1L;
  private final HashMap<String, String> entries;
  private transient Configuration conf;

  private HadoopConf(HashMap<String, String> entries) {
    this.entries = entries;
  }

  public static HadoopConf of(Configuration c) {
    HashMap<String, String> m = new HashMap<>();
    for (Map.Entry<String, String> e : c) {
      m.put(e.getKey(), e.getValue());
    }
    return new HadoopConf(m);
  }

  /** A plain local configuration (tests, the generator without Spark). */
  public static HadoopConf local() {
    return new HadoopConf(new HashMap<>());
  }

  public synchronized Configuration get() {
    if (conf == null) {
      Configuration c = new Configuration(entries.isEmpty());
      entries.forEach(c::set);
      conf = c;
    }
    return conf;
  }
}
