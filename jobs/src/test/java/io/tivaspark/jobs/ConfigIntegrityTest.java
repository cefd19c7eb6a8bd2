package io.tivaspark.jobs;

import static io.tivaspark.jobs.CliTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.cli.SparkSettings;
import io.tivaspark.jobs.CliTest.Outcome;
import io.tivaspark.jobs.cli.Settings;
import io.tivaspark.jobs.cli.UsageException;
import io.tivaspark.jobs.store.MrioMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, configuration and command line: a wrong setting, group, path or warehouse is exit 2
 * with one line naming it, before anything is written. Tests that reach a warehouse run against
 * one holding a good run and assert that not a file of it changed.
 */
class ConfigIntegrityTest {
  @TempDir
  static Path tmp;
  static Path store;
  static Path warehouse;
  static MrioMeta meta;

  @BeforeAll
  static void storeAndWarehouse() throws IOException {
    TestSpark.get();
    store = tmp.resolve("store");
    warehouse = tmp.resolve("warehouse");
    CliTest.generate(store, 5, 3, "2001-2002", 11);
    Outcome r = CliTest.run("run", "--input", store.toString(), "--warehouse", warehouse.toString(), "--only", "core");
    assertEquals(0, r.code(), r.err());
    meta = MrioMeta.read(FileSystem.get(java.net.URI.create("file:///"), new Configuration()), new org.apache.hadoop.fs.Path(store.toString()));
  }

