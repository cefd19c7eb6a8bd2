package io.tivaspark.jobs;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.model.Layout;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreWriter;
import java.io.IOException;
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

  /** Generates the store and returns the number of rows written. */
  public static long generate(SparkSession spark, GeneratorSpec spec, String out) throws IOException {
    SyntheticMrio gen = new SyntheticMrio(spec);
    Layout layout = gen.layout();
    Path root = new Path(out);
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    fs.mkdirs(root);
    fs.delete(new Path(root, MrioMeta.FILE), false);
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
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobDescription("tiva generate: " + years.size() + " years, n = " + layout.n());
    long rows = jsc.parallelize(years, years.size()).mapPartitions((Iterator<Integer> it) -> {
      List<Long> counts = new ArrayList<>();
      SyntheticMrio g = new SyntheticMrio(GeneratorSpec.builder().regions(regions).industries(industries)
          .years(first, last).seed(seed).splits(splits).extensions(extensions).build());
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
}
