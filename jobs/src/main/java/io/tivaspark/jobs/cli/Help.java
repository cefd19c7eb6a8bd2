package io.tivaspark.jobs.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.tivaspark.jobs.ingest.IngestFormats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The help pages of {@code bin/tiva help [COMMAND]} and {@code bin/tiva COMMAND --help}: per
 * command, what it does, every option with its default (read from the built-in configuration,
 * conf/application.conf, when the default is a configuration key) and examples. An option the
 * parser accepts but this class does not describe is still listed (as "--name VALUE"), so a page
 * never hides an option.
 */
public final class Help {
  /**
   * One option of a command.
   *
   * @param name the option without its dashes
   * @param arg the value's placeholder (DIR, A-B, ...), or "" for a flag
   * @param text what it does
   * @param configKey the key under tiva holding its default, or null
   * @param fallback the default stated in words when there is no key (or null: required / none)
   */
  record Option(String name, String arg, String text, String configKey, String fallback) {}

  /** One command's page: a summary, its options, examples and any closing notes. */
  record Page(String summary, List<Option> options, List<String> examples, String notes) {}

  static final List<String> ORDER = List.of("demo", "generate", "ingest", "validate", "run", "sql", "export");

  private static final Map<String, Page> PAGES = new LinkedHashMap<>();

