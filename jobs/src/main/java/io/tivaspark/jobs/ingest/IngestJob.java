package io.tivaspark.jobs.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.io.IcioNames;
import io.tivaspark.common.io.LongCsv;
import io.tivaspark.common.io.SpooledSource;
import io.tivaspark.common.io.TableNames;
import io.tivaspark.common.io.ZipTables;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.jobs.cli.UsageException;
import io.tivaspark.jobs.store.Dataset;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.ParquetRows;
import io.tivaspark.jobs.store.StoreReader;
import io.tivaspark.jobs.store.StoreWarmUp;
import io.tivaspark.jobs.store.StoreWriter;
import io.tivaspark.jobs.store.YearPublisher;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/tiva ingest}: source tables into the canonical store (docs/data-dictionary.md §6, docs/ingest.md §1).
 *
 * <ul>
 *   <li>{@code --format icio}: OECD-ICIO-layout CSV tables of every edition (2016, 2018, 2021,
 *       2023 extended and SML, 2025, and other tables in that layout such as the WIOD
 *       conversion), given as files ({@code .csv}, {@code .csv.gz}), directories of them, or
 *       OECD zip archives with one member per year. One Spark task per table (file or zip
 *       member, streamed): no year's matrix goes through the driver.
 *   <li>{@code --format long-csv}: one CSV per dataset ({@code intermediate.csv[.gz]},
 *       {@code final_demand}, {@code value_added}, and optionally {@code output},
 *       {@code extensions}, {@code extensions_final_demand}, {@code population}) with a {@code year} column,
 *       plus optionally {@code mrio.json} giving countries, industries, categories and splits
 *       (otherwise inferred, see {@link LongCsv#inferLayout}). One task per dataset file,
 *       streamed and split into years.
 *   <li>{@code --format wiod2016|adb|figaro|eora26|exiobase3|gloria|...}: every publisher's format
 *       registered in {@link io.tivaspark.common.io.source.MrioSources}, one task per year
 *       ({@link SourceIngest}, docs/ingest.md §5); {@code --year} for inputs whose names carry none.
 *   <li>{@code --format auto}: the format recognised from the inputs' content ({@link IngestFormats}).
 * </ul>
 *
 * <p>Negative gross output is refused at ingest in every path ({@link IngestRules}), as {@code run}
 * refuses it in the store.
 *
 * <p>Everything is written to a hidden staging directory {@code <out>/_ingest_<uuid>} first.
 * Only when every input has parsed, every year is in every required dataset, all years share
 * one layout and every optional dataset would cover every year of the store or none
 * ({@link IngestCoverage}) are the year directories published and mrio.json written (last), all
 * or nothing ({@link YearPublisher}). Any bad input or failed move leaves the output store as it
 * was (and no directory behind when there was none).
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** How publishing moves directories; tests inject faults here ({@link #useMover}). */
  private static volatile YearPublisher.Mover mover = YearPublisher.RENAME;

  private IngestJob() {}

  /**
   * Fault injection for tests: the mover every later ingest publishes with
   * ({@link YearPublisher#RENAME} restores the default).
   */
  public static void useMover(YearPublisher.Mover m) {
    mover = m;
  }

  static YearPublisher.Mover mover() {
    return mover;
  }

  /**
   * Ingest settings (tiva.ingest; defaults in conf/application.conf only): the DISC column's fate,
   * and whether a local ingest runs its tasks without a Spark session ({@link IngestTasks#local}).
   */
  public record Options(IcioCsv.DiscMode disc, boolean localTasks) implements Serializable {
    /** tiva.ingest.disc: "domestic" or "drop" (else a configuration error naming the key); tiva.ingest.local-tasks. */
    public static Options from(com.typesafe.config.Config tiva) {
      String disc = io.tivaspark.jobs.cli.ConfigValues.string(tiva, "ingest.disc");
      boolean local = io.tivaspark.jobs.cli.ConfigValues.bool(tiva, "ingest.local-tasks");
      try {
        return new Options(IcioCsv.DiscMode.valueOf(disc.trim().toUpperCase(java.util.Locale.ROOT)), local);
      } catch (IllegalArgumentException e) {
        throw new io.tivaspark.jobs.cli.UsageException("configuration: tiva.ingest.disc must be \"domestic\" or "
            + "\"drop\", got '" + disc + "'");
      }
    }
  }

  /** One table to read: a file, or a member of a zip archive. */
  record Unit(String path, String member, int year) implements Serializable {
    String label() {
      return member == null ? path : path + "!/" + member;
    }
  }

  /** What a task reports: the year, its layout, rows written, edition, notes, or the error. */
  record Parsed(Unit unit, Layout layout, long rows, String edition, List<String> notes, List<String> components,
      InvalidInputException invalid) implements Serializable {}

  /**
   * Ingests {@code inputs} of {@code format} ({@link IngestFormats#all}: icio, long-csv, a
   * publisher's format, or auto) into the store {@code out}; {@code year} is {@code --year}.
   */
  public static String ingest(IngestTasks tasks, String format, List<String> inputs, String out, Options opts,
      OptionalInt year) throws IOException {
    if (inputs.isEmpty()) {
      throw new UsageException("ingest: missing required option --in");
    }
    IngestFormats.check(format);
    Configuration hconf = tasks.hadoopConf();
    requireDirectoryOrAbsent(hconf, "ingest", out);
    String recognised = null;
    if (format.equals(IngestFormats.AUTO)) {
      IngestFormats.Recognised r;
      try (LocalInputs local = LocalInputs.of(hconf, inputs)) {
        r = IngestFormats.recognise(inputs, local.paths());
      }
      format = r.format();
      recognised = r.what();
    }
    if (year.isPresent() && (format.equals(IngestFormats.ICIO) || format.equals(IngestFormats.LONG_CSV))) {
      throw new UsageException("ingest: --year is for the publishers' formats; " + format + " reads the year from "
          + (format.equals(IngestFormats.ICIO) ? "each file or member name" : "its year column"));
    }
    String done = switch (format) {
      case IngestFormats.ICIO -> icio(tasks, inputs, out, opts);
      case IngestFormats.LONG_CSV -> longCsv(tasks, inputs, out);
      default -> SourceIngest.ingest(tasks, format, inputs, year, out, recognised);
    };
    return recognised == null ? done : "recognised " + format + ": " + recognised + "\n" + done;
  }

  // ------------------------------------------------------------------------------------ icio

  private static String icio(IngestTasks tasks, List<String> inputs, String out, Options opts) throws IOException {
    Configuration hconf = tasks.hadoopConf();
    List<Unit> units = expandIcio(hconf, inputs);
    Map<Integer, Unit> byYear = new HashMap<>();
    for (Unit u : units) {
      Unit prev = byYear.put(u.year(), u);
      if (prev != null) {
        throw new InvalidInputException(u.label(), u.year(), null, "year given twice (also " + prev.label() + ")");
      }
    }
    Path root = new Path(out);
    FileSystem fs = root.getFileSystem(HadoopConf.plain(hconf)); // plain Parquet, no .crc sidecars
    boolean existed = fs.exists(root);
    Path staging = new Path(root, "_ingest_" + UUID.randomUUID());
    HadoopConf hc = HadoopConf.of(hconf);
    String stagingStr = staging.toString();
    boolean ok = false;
    try {
      List<Parsed> parsed = tasks.map("tiva ingest icio: " + units.size() + " tables", units,
          units.stream().map(u -> "year " + u.year()).toList(), u -> parseOne(hc, u, stagingStr, opts));
      throwFirst(parsed.stream().map(Parsed::invalid).filter(e -> e != null).toList());
      Parsed first = parsed.get(0);
      for (Parsed p : parsed) {
        if (!first.layout().equals(p.layout())) {
          throw new InvalidInputException(p.unit().label(), p.unit().year(), null,
              "layout differs from " + first.unit().label() + " (" + difference(first.layout(), p.layout()) + ")");
        }
      }
      Layout l = first.layout();
      TreeSet<Integer> years = new TreeSet<>(byYear.keySet());
      checkAgainstStore(fs, hconf, root, l, years);
      IngestCoverage.check(hconf, root, staging, years);
      Set<String> editions = new LinkedHashSet<>();
      parsed.forEach(p -> editions.add(p.edition()));
      new YearPublisher(fs, mover, root, staging).publish(years, () -> writeIcioMeta(fs, root, parsed, inputs, opts));
      ok = true;
      long rows = parsed.stream().mapToLong(Parsed::rows).sum();
      return String.format(Locale.ROOT,
          "ingested %d tables (%s; years %s) into %s: %d countries, %d industries, %d categories%s, %d rows",
          parsed.size(), String.join(" / ", editions), ranges(years), out, l.countryCount(), l.industryCount(),
          l.categoryCount(), l.splits().isEmpty() ? "" : ", splits " + l.splits(), rows);
    } finally {
      cleanUp(fs, root, staging, existed, ok);
    }
  }

  /** mrio.json of an icio ingest: named after the first table, the editions seen, notes per year. */
  private static void writeIcioMeta(FileSystem fs, Path root, List<Parsed> parsed, List<String> inputs, Options opts)
      throws IOException {
    Parsed first = parsed.get(0);
    Layout l = first.layout();
    String name = new Path(first.unit().member() != null ? first.unit().member() : first.unit().path()).getName()
        .replaceAll("(?i)(\\.csv)?(\\.gz)?$", "").replaceAll("_?(SML|sml)$", "").replaceAll("_?\\d{4}$", "");
    Set<String> editions = new LinkedHashSet<>();
    Map<String, List<String>> notes = new TreeMap<>();
    for (Parsed p : parsed) {
      editions.add(p.edition());
      if (!p.notes().isEmpty()) {
        notes.put(String.valueOf(p.unit().year()), p.notes());
      }
    }
    new MrioMeta(name.isBlank() ? "icio" : name, "icio csv: " + String.join(", ", inputs),
        String.join(" / ", editions), "USD million", l.countries(), new LinkedHashMap<>(), l.industries(),
        new LinkedHashMap<>(), l.categories(), l.splits())
        .withNames(IcioNames.categories(l.categories()), IcioNames.components(first.components())).write(fs, root);
    annotate(fs, root, "icio", opts, notes);
  }

  static Parsed parseOne(HadoopConf hc, Unit u, String staging, Options opts) throws IOException {
    Configuration conf = hc.get();
    Path p = new Path(u.path());
    FileSystem fs = p.getFileSystem(conf);
    java.nio.file.Path local;
    java.nio.file.Path tmp = null;
    if (isLocal(fs)) {
      local = new File(p.toUri().getPath()).toPath();
    } else {
      tmp = Files.createTempDirectory("tiva-ingest");
      local = tmp.resolve(p.getName());
      fs.copyToLocalFile(p, new Path(local.toUri()));
    }
    long t0 = System.nanoTime();
    StoreWarmUp.inBackground();
    java.nio.file.Path spool = null;
    try {
      IcioCsv.Source src = u.member() == null ? IcioCsv.Source.of(local) : IcioCsv.Source.zipMember(local, u.member());
      spool = src.compressed() ? scratchFile() : null;
      if (spool != null) {
        src = new SpooledSource(src, spool); // decompressed once, read twice
      }
      IcioCsv.Result r = IcioCsv.read(src, u.year(), new IcioCsv.Options(true, opts.disc()));
      MrioYear y = r.table();
      IngestRules.publishedOutput(u.label(), y);
      long t1 = System.nanoTime();
      long rows = StoreWriter.writeYear(conf, new Path(staging), y);
      LOG.info("ingested {} (year {}, {}): parse {} s, write {} s", u.label(), u.year(), r.edition(),
          String.format(Locale.ROOT, "%.1f", (t1 - t0) / 1e9), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t1) / 1e9));
      return new Parsed(u, y.layout(), rows, r.edition(), r.notes(), List.copyOf(y.valueAdded().keySet()), null);
    } catch (InvalidInputException e) {
      // name the source as the user gave it (a remote file is read from a local copy)
      InvalidInputException named = tmp == null ? e
          : new InvalidInputException(u.label(), e.year(), e.where(), e.rule());
      return new Parsed(u, null, 0, null, List.of(), List.of(), named);
    } finally {
      if (spool != null) {
        Files.deleteIfExists(spool);
      }
      if (tmp != null) {
        Files.deleteIfExists(local);
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** A scratch file for {@link SpooledSource}, or null when none can be made (the table is then decompressed twice). */
  private static java.nio.file.Path scratchFile() {
    try {
      return Files.createTempFile("tiva-ingest-", ".csv");
    } catch (IOException e) {
      LOG.info("ingest: no scratch file in {} ({}); a compressed table is decompressed for each read",
          System.getProperty("java.io.tmpdir"), e.toString());
      return null;
    }
  }

  private static boolean isLocal(FileSystem fs) {
    return fs.getUri().getScheme() == null || fs.getUri().getScheme().equals("file");
  }

  /**
   * Files, directories (their *.csv, *.csv.gz and *.zip files, sorted) and zip archives (their
   * members, see {@link ZipTables}) to the list of tables, each with its year.
   */
  static List<Unit> expandIcio(Configuration conf, List<String> inputs) throws IOException {
    List<String> files = new ArrayList<>();
    for (String in : inputs) {
      Path p = new Path(in);
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new UsageException("ingest: --in " + in + " does not exist");
      }
      if (fs.getFileStatus(p).isDirectory()) {
        List<String> found = new ArrayList<>();
        for (FileStatus st : fs.listStatus(p)) {
          String n = st.getPath().getName().toLowerCase(Locale.ROOT);
          if (st.isFile() && (n.endsWith(".csv") || n.endsWith(".csv.gz") || n.endsWith(".zip"))) {
            // a directory may hold code lists beside the tables (WIOD: industries.csv): a CSV
            // without a year position in its name is not a table; named one by one it is an error
            // below. An implausible year at the year position is an error here too (TableNames).
            if (!n.endsWith(".zip")
                && TableNames.year(st.getPath().getName(), new Path(p, st.getPath().getName()).toString(), null)
                    .isEmpty()) {
              LOG.info("ingest: skipping {} (no year in its name: not a table)", st.getPath());
              continue;
            }
            found.add(st.getPath().toString());
          }
        }
        if (found.isEmpty()) {
          throw new UsageException("ingest: --in " + in + " holds no .csv, .csv.gz or .zip file with a year in its name");
        }
        found.sort(null);
        files.addAll(found);
      } else {
        files.add(p.toString());
      }
    }
    List<Unit> units = new ArrayList<>();
    for (String f : files) {
      Path p = new Path(f);
      String name = p.getName();
      if (ZipTables.isZip(name)) {
        FileSystem fs = p.getFileSystem(conf);
        if (!isLocal(fs)) {
          throw new UsageException("ingest: zip archives are read from the local file system; copy " + f
              + " to a local or mounted path, or unzip it");
        }
        for (ZipTables.Member m : ZipTables.members(new File(p.toUri().getPath()).toPath())) {
          units.add(new Unit(f, m.name(), m.year()));
        }
      } else {
        OptionalInt y = TableNames.year(name, f, null);
        if (y.isEmpty()) {
          throw new InvalidInputException(f, null, null, "no year in the file name (expected e.g. ICIO2023_2019.csv)");
        }
        units.add(new Unit(f, null, y.getAsInt()));
      }
    }
    return units;
  }

  // -------------------------------------------------------------------------------- long-csv

  /** What a long-csv task reports: the rows per year of one dataset, or the error. */
  record Split(LongCsv.Kind kind, String file, TreeMap<Integer, Long> rowsByYear, InvalidInputException invalid)
      implements Serializable {}

  /** The long-csv inputs: one file per dataset, and mrio.json if given (null if not). */
  private record LongCsvFiles(EnumMap<LongCsv.Kind, String> files, String metaFile) {
    static LongCsvFiles find(Configuration hconf, List<String> inputs) throws IOException {
      EnumMap<LongCsv.Kind, String> files = new EnumMap<>(LongCsv.Kind.class);
      String metaFile = null;
      for (String in : inputs) {
        for (Path c : candidates(hconf, in)) {
          String n = c.getName();
          if (n.equals(MrioMeta.FILE)) {
            metaFile = c.toString();
            continue;
          }
          LongCsv.Kind k = LongCsv.Kind.ofFileName(n);
          if (k == null) {
            throw new UsageException("ingest: cannot tell which dataset " + c + " is (expected intermediate.csv, "
                + "final_demand.csv, value_added.csv, output.csv, extensions.csv, extensions_final_demand.csv, "
                + "population.csv, optionally .gz, and mrio.json)");
          }
          String prev = files.put(k, c.toString());
          if (prev != null) {
            throw new UsageException("ingest: two files for dataset " + k.dataset() + ": " + prev + " and " + c);
          }
        }
      }
      for (LongCsv.Kind k : LongCsv.Kind.values()) {
        if (k.required() && !files.containsKey(k)) {
          throw new InvalidInputException(String.join(", ", inputs), null, null,
              "required dataset file " + k.dataset() + ".csv (or .csv.gz) is missing");
        }
      }
      return new LongCsvFiles(files, metaFile);
    }

    /** A file, or the visible files of a directory. */
    private static List<Path> candidates(Configuration hconf, String in) throws IOException {
      Path p = new Path(in);
      FileSystem fs = p.getFileSystem(hconf);
      if (!fs.exists(p)) {
        throw new UsageException("ingest: --in " + in + " does not exist");
      }
      List<Path> candidates = new ArrayList<>();
      if (fs.getFileStatus(p).isDirectory()) {
        for (FileStatus st : fs.listStatus(p)) {
          if (st.isFile() && !st.getPath().getName().startsWith(".") && !st.getPath().getName().startsWith("_")) {
            candidates.add(st.getPath());
          }
        }
      } else {
        candidates.add(p);
      }
      return candidates;
    }
  }

  private static String longCsv(IngestTasks tasks, List<String> inputs, String out) throws IOException {
    Configuration hconf = tasks.hadoopConf();
    LongCsvFiles in = LongCsvFiles.find(hconf, inputs);
    EnumMap<LongCsv.Kind, String> files = in.files();
    HadoopConf hc = HadoopConf.of(hconf);
    MrioMeta given = null;
    Layout layout;
    if (in.metaFile() != null) {
      Path mp = new Path(in.metaFile());
      given = MrioMeta.read(mp.getFileSystem(hconf), mp.getParent());
      layout = given.layout(in.metaFile());
    } else {
      layout = inferLayout(tasks, hc, files);
    }
    Path root = new Path(out);
    FileSystem fs = root.getFileSystem(HadoopConf.plain(hconf)); // plain Parquet, no .crc sidecars
    boolean existed = fs.exists(root);
    Path staging = new Path(root, "_ingest_" + UUID.randomUUID());
    String stagingStr = staging.toString();
    boolean ok = false;
    try {
      Layout l = layout;
      List<java.util.AbstractMap.SimpleImmutableEntry<LongCsv.Kind, String>> perFile = new ArrayList<>();
      files.forEach((k, v) -> perFile.add(new java.util.AbstractMap.SimpleImmutableEntry<>(k, v)));
      List<Split> splits = tasks.map("tiva ingest long-csv: " + perFile.size() + " files", perFile, List.of(),
          e -> splitOne(hc, e.getKey(), e.getValue(), l, stagingStr));
      throwFirst(splits.stream().map(Split::invalid).filter(e -> e != null).toList());
      TreeSet<Integer> years = completeYears(hconf, staging, splits, files.get(LongCsv.Kind.INTERMEDIATE));
      checkAgainstStore(fs, hconf, root, l, years);
      IngestCoverage.check(hconf, root, staging, years);
      MrioMeta meta = given != null
          ? new MrioMeta(given.name, given.source.isBlank() ? "long csv: " + String.join(", ", inputs) : given.source,
              given.edition, given.unit, given.countries, given.countryNames, given.industries, given.industryNames,
              l.categories(), given.splits)
          : new MrioMeta("long-csv", "long csv: " + String.join(", ", inputs), "", "",
              l.countries(), new LinkedHashMap<>(), l.industries(), new LinkedHashMap<>(), l.categories(), l.splits());
      List<String> note = List.of(given != null ? "countries, industries, categories and splits from " + in.metaFile()
          : "countries, industries, categories and splits inferred from the data (no mrio.json given)");
      new YearPublisher(fs, mover, root, staging).publish(years, () -> {
        meta.write(fs, root);
        annotate(fs, root, "long-csv", Map.of(), Map.of("layout", note));
      });
      ok = true;
      long rows = splits.stream().mapToLong(s -> s.rowsByYear().values().stream().mapToLong(Long::longValue).sum()).sum();
      return String.format(Locale.ROOT, "ingested %d long-csv files (years %s) into %s: %d countries, %d industries, %d rows",
          splits.size(), ranges(years), out, l.countryCount(), l.industryCount(), rows);
    } finally {
      cleanUp(fs, root, staging, existed, ok);
    }
  }

  /** The layout inferred from intermediate.csv and final_demand.csv (no mrio.json given), in one task. */
  private static Layout inferLayout(IngestTasks tasks, HadoopConf hc, EnumMap<LongCsv.Kind, String> files)
      throws IOException {
    String inter = files.get(LongCsv.Kind.INTERMEDIATE);
    String fd = files.get(LongCsv.Kind.FINAL_DEMAND);
    List<Serializable> inferred = tasks.map("tiva ingest long-csv: infer the layout", List.of(0), List.of(), x -> {
      try {
        return (Serializable) LongCsv.inferLayout(source(hc.get(), inter), source(hc.get(), fd));
      } catch (InvalidInputException e) {
        return e;
      }
    });
    if (inferred.get(0) instanceof InvalidInputException e) {
      throw e;
    }
    return (Layout) inferred.get(0);
  }

  /**
   * The years of the split files: every year of any dataset must be in every required one (and in
   * output, if given); a satellite or population dataset without rows for a year gets an empty partition.
   */
  private static TreeSet<Integer> completeYears(Configuration hconf, Path staging, List<Split> splits,
      String intermediate) throws IOException {
    TreeSet<Integer> years = new TreeSet<>();
    splits.forEach(s -> years.addAll(s.rowsByYear().keySet()));
    if (years.isEmpty()) {
      throw new InvalidInputException(intermediate, null, null, "no data rows");
    }
    for (Split s : splits) {
      for (int y : years) {
        if (!s.rowsByYear().containsKey(y) && s.kind().emptyWhenAbsent()) {
          // satellite accounts: absent cells are zero, so a year without rows is an empty partition;
          // population: unknown that year (no per-capita codes). The store requires an optional
          // dataset with years to have every year.
          Dataset d = Dataset.valueOf(s.kind().name());
          new ParquetRows.Writer(HadoopConf.plain(hconf), new Path(StoreWriter.yearDir(staging, d, y), "part-00000.snappy.parquet"),
              d.dir(), d.columns()).commit();
          continue;
        }
        if (!s.rowsByYear().containsKey(y)) {
          String where = splits.stream().filter(o -> o.rowsByYear().containsKey(y)).map(o -> o.kind().dataset())
              .reduce((a, b) -> a + ", " + b).orElse("");
          throw new InvalidInputException(s.file(), y, null,
              (s.kind().required() ? "year missing from a required dataset" : "year missing (the dataset has other years)")
              + " (present in " + where + ")");
        }
      }
    }
    return years;
  }

  private static IcioCsv.Source source(Configuration conf, String file) {
    Path p = new Path(file);
    return new IcioCsv.Source() {
      @Override
      public String name() { return file; }

      @Override
      public InputStream open() throws IOException {
        FileSystem fs = p.getFileSystem(conf);
        InputStream in = fs.open(p);
        if (file.toLowerCase(Locale.ROOT).endsWith(".gz")) {
          in = new java.util.zip.GZIPInputStream(in, 1 << 16);
        }
        return in;
      }
    };
  }

  static Split splitOne(HadoopConf hc, LongCsv.Kind kind, String file, Layout layout, String staging) throws IOException {
    Configuration conf = hc.get();
    Dataset d = Dataset.valueOf(kind.name());
    Map<Integer, ParquetRows.Writer> writers = new HashMap<>();
    TreeMap<Integer, Long> rows = new TreeMap<>();
    Path stagingRoot = new Path(staging);
    try {
      LongCsv.read(source(conf, file), kind, layout, (year, k, v) -> {
        if (kind == LongCsv.Kind.OUTPUT && v < 0) {
          throw new InvalidInputException(file, year, String.join(",", k),
              "negative gross output " + v + " (gross output must be >= 0; run refuses it too)");
        }
        ParquetRows.Writer w = writers.get(year);
        if (w == null) {
          w = new ParquetRows.Writer(conf, new Path(StoreWriter.yearDir(stagingRoot, d, year), "part-00000.snappy.parquet"),
              d.dir(), d.columns());
          writers.put(year, w);
        }
        Object[] row = new Object[k.length + 1];
        System.arraycopy(k, 0, row, 0, k.length);
        row[k.length] = v;
        w.write(row);
        rows.merge(year, 1L, Long::sum);
      });
      for (ParquetRows.Writer w : writers.values()) {
        w.commit();
      }
      return new Split(kind, file, rows, null);
    } catch (InvalidInputException e) {
      writers.values().forEach(ParquetRows.Writer::abort);
      return new Split(kind, file, rows, e);
    } catch (IOException | RuntimeException e) {
      writers.values().forEach(ParquetRows.Writer::abort);
      throw e;
    }
  }

  // ------------------------------------------------------------------------------- publishing

  /** Throws the first error, noting how many other inputs failed too. */
  static void throwFirst(List<InvalidInputException> errors) {
    if (errors.isEmpty()) {
      return;
    }
    InvalidInputException e = errors.get(0);
    if (errors.size() == 1) {
      throw e;
    }
    throw new InvalidInputException(e.source(), e.year(), e.where(),
        e.rule() + " (" + (errors.size() - 1) + " other input(s) failed too; nothing was written)", e);
  }

  /**
   * An existing store keeps the years this ingest does not replace; they must share the new
   * layout, since mrio.json is replaced.
   */
  static void checkAgainstStore(FileSystem fs, Configuration conf, Path root, Layout l, Set<Integer> years)
      throws IOException {
    if (!fs.exists(new Path(root, MrioMeta.FILE))) {
      return;
    }
    TreeSet<Integer> kept = new TreeSet<>();
    for (Dataset d : Dataset.values()) {
      kept.addAll(StoreReader.years(conf, root, d));
    }
    kept.removeAll(years);
    if (kept.isEmpty()) {
      return;
    }
    Layout old;
    try {
      old = MrioMeta.read(fs, root).layout(new Path(root, MrioMeta.FILE).toString());
    } catch (InvalidInputException e) {
      return; // an unreadable mrio.json is replaced
    }
    if (!old.equals(l)) {
      throw new InvalidInputException(new Path(root, MrioMeta.FILE).toString(), kept.first(), null,
          "the output store holds years " + ranges(kept) + " with another layout (" + difference(old, l)
          + "); ingest into an empty directory or re-ingest those years too");
    }
  }

  /** {@code --out} must be a directory or not exist yet (usage error otherwise). */
  public static void requireDirectoryOrAbsent(Configuration conf, String command, String out) throws IOException {
    Path p = new Path(out);
    FileSystem fs = p.getFileSystem(conf);
    if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
      throw new UsageException(command + ": --out " + out + " is an existing file, not a directory; "
          + "choose a directory (a new or empty one, or a store)");
    }
  }

  static void cleanUp(FileSystem fs, Path root, Path staging, boolean existed, boolean ok) throws IOException {
    if (!ok && YearPublisher.holdsOldData(fs, staging)) {
      LOG.error("ingest: a failed publication could not be undone; the old data is kept in {}", staging);
      return;
    }
    fs.delete(staging, true);
    if (!ok && !existed && fs.exists(root)) {
      FileStatus[] left = fs.listStatus(root);
      if (left.length == 0) {
        fs.delete(root, false);
      }
    }
  }

  /** Adds an "ingest" object (format, settings, notes per year) to mrio.json. */
  private static void annotate(FileSystem fs, Path root, String format, Options opts, Map<String, List<String>> notes)
      throws IOException {
    annotate(fs, root, format, opts == null ? Map.of()
        : Map.of("disc", opts.disc().name().toLowerCase(Locale.ROOT)), notes);
  }

  /** Adds an "ingest" object (format, version, the given fields, notes per year) to mrio.json. */
  static void annotate(FileSystem fs, Path root, String format, Map<String, String> fields,
      Map<String, List<String>> notes) throws IOException {
    Path p = new Path(root, MrioMeta.FILE);
    ObjectNode n;
    try (InputStream in = fs.open(p)) {
      n = (ObjectNode) JSON.readTree(in);
    }
    ObjectNode ing = n.putObject("ingest");
    ing.put("format", format);
    ing.put("version", io.tivaspark.jobs.cli.Settings.version());
    fields.forEach(ing::put);
    ObjectNode nn = ing.putObject("notes");
    notes.forEach((k, v) -> {
      ArrayNode a = nn.putArray(k);
      v.forEach(a::add);
    });
    Path tmp = new Path(root, "." + MrioMeta.FILE + ".tmp");
    try (FSDataOutputStream o = fs.create(tmp, true)) {
      o.write(JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8));
      o.write('\n');
    }
    fs.delete(p, false);
    if (!fs.rename(tmp, p)) {
      throw new IOException("could not rename " + tmp + " to " + p);
    }
  }

  static String difference(Layout a, Layout b) {
    if (!a.countries().equals(b.countries())) {
      return "countries " + a.countryCount() + " vs " + b.countryCount() + diff(a.countries(), b.countries());
    }
    if (!a.industries().equals(b.industries())) {
      return "industries " + a.industryCount() + " vs " + b.industryCount() + diff(a.industries(), b.industries());
    }
    if (!a.categories().equals(b.categories())) {
      return "final-demand categories " + a.categories() + " vs " + b.categories();
    }
    return "splits " + a.splits() + " vs " + b.splits();
  }

  private static String diff(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return ", first difference at position " + (i + 1) + ": " + a.get(i) + " vs " + b.get(i);
      }
    }
    return "";
  }

  /** 1995,1996,1997,2000 -> "1995-1997,2000". */
  public static String ranges(Set<Integer> years) {
    StringBuilder sb = new StringBuilder();
    Integer start = null;
    Integer prev = null;
    for (int y : new TreeSet<>(years)) {
      if (prev != null && y == prev + 1) {
        prev = y;
        continue;
      }
      if (start != null) {
        sb.append(sb.length() > 0 ? "," : "").append(start.equals(prev) ? "" + start : start + "-" + prev);
      }
      start = y;
      prev = y;
    }
    if (start != null) {
      sb.append(sb.length() > 0 ? "," : "").append(start.equals(prev) ? "" + start : start + "-" + prev);
    }
    return sb.toString();
  }
}
