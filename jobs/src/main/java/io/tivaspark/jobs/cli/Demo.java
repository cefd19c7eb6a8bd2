package io.tivaspark.jobs.cli;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.jobs.generate.GenerateJob;
import io.tivaspark.jobs.run.RunJob;
import java.io.File;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/tiva demo}: generates a small multi-year sample, runs every job, and prints what
 * was written with a few headline indicators and the command to look further.
 */
final class Demo {
  private Demo() {}

  static int run(TivaSettings typed, String inputOpt, String warehouseOpt, PrintStream out) throws Exception {
    Settings settings = typed.source();
    var t = settings.tiva();
    String input = inputOpt != null ? inputOpt : ConfigValues.string(t, "demo.input");
    String warehouse = warehouseOpt != null ? warehouseOpt : ConfigValues.string(t, "demo.warehouse");
    int[] years = Args.years("demo", "tiva.demo.years", ConfigValues.string(t, "demo.years"));
    GeneratorSpec spec;
    try {
      spec = GeneratorSpec.builder().regions(ConfigValues.integer(t, "demo.regions"))
          .industries(ConfigValues.integer(t, "demo.industries")).years(years[0], years[1])
          .seed(ConfigValues.longValue(t, "demo.seed")).splits(true).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("configuration: tiva.demo: " + e.getMessage(), e);
    }
    if (new File(warehouse).exists() && !new File(warehouse).isDirectory()) {
      throw new UsageException("demo: warehouse " + warehouse + " is not a directory");
    }
    long t0 = System.nanoTime();
    {
      SparkSession spark = SparkSessions.create(settings);
      out.printf(Locale.ROOT, "1/3 generating a sample MRIO: %d regions x %d industries, %d-%d, seed %d -> %s%n",
          spec.regions(), spec.industries(), spec.firstYear(), spec.lastYear(), spec.seed(), input);
      GenerateJob.generate(spark, spec, input, ownsInput(spark, input, inputOpt == null));
      List<String> families = typed.run().families();
      out.printf(Locale.ROOT, "2/3 computing every year (%s) -> %s%n", String.join(", ", families), warehouse);
      RunJob.Result r = RunJob.run(spark, typed, new RunJob.Request(input, warehouse, null, families));
      out.printf(Locale.ROOT, "3/3 summary of run %s (%s)%n%n", r.runId(), r.status());
      SqlCommand.registerTables(spark, warehouse);
      out.printf(Locale.ROOT, "years: %d-%d%ntables (rows of this run):%n", spec.firstYear(), spec.lastYear());
      for (var e : r.rows().entrySet()) {
        out.printf(Locale.ROOT, "  %-20s %,12d%n", e.getKey(), e.getValue());
      }
      io.tivaspark.jobs.run.EmptyTables.describe(r.rows(), families, t).forEach(l -> out.println("  " + l));
      long checks = spark.sql("SELECT count(*) FROM quality_checks WHERE run_id = '" + r.runId() + "'").first().getLong(0);
      long failed = spark.sql("SELECT count(*) FROM quality_checks WHERE NOT passed AND run_id = '" + r.runId() + "'")
          .first().getLong(0);
      out.printf(Locale.ROOT, "quality checks: %d, failed: %d%n%n", checks, failed);
      out.printf(Locale.ROOT, "headline indicators, %d:%n", spec.lastYear());
      List<Row> rows = spark.sql("SELECT country, indicator, value FROM indicators WHERE year = " + spec.lastYear()
          + " AND partner = 'WLD' AND industry = '_T' AND indicator IN ('EXGR', 'EXGR_DVASH', 'VAX_RATIO')"
          + " AND country IN ('USA', 'CHN', 'DEU', 'MEX', 'EU27', 'WLD') ORDER BY indicator, country").collectAsList();
      for (Row row : rows) {
        out.printf(Locale.ROOT, "  %-11s %-5s %14.3f%n", row.getString(1), row.getString(0),
            row.isNullAt(2) ? Double.NaN : row.getDouble(2));
      }
      if (r.rows().containsKey("gvc_measures")) {
        out.printf(Locale.ROOT, "%nGVC participation (Borin-Mancini, %% of gross exports) and upstreamness, %d:%n",
            spec.lastYear());
        for (Row row : spark.sql("SELECT country, measure, value FROM gvc_measures WHERE year = " + spec.lastYear()
            + " AND industry = '_T' AND measure IN ('GVC_BM', 'GVCB_BM', 'GVCF_BM', 'GVC_POS', 'UPSTREAMNESS')"
            + " AND country IN ('USA', 'CHN', 'DEU', 'MEX', 'EU27') ORDER BY measure, country").collectAsList()) {
          out.printf(Locale.ROOT, "  %-12s %-5s %14.3f%n", row.getString(1), row.getString(0),
              row.isNullAt(2) ? Double.NaN : row.getDouble(2));
        }
      }
      out.printf(Locale.ROOT, "%ndone in %.0f s. Look further with, for example:%n", (System.nanoTime() - t0) / 1e9);
      out.printf(Locale.ROOT, "  bin/tiva sql --warehouse %s \"SELECT indicator, country, value, unit FROM indicators "
          + "WHERE year = %d AND partner = 'WLD' AND industry = '_T' AND country = 'CHN' ORDER BY indicator\"%n",
          warehouse, spec.lastYear());
      out.printf(Locale.ROOT, "  (tables: %s; the Delta tables are in %s)%n",
          String.join(", ", SqlCommand.registerTables(spark, warehouse)), new File(warehouse).getAbsolutePath());
    }
    return ExitCode.OK;
  }

  /**
   * Whether demo may replace the store in its input directory: its configured directory is its
   * own, and so is a store it (or generate) wrote before; any other store is refused.
   */
  private static boolean ownsInput(SparkSession spark, String input, boolean configured) throws java.io.IOException {
    var conf = spark.sparkContext().hadoopConfiguration();
    var root = new org.apache.hadoop.fs.Path(input);
    if (configured || GenerateJob.isGenerated(root.getFileSystem(conf), root)) {
      return true;
    }
    var old = GenerateJob.describeStore(conf, root);
    if (old.isPresent()) {
      throw new io.tivaspark.jobs.cli.UsageException("demo: --input " + input + " already holds a store that was not "
          + "generated (" + old.get() + "); choose another directory for the demo's sample");
    }
    return false;
  }
}