  /** Every file under a directory (relative path -> size and modification time); locks and checksums included. */
  static Map<String, String> snapshot(Path dir) {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(dir)) {
      return files;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).forEach(p -> {
        try {
          files.put(dir.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  static Path conf(String name, String text) throws IOException {
    Path f = tmp.resolve(name + ".conf");
    Files.writeString(f, text);
    return f;
  }

  /** run with a configuration against the shared warehouse: exit code and line, and the warehouse unchanged. */
  static void runRefused(String confText, int code, String... fragments) throws IOException {
    Map<String, String> before = snapshot(warehouse);
    Outcome r = CliTest.run("run", "--conf", conf("c" + System.nanoTime(), confText).toString(), "--input",
        store.toString(), "--warehouse", warehouse.toString());
    for (String f : fragments) {
      assertOneLineError(r, code, f);
    }
    assertEquals(before, snapshot(warehouse), "the warehouse is unchanged");
  }

  // 1. groups

  @Test
  void reservedGroupCodes() throws IOException {
    runRefused("tiva.groups.WLD = [USA]\n", 2, "tiva.groups.WLD", "reserved");
    runRefused("tiva.groups._T = [USA]\n", 2, "tiva.groups._T", "reserved");
  }

  @Test
  void groupCodeOfACountryOrEntity() throws IOException {
    String country = meta.countries.get(0);
    runRefused("tiva.groups." + country + " = [" + meta.countries.get(1) + "]\n", 2, "tiva.groups." + country,
        "is a country of the table");
    assertTrue(meta.splits.containsKey("CHN"), "the generated store splits CHN: " + meta.splits);
    runRefused("tiva.groups.CN1 = [" + country + "]\n", 2, "tiva.groups.CN1", "is an entity of the table (part of CHN)");
  }

  @Test
  void unknownMembersOfUserGroups() throws IOException {
    String country = meta.countries.get(0);
    runRefused("tiva.groups.MINE = [" + country + ", XXX]\n", 2, "tiva.groups.MINE", "member XXX not among");
    runRefused("tiva.groups.MINE = [CN1]\n", 2, "tiva.groups.MINE", "CN1 (an entity of CHN",
        "no member is in the table");
    runRefused("tiva.groups.MINE = []\n", 2, "tiva.groups.MINE has no members");
    // a built-in group the user changed follows the user's rules
    runRefused("tiva.groups.USMCA = [CAN, MEX, USA, XXX]\n", 2, "tiva.groups.USMCA", "XXX");
  }

  @Test
  void industryAggregatesOfTheUser() throws IOException {
    String i0 = meta.industries.get(0);
    String i1 = meta.industries.get(1);
    runRefused("tiva.industry-groups.MINE = [" + i0 + ", XXX]\n", 2, "tiva.industry-groups.MINE",
        "member XXX not among the table's");
    runRefused("tiva.industry-groups." + i1 + " = [" + i0 + "]\n", 2, "tiva.industry-groups." + i1,
        "is an industry of the table");
    runRefused("tiva.industry-groups._T = [" + i0 + "]\n", 2, "tiva.industry-groups._T", "reserved");
    runRefused("tiva.industry-groups.MINE = []\n", 2, "tiva.industry-groups.MINE has no members");
    runRefused("tiva.industry-hierarchy = wiod2013\n", 2, "tiva.industry-hierarchy", "none of its industries");
    runRefused("tiva.industry-hierarchy = nope\n", 2, "tiva.industry-hierarchy must be");
  }

  // 2. unknown keys

  @Test
  void misspelledKeysWarnWithTheNearestKey() throws IOException {
    Path f = conf("typo", "tiva.run.fail-on-chek = true\ntiva.run.familes = [core]\n"
        + "tiva.groups.MINE = [USA]\ntiva.spark.conf { \"spark.anything.at.all\" = 1 }\n");
    List<String> w = Settings.load(f.toString()).warnings();
    assertEquals(2, w.size(), w.toString());
    assertTrue(w.get(0).contains("unknown key tiva.run.fail-on-chek in --conf " + f
        + " (did you mean tiva.run.fail-on-check?)"), w.toString());
    assertTrue(w.get(1).contains("unknown key tiva.run.familes") && w.get(1).contains("tiva.run.families?"), w.toString());
    Outcome shown = CliTest.run("run", "--conf", f.toString(), "--show-config");
    assertEquals(0, shown.code(), "a warning only: " + shown.err());
  }

  @Test
  void strictConfigMakesUnknownKeysAnError() throws IOException {
    runRefused("tiva.strict-config = true\ntiva.run.fail-on-chek = true\n", 2,
        "unknown key tiva.run.fail-on-chek", "did you mean tiva.run.fail-on-check?", "tiva.strict-config = true");
  }

  // 3. every setting read before the first write

  @Test
  void badRunSettingsBeforeAnyWrite() throws IOException {
    runRefused("tiva.run.fail-on-check = maybe\n", 2, "tiva.run.fail-on-check must be true or false, got 'maybe'");
    runRefused("tiva.run.fail-on-input-check = 3\n", 2, "tiva.run.fail-on-input-check");
    runRefused("tiva.run.lock-wait = soon\n", 2, "tiva.run.lock-wait must be a duration");
    runRefused("tiva.run.families = [core, gvcc]\n", 2, "tiva.run.families: unknown family 'gvcc'");
    runRefused("tiva.balance-atol = lots\n", 2, "tiva.balance-atol must be a number");
    runRefused("tiva.balance-rtol = -1\n", 2, "tiva.balance-atol and tiva.balance-rtol must be >= 0");
  }

  /** One name per setting: the former per-command balance keys name the key that replaced them. */
  @Test
  void renamedBalanceKeysAreRefusedNamingTheNewKey() throws IOException {
    runRefused("tiva.run.balance-atol = 0.2\n", 2, "tiva.run.balance-atol is now tiva.balance-atol");
    runRefused("tiva.run.balance-rtol = 1e-3\n", 2, "tiva.run.balance-rtol is now tiva.balance-rtol");
    assertOneLineError(CliTest.run("validate", "--conf", conf("vb", "tiva.validate.balance-atol = 60\n").toString(),
        "--input", store.toString()), 2, "tiva.validate.balance-atol is now tiva.balance-atol");
  }

  @Test
  void badSettingOnAFreshWarehouseWritesNothing() throws IOException {
    Path wh = tmp.resolve("fresh");
    Outcome r = CliTest.run("run", "--conf", conf("maybe", "tiva.run.fail-on-check = maybe\n").toString(),
        "--input", store.toString(), "--warehouse", wh.toString());
    assertOneLineError(r, 2, "tiva.run.fail-on-check");
    assertFalse(Files.exists(wh), "no warehouse directory, no runs table");
  }

  @Test
  void badValidateAndGenerateSettings() throws IOException {
    assertOneLineError(CliTest.run("validate", "--conf", conf("v", "tiva.validate.fail-on-imbalance = maybe\n").toString(),
        "--input", store.toString()), 2, "tiva.validate.fail-on-imbalance must be true or false");
    Path out = tmp.resolve("gen-out");
    assertOneLineError(CliTest.run("generate", "--conf", conf("g", "tiva.generate.regions = many\n").toString(),
        "--out", out.toString()), 2, "tiva.generate.regions must be an integer, got 'many'");
    assertFalse(Files.exists(out));
  }

  // 4. Spark settings and paths

  @Test
  void badSparkMasterWithoutStartingSpark() throws IOException {
    for (String m : List.of("nonsense", "bogus://x", "local[0]", "local[two]")) {
      assertOneLineError(CliTest.run("sql", "--conf", conf("m", "tiva.spark.master = \"" + m + "\"\n").toString(),
          "--warehouse", warehouse.toString(), "SELECT 1"), 2, "tiva.spark.master '" + m + "' is not a Spark master URL");
    }
    for (String m : List.of("local", "local[4]", "local[*]", "local[2,3]", "local[*,2]", "spark://h:7077", "yarn",
        "k8s://https://h:6443", "mesos://h:5050")) {
      SparkSettings.checkMaster(m);
    }
  }

  @Test
  void badSparkSettingsNameTheKey() throws IOException {
    runRefused("tiva.spark.conf { \"spark.executor.memory\" = \"lots\" }\n", 2,
        "tiva.spark.conf.\"spark.executor.memory\" = 'lots' is not valid");
    runRefused("tiva.spark.conf { \"spark.sql.shuffle.partitions\" = \"x\" }\n", 2,
        "tiva.spark.conf.\"spark.sql.shuffle.partitions\" = 'x' is not valid");
    runRefused("tiva.spark.conf { \"spark.sql.shuffle.partitions\" = \"-2\" }\n", 2, "spark.sql.shuffle.partitions");
    runRefused("tiva.spark.conf.spark.executor.memory = 4g\n", 2, "tiva.spark.conf.spark is an object: quote Spark keys");
    runRefused("tiva.spark.log-level = LOUD\n", 2, "tiva.spark.log-level must be one of");
    assertThrows(UsageException.class, () -> SparkSettings.checkValue("spark.driver.memory", "4 apples"));
    SparkSettings.checkValue("spark.driver.memory", "4g");
    SparkSettings.checkValue("spark.unknown.to.spark", "anything");
  }

  @Test
  void filesWhereDirectoriesAreExpected() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertOneLineError(CliTest.run("run", "--input", store.toString(), "--warehouse", file.toString()), 2,
        "run: --warehouse " + file + " is not a directory");
    assertOneLineError(CliTest.run("sql", "--warehouse", file.toString(), "SELECT 1"), 2,
        "sql: --warehouse " + file + " is not a directory");
    assertOneLineError(CliTest.run("run", "--input", file.toString(), "--warehouse", tmp.resolve("w2").toString()), 2,
        "run: --input " + file + " is not a directory");
    assertOneLineError(CliTest.run("validate", "--input", file.toString()), 2,
        "validate: --input " + file + " is not a directory");
    assertEquals("x", Files.readString(file));
  }

  // 5. one table per warehouse

  @Test
  void anotherTableIntoTheSameWarehouseIsRefused() throws IOException {
    Path other = tmp.resolve("other-store");
    CliTest.generate(other, 6, 3, "2001-2002", 12);
    Map<String, String> before = snapshot(warehouse);
    long runs = TestSpark.get().read().format("delta").load(warehouse.resolve("runs").toString()).count();
    Outcome r = CliTest.run("run", "--input", other.toString(), "--warehouse", warehouse.toString(), "--only", "core");
    assertOneLineError(r, 2, "run: the warehouse " + warehouse + " holds results of another table (5 countries");
    assertTrue(r.err().contains("from " + store) && r.err().contains(other + " has 6 countries")
        && r.err().contains("use a new warehouse"), r.err());
    assertEquals(before, snapshot(warehouse), "the warehouse is unchanged");
    assertEquals(runs, TestSpark.get().read().format("delta").load(warehouse.resolve("runs").toString()).count());
    // the same table again is fine (and records its layout again)
    Outcome again = CliTest.run("run", "--input", store.toString(), "--warehouse", warehouse.toString(), "--only",
        "core", "--years", "2002", "--incremental");
    assertEquals(0, again.code(), again.err());
  }
}
