package io.tivaspark.jobs.run;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.io.LocalTrees;
import io.tivaspark.common.math.YearSystem;
import io.tivaspark.common.model.Family;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.jobs.store.HadoopConf;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The year task's code warmed up once per JVM while the driver plans the run (docs/performance.md,
 * issue 17 seventh pass): a small synthetic year ({@value #REGIONS} regions × the run's industry count
 * when it is the ICIO 2023 list, else 15 industries) built, run through every family of the run and
 * staged into a scratch directory that is then deleted. A cold JVM runs its first year tasks more
 * slowly than later ones (classes loaded, the families', staging and encoding loops compiled while the
 * real rows go out): at n = 3645 a cold year task took 32–34 s, 26–27 s after the warm-up's 4 s. The
 * warm-up starts before the warehouse lock, overlapping the planning (on an existing warehouse a few
 * seconds of reading the tables' logs and the runs table), and the year tasks start when it has ended
 * ({@link #await}).
 * Only where the driver runs the year tasks ({@code local}, {@code local[N]}) and for tables of
 * n ≥ {@value #MIN_N}; a failure is logged at DEBUG and changes nothing but the time of the first years.
 */
final class RunWarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(RunWarmUp.class);
  static final int REGIONS = 12;
  /** Tables smaller than this (n = entities × industries) start cold: their first year costs less than the warm-up. */
  static final long MIN_N = 2000;
  static final int AWAIT_SECONDS = 60;
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private RunWarmUp() {}

  /**
   * Starts the warm-up on a daemon thread, the first time in this JVM and for a table of at least
   * {@value #MIN_N} rows only; returns the thread (null if not started).
   */
  static Thread inBackground(CoreSettings core, String unit, EnumSet<Family> families, long n, int industries,
      boolean stagingThread) {
    if (n < MIN_N || !STARTED.compareAndSet(false, true)) {
      return null;
    }
    Thread t = new Thread(() -> run(core, unit, families, industries, stagingThread), "tiva-run-warm-up");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Waits for the warm-up to end (at most {@value #AWAIT_SECONDS} s), so that no year task shares the cores with it. */
  static void await(Thread warmUp) {
    if (warmUp == null) {
      return;
    }
    try {
      warmUp.join(AWAIT_SECONDS * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The warm-up's work on the calling thread; true when it ran to the end. */
  static boolean run(CoreSettings core, String unit, EnumSet<Family> families, int industries, boolean stagingThread) {
    long t0 = System.nanoTime();
    java.nio.file.Path dir = null;
    try {
      BlasThreads.configure();
      dir = Files.createTempDirectory("tiva-run-warm-up");
      boolean icio = industries == SyntheticMrio.ICIO2023_INDUSTRIES.size();
      MrioYear y = new SyntheticMrio(GeneratorSpec.builder().regions(REGIONS).industries(icio ? industries : 15)
          .years(2000, 2000).seed(1).build()).year(2000);
      YearSystem system = YearSystem.build(y, core.options(y.layout(), unit, false));
      try (StagingSink sink = new StagingSink(HadoopConf.local().get(), new Path(dir.toUri()), "warm-up", 2000, unit,
          families, stagingThread)) {
        YearTask.computeFamilies(system, families, sink, new YearSteps());
        sink.commit();
      }
      LOG.info("warmed up the year task's code in {} s on a synthetic year (n = {}: {} entities x {} industries)",
          String.format("%.1f", RunJob.secondsSince(t0)), y.layout().n(), y.layout().entityCount(),
          y.layout().industryCount());
      return true;
    } catch (Exception | LinkageError e) {
      LOG.debug("run warm-up failed (only the first year's time depends on it)", e);
      return false;
    } finally {
      LocalTrees.deleteQuietly(dir);
    }
  }
}
