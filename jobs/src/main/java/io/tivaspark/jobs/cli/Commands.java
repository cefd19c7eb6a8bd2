package io.tivaspark.jobs.cli;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.jobs.generate.GenerateJob;
import io.tivaspark.jobs.ingest.IngestFormats;
import io.tivaspark.jobs.ingest.IngestJob;
import io.tivaspark.jobs.ingest.IngestTasks;
import io.tivaspark.jobs.run.EmptyTables;
import io.tivaspark.jobs.run.RunJob;
import io.tivaspark.jobs.validate.ValidateJob;
import java.io.File;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/** The body of each command; Main parses, this does. */
public final class Commands {
  private Commands() {}

  public static int dispatch(String command, Args args, TivaSettings typed, PrintStream out) throws Exception {
    Settings settings = typed.source();
    switch (command) {
      case "generate" -> {
        GeneratorSpec spec = generatorSpec(args, settings);
        String outDir = args.require("out");
        SparkSession spark = SparkSessions.create(settings);
        long rows = GenerateJob.generate(spark, spec, outDir, args.has("overwrite"));
        out.printf(Locale.ROOT, "generated %d regions x %d industries, years %d-%d (seed %d): %d rows in %s%n",
            spec.regions(), spec.industries(), spec.firstYear(), spec.lastYear(), spec.seed(), rows, outDir);
        return ExitCode.OK;
      }
      case "run" -> {
        RunJob.Request req = runRequest(args, typed);
        RunJob.Result r = RunJob.run(SparkSessions.create(settings), typed, req);
        out.printf(Locale.ROOT, "run %s %s: years computed %s, unchanged %s; rows %s; tables in %s%n", r.runId(),
            r.status(), r.computedYears(), r.skippedYears(), r.rows(), req.warehouse());
        EmptyTables.describe(r.rows(), req.families(), settings.tiva()).forEach(out::println);
        return ExitCode.OK;
      }
      case "sql" -> {
        return SqlCommand.run(args, settings, System.in, out);
      }
      case "export" -> {
        ExportCommand.Request req = ExportCommand.request(args);
        requireDirectory("export", "warehouse", req.warehouse());
        long rows = ExportCommand.export(SparkSessions.create(settings), req, out);
        out.printf(Locale.ROOT, "export done: %d rows (%s) in %s%n", rows, req.format(), req.out());
        return ExitCode.OK;
      }
      case "demo" -> {
        return Demo.run(typed, args.get("input"), args.get("warehouse"), out);
      }
      case "ingest" -> {
        String format = args.require("format");
        String outDir = args.require("out");
        if (args.getAll("in").isEmpty()) {
          throw new UsageException("ingest: missing required option --in");
        }
        IngestFormats.check(format);
        OptionalInt year = args.has("year") ? OptionalInt.of(Args.year("ingest", "year", args.get("year")))
            : OptionalInt.empty();
        List<String> paths = new java.util.ArrayList<>(args.getAll("in"));
        paths.add(outDir);
        out.println(IngestJob.ingest(ingestTasks(settings, typed, paths), format, args.getAll("in"), outDir,
            typed.ingest(), year));
        return ExitCode.OK;
      }
      case "validate" -> {
        String input = args.require("input");
        requireDirectory("validate", "input", input);
        int[] years = args.has("years") ? Args.years("validate", "years", args.get("years")) : null;
        return ValidateJob.run(SparkSessions.create(settings), typed.validate(), input, years, out);
      }
      default -> throw new UsageException("unknown command '" + command + "'");
    }
  }

  /**
   * Ingest's tasks on this JVM's threads, without a Spark session, when the master is local, every
   * path is on the local file system and tiva.ingest.local-tasks is on (docs/ingest.md §2,
   * "Where the tasks run"); else one Spark task per unit.
   */
  static IngestTasks ingestTasks(Settings settings, TivaSettings typed, List<String> paths) {
    java.util.OptionalInt threads = SparkSessions.localThreads(settings);
    if (typed.ingest().localTasks() && threads.isPresent()) {
      org.apache.hadoop.conf.Configuration conf = SparkSessions.hadoopConf(settings);
      if (paths.stream().allMatch(p -> isLocalFile(conf, p))) {
        return IngestTasks.local(conf, threads.getAsInt());
      }
    }
    return IngestTasks.spark(SparkSessions.create(settings));
  }

  /** A path on the local file system: file: or no scheme with a local default file system. */
  static boolean isLocalFile(org.apache.hadoop.conf.Configuration conf, String path) {
    String scheme = new org.apache.hadoop.fs.Path(path).toUri().getScheme();
    if (scheme == null) {
      scheme = org.apache.hadoop.fs.FileSystem.getDefaultUri(conf).getScheme();
    }
    return "file".equalsIgnoreCase(scheme);
  }

  static GeneratorSpec generatorSpec(Args args, Settings settings) {
    var t = settings.tiva();
    int regions = args.intOption("regions", ConfigValues.integer(t, "generate.regions"));
    int industries = args.intOption("industries", ConfigValues.integer(t, "generate.industries"));
    int[] years = Args.years("generate", "years",
        args.has("years") ? args.get("years") : ConfigValues.string(t, "generate.years"));
    long seed = args.has("seed") ? parseSeed(args.get("seed")) : ConfigValues.longValue(t, "generate.seed");
    boolean splits = !args.has("no-splits") && ConfigValues.bool(t, "generate.splits");
    boolean extensions = !args.has("no-extensions");
    if (regions < 2 || regions > 200) {
      throw new UsageException("generate: --regions must be between 2 and 200, got " + regions);
    }
    if (industries < 1 || industries > 200) {
      throw new UsageException("generate: --industries must be between 1 and 200, got " + industries);
    }
    try {
      return GeneratorSpec.builder().regions(regions).industries(industries).years(years[0], years[1])
          .seed(seed).splits(splits).extensions(extensions).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("generate: " + e.getMessage(), e);
    }
  }

  private static long parseSeed(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("generate: --seed must be an integer, got '" + s + "'");
    }
  }

  static RunJob.Request runRequest(Args args, TivaSettings settings) {
    String input = args.require("input");
    String warehouse = args.require("warehouse");
    requireDirectory("run", "input", input);
    if (isLocal(warehouse) && new File(localPath(warehouse)).exists() && !new File(localPath(warehouse)).isDirectory()) {
      throw new UsageException("run: --warehouse " + warehouse + " is not a directory");
    }
    int[] years = args.has("years") ? Args.years("run", "years", args.get("years")) : null;
    List<String> only = args.has("only")
        ? Arrays.stream(args.get("only").split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .collect(Collectors.toList())
        : settings.run().families();
    return new RunJob.Request(input, warehouse, years, only, args.has("incremental"));
  }

  /** A local --OPTION path must be a directory (remote paths are checked by the job). */
  static void requireDirectory(String command, String option, String path) {
    if (isLocal(path) && !new File(localPath(path)).isDirectory()) {
      throw new UsageException(command + ": --" + option + " " + path + " is not a directory");
    }
  }

  private static boolean isLocal(String path) {
    return !path.contains("://") || path.startsWith("file:");
  }

  private static String localPath(String path) {
    return path.startsWith("file://") ? path.substring(7) : path.startsWith("file:") ? path.substring(5) : path;
  }
}
