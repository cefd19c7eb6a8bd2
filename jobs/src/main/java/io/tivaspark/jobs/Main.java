package io.tivaspark.jobs;

import io.tivaspark.jobs.cli.Args;
import io.tivaspark.jobs.cli.Commands;
import io.tivaspark.jobs.cli.GlobalOptions;
import io.tivaspark.jobs.cli.Help;
import io.tivaspark.jobs.cli.SparkSessions;
import io.tivaspark.jobs.cli.ExitCode;
import io.tivaspark.jobs.cli.Settings;
import io.tivaspark.jobs.cli.TivaSettings;
import io.tivaspark.jobs.cli.UsageException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The command line of docs/data-dictionary.md §8: {@code bin/tiva COMMAND ...} locally, or
 * {@code spark-submit --class io.tivaspark.jobs.Main tiva-jobs-VERSION-all.jar COMMAND ...}.
 * Errors end in one line on stderr and the exit code of docs/data-dictionary.md §8.
 */
public final class Main {
  /** Options every command accepts. */
  static final Set<String> COMMON_VALUED = Set.of("conf");
  static final Set<String> COMMON_FLAGS = Set.of("show-config", "help");

  /** Per command: valued options, flags, usage. */
  record Spec(Set<String> valued, Set<String> flags, String usage) {}

  static final Map<String, Spec> COMMANDS = Map.of(
      "demo", new Spec(Set.of("input", "warehouse"), Set.of(),
          "bin/tiva demo [--input DIR] [--warehouse DIR]"),
      "generate", new Spec(Set.of("out", "regions", "industries", "years", "seed"), Set.of("no-splits", "no-extensions", "overwrite"),
          "bin/tiva generate --out DIR --regions R --industries N --years A-B [--seed S] [--no-splits] [--no-extensions] [--overwrite]"),
      "run", new Spec(Set.of("input", "warehouse", "years", "only"), Set.of("incremental"),
          "bin/tiva run --input DIR --warehouse DIR [--years A-B] [--only FAMILY,...] [--incremental] [--conf FILE]"),
      "sql", new Spec(Set.of("warehouse", "format", "out", "engine"), Set.of(),
          "bin/tiva sql --warehouse DIR [\"SELECT ...\"] [--format table|csv|json|parquet] [--out PATH] [--engine auto|duckdb|spark]  (no query: a shell; docs/sql.md)"),
      "validate", new Spec(Set.of("input", "years"), Set.of(),
          "bin/tiva validate --input DIR [--years A-B]"),
      "ingest", new Spec(Set.of("format", "in", "out", "year"), Set.of(),
          "bin/tiva ingest --format FORMAT --in PATH... --out DIR [--year YYYY]  (formats: bin/tiva ingest --help)"),
      "export", new Spec(Set.of("warehouse", "tables", "years", "format", "out"), Set.of(),
          "bin/tiva export --warehouse DIR --out DIR [--tables T1,T2] [--years Y1,Y2|A-B] [--format parquet|csv]"));

  private Main() {}

  public static void main(String[] argv) throws org.apache.spark.SparkUserAppException {
    int code = run(argv, System.out, System.err);
    SparkSessions.stopIfRunning();
    System.out.flush();
    System.err.flush();
    if ("cluster".equals(System.getProperty("spark.submit.deployMode"))) {
      // In cluster deploy mode the driver runs inside Spark's launcher (YARN's ApplicationMaster):
      // System.exit would mark even a successful run FAILED; Spark turns this exception into the
      // application's exit code instead.
      if (code != 0) {
        throw new org.apache.spark.SparkUserAppException(code, null);
      }
      return;
    }
    // Spark leaves non-daemon threads behind: exit explicitly with our code.
    System.exit(code);
  }

  /** Runs a command and returns its exit code (tests call this). */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
    try {
      argv = GlobalOptions.commandFirst(argv);
      if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
        out.println(overview());
        return argv.length == 0 ? ExitCode.USAGE : ExitCode.OK;
      }
      if (argv[0].equals("help")) {
        out.println(argv.length == 1 ? overview() : helpPage(argv[1]));
        return ExitCode.OK;
      }
      if (argv[0].equals("version") || argv[0].equals("--version")) {
        out.println("tiva-spark " + Settings.version());
        return ExitCode.OK;
      }
      if (argv[0].startsWith("--")) { // only common options, no command: --show-config [--conf FILE]
        Args args = Args.parse("tiva", Arrays.asList(argv), COMMON_VALUED, COMMON_FLAGS);
        if (!args.has("show-config")) {
          throw new UsageException("no command given (commands: " + String.join(", ", Help.commands())
              + "; see bin/tiva help)");
        }
        out.println(Settings.load(args.get("conf")).render());
        return ExitCode.OK;
      }
      String command = argv[0];
      Spec spec = COMMANDS.get(command);
      if (spec == null) {
        throw new UsageException("unknown command '" + command + "' (commands: " + String.join(", ", Help.commands())
            + "; see bin/tiva help)");
      }
      Set<String> valued = union(spec.valued(), COMMON_VALUED);
      Set<String> flags = union(spec.flags(), COMMON_FLAGS);
      Args args = Args.parse(command, Arrays.asList(argv).subList(1, argv.length), valued, flags);
      if (args.has("help")) {
        out.println(helpPage(command));
        return ExitCode.OK;
      }
      Settings settings = Settings.load(args.get("conf"));
      if (args.has("show-config")) {
        out.println(settings.render());
        return ExitCode.OK;
      }
      if (!command.equals("sql") && !args.positional().isEmpty()) {
        throw new UsageException(command + ": unexpected argument '" + args.positional().get(0) + "'");
      }
      // every typed setting read and checked once, here, before any command starts Spark
      return Commands.dispatch(command, args, TivaSettings.from(settings), out);
    } catch (Throwable t) {
      int code = ExitCode.of(t);
      err.println("tiva: " + ExitCode.message(t));
      if (code == ExitCode.FAILURE && !ExitCode.isExpected(t)) {
        t.printStackTrace(err);
      }
      return code;
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> s = new java.util.HashSet<>(a);
    s.addAll(b);
    return s;
  }

  static String overview() {
    return Help.overview(Settings.version(), Help.commands().stream().map(c -> COMMANDS.get(c).usage()).toList());
  }

  /** The help page of one command (bin/tiva help COMMAND, COMMAND --help). */
  static String helpPage(String command) {
    Spec spec = COMMANDS.get(command);
    if (spec == null) {
      throw new UsageException("help: unknown command '" + command + "' (commands: " + String.join(", ", Help.commands())
          + ")");
    }
    return "usage: " + spec.usage() + "\n\n" + Help.page(command, spec.valued(), spec.flags(), Settings.defaultTiva());
  }
}
