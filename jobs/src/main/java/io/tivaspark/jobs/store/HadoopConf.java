package io.tivaspark.jobs.store;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop settings in a serializable form, so tasks reach the same file systems
 * (s3a, abfs, hdfs credentials included) as the driver. Never logged.
 *
 * <p><b>Plain local files.</b> Hadoop's default {@code file:} file system is checksummed: it writes
 * a {@code .name.crc} sidecar beside every file and verifies it on read, so a store file rewritten
 * by another tool (pyarrow, pandas, DuckDB) fails with {@code ChecksumException}. The store and the
 * staged result files are plain Parquet: every configuration from {@link #get()} and
 * {@link #plain(Configuration)} maps {@code file:} to Hadoop's {@code RawLocalFileSystem} (no
 * sidecar written, none read; the same files otherwise; {@link LocalFiles.Raw}, which starts no
 * process per file), uncached, since Hadoop's file-system cache ignores the configuration. Other
 * schemes (hdfs, s3a, abfs) are untouched: their checksums are the storage's own.
 * docs/operations.md "Editing the store with other tools".
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

  /** The configuration, with plain (checksum-free) local files. */
  public synchronized Configuration get() {
    if (conf == null) {
      Configuration c = new Configuration(entries.isEmpty());
      entries.forEach(c::set);
      conf = plainLocal(c);
    }
    return conf;
  }

  /** A copy of {@code c} whose {@code file:} paths are plain files (no .crc sidecars written or read). */
  public static Configuration plain(Configuration c) {
    return plainLocal(new Configuration(c));
  }

  private static Configuration plainLocal(Configuration c) {
    c.set("fs.file.impl", LocalFiles.Raw.class.getName());
    c.setBoolean("fs.file.impl.disable.cache", true);
    return c;
  }
}
