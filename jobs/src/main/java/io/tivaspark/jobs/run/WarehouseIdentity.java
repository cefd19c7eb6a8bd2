package io.tivaspark.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tivaspark.common.model.Layout;
import io.tivaspark.jobs.cli.Settings;
import io.tivaspark.jobs.cli.UsageException;
import io.tivaspark.jobs.store.MrioMeta;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which table a warehouse holds results of: the layout (countries, entities, industries,
 * final-demand categories, splits) of the store each run read, recorded as {@value #FIELD} in the
 * runs row's config JSON (the runs schema is unchanged). A run from a store with another layout
 * would mix country sets year by year; it is refused (exit 2) before anything is computed.
 */
public final class WarehouseIdentity {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseIdentity.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String FIELD = "table_layout";

  /** What was recorded: the layout's fingerprint, a readable summary, the store it came from. */
  record Recorded(String fingerprint, String summary, String input) {}

  private WarehouseIdentity() {}

  /**
   * Throws UsageException when the warehouse's latest SUCCEEDED or PARTIAL run read a table of
   * another layout than {@code layout}. Older runs rows without the field are compared through
   * the mrio.json of the store they name, when it is still there; otherwise nothing is checked.
   * {@code finished} is the runs table's finished rows ({@link RunsLog#finished}).
   */
  public static void check(SparkSession spark, Path warehouse, List<RunsTable.Finished> finished, Layout layout,
      String input) throws IOException {
    Recorded held = latest(spark, finished);
    if (held == null || held.fingerprint().equals(fingerprint(layout))) {
      return;
    }
    throw new UsageException("run: the warehouse " + warehouse + " holds results of another table ("
        + held.summary() + ", from " + held.input() + "); " + input + " has " + summary(layout)
        + "; use a new warehouse for it");
  }

  /** The runs row's config column: the configuration (secrets masked) plus the table's layout. */
  public static String configJson(Settings settings, Layout layout, String input) {
    try {
      ObjectNode n = (ObjectNode) JSON.readTree(settings.renderJson());
      ObjectNode t = n.putObject(FIELD);
      t.put("fingerprint", fingerprint(layout));
      t.put("summary", summary(layout));
      t.put("input", input);
      return JSON.writeValueAsString(n);
    } catch (IOException e) {
      throw new IllegalStateException("cannot render the configuration as JSON", e);
    }
  }

  static String fingerprint(Layout l) {
    return RunJob.sha256("countries=" + l.countries() + "|entities=" + l.entities() + "|industries=" + l.industries()
        + "|categories=" + l.categories() + "|splits=" + l.splits());
  }

  /** "5 countries (AUS, CAN, CHN, ...), 6 entities, 4 industries, 6 final-demand categories". */
  static String summary(Layout l) {
    List<String> c = l.countries();
    String codes = String.join(", ", c.subList(0, Math.min(6, c.size()))) + (c.size() > 6 ? ", ..." : "");
    return c.size() + " countries (" + codes + "), " + l.entityCount() + " entities, " + l.industryCount()
        + " industries, " + l.categoryCount() + " final-demand categories";
  }

  /** The layout recorded by the latest of the finished runs rows ({@link RunsLog#finished}), or null if unknown. */
  static Recorded latest(SparkSession spark, List<RunsTable.Finished> finished) throws IOException {
    if (finished.isEmpty()) {
      return null;
    }
    RunsTable.Finished last = finished.get(finished.size() - 1);
    JsonNode t = JSON.readTree(last.config()).path(FIELD);
    if (t.hasNonNull("fingerprint")) {
      return new Recorded(t.get("fingerprint").asText(), t.path("summary").asText("?"), last.input());
    }
    return fromStore(spark, last.input());
  }

  /** An older runs row: the layout of the store it names, if that is still readable. */
  private static Recorded fromStore(SparkSession spark, String input) {
    try {
      Path root = new Path(input);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Layout l = MrioMeta.read(fs, root).layout(input);
      return new Recorded(fingerprint(l), summary(l), input);
    } catch (IOException | RuntimeException e) {
      LOG.info("the warehouse's latest run records no table layout and its input {} is unreadable ({}): "
          + "not checked", input, e.getMessage());
      return null;
    }
  }
}
