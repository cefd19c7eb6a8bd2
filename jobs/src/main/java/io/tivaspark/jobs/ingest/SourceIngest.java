package io.tivaspark.jobs.ingest;

import io.tivaspark.common.io.LocalTrees;
import io.tivaspark.common.io.source.MrioSource;
import io.tivaspark.common.io.source.MrioSources;
import io.tivaspark.common.io.source.SourceUnit;
import io.tivaspark.common.io.source.SourceYear;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreWriter;
import io.tivaspark.jobs.store.YearPublisher;
import java.io.EOFException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/tiva ingest --format <code>} for every publisher's format registered in
 * {@link MrioSources} (docs/ingest.md §5). The same steps as the ICIO path:
 *
 * <ol>
 *   <li>driver: the inputs as local paths ({@link LocalInputs}), the year units
 *       ({@link MrioSource#plan}, with {@code --year} for inputs whose names carry none);
 *   <li>one Spark task per unit: {@link MrioSource#read} on local files, the value rules of
 *       {@code run} ({@link IngestRules}), {@link StoreWriter#writeYear} into the hidden staging
 *       directory; only a small {@link Read} goes back;
 *   <li>driver: one layout and one money unit across years, the store's other years share the
 *       layout, optional datasets cover every year or none ({@link IngestCoverage}), then
 *       {@link YearPublisher} publishes all or nothing and writes {@code mrio.json} last (names,
 *       source, edition, unit, and an {@code ingest} object with the format, the conversion and
 *       the notes per year).
 * </ol>
 *
 * <p>Bad input anywhere is an {@link InvalidInputException} (exit 3) naming the input as given;
 * the store is then unchanged.
 */
final class SourceIngest {
  private static final Logger LOG = LoggerFactory.getLogger(SourceIngest.class);

  private SourceIngest() {}

  /** What a task reports: the year read (its layout, rows, what mrio.json records), or the error. */
  record Read(int year, String label, Layout layout, long rows, String source, String edition, String unit,
      Map<String, String> countryNames, Map<String, String> industryNames, Map<String, String> categoryNames,
      Map<String, String> componentNames, String conversion, List<String> notes,
      InvalidInputException invalid) implements Serializable {
    static Read failed(SourceUnit u, String label, InvalidInputException e) {
      return new Read(u.year(), label, null, 0, null, null, null, Map.of(), Map.of(), Map.of(), Map.of(), null,
          List.of(), e);
    }
  }

  /**
   * Ingests the inputs of one registered format into {@code out}; {@code recognised} (may be null)
   * is what {@code --format auto} found, recorded in mrio.json.
   */
  static String ingest(IngestTasks tasks, String format, List<String> inputs, OptionalInt year, String out,
      String recognised) throws IOException {
    Configuration hconf = tasks.hadoopConf();
    try (LocalInputs local = LocalInputs.of(hconf, inputs)) {
      List<SourceUnit> units = plan(format, local, year, inputs);
      Path root = new Path(out);
      FileSystem fs = root.getFileSystem(HadoopConf.plain(hconf)); // plain Parquet, no .crc sidecars
      boolean existed = fs.exists(root);
      Path staging = new Path(root, "_ingest_" + UUID.randomUUID());
      boolean ok = false;
      try {
        List<Read> reads = readAll(tasks, format, local, units, staging.toString());
        Layout l = sameLayoutAndUnit(reads);
        TreeSet<Integer> years = new TreeSet<>();
        reads.forEach(r -> years.add(r.year()));
        IngestJob.checkAgainstStore(fs, hconf, root, l, years);
        IngestCoverage.check(hconf, root, staging, years);
        new YearPublisher(fs, IngestJob.mover(), root, staging)
            .publish(years, () -> writeMeta(fs, root, format, reads, inputs, recognised));
        ok = true;
        return summary(format, reads, years, out, l);
      } finally {
        IngestJob.cleanUp(fs, root, staging, existed, ok);
      }
    }
  }

  /** The year units on the driver; errors name the inputs as given; one unit per year. */
  private static List<SourceUnit> plan(String format, LocalInputs local, OptionalInt year, List<String> inputs)
      throws IOException {
    List<SourceUnit> units;
    try {
      units = MrioSources.of(format).plan(local.paths(), year);
    } catch (InvalidInputException e) {
      throw local.named(e, null);
    }
    if (units.isEmpty()) {
      throw new InvalidInputException(String.join(", ", inputs), null, null,
          "no year to read (" + format + " found no table in the inputs)");
    }
    Map<Integer, SourceUnit> byYear = new HashMap<>();
    for (SourceUnit u : units) {
      SourceUnit prev = byYear.put(u.year(), u);
      if (prev != null) {
        throw new InvalidInputException(local.named(u.label(), null), u.year(), null,
            "year given twice (also " + local.named(prev.label(), null) + ")");
      }
    }
    return units;
  }

  /** One task per unit; the first error is thrown (noting how many failed). */
  private static List<Read> readAll(IngestTasks tasks, String format, LocalInputs local, List<SourceUnit> units,
      String staging) throws IOException {
    HadoopConf hc = HadoopConf.of(tasks.hadoopConf());
    List<Read> reads = tasks.map("tiva ingest " + format + ": " + units.size() + " years", units,
        units.stream().map(u -> "year " + u.year()).toList(), u -> readOne(hc, format, local, u, staging));
    IngestJob.throwFirst(reads.stream().map(Read::invalid).filter(e -> e != null).toList());
    return reads;
  }

  /** In a task: read one unit, check it as run would, write it into the staging directory. */
  static Read readOne(HadoopConf hc, String format, LocalInputs local, SourceUnit planned, String staging)
      throws IOException {
    Configuration conf = hc.get();
    java.nio.file.Path tmp = local.hasCopies() ? Files.createTempDirectory("tiva-ingest-unit") : null;
    String label = local.named(planned.label(), null);
    long t0 = System.nanoTime();
    try {
      SourceUnit u = tmp == null ? planned : local.localise(conf, planned, tmp);
      SourceYear sy = readChecked(MrioSources.of(format), u, label);
      MrioYear y = sy.table();
      long t1 = System.nanoTime();
      long rows = StoreWriter.writeYear(conf, new Path(staging), y);
      LOG.info("ingested {} (year {}, {} {}): read {} s, write {} s", label, y.year(), sy.source(), sy.edition(),
          String.format(Locale.ROOT, "%.1f", (t1 - t0) / 1e9),
          String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t1) / 1e9));
      return new Read(y.year(), label, y.layout(), rows, sy.source(), sy.edition(), sy.unit(),
          new LinkedHashMap<>(sy.countryNames()), new LinkedHashMap<>(sy.industryNames()),
          new LinkedHashMap<>(sy.categoryNames()), componentNames(sy), sy.conversion(), sy.notes(), null);
    } catch (InvalidInputException e) {
      return Read.failed(planned, label, local.named(e, tmp));
    } finally {
      LocalTrees.delete(tmp);
    }
  }

  /** The year's value-added components in the table's order, each with the source's label where it has one. */
  private static Map<String, String> componentNames(SourceYear sy) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String c : sy.table().valueAdded().keySet()) {
      m.put(c, sy.componentNames().get(c));
    }
    return m;
  }

  /**
   * {@link MrioSource#read} and the rules every year must pass: the planned year, safe codes,
   * finite values, published output ≥ 0. A truncated or corrupt archive (ZipException,
   * EOFException) and an inconsistent table (IllegalArgumentException from the model) are bad
   * input naming the unit.
   */
  private static SourceYear readChecked(MrioSource src, SourceUnit u, String label) throws IOException {
    SourceYear sy;
    try {
      sy = src.read(u);
    } catch (ZipException | EOFException e) {
      throw new InvalidInputException(label, u.year(), null, "truncated or corrupt archive or file: " + e, e);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(label, u.year(), null, "the table read is inconsistent: " + e.getMessage(), e);
    }
    MrioYear y = sy.table();
    if (y.year() != u.year()) {
      throw new InvalidInputException(label, u.year(), null, "the reader returned year " + y.year());
    }
    IngestRules.codes(label, u.year(), y.layout());
    IngestRules.finite(label, y);
    IngestRules.publishedOutput(label, y);
    return sy;
  }

  /** One layout across years (as the ICIO path) and one money unit; returns the layout. */
  private static Layout sameLayoutAndUnit(List<Read> reads) {
    Read first = reads.get(0);
    for (Read r : reads) {
      if (!first.layout().equals(r.layout())) {
        throw new InvalidInputException(r.label(), r.year(), null, "layout differs from " + first.label() + " ("
            + IngestJob.difference(first.layout(), r.layout()) + ")");
      }
      if (!String.valueOf(first.unit()).equals(String.valueOf(r.unit()))) {
        throw new InvalidInputException(r.label(), r.year(), null, "money unit '" + r.unit() + "' differs from '"
            + first.unit() + "' of " + first.label() + " (one store holds one unit)");
      }
    }
    return first.layout();
  }

  /**
   * mrio.json: name = the source's name of the release, source = the format and the inputs, the
   * editions seen, the unit, codes with the source's labels as names ({"code", "name"}) from the
   * first year; then the "ingest" object: format, recognised (auto), conversion, notes per year.
   */
  private static void writeMeta(FileSystem fs, Path root, String format, List<Read> reads, List<String> inputs,
      String recognised) throws IOException {
    Read first = reads.get(0);
    Layout l = first.layout();
    Set<String> editions = new LinkedHashSet<>();
    Set<String> conversions = new LinkedHashSet<>();
    Map<String, List<String>> notes = new TreeMap<>();
    for (Read r : reads) {
      editions.add(r.edition() == null ? "" : r.edition());
      if (r.conversion() != null && !r.conversion().isBlank()) {
        conversions.add(r.conversion());
      }
      if (!r.notes().isEmpty()) {
        notes.put(String.valueOf(r.year()), r.notes());
      }
    }
    editions.remove("");
    new MrioMeta(first.source() == null || first.source().isBlank() ? format : first.source(),
        format + ": " + String.join(", ", inputs), String.join(" / ", editions), first.unit() == null ? "" : first.unit(),
        l.countries(), first.countryNames(), l.industries(), first.industryNames(), l.categories(), l.splits())
        .withNames(first.categoryNames(), first.componentNames()).write(fs, root);
    Map<String, String> fields = new LinkedHashMap<>();
    if (recognised != null) {
      fields.put("recognised", recognised);
    }
    fields.put("conversion", conversions.isEmpty() ? "read as published" : String.join(" | ", conversions));
    IngestJob.annotate(fs, root, format, fields, notes);
  }

  private static String summary(String format, List<Read> reads, Set<Integer> years, String out, Layout l) {
    Set<String> editions = new LinkedHashSet<>();
    reads.forEach(r -> editions.add(r.source() + (r.edition() == null || r.edition().isBlank() ? "" : " " + r.edition())));
    long rows = reads.stream().mapToLong(Read::rows).sum();
    return String.format(Locale.ROOT,
        "ingested %d years of %s (%s; years %s) into %s: %d countries, %d industries, %d categories%s, %d rows",
        reads.size(), format, String.join(" / ", editions), IngestJob.ranges(years), out, l.countryCount(),
        l.industryCount(), l.categoryCount(), l.splits().isEmpty() ? "" : ", splits " + l.splits(), rows);
  }
}
