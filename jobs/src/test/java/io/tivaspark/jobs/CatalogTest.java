package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.CliTest.Outcome;
import io.tivaspark.jobs.cli.UsageException;
import io.tivaspark.jobs.run.CatalogRegistration;
import io.tivaspark.jobs.run.CatalogSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * tiva.catalog.database (docs/cluster.md, "Catalog"): a run in its own JVM registers the
 * warehouse's tables in the embedded Derby metastore (Hive support), a rerun registers them again
 * without error, and another JVM (a second Spark session sharing the metastore, as spark-sql
 * would be) answers {@code SELECT ... FROM tiva.indicators} by name; bin/tiva sql's DuckDB path
 * answers the same name. Derby's embedded metastore admits one process at a time: the JVMs run one
 * after another. Four child JVMs (about 200 s on 2 cores): {@code @Tag("slow")}, enabled by
 * {@code -Dtiva.slow=true} (bin/test --slow, which CI runs; the default suite reports it skipped).
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "tiva.slow", matches = "true", disabledReason = "slow test: run with -Dtiva.slow=true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogTest {
  static final long CHILD_MS = 1_800_000; // a run JVM took over 600 s on the 2-core build machine at load 47
  @TempDir
  static Path tmp;
  static Path store;
  static Path wh;
  static Path conf;
  static SparkSession spark;

  @BeforeAll
  static void generate() throws Exception {
    spark = TestSpark.get();
    store = tmp.resolve("store");
    wh = tmp.resolve("wh");
    CliTest.generate(store, 4, 3, "2001-2002", 5);
    conf = tmp.resolve("catalog.conf");
    Files.writeString(conf, "tiva.catalog.database = \"tiva\"\n"
        + "tiva.spark.conf {\n"
        + "  \"spark.hadoop.javax.jdo.option.ConnectionURL\" = \"jdbc:derby:;databaseName="
        + tmp.resolve("metastore_db") + ";create=true\"\n"
        + "  \"spark.sql.warehouse.dir\" = \"" + tmp.resolve("spark-warehouse") + "\"\n"
        + "}\n");
  }

  /** A tiva command in its own JVM; its standard output, then its standard error (log lines). */
  static String child(String... args) throws Exception {
    try (ChildRun c = ChildRun.start(Map.of(), args)) {
      int code = c.waitFor(CHILD_MS);
      assertEquals(0, code, c.tail(40));
      StringBuilder out = new StringBuilder();
      c.lines().stream().filter(l -> !l.err()).forEach(l -> out.append(l.text()).append('\n'));
      return out + c.stderr();
    }
  }

  static String lastMessage() {
    return spark.read().format("delta").load(wh.resolve("runs").toString())
        .orderBy(org.apache.spark.sql.functions.col("finished_at").desc()).first().getAs("message");
  }

  @Test
  @Order(1)
  void runRegistersAndASecondJvmQueriesByName() throws Exception {
    String[] run = {"run", "--conf", conf.toString(), "--input", store.toString(), "--warehouse", wh.toString()};
    String first = child(run);
    assertTrue(first.contains("registered in tiva"), first);
    int tables = io.tivaspark.jobs.sql.SqlTables.list(wh).size();
    // the first run's row is written before its runs table could be registered: it counts the others
    assertTrue(lastMessage().contains("catalog tiva: " + (tables - 1) + " tables"), lastMessage());

    String again = child(run); // idempotent: every name exists at its location
    assertTrue(lastMessage().contains("catalog tiva: " + tables + " tables"), lastMessage() + "\n" + again);

    long byPath = spark.read().format("delta").load(wh.resolve("indicators").toString()).count();
    String q = "SELECT (SELECT count(*) FROM tiva.indicators) AS n, (SELECT count(*) FROM tiva.runs) AS runs";
    String bySpark = child("sql", "--conf", conf.toString(), "--warehouse", wh.toString(), "--engine", "spark",
        "--format", "csv", q);
    assertTrue(bySpark.contains("n,runs\n" + byPath + ",2"), bySpark);

    Outcome byDuck = CliTest.run("sql", "--conf", conf.toString(), "--warehouse", wh.toString(), "--engine", "duckdb",
        "--format", "csv", "SELECT count(*) AS n FROM tiva.indicators");
    assertEquals(0, byDuck.code(), byDuck.err());
    assertEquals("n\n" + byPath, byDuck.out().strip());
  }

  /** In this JVM's session catalog (in memory): a name taken at another location is reported, not re-pointed. */
  @Test
  @Order(2)
  void aNameAtAnotherLocationIsAFailureNotARepoint() {
    CatalogSettings c = new CatalogSettings("tiva_catalog_test");
    org.apache.hadoop.fs.Path here = new org.apache.hadoop.fs.Path(wh.toString());
    Path other = tmp.resolve("other");
    spark.range(3).write().format("delta").save(other.resolve("indicators").toString());
    try {
      CatalogRegistration.Outcome once = CatalogRegistration.register(spark, c, here, List.of("indicators", "runs"));
      assertTrue(once.ok(), once.note());
      CatalogRegistration.Outcome twice = CatalogRegistration.register(spark, c, here, List.of("indicators"));
      assertEquals(List.of("indicators"), twice.registered(), twice.note());
      CatalogRegistration.Outcome moved = CatalogRegistration.register(spark, c,
          new org.apache.hadoop.fs.Path(other.toString()), List.of("indicators"));
      assertEquals(1, moved.failures().size(), moved.note());
      assertTrue(moved.note().contains("registered at") && moved.note().contains(wh.toString()), moved.note());
      assertEquals(byName("tiva_catalog_test.indicators"), spark.read().format("delta")
          .load(wh.resolve("indicators").toString()).count(), "still the first warehouse's table");
    } finally {
      spark.sql("DROP DATABASE IF EXISTS tiva_catalog_test CASCADE");
    }
  }

  static long byName(String table) {
    return spark.sql("SELECT count(*) FROM " + table).first().getLong(0);
  }

  @Test
  void badDatabaseNamesAreConfigurationErrors() {
    assertEquals("", new CatalogSettings(" ").database());
    assertEquals("`unity`.`tiva`.`indicators`", new CatalogSettings("unity.tiva").sqlName("indicators"));
    for (String bad : List.of("1tiva", "ti-va", "a.b.c", "tiva;DROP")) {
      UsageException e = assertThrows(UsageException.class, () -> new CatalogSettings(bad));
      assertTrue(e.getMessage().contains("tiva.catalog.database"), e.getMessage());
    }
  }
}