  static {
    PAGES.put("demo", new Page("generate a small sample MRIO, run every family on it and print what was written",
        List.of(opt("input", "DIR", "where the generated sample store goes", "demo.input"),
            opt("warehouse", "DIR", "where the Delta tables go", "demo.warehouse")),
        List.of("bin/tiva demo", "bin/tiva demo --warehouse /tmp/wh"),
        "The sample's size, years and seed: tiva.demo.* in conf/application.conf."));
    PAGES.put("generate", new Page("write a balanced synthetic MRIO store (any size, reproducible from the seed)",
        List.of(req("out", "DIR", "the store directory to write"),
            opt("regions", "R", "number of regions (2-200)", "generate.regions"),
            opt("industries", "N", "number of industries (1-200)", "generate.industries"),
            opt("years", "A-B", "the years, a range or one year", "generate.years"),
            opt("seed", "S", "random seed (same seed, same tables)", "generate.seed"),
            flag("no-splits", "do not split CHN and MEX into CN1/CN2, MX1/MX2 (default: tiva.generate.splits = "
                + "%s)"),
            flag("no-extensions", "write no satellite accounts (extensions/): the footprints tables stay empty"),
            flag("overwrite", "replace a store generate wrote before in --out")),
        List.of("bin/tiva generate --out /tmp/store --regions 20 --industries 10 --years 2015-2020",
            "bin/tiva generate --out /tmp/small --regions 4 --industries 3 --years 2020 --seed 7 --no-splits"),
        null));
    PAGES.put("ingest", new Page("read a published MRIO release (or a table in ICIO or long-CSV layout) into "
        + "the canonical store that run and validate read",
        List.of(req("format", "FORMAT", "the input's format (list above)"),
            req("in", "PATH...", "inputs"), req("out", "DIR", "the store"),
            new Option("year", "YYYY", "the year of inputs whose names carry none", null, "from the file names")),
        List.of("bin/tiva ingest --format auto --in ICIO2023_2019.csv --out /tmp/store"),
        "ICIO 2016's DISC column: tiva.ingest.disc (default: %s)."));
    PAGES.put("validate", new Page("check a store against the input rules (docs/operations.md §8) and its "
        + "row and column balances; writes nothing",
        List.of(req("input", "DIR", "the store directory"),
            new Option("years", "A-B", "only these years", null, "every year of the store")),
        List.of("bin/tiva validate --input /tmp/store", "bin/tiva validate --input /tmp/store --years 2019-2020"),
        "Tolerance: tiva.balance-atol, tiva.balance-rtol; imbalances fail (exit 3) only with "
            + "tiva.validate.fail-on-imbalance = true."));
    PAGES.put("run", new Page("compute the indicators of every year of a store into the Delta tables of a "
        + "warehouse (one Spark task per year, one Delta transaction per table)",
        List.of(req("input", "DIR", "the store (from ingest or generate)"),
            req("warehouse", "DIR", "the warehouse: one Delta table per output table, created when absent"),
            new Option("years", "A-B", "only these years; the other years' rows are kept", null,
                "every year of the store"),
            opt("only", "FAMILY,...", "the families to compute (see below)", "run.families"),
            flag("incremental", "skip a year whose input, settings, code and tables are unchanged since its "
                + "last successful run")),
        List.of("bin/tiva run --input /tmp/store --warehouse /tmp/wh",
            "bin/tiva run --input /tmp/store --warehouse /tmp/wh --years 2019-2020 --only core",
            "bin/tiva run --input /tmp/store --warehouse /tmp/wh --incremental"),
        """
        families (each writes its own tables; all share one solved system per year):
          core        OECD TiVA indicators (indicators) and the value-added cubes: va_final_demand,
                      va_origin_exports, va_origin_imports, va_final_demand_product,
                      va_exports_destination
          gvc         export decompositions (KWW, WWZ, Borin-Mancini: export_decomposition,
                      export_decomposition_third) and GVC measures (gvc_measures)
          footprints  footprints and footprint_coefficients from the store's satellite accounts
                      (extensions/); a store without them leaves both tables empty
          every family also writes its identity checks into quality_checks.
        --incremental: a year is recomputed when its input files, the settings that shape the
          numbers, the code version or one of its tables changed since the last run that wrote
          it; otherwise it is skipped (the run summary lists it as unchanged). Without the flag
          every selected year is recomputed and replaced.
        Every table the run leaves empty is named in the summary with the reason (family not run,
        switched off by a tiva.run.* key, no extensions/ in the store).
        Tables by name: tiva.catalog.database (default "": off) = a database, e.g. tiva: after
          the commits the run registers every table in the Spark catalog (tiva.indicators, ...;
          Hive metastore, Glue, Unity Catalog: docs/cluster.md, "Catalog"). A registration
          failure is a warning and a note in runs.message, not a failed run."""));
    PAGES.put("sql", new Page("query the warehouse's tables by name (indicators, runs, ...): one query, or "
        + "with none an SQL shell (history, multi-line, \\tables, \\d TABLE); DuckDB on the tables' current "
        + "files when it can answer, Spark SQL otherwise (docs/sql.md)",
        List.of(req("warehouse", "DIR", "the warehouse"),
            new Option("format", "table|csv|json|parquet", "how results are written (parquet needs --out)", null,
                "table on a terminal, csv otherwise or with --out"),
            new Option("out", "PATH", "write the result to this file instead of standard output", null,
                "standard output"),
            new Option("engine", "auto|duckdb|spark", "auto: DuckDB, then Spark SQL for what DuckDB cannot "
                + "answer (and always for hdfs:// or s3a:// warehouses); duckdb or spark: only that one", null,
                "auto")),
        List.of("bin/tiva sql --warehouse /tmp/wh \"SELECT * FROM runs\"",
            "bin/tiva sql --warehouse /tmp/wh   (the shell: statements end with ;, \\q quits)",
            "bin/tiva sql --warehouse /tmp/wh --format parquet --out /tmp/dvash.parquet \"SELECT * FROM indicators "
                + "WHERE indicator = 'EXGR_DVASH'\"",
            "bin/tiva sql --warehouse /tmp/wh \"SELECT country, value FROM indicators WHERE year = 2020 "
                + "AND indicator = 'EXGR_DVASH' AND partner = 'WLD' AND industry = '_T'\""),
        "With tiva.catalog.database set (e.g. tiva), database.table names work too (tiva.indicators): "
            + "DuckDB reads the warehouse's table, Spark resolves the name in its catalog."));
    PAGES.put("export", new Page("write a clean snapshot of warehouse tables (current rows only, one folder "
        + "per table, partitioned by year) for plain Parquet or CSV readers (pandas, R arrow, Stata)",
        List.of(req("warehouse", "DIR", "the warehouse"),
            req("out", "DIR", "where to write; must not exist or be empty (one folder per table)"),
            new Option("tables", "T1,T2,...", "the tables to export", null, "every table of the warehouse"),
            new Option("years", "Y1,Y2,... | A-B", "the years to export", null, "every year"),
            new Option("format", "parquet|csv", "file format", null, "parquet")),
        List.of("bin/tiva export --warehouse /tmp/wh --tables indicators,gvc_measures --years 2019,2020 "
                + "--out /tmp/snapshot",
            "bin/tiva export --warehouse /tmp/wh --tables indicators --format csv --out /tmp/csv"),
        "Why: a rerun replaces a year in the Delta table, but the old Parquet files stay on disk until "
            + "VACUUM; a plain Parquet reader on the warehouse folder reads them too (duplicated rows). "
            + "See docs/operations.md, \"Reading the tables\"."));
  }

  private Help() {}

  private static Option opt(String name, String arg, String text, String key) {
    return new Option(name, arg, text, key, null);
  }

  private static Option req(String name, String arg, String text) {
    return new Option(name, arg, text, null, "required");
  }

  private static Option flag(String name, String text) {
    return new Option(name, "", text, name.equals("no-splits") ? "generate.splits" : null, null);
  }

  /** The commands that have a page, in help order. */
  public static List<String> commands() {
    return ORDER;
  }

