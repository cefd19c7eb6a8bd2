package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.CliTest.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refactoring guard (issue 14, jobs side): runs generate/ingest -> run through the command line
 * and writes every row of every curated table (run_id dropped), sorted, to
 * {@code <dir>/<phase>.tsv}; phase "after" also compares with before.tsv (same keys, values within
 * 1e-12 relative to max(1,|v|)). Skipped unless {@code -Dtiva.golden=before|after}
 * ({@code -Dtiva.golden.dir}, default {@code <java.io.tmpdir>/tiva-golden-run}, outside any checkout).
 */
class GoldenRunTest {
  private static final List<String> TABLES = List.of("indicators", "va_final_demand", "va_origin_exports",
      "quality_checks", "export_decomposition", "export_decomposition_third", "gvc_measures", "footprints",
      "footprint_coefficients");

  @TempDir
  Path tmp;

  @Test
  void golden() throws IOException {
    String phase = System.getProperty("tiva.golden");
    Assumptions.assumeTrue(phase != null, "golden tool: set -Dtiva.golden=before|after");
    Path dir = Path.of(System.getProperty("tiva.golden.dir", Path.of(System.getProperty("java.io.tmpdir"), "tiva-golden-run").toString()));
    Files.createDirectories(dir);
    TreeMap<String, double[]> rows = new TreeMap<>();

    // (a) generated 8 x 6, splits on, three years, groups EU27/G20/USMCA/ALL(*), every family
    Path store = tmp.resolve("store");
    CliTest.generate(store, 8, 6, "2001-2003", 7);
    Path conf = tmp.resolve("g.conf");
    Files.writeString(conf, "tiva.groups.ALL = [\"*\"]\ntiva.run.wwz-third-country = \"industry\"\n");
    Path wh = tmp.resolve("wh");
    Outcome r = CliTest.run("run", "--conf", conf.toString(), "--input", store.toString(), "--warehouse", wh.toString());
    assertEquals(0, r.code(), r.err());
    collect("gen", wh, rows);

    // (b) one WIOD 2013 year, core family
    Path wiod = TestTrees.shared("data/wiod2013/wiot_2000.csv.gz");
    if (Files.isRegularFile(wiod)) {
      Path ws = tmp.resolve("store-wiod");
      Outcome i = CliTest.run("ingest", "--format", "icio", "--in", wiod.toString(), "--out", ws.toString());
      assertEquals(0, i.code(), i.err());
      Path wconf = tmp.resolve("w.conf");
      Files.writeString(wconf, "tiva.run.consumption-categories = [c37, c38, c39]\n"
          + "tiva.run.gfcf-categories = [c41]\n"
          + "tiva.run.service-industries = [c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, c29, c30, c31, c32, "
          + "c33, c34, c35]\n");
      Path wwh = tmp.resolve("wh-wiod");
      Outcome w = CliTest.run("run", "--conf", wconf.toString(), "--input", ws.toString(), "--warehouse",
          wwh.toString(), "--only", "core");
      assertEquals(0, w.code(), w.err());
      collect("wiod", wwh, rows);
    }

    List<String> lines = new ArrayList<>();
    rows.forEach((k, v) -> lines.add(k + "\t" + String.join("\t",
        Arrays.stream(v).mapToObj(d -> Double.toString(d)).toArray(String[]::new))));
    Files.write(dir.resolve(phase + ".tsv"), lines, StandardCharsets.UTF_8);
    System.out.println("golden " + phase + ": " + rows.size() + " rows");
    rows.clear();
    lines.clear();
    if (phase.equals("after")) {
      compare(dir.resolve("before.tsv"), dir.resolve("after.tsv"));
    }
  }

  private static void collect(String tag, Path wh, TreeMap<String, double[]> out) {
    SparkSession spark = TestSpark.get();
    for (String t : TABLES) {
      Path p = wh.resolve(t);
      if (!Files.isDirectory(p.resolve("_delta_log"))) {
        continue;
      }
      Dataset<Row> df = spark.read().format("delta").load(p.toString()).drop("run_id");
      StructField[] fs = df.schema().fields();
      for (Row row : df.collectAsList()) {
        StringBuilder key = new StringBuilder(tag).append('|').append(t);
        List<Double> vals = new ArrayList<>();
        for (int c = 0; c < fs.length; c++) {
          if (fs[c].dataType().equals(DataTypes.DoubleType)) {
            vals.add(row.isNullAt(c) ? Double.NaN : row.getDouble(c));
            key.append("|").append(fs[c].name());
          } else {
            key.append('|').append(fs[c].name()).append('=').append(row.isNullAt(c) ? "null" : row.get(c));
          }
        }
        double[] v = vals.stream().mapToDouble(Double::doubleValue).toArray();
        double[] prev = out.put(key.toString(), v);
        assertTrue(prev == null, "duplicate key " + key);
      }
    }
  }

  /**
   * Streams both sorted files side by side (holding 3.5 million rows twice does not fit the test
   * heap). Note: quality_checks' worst (the location of a passing check's rounding-size residual)
   * and its max_abs_error / max_rel_error residuals vary between runs with multithreaded BLAS; a
   * key mismatch there is that noise (compare with the worst label moved out of the key then).
   */
  private static void compare(Path before, Path after) throws IOException {
    double max = 0;
    long n = 0;
    try (var a = Files.newBufferedReader(before, StandardCharsets.UTF_8);
        var b = Files.newBufferedReader(after, StandardCharsets.UTF_8)) {
      for (String la = a.readLine(), lb = b.readLine(); la != null || lb != null; la = a.readLine(), lb = b.readLine()) {
        assertTrue(la != null && lb != null, "row counts differ at row " + n);
        String[] x = la.split("\t", -1);
        String[] y = lb.split("\t", -1);
        assertEquals(x[0], y[0], "same keys");
        assertEquals(x.length, y.length, x[0]);
        for (int i = 1; i < x.length; i++) {
          double u = Double.parseDouble(x[i]);
          double v = Double.parseDouble(y[i]);
          if (Double.isNaN(u) || Double.isNaN(v)) {
            assertEquals(Double.isNaN(u), Double.isNaN(v), x[0]);
            continue;
          }
          max = Math.max(max, Math.abs(u - v) / Math.max(1, Math.abs(u)));
        }
        n++;
      }
    }
    System.out.println("golden compare: " + n + " rows, max relative difference " + max);
    assertTrue(max <= 1e-12, "max relative difference " + max);
  }
}
