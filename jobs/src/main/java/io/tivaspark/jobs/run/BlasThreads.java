package io.tivaspark.jobs.run;

import io.tivaspark.common.math.NativeBlas;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenBLAS thread count of an executor, set once per JVM before its first year
 * (docs/performance.md "Native BLAS with no install"): threads = max(1, ⌊c / k⌋)
 * ({@link NativeBlas#threadsFor}) with c the cores Spark gives this JVM and k the BLAS calls it
 * runs at once, which is 1: {@code Lapack} serialises every BLAS/LAPACK call of a JVM on one
 * thread, so the year tasks of one executor take turns on all its cores instead of each starting c
 * threads. c is {@code local[N]}'s N on a local master, else {@code spark.executor.cores}, else
 * the processors the JVM sees. Without this, OpenBLAS starts one thread per processor of the
 * machine, and executors sharing a node oversubscribe it. Applies to the bundled OpenBLAS; a system
 * OpenBLAS reads only OPENBLAS_NUM_THREADS at load (set {@code spark.executorEnv.OPENBLAS_NUM_THREADS},
 * docs/cluster.md). {@code -Dtiva.blas.threads} wins over both.
 */
final class BlasThreads {
  private static final Logger LOG = LoggerFactory.getLogger(BlasThreads.class);
  private static boolean done;

  private BlasThreads() {}

  /** Sets the thread count for this JVM once (no-op afterwards, on the driver-only path too). */
  static synchronized void configure() {
    if (done) {
      return;
    }
    done = true;
    if (System.getProperty(NativeBlas.THREADS_KEY) != null) {
      return; // NativeBlas applied it
    }
    SparkEnv env = SparkEnv.get();
    int cores = cores(env == null ? null : env.conf(), Runtime.getRuntime().availableProcessors());
    int threads = NativeBlas.threadsFor(cores, 1);
    if (NativeBlas.setThreads(threads)) {
      LOG.info("bundled OpenBLAS: {} threads ({} cores for this JVM, BLAS calls serialised)", threads, cores);
    }
  }

  /** The cores of this JVM: local[N] → N, local[*] → processors, else spark.executor.cores, else processors. */
  static int cores(SparkConf conf, int processors) {
    if (conf == null) {
      return processors;
    }
    String master = conf.get("spark.master", "");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:-cluster)?\\[(\\d+|\\*)").matcher(master);
    if (master.startsWith("local[") && m.find()) {
      return "*".equals(m.group(1)) ? processors : Math.min(processors, Integer.parseInt(m.group(1)));
    }
    if (master.equals("local")) {
      return 1;
    }
    return Math.max(1, Math.min(processors, conf.getInt("spark.executor.cores", processors)));
  }
}
