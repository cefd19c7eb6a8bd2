package io.tivaspark.jobs.run;

import com.typesafe.config.Config;
import io.tivaspark.common.model.Family;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why a table a run wrote has no rows, for the run summary (docs/operations.md §1, "Empty
 * tables"): a cube switched off by its tiva.run key, footprints without satellite accounts, or a
 * family that was not selected. A table with rows needs no line.
 */
public final class EmptyTables {
  private EmptyTables() {}

  /**
   * One line per table this run left empty, and one for the tables of families not run; none
   * when no year was computed (an incremental run that skipped everything writes nothing).
   *
   * @param rows rows written per table (RunJob.Result.rows)
   * @param families the family codes run (--only or tiva.run.families)
   * @param tiva the effective configuration under tiva
   */
  public static List<String> describe(Map<String, Long> rows, List<String> families, Config tiva) {
    List<String> out = new ArrayList<>();
    if (rows.isEmpty()) {
      return out;
    }
    Set<Family> run = EnumSet.noneOf(Family.class);
    families.forEach(f -> run.add(Family.of(f)));
    List<String> notRun = new ArrayList<>();
    for (OutputTable t : OutputTable.values()) {
      if (!t.writtenBy(run)) {
        notRun.add(t.tableName());
      } else if (rows.getOrDefault(t.tableName(), 0L) == 0L) {
        out.add("empty: " + t.tableName() + ": " + reason(t, tiva));
      }
    }
    if (!notRun.isEmpty()) {
      out.add("not written by this run (family not selected with --only / tiva.run.families; earlier rows kept): "
          + String.join(", ", notRun));
    }
    return out;
  }

  /** The reason one written table has no rows. */
  static String reason(OutputTable t, Config tiva) {
    return switch (t) {
      case EXPORT_DECOMPOSITION_THIRD -> switchedOff(tiva, "run.wwz-third-country", "\"country\" or \"industry\"");
      case VA_ORIGIN_IMPORTS -> switchedOff(tiva, "run.va-origin-imports", "\"country\" or \"industry\"");
      case VA_EXPORTS_DESTINATION -> switchedOff(tiva, "run.exports-destination", "\"country\" or \"industry\"");
      case VA_FINAL_DEMAND_PRODUCT -> switchedOff(tiva, "run.va-final-demand-product", "true");
      case FOOTPRINTS, FOOTPRINT_COEFFICIENTS -> "the store has no satellite accounts (extensions/ and "
          + "extensions_final_demand/) for the years computed; footprints need them (docs/footprints.md)";
      default -> "no rows computed (see the log lines of this run)";
    };
  }

  private static String switchedOff(Config tiva, String key, String on) {
    String v = tiva.hasPath(key) ? String.valueOf(tiva.getValue(key).unwrapped()) : "?";
    boolean off = v.equals("off") || v.equals("false");
    return off ? "switched off by tiva." + key + " = " + v + " (set it to " + on + " to fill it)"
        : "no rows computed although tiva." + key + " = " + v + " (see the log lines of this run)";
  }
}
