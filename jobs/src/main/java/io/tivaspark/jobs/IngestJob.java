package io.tivaspark.jobs;

import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.jobs.cli.UsageException;
import io.tivaspark.jobs.store.Dataset;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreWriter;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/tiva ingest --format icio}: OECD-ICIO-layout CSV files (plain or gzipped; one year
 * per file, the year taken from the file name) into the canonical store, one file per task.
 * Every year is written to a hidden staging directory first; only when every file has parsed
 * and all share one layout are the years moved into place and mrio.json written, so bad input
 * leaves the output store as it was.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private IngestJob() {}

  /** What a task reports: the year, its layout, rows written, or the error. */
  record Parsed(String file, int year, Layout layout, long rows, InvalidInputException invalid)
      implements Serializable {}

  public static String ingest(SparkSession spark, String format, List<String> inputs, String out) throws IOException {
    if (!format.equals("icio")) {
      throw new UsageException("ingest: --format " + format + " is not supported yet (supported: icio)");
    }
    if (inputs.isEmpty()) {
      throw new UsageException("ingest: missing required option --in");
    }
    Configuration hconf = spark.sparkContext().hadoopConfiguration();
    List<String> files = expand(hconf, inputs);
    Map<Integer, String> byYear = new HashMap<>();
    for (String f : files) {
      String name = new Path(f).getName();
      OptionalInt y = IcioCsv.yearFromFileName(name);
      if (y.isEmpty()) {
        throw new InvalidInputException(f, null, null, "no year in the file name (expected e.g. ICIO2023_2019.csv)");
      }
      String prev = byYear.put(y.getAsInt(), f);
      if (prev != null) {
        throw new InvalidInputException(f, y.getAsInt(), null, "year given twice (also " + prev + ")");
      }
    }
    Path root = new Path(out);
    FileSystem fs = root.getFileSystem(hconf);
    Path staging = new Path(root, "_ingest_" + UUID.randomUUID());
    HadoopConf hc = HadoopConf.of(hconf);
    String stagingStr = staging.toString();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobDescription("tiva ingest: " + files.size() + " files");
    List<Parsed> parsed;
    try {
      parsed = jsc.parallelize(files, Math.max(1, files.size())).mapPartitions((Iterator<String> it) -> {
        List<Parsed> res = new ArrayList<>();
        while (it.hasNext()) {
          res.add(parseOne(hc, it.next(), stagingStr));
        }
        return res.iterator();
      }).collect();
      jsc.clearJobGroup();
      Parsed first = null;
      for (Parsed p : parsed) {
        if (p.invalid() != null) {
          throw p.invalid();
        }
        if (first == null) {
          first = p;
        } else if (!first.layout().equals(p.layout())) {
          throw new InvalidInputException(p.file(), p.year(), null,
              "layout differs from " + first.file() + " (countries, industries, categories or splits)");
        }
      }
      // publish: move the staged years into place, then mrio.json
      fs.mkdirs(root);
      for (Parsed p : parsed) {
        for (Dataset d : Dataset.values()) {
          Path src = StoreWriter.yearDir(staging, d, p.year());
          if (!fs.exists(src)) {
            continue;
          }
          Path dst = StoreWriter.yearDir(root, d, p.year());
          fs.mkdirs(dst.getParent());
          fs.delete(dst, true);
          if (!fs.rename(src, dst)) {
            throw new IOException("could not move " + src + " to " + dst);
          }
        }
      }
      Layout l = first.layout();
      String name = new Path(first.file()).getName().replaceAll("(?i)(\\.csv)?(\\.gz)?$", "");
      new MrioMeta(name.replaceAll("_?\\d{4}$", ""), "icio csv: " + String.join(", ", inputs), "", "USD million",
          l.countries(), new LinkedHashMap<>(), l.industries(), new LinkedHashMap<>(), l.categories(),
          l.splits()).write(fs, root);
      long rows = parsed.stream().mapToLong(Parsed::rows).sum();
      return String.format(Locale.ROOT, "ingested %d files (years %s) into %s: %d countries, %d industries, %d rows",
          parsed.size(), parsed.stream().map(p -> String.valueOf(p.year())).sorted().reduce((a, b) -> a + "," + b).orElse(""),
          out, l.countryCount(), l.industryCount(), rows);
    } finally {
      fs.delete(staging, true);
    }
  }

  static Parsed parseOne(HadoopConf hc, String file, String staging) throws IOException {
    Configuration conf = hc.get();
    Path p = new Path(file);
    int year = IcioCsv.yearFromFileName(p.getName()).getAsInt();
    FileSystem fs = p.getFileSystem(conf);
    java.nio.file.Path local;
    java.nio.file.Path tmp = null;
    if (fs.getUri().getScheme() == null || fs.getUri().getScheme().equals("file")) {
      local = new File(p.toUri().getPath()).toPath();
    } else {
      tmp = Files.createTempDirectory("tiva-ingest");
      local = tmp.resolve(p.getName());
      fs.copyToLocalFile(p, new Path(local.toUri()));
    }
    long t0 = System.nanoTime();
    try {
      MrioYear y = IcioCsv.read(local, year);
      long rows = StoreWriter.writeYear(conf, new Path(staging), y);
      LOG.info("ingested {} (year {}) in {} s", file, year, String.format("%.1f", (System.nanoTime() - t0) / 1e9));
      return new Parsed(file, year, y.layout(), rows, null);
    } catch (InvalidInputException e) {
      return new Parsed(file, year, null, 0, e);
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(local);
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Files and directories (their *.csv and *.csv.gz files, sorted) to a list of files. */
  static List<String> expand(Configuration conf, List<String> inputs) throws IOException {
    List<String> out = new ArrayList<>();
    for (String in : inputs) {
      Path p = new Path(in);
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new UsageException("ingest: --in " + in + " does not exist");
      }
      if (fs.getFileStatus(p).isDirectory()) {
        List<String> found = new ArrayList<>();
        for (FileStatus st : fs.listStatus(p)) {
          String n = st.getPath().getName().toLowerCase(Locale.ROOT);
          if (st.isFile() && (n.endsWith(".csv") || n.endsWith(".csv.gz"))) {
            found.add(st.getPath().toString());
          }
        }
        if (found.isEmpty()) {
          throw new UsageException("ingest: --in " + in + " holds no .csv or .csv.gz file");
        }
        found.sort(null);
        out.addAll(found);
      } else {
        out.add(p.toString());
      }
    }
    return out;
  }
}
