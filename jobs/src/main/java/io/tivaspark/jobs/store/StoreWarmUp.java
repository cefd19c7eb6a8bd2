package io.tivaspark.jobs.store;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.io.LocalTrees;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.Path;

/**
 * The store writer warmed up once per JVM, on a background thread: a small synthetic year (20
 * regions × 15 industries, ~100 k rows) written into a scratch directory and deleted. A cold JVM
 * writes an ICIO year 2–3× slower than a warm one (classes loaded, codecs set up and the row loops
 * compiled while the rows go out: 1.9–2.0 s against 1.0 s at n = 3645); ingest starts this as a
 * table's parse starts, so that work overlaps the parse's sequential first pass instead of the
 * write (docs/performance.md, "Fifth pass"). A failure is ignored: only the time of the first
 * write depends on it.
 */
public final class StoreWarmUp {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private StoreWarmUp() {}

  /** Starts the warm-up, the first time only, on a daemon thread of low priority. */
  public static void inBackground() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(StoreWarmUp::run, "tiva-store-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** The warm-up's work on the calling thread: a small year written and deleted. */
  static void run() {
    java.nio.file.Path dir = null;
    try {
      dir = Files.createTempDirectory("tiva-warm-up");
      MrioYear y = new SyntheticMrio(GeneratorSpec.builder().regions(20).industries(15).years(2000, 2000).seed(1)
          .build()).year(2000);
      StoreWriter.writeYear(HadoopConf.local().get(), new Path(dir.toUri()), y);
    } catch (IOException | RuntimeException e) {
      // a warm-up that fails changes nothing but the time of the first write
    } finally {
      LocalTrees.deleteQuietly(dir);
    }
  }
}
