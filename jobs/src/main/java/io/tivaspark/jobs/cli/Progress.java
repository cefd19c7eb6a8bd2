package io.tivaspark.jobs.cli;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A progress line per finished unit of work (one year, one Spark task) of a long job: run,
 * ingest and generate each call {@link #track} once, right after setting the job description of
 * their one-task-per-year Spark job. The line, at INFO:
 * {@code run: year 2019 done (3/26), 0:42 elapsed, about 5:06 left}. The estimate is
 * elapsed / done × (total − done): years of one table cost about the same, and tasks run side by
 * side, so it holds whatever the parallelism. The listener removes itself when that job ends.
 */
public final class Progress extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

  private final SparkContext sc;
  private final String what;
  private final String description;
  private final List<String> labels;
  private final long start = System.nanoTime();
  private final AtomicInteger done = new AtomicInteger();
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private volatile int jobId = -1;

  private Progress(SparkContext sc, String what, String description, List<String> labels) {
    this.sc = sc;
    this.what = what;
    this.description = description;
    this.labels = List.copyOf(labels);
  }

  /**
   * Follows the next Spark job with the current job description (set just before), whose task i
   * is the unit {@code labels.get(i)} (e.g. "year 2019"). Nothing for fewer than two units.
   */
  public static void track(SparkContext sc, String what, List<String> labels) {
    String description = sc.getLocalProperty("spark.job.description");
    if (labels.size() < 2 || description == null) {
      return;
    }
    sc.addSparkListener(new Progress(sc, what, description, labels));
  }

  @Override
  public void onJobStart(SparkListenerJobStart e) {
    if (jobId < 0 && e.properties() != null
        && description.equals(e.properties().getProperty("spark.job.description"))) {
      jobId = e.jobId();
      scala.collection.JavaConverters.seqAsJavaList(e.stageIds()).forEach(s -> stages.add((Integer) s));
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    if (!stages.contains(e.stageId()) || !e.taskInfo().successful()) {
      return;
    }
    int n = done.incrementAndGet();
    int i = e.taskInfo().index();
    String label = i >= 0 && i < labels.size() ? labels.get(i) : "task " + i;
    LOG.info(line(what, label, n, labels.size(), (System.nanoTime() - start) / 1e9));
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd e) {
    if (e.jobId() == jobId) {
      sc.removeSparkListener(this);
    }
  }

  /** "run: year 2019 done (3/26), 0:42 elapsed, about 5:06 left" (no estimate for the last). */
  public static String line(String what, String label, int done, int total, double elapsedSeconds) {
    String head = String.format(Locale.ROOT, "%s: %s done (%d/%d), %s elapsed", what, label, done, total,
        clock(elapsedSeconds));
    return done >= total ? head : head + ", about " + clock(estimateLeft(done, total, elapsedSeconds)) + " left";
  }

  /** Seconds left: elapsed / done × (total − done). */
  static double estimateLeft(int done, int total, double elapsedSeconds) {
    return done <= 0 ? Double.NaN : elapsedSeconds / done * (total - done);
  }

  /** m:ss, or h:mm:ss from an hour. */
  static String clock(double seconds) {
    if (Double.isNaN(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
