package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.io.source.MrioSources;
import io.tivaspark.jobs.CliTest.Outcome;
import io.tivaspark.jobs.cli.Help;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The help pages (bin/tiva help [COMMAND], COMMAND --help) and the options taken before the command. */
class HelpTest {
  private static String help(String... argv) {
    Outcome r = CliTest.run(argv);
    assertEquals(0, r.code(), r.err());
    return r.out();
  }

  private static void assertHas(String page, String... fragments) {
    for (String f : fragments) {
      assertTrue(page.contains(f), "'" + f + "' in:\n" + page);
    }
  }

  /** Every option the parser accepts for the command is on its page, and an example. */
  private static void assertEveryOption(String command, String page) {
    Main.Spec spec = Main.COMMANDS.get(command);
    Set<String> all = new HashSet<>(spec.valued());
    all.addAll(spec.flags());
    all.addAll(Main.COMMON_VALUED);
    all.addAll(Main.COMMON_FLAGS);
    for (String o : all) {
      assertTrue(page.contains("--" + o), command + " page lists --" + o + ":\n" + page);
    }
    assertTrue(page.contains("bin/tiva " + command), "an example of " + command);
    Set<String> own = new HashSet<>(spec.valued());
    own.addAll(spec.flags());
    for (String o : own) {
      assertTrue(page.lines().map(String::strip).anyMatch(l -> described(l, o, spec.flags().contains(o))),
          command + " page describes --" + o + " (not only its name):\n" + page);
    }
  }

  /** An option line: {@code --name ARG text} (valued) or {@code --name text} (flag), text non-blank. */
  private static boolean described(String line, String option, boolean flag) {
    String[] w = line.split("\\s+", flag ? 2 : 3);
    return w[0].equals("--" + option) && w.length == (flag ? 2 : 3) && !w[w.length - 1].isBlank();
  }

  @Test
  void overviewListsEveryCommand() {
    String page = help("help");
    for (String c : Main.COMMANDS.keySet()) {
      assertHas(page, "  " + c + " ");
    }
    assertHas(page, "bin/tiva help COMMAND", "--show-config", "exit codes");
    assertEquals(Main.COMMANDS.keySet(), Set.copyOf(Help.commands()), "a page per command");
  }

  @Test
  void helpCommandAndDashDashHelpAgree() {
    for (String c : Main.COMMANDS.keySet()) {
      assertEquals(help("help", c), help(c, "--help"), c);
      assertEquals(help("help", c), help("--help", c), c + " (--help before the command)");
    }
  }

  @Test
  void generatePageShowsDefaultsFromTheConfiguration() {
    String page = help("help", "generate");
    assertEveryOption("generate", page);
    assertHas(page, "(default: 8, tiva.generate.regions)", "(default: 6, tiva.generate.industries)",
        "(default: 2016-2020, tiva.generate.years)", "(default: 42, tiva.generate.seed)",
        "tiva.generate.splits = true", "--out DIR", "(required)");
  }

  @Test
  void runPageExplainsFamiliesAndIncremental() {
    String page = help("run", "--help");
    assertEveryOption("run", page);
    assertHas(page, "(default: core,gvc,footprints, tiva.run.families)", "families", "core ", "gvc ", "footprints ",
        "--incremental:", "skipped", "quality_checks", "--only core");
  }

  @Test
  void ingestPageListsEveryRegisteredFormatWithAnExample() {
    String page = help("ingest", "--help");
    assertEveryOption("ingest", page);
    for (String f : MrioSources.formats()) {
      assertTrue(page.lines().anyMatch(l -> l.startsWith("  " + f + " ") && l.contains("--format " + f)),
          f + " with an example command:\n" + page);
    }
    for (String f : new String[] {"icio", "long-csv", "auto", "wiod2016", "adb", "figaro", "eora26", "exiobase3",
        "gloria"}) {
      assertHas(page, "  " + f + " ", "--format " + f);
    }
    assertHas(page, "tiva.ingest.disc (default: domestic)");
  }

  @Test
  void demoValidateSqlExportPages() {
    String demo = help("help", "demo");
    assertEveryOption("demo", demo);
    assertHas(demo, "(default: demo-data, tiva.demo.input)", "(default: warehouse, tiva.demo.warehouse)");
    String validate = help("help", "validate");
    assertEveryOption("validate", validate);
    assertHas(validate, "(default: every year of the store)", "tiva.balance-atol");
    String sql = help("help", "sql");
    assertEveryOption("sql", sql);
    assertHas(sql, "SELECT * FROM runs");
    String export = help("help", "export");
    assertEveryOption("export", export);
    assertHas(export, "--format parquet|csv", "(default: parquet)", "VACUUM", "--years 2019,2020");
  }

  @Test
  void unknownHelpTopicIsAUsageError() {
    CliTest.assertOneLineError(CliTest.run("help", "frobnicate"), 2, "help: unknown command 'frobnicate'");
  }

  @Test
  void showConfigBeforeOrAfterTheCommandOrAlone(@TempDir Path tmp) throws Exception {
    Path conf = tmp.resolve("my.conf");
    Files.writeString(conf, "tiva.generate.regions = 17\n");
    for (String[] argv : new String[][] {
        {"--show-config", "--conf", conf.toString()},
        {"--conf", conf.toString(), "--show-config", "run"},
        {"--conf=" + conf, "run", "--show-config"},
        {"run", "--show-config", "--conf", conf.toString()},
        {"--show-config", "generate", "--conf", conf.toString()}}) {
      String page = help(argv);
      assertTrue(page.replace(" ", "").contains("regions=17"), String.join(" ", argv) + ":\n" + page);
    }
  }

  @Test
  void confBeforeTheCommandIsRead(@TempDir Path tmp) {
    CliTest.assertOneLineError(CliTest.run("--conf", tmp.resolve("missing.conf").toString(), "run", "--input", "a",
        "--warehouse", "b"), 2, "missing.conf: file not found");
    CliTest.assertOneLineError(CliTest.run("--conf", "x.conf"), 2, "no command given");
  }
}
