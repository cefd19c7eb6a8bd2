package io.tivaspark.jobs.ingest;

import io.tivaspark.jobs.cli.Progress;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where ingest's tasks (one per table, year or dataset file) run: as one Spark job of one task
 * each ({@link #spark}), or on the command's own threads without a Spark session
 * ({@link #local}: a local master with local inputs and store, docs/ingest.md §2 "Where the tasks run"). Both
 * return the results in the order of the units and write the same files; only the driver's start
 * differs (a Spark session costs about 4–5 s of a command whose year takes 3 s).
 */
public interface IngestTasks {
  /** The Hadoop settings the inputs are read and the store written with. */
  Configuration hadoopConf();

  /**
   * {@code task} applied to every unit, the results in the units' order. {@code what} describes
   * the job ("tiva ingest icio: 3 tables"); {@code labels} (one per unit, e.g. "year 2019", or
   * empty) name the units in the progress lines.
   */
  <T extends Serializable, R extends Serializable> List<R> map(String what, List<T> units, List<String> labels,
      Task<T, R> task) throws IOException;

  /** One unit's work, run where the tasks run (serializable: Spark ships it to executors). */
  @FunctionalInterface
  interface Task<T, R> extends Serializable {
    R apply(T unit) throws IOException;
  }

  /** One Spark task per unit, in {@code spark}'s context. */
  static IngestTasks spark(SparkSession spark) {
    return new OnSpark(spark);
  }

  /** Units on {@code threads} threads of this JVM, reading and writing with {@code conf}. */
  static IngestTasks local(Configuration conf, int threads) {
    return new OnThreads(conf, threads);
  }

  /** One Spark job, one task per unit; a progress line per finished unit ({@link Progress}). */
  final class OnSpark implements IngestTasks {
    private final SparkSession spark;

    private OnSpark(SparkSession spark) {
      this.spark = spark;
    }

    @Override
    public Configuration hadoopConf() {
      return spark.sparkContext().hadoopConfiguration();
    }

    @Override
    public <T extends Serializable, R extends Serializable> List<R> map(String what, List<T> units,
        List<String> labels, Task<T, R> task) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      jsc.setJobDescription(what);
      Progress.track(spark.sparkContext(), "ingest", labels);
      try {
        return jsc.parallelize(units, Math.max(1, units.size())).mapPartitions((Iterator<T> it) -> {
          List<R> res = new ArrayList<>();
          while (it.hasNext()) {
            res.add(task.apply(it.next()));
          }
          return res.iterator();
        }).collect();
      } finally {
        jsc.clearJobGroup();
      }
    }
  }

  /**
   * Units on a fixed pool of this JVM's threads (as many at once as a {@code local[N]} master
   * runs tasks); the first failure in unit order is thrown as the task threw it, the other units
   * finish first (their files are in the staging directory, which the caller discards).
   */
  final class OnThreads implements IngestTasks {
    private static final Logger LOG = LoggerFactory.getLogger(IngestTasks.class);
    private final Configuration conf;
    private final int threads;

    private OnThreads(Configuration conf, int threads) {
      this.conf = conf;
      this.threads = Math.max(1, threads);
    }

    @Override
    public Configuration hadoopConf() {
      return conf;
    }

    @Override
    public <T extends Serializable, R extends Serializable> List<R> map(String what, List<T> units,
        List<String> labels, Task<T, R> task) throws IOException {
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, units.size())));
      long start = System.nanoTime();
      AtomicInteger done = new AtomicInteger();
      try {
        List<Future<R>> futures = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
          T unit = units.get(i);
          String label = i < labels.size() ? labels.get(i) : null;
          futures.add(pool.submit(() -> {
            R r = task.apply(unit);
            progress(label, labels.size(), done, start);
            return r;
          }));
        }
        return results(futures);
      } finally {
        pool.shutdownNow();
      }
    }

    /** "ingest: year 2019 done (3/26), ..." as the Spark path logs it (nothing for fewer than two units). */
    private static void progress(String label, int total, AtomicInteger done, long start) {
      if (label == null || total < 2) {
        return;
      }
      LOG.info(Progress.line("ingest", label, done.incrementAndGet(), total, (System.nanoTime() - start) / 1e9));
    }

    /** Every result in order, after every unit has finished; then the first failure, unwrapped. */
    private static <R> List<R> results(List<Future<R>> futures) throws IOException {
      List<R> out = new ArrayList<>();
      Throwable first = null;
      for (Future<R> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          first = first == null ? e.getCause() : first;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("ingest interrupted");
        }
      }
      if (first instanceof IOException io) {
        throw io;
      }
      if (first instanceof RuntimeException re) {
        throw re;
      }
      if (first instanceof Error err) {
        throw err;
      }
      return out;
    }
  }
}
