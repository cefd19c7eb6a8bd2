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
import org.apache.spark.sql.Row;
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
   */
  public static void check(SparkSession spark, Path warehouse, Layout layout, String input) throws IOException {
    Recorded held = latest(spark, warehouse);
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

  /** The layout recorded by the latest SUCCEEDED or PARTIAL runs row, or null if unknown. */
  static Recorded latest(SparkSession spark, Path warehouse) throws IOException {
    Path runs = new Path(warehouse, "runs");
    FileSystem fs = runs.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(new Path(runs, "_delta_log"))) {
      return null;
    }
    String config;
    String input;
    List<RunsTable.Finished> finished = RunsTable.finished(spark.sparkContext().hadoopConfiguration(), warehouse);
    if (finished != null) {
      if (finished.isEmpty()) {
        return null;
      }
      config = finished.get(finished.size() - 1).config();
      input = finished.get(finished.size() - 1).input();
    } else {
      List<Row> rows = spark.read().format("delta").load(runs.toString())
          .where("status IN ('SUCCEEDED', 'PARTIAL')").orderBy(org.apache.spark.sql.functions.col("finished_at").desc())
          .select("config", "input").limit(1).collectAsList();
      if (rows.isEmpty()) {
        return null;
      }
      config = rows.get(0).getString(0);
      input = rows.get(0).getString(1);
    }
    JsonNode t = JSON.readTree(config).path(FIELD);
    if (t.hasNonNull("fingerprint")) {
      return new Recorded(t.get("fingerprint").asText(), t.path("summary").asText("?"), input);
    }
    return fromStore(spark, input);
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
