package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.CliTest.Outcome;
import io.tivaspark.jobs.sql.SqlOutput;
import io.tivaspark.jobs.sql.SqlSession;
import io.tivaspark.jobs.sql.SqlShell;
import io.tivaspark.jobs.sql.SqlTables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/tiva sql on a generated warehouse (5 regions x 4 industries, split country, 2 years): each
 * format, the shell via stdin, one-line errors, only the named tables resolved, and the example
 * queries of docs/data-dictionary.md §7 giving the same rows through DuckDB and through Spark.
 */
class SqlCommandTest {
  @TempDir
  static Path tmp;
  static Path wh;

  @BeforeAll
  static void build() {
    TestSpark.get();
    Path store = tmp.resolve("store");
    wh = tmp.resolve("wh");
    CliTest.generate(store, 5, 4, "2001-2002", 7);
    Outcome r = CliTest.run("run", "--input", store.toString(), "--warehouse", wh.toString());
    assertEquals(0, r.code(), r.err());
  }

  static Outcome sql(String... extra) {
    List<String> a = new ArrayList<>(List.of("sql", "--warehouse", wh.toString()));
    a.addAll(List.of(extra));
    return CliTest.run(a.toArray(new String[0]));
  }

  @Test
  void csvJsonTableAndParquet() throws Exception {
    String q = "SELECT year, count(*) AS n FROM indicators GROUP BY year ORDER BY year";
    Outcome csv = sql(q, "--format", "csv");
    assertEquals(0, csv.code(), csv.err());
    List<String> lines = csv.out().strip().lines().toList();
    assertEquals("year,n", lines.get(0));
    assertEquals(3, lines.size());
    assertTrue(lines.get(1).startsWith("2001,"), csv.out());
    Outcome json = sql(q, "--format", "json");
    assertTrue(json.out().strip().lines().findFirst().orElse("").matches("\\{\"year\":2001,\"n\":\\d+}"), json.out());
    Outcome table = sql(q, "--format", "table");
    assertTrue(table.out().startsWith("year | n"), table.out());
    assertTrue(table.out().strip().endsWith("(2 rows)"), table.out());
    Path pq = tmp.resolve("n.parquet");
    Outcome p = sql(q, "--format", "parquet", "--out", pq.toString());
    assertEquals(0, p.code(), p.err());
    assertEquals(2, TestSpark.get().read().parquet(pq.toString()).count());
    Path out = tmp.resolve("n.csv");
    assertEquals(0, sql(q, "--out", out.toString()).code());
    assertEquals(csv.out().strip(), Files.readString(out).strip());
    CliTest.assertOneLineError(sql(q, "--format", "parquet"), 2, "--format parquet needs --out");
    CliTest.assertOneLineError(sql(q, "--format", "xml"), 2, "--format must be one of");
  }

  @Test
  void badQueryIsOneLineWithTheTables() {
    Outcome r = sql("SELECT nope FROM indicators");
    CliTest.assertOneLineError(r, 2, "sql:");
    assertTrue(r.err().contains("tables: ") && r.err().contains("indicators"), r.err());
    assertFalse(r.err().contains("Project") || r.err().contains("+-"), "no plan: " + r.err());
    CliTest.assertOneLineError(sql("SELEC 1"), 2, "sql:");
  }

  @Test
  void onlyNamedTablesAreResolved() throws Exception {
    List<String> all = SqlTables.list(wh);
    assertTrue(all.contains("runs") && all.contains("indicators"), all.toString());
    assertEquals(List.of("indicators", "runs"),
        SqlTables.named("SELECT * FROM indicators JOIN runs USING (run_id) WHERE unit <> 'gvc_measures'", all));
    // a corrupt table the query does not name does not matter
    Path broken = wh.resolve("gvc_measures/_delta_log/00000000000000000099.json");
    Files.writeString(broken, "not json");
    try {
      Outcome r = sql("SELECT count(*) AS n FROM runs", "--engine", "duckdb", "--format", "csv");
      assertEquals(0, r.code(), r.err());
    } finally {
      Files.delete(broken);
    }
  }

  @Test
  void shellFromStdin() throws Exception {
    String script = "\\tables\n\\d indicators\nSELECT count(*) AS n\n  FROM runs;\n"
        + "SELECT max(year) AS y FROM indicators;\nSELECT nope FROM runs;\n\\q\nSELECT 1;\n";
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int code;
    try (SqlSession s = new SqlSession(wh, "auto", TestSpark::get)) {
      code = new SqlShell(s, "csv", out).run(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), false);
    }
    String text = buf.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, text);
    assertTrue(text.contains("\nquality_checks\n"), text);
    assertTrue(text.contains("value,DOUBLE,the figure;"), text);
    assertTrue(text.contains("n\n1\n"), text);
    assertTrue(text.contains("y\n2002\n"), text);
    assertEquals(1, text.lines().filter(l -> l.startsWith("error: ")).count(), text);
    assertFalse(text.contains("1\n1\n"), "nothing after \\q runs: " + text);
  }

  @Test
  void docExampleQueriesAgreeAcrossEngines() throws Exception {
    String[] queries = {
      "SELECT year, country, round(value, 2) AS dva_pct FROM indicators WHERE indicator = 'EXGR_DVASH'"
          + " AND partner = 'WLD' AND industry = '_T' ORDER BY country, year",
      "SELECT year, value AS vax_ratio FROM indicators WHERE indicator = 'VAX_RATIO' AND country = 'WLD' ORDER BY year",
      "SELECT v.year, v.partner, v.value AS balvafd, g.value AS balgr FROM indicators v JOIN indicators g"
          + " USING (year, country, partner, industry) WHERE v.indicator = 'BALVAFD' AND g.indicator = 'BALGR'"
          + " AND v.industry = '_T' ORDER BY v.year, v.partner, balvafd",
      "SELECT partner AS origin, value, round(100 * value / sum(CASE WHEN partner = 'WLD' THEN value END) OVER (), 2)"
          + " AS pct FROM indicators WHERE indicator = 'FD_VA' AND industry = '_T' AND country = 'USA'"
          + " AND year = (SELECT max(year) FROM indicators) ORDER BY value DESC, origin",
      "SELECT source_country, source_industry, value FROM va_final_demand WHERE year = 2002"
          + " ORDER BY value DESC, source_country, source_industry LIMIT 10",
      "SELECT year, `check`, scope, max_rel_error, tolerance, worst FROM quality_checks ORDER BY year, `check`, scope",
      "SELECT status, input FROM runs"};
    try (SqlSession spark = new SqlSession(wh, "spark", TestSpark::get);
        SqlSession auto = new SqlSession(wh, "auto", TestSpark::get)) {
      for (String q : queries) {
        String a = csv(auto, q);
        assertEquals(csv(spark, q), a, q);
        assertTrue(a.lines().count() > 1, q + " has rows: " + a);
      }
      csv(auto, queries[0]);
      assertEquals("duckdb", auto.lastEngine(), "the fast path answered");
      csv(auto, "SELECT year, check FROM quality_checks");
      assertEquals("spark", auto.lastEngine(), "Spark answers what DuckDB cannot parse (check is reserved there)");
    }
  }

  static String csv(SqlSession s, String q) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    s.query(q, SqlOutput.of("csv", new PrintStream(buf, true, StandardCharsets.UTF_8)));
    return buf.toString(StandardCharsets.UTF_8);
  }
}
