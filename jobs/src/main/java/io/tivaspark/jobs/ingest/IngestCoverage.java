package io.tivaspark.jobs.ingest;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.jobs.store.Dataset;
import io.tivaspark.jobs.store.StoreReader;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Re-ingesting years into an existing store (docs/ingest.md): an optional dataset must cover
 * every year of the store afterwards or none, as {@code validate} and {@code run} require. What
 * the store holds afterwards, per optional dataset:
 *
 * <ul>
 *   <li>{@code output/}: the years the input brings it for, plus the old years the input does
 *       not replace (an old output of a replaced year is removed: it belongs to the old table);
 *   <li>{@code extensions/}, {@code extensions_final_demand/}, {@code population/}: the years the
 *       input brings them for, plus every old year (an old partition of a replaced year is kept
 *       when the input brings none: ICIO tables carry no satellite accounts and no population).
 * </ul>
 *
 * <p>When that leaves a dataset with some years of the store but not all, the ingest is refused
 * before anything in the store changes (never an empty partition that would read as zeros).
 */
final class IngestCoverage {
  private IngestCoverage() {}

  /** Throws when an optional dataset would cover some of the store's years but not all. */
  static void check(Configuration conf, Path root, Path staging, Set<Integer> years) throws IOException {
    TreeSet<Integer> all = new TreeSet<>(years);
    all.addAll(StoreReader.years(conf, root, Dataset.INTERMEDIATE));
    for (Dataset d : Dataset.values()) {
      if (d.required()) {
        continue;
      }
      TreeSet<Integer> brought = StoreReader.years(conf, staging, d);
      TreeSet<Integer> after = new TreeSet<>(brought);
      for (int y : StoreReader.years(conf, root, d)) {
        if (!years.contains(y) || d.keptWhenNotBrought()) {
          after.add(y);
        }
      }
      if (after.isEmpty() || after.containsAll(all)) {
        continue;
      }
      TreeSet<Integer> lacking = new TreeSet<>(all);
      lacking.removeAll(after);
      TreeSet<Integer> old = new TreeSet<>(after);
      old.removeAll(brought);
      throw new InvalidInputException(new Path(root, d.dir()).toString(), lacking.first(), null,
          d.label() + " would cover years " + IngestJob.ranges(after) + " but not " + IngestJob.ranges(lacking)
          + " (the input brings it for " + (brought.isEmpty() ? "no year" : "years " + IngestJob.ranges(brought))
          + ", the store keeps it for " + (old.isEmpty() ? "no year" : "years " + IngestJob.ranges(old))
          + "); an optional dataset must cover every year or none: ingest those years with " + d.label()
          + " too, or into an empty directory");
    }
  }
}
