package io.tivaspark.jobs.generate;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.jobs.ingest.IngestJob;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.model.Layout;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreWriter;
import io.tivaspark.jobs.cli.UsageException;
import io.tivaspark.jobs.store.Dataset;
import io.tivaspark.jobs.store.StoreReader;
import java.io.IOException;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/tiva generate}: a balanced synthetic MRIO in the canonical store, one year per
 * task (a task holds one year), mrio.json written last so a half-written store is never taken
 * for a complete one.
 */
public final class GenerateJob {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

  private GenerateJob() {}

  /** Generates the store into a new or empty directory and returns the number of rows written. */
  public static long generate(SparkSession spark, GeneratorSpec spec, String out) throws IOException {
    return generate(spark, spec, out, false);
  }

  /**
   * Generates the store and returns the number of rows written. When {@code out} already holds a
   * store (mrio.json or any dataset directory) this is a usage error unless {@code overwrite},
   * which first removes the old store's mrio.json and dataset directories (nothing else).
   */
  public static long generate(SparkSession spark, GeneratorSpec spec, String out, boolean overwrite)
      throws IOException {
    SyntheticMrio gen = new SyntheticMrio(spec);
    Layout layout = gen.layout();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    IngestJob.requireDirectoryOrAbsent(conf, "generate", out);
    Path root = new Path(out);
    FileSystem fs = root.getFileSystem(HadoopConf.plain(conf)); // plain Parquet, no .crc sidecars
    Optional<String> old = describeStore(conf, root);
    if (old.isPresent() && !overwrite) {
      throw new UsageException("generate: --out " + out + " already holds a store (" + old.get()
          + "); use --overwrite to replace it or choose an empty directory");
    }
    if (old.isPresent()) {
      removeStore(fs, root);
    }
    fs.mkdirs(root);
    List<Integer> years = new ArrayList<>();
    for (int y = spec.firstYear(); y <= spec.lastYear(); y++) {
      years.add(y);
    }
    HadoopConf hc = HadoopConf.of(spark.sparkContext().hadoopConfiguration());
    String rootStr = root.toString();
    // the spec travels as primitives (tasks rebuild it): common's value classes need not be Serializable
    int regions = spec.regions();
    int industries = spec.industries();
    int first = spec.firstYear();
    int last = spec.lastYear();
    long seed = spec.seed();
    boolean splits = spec.splits();
    boolean extensions = spec.extensions();
    boolean population = spec.population();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobDescription("tiva generate: " + years.size() + " years, n = " + layout.n());
    io.tivaspark.jobs.cli.Progress.track(spark.sparkContext(), "generate", years.stream().map(y -> "year " + y).toList());
    long rows = jsc.parallelize(years, years.size()).mapPartitions((Iterator<Integer> it) -> {
      List<Long> counts = new ArrayList<>();
      SyntheticMrio g = new SyntheticMrio(GeneratorSpec.builder().regions(regions).industries(industries)
          .years(first, last).seed(seed).splits(splits).extensions(extensions).population(population).build());
      while (it.hasNext()) {
        int y = it.next();
        long t0 = System.nanoTime();
        long n = StoreWriter.writeYear(hc.get(), new Path(rootStr), g.year(y));
        LOG.info("generated year {}: {} rows in {} s", y, n, String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        counts.add(n);
      }
      return counts.iterator();
    }).collect().stream().mapToLong(Long::longValue).sum();
    jsc.clearJobGroup();
    new MrioMeta("synthetic " + spec.regions() + "x" + spec.industries(),
        "tiva-spark generator, seed " + spec.seed(), "synthetic", "USD million",
        layout.countries(), new LinkedHashMap<>(), layout.industries(), new LinkedHashMap<>(),
        layout.categories(), layout.splits()).write(fs, root);
    return rows;
  }

  /** "mrio.json, years 2001-2003" when {@code root} holds a store (mrio.json or a dataset directory). */
  public static Optional<String> describeStore(Configuration conf, Path root) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    if (!fs.exists(root)) {
      return Optional.empty();
    }
    List<String> entries = new ArrayList<>();
    if (fs.exists(new Path(root, MrioMeta.FILE))) {
      entries.add(MrioMeta.FILE);
    }
    TreeSet<Integer> years = new TreeSet<>();
    for (Dataset d : Dataset.values()) {
      if (fs.exists(new Path(root, d.dir()))) {
        if (entries.isEmpty() || !entries.get(0).equals(MrioMeta.FILE)) {
          entries.add(d.label());
        }
        years.addAll(StoreReader.years(conf, root, d));
      }
    }
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.join(", ", entries)
        + (years.isEmpty() ? ", no years" : ", years " + IngestJob.ranges(years)));
  }

  /** Removes a store's mrio.json and dataset directories, nothing else. */
  static void removeStore(FileSystem fs, Path root) throws IOException {
    fs.delete(new Path(root, MrioMeta.FILE), false);
    for (Dataset d : Dataset.values()) {
      fs.delete(new Path(root, d.dir()), true);
    }
  }

  /** Whether the store in {@code root} was written by the generator (mrio.json edition "synthetic"). */
  public static boolean isGenerated(FileSystem fs, Path root) throws IOException {
    try {
      return fs.exists(new Path(root, MrioMeta.FILE)) && "synthetic".equals(MrioMeta.read(fs, root).edition);
    } catch (RuntimeException e) {
      return false; // an unreadable mrio.json is not known to be ours
    }
  }
}