  /** The page of {@code bin/tiva help}: every command with its one-line summary, then each usage line. */
  public static String overview(String version, List<String> usages) {
    StringBuilder sb = new StringBuilder("tiva-spark " + version
        + ": Trade in Value Added indicators on Spark and Delta Lake\n\nusage: bin/tiva COMMAND [OPTIONS]\n\ncommands:\n");
    for (String c : ORDER) {
      sb.append(String.format(Locale.ROOT, "  %-9s %s%n", c, PAGES.get(c).summary()));
    }
    sb.append(String.format(Locale.ROOT, "  %-9s %s%n", "help", "bin/tiva help COMMAND: every option of a command, "
        + "its default and examples"));
    sb.append(String.format(Locale.ROOT, "  %-9s %s%n", "version", "the version"));
    sb.append("\nsynopsis:\n");
    usages.forEach(u -> sb.append("  ").append(u).append('\n'));
    sb.append("\n").append(commonOptions());
    sb.append("\nfirst steps: bin/tiva demo; then bin/tiva help run\n");
    sb.append(exitCodes());
    return sb.toString();
  }

  /**
   * The page of one command.
   *
   * @param valued the options the parser accepts with a value (to list any this page lacks)
   * @param flags the flags the parser accepts
   * @param defaults the built-in configuration under tiva (Settings.defaultTiva())
   */
  public static String page(String command, Set<String> valued, Set<String> flags, Config defaults) {
    Page p = PAGES.get(command);
    if (p == null) {
      throw new UsageException("help: unknown command '" + command + "' (commands: " + String.join(", ", ORDER) + ")");
    }
    StringBuilder sb = new StringBuilder("bin/tiva " + command + ": " + p.summary() + "\n\n");
    if (command.equals("ingest")) {
      String formats = IngestFormats.help(); // its usage line is already on top of the page
      sb.append(formats.startsWith("usage:") ? formats.substring(formats.indexOf('\n') + 1).strip() : formats)
          .append("\n\n");
    } else {
      sb.append("options:\n");
      List<Option> all = withUndocumented(p.options(), valued, flags);
      all.forEach(o -> sb.append(line(o, defaults)));
      sb.append("\nexamples:\n");
      p.examples().forEach(e -> sb.append("  ").append(e).append('\n'));
    }
    if (p.notes() != null) {
      String notes = command.equals("ingest") ? String.format(Locale.ROOT, p.notes(), valueOf(defaults, "ingest.disc"))
          : p.notes();
      sb.append('\n').append(notes).append('\n');
    }
    sb.append('\n').append(commonOptions());
    return sb.toString().stripTrailing();
  }

  private static List<Option> withUndocumented(List<Option> documented, Set<String> valued, Set<String> flags) {
    List<Option> all = new ArrayList<>(documented);
    Set<String> known = new TreeSet<>();
    documented.forEach(o -> known.add(o.name()));
    Set<String> common = Set.of("conf", "show-config", "help");
    for (String v : new TreeSet<>(valued)) {
      if (!known.contains(v) && !common.contains(v)) {
        all.add(new Option(v, "VALUE", "", null, null));
      }
    }
    for (String f : new TreeSet<>(flags)) {
      if (!known.contains(f) && !common.contains(f)) {
        all.add(new Option(f, "", "", null, null));
      }
    }
    return all;
  }

  /** "  --regions R        number of regions (default: 8, tiva.generate.regions)". */
  static String line(Option o, Config defaults) {
    String head = "--" + o.name() + (o.arg().isEmpty() ? "" : " " + o.arg());
    String text = o.text();
    String dflt = null;
    if (o.configKey() != null) {
      String value = valueOf(defaults, o.configKey());
      if (text.contains("%s")) {
        text = String.format(Locale.ROOT, text, value);
      } else {
        dflt = value + ", tiva." + o.configKey();
      }
    } else if (o.fallback() != null) {
      dflt = o.fallback();
    }
    String tail = dflt == null ? "" : dflt.equals("required") ? " (required)" : " (default: " + dflt + ")";
    return String.format(Locale.ROOT, "  %-26s %s%s%n", head, text, tail);
  }

  private static String valueOf(Config defaults, String key) {
    try {
      Object v = defaults.getValue(key).unwrapped();
      return v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
    } catch (ConfigException e) {
      return "see tiva." + key;
    }
  }

  static String commonOptions() {
    return """
        every command also takes (before or after the command):
          --conf FILE       settings overriding conf/application.conf (only the keys it sets)
          --show-config     print the effective configuration (secrets masked) and exit
          --help            this command's page
        """;
  }

  private static String exitCodes() {
    return "exit codes: 0 ok, 1 failure, 2 usage or configuration, 3 invalid input, 4 quality check failed "
        + "(when configured)";
  }
}
