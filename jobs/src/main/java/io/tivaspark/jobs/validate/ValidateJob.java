package io.tivaspark.jobs.validate;

import com.typesafe.config.Config;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.jobs.cli.ConfigValues;
import io.tivaspark.jobs.cli.Settings;
import io.tivaspark.jobs.cli.UsageException;
import io.tivaspark.jobs.store.Dataset;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreInventory;
import io.tivaspark.jobs.store.StoreReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/tiva validate --input DIR [--years A-B]}: checks a canonical store against the
 * input contract (§1: mrio.json, every code known, no key twice, finite values, every year in
 * every required dataset; the same reader {@code run} uses, {@link StoreReader}) and the
 * balances of each year, one Spark task per year:
 *
 * <ul>
 *   <li>row balance, when {@code output/} is present: x_i = Σ_j Z_ij + Σ_c Y_ic;
 *   <li>column balance: x_j = Σ_i Z_ij + Σ_k VA_kj (x the published output, or the row sums
 *       when the store has none).
 * </ul>
 *
 * A cell passes when |difference| ≤ atol + rtol·|x| (OECD style; {@code tiva.balance-atol} and
 * {@code tiva.balance-rtol}, shared with run's check I1). The report (stdout) has a
 * line per year: ok, or what failed, where (row/column label CCC_IND) and by how much.
 *
 * <p>Exit codes: 3 when a contract rule is broken (the stderr line names the first one); balance
 * failures are warnings (exit 0) unless {@code tiva.validate.fail-on-imbalance = true}, then
 * they give 3 as well: an unbalanced table is invalid input for the jobs that assume balance.
 */
public final class ValidateJob {
  private ValidateJob() {}

  /**
   * Tolerances and switches: tiva.balance-atol, tiva.balance-rtol (shared with run's check I1),
   * tiva.validate.fail-on-imbalance and report-worst; defaults in conf/application.conf only.
   */
  public record Options(double atol, double rtol, boolean failOnImbalance, int worst) implements Serializable {
    public static Options from(Config t) {
      double atol = ConfigValues.number(t, "balance-atol");
      double rtol = ConfigValues.number(t, "balance-rtol");
      if (!(atol >= 0) || !(rtol >= 0)) {
        throw new UsageException("configuration: tiva.balance-atol and tiva.balance-rtol must be >= 0, got " + atol
            + ", " + rtol);
      }
      int worst = ConfigValues.integer(t, "validate.report-worst");
      if (worst < 1) {
        throw new UsageException("configuration: tiva.validate.report-worst must be >= 1, got " + worst);
      }
      return new Options(atol, rtol, ConfigValues.bool(t, "validate.fail-on-imbalance"), worst);
    }
  }

  /** One cell outside tolerance. */
  public record Miss(String label, double x, double sum, double diff, double tolerance) implements Serializable {}

  /** One balance check of one year. */
  public record Balance(String check, boolean skipped, int cells, int failed, double maxAbs, String maxAt,
      List<Miss> worst) implements Serializable {
    boolean ok() { return skipped || failed == 0; }
  }

  /** The report of one year: a contract error, or the balance checks. */
  public record YearReport(int year, InvalidInputException invalid, List<Balance> balances) implements Serializable {
    boolean balanced() { return invalid == null && balances.stream().allMatch(Balance::ok); }
  }

  /** The whole report. */
  public record Report(String input, List<YearReport> years, InvalidInputException storeError) {
    public long invalidYears() { return years.stream().filter(y -> y.invalid() != null).count(); }
    public long unbalancedYears() { return years.stream().filter(y -> y.invalid() == null && !y.balanced()).count(); }
  }

  /** Validates, prints the report and returns the exit code 0, or throws (exit 3). */
  public static int run(SparkSession spark, Options opts, String input, int[] years, PrintStream out)
      throws IOException {
    Report r = validate(spark, input, years, opts);
    print(r, opts, out);
    if (r.storeError() != null) {
      throw r.storeError();
    }
    InvalidInputException first = r.years().stream().map(YearReport::invalid).filter(e -> e != null).findFirst().orElse(null);
    if (first != null) {
      long k = r.invalidYears();
      throw k == 1 ? first : new InvalidInputException(first.source(), first.year(), first.where(),
          first.rule() + " (" + k + " years break the input contract; see the report)", first);
    }
    if (r.unbalancedYears() > 0 && opts.failOnImbalance()) {
      YearReport y = r.years().stream().filter(x -> !x.balanced()).findFirst().orElseThrow();
      Balance b = y.balances().stream().filter(x -> !x.ok()).findFirst().orElseThrow();
      Miss m = b.worst().get(0);
      throw new InvalidInputException(input, y.year(), (b.check().startsWith("row") ? "row " : "column ") + m.label(),
          b.check() + " outside tolerance by " + fmt(Math.abs(m.diff()) - m.tolerance()) + " (x " + fmt(m.x()) + ", sum "
          + fmt(m.sum()) + "; " + b.failed() + " cells; tiva.validate.fail-on-imbalance = true)");
    }
    return 0;
  }

  public static Report validate(SparkSession spark, String input, int[] range, Options opts) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path root = new Path(input);
    FileSystem fs = root.getFileSystem(conf);
    if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
      throw new UsageException("validate: --input " + input + " is not a directory");
    }
    MrioMeta meta;
    try {
      meta = MrioMeta.read(fs, root);
      meta.layout(new Path(root, MrioMeta.FILE).toString());
    } catch (InvalidInputException e) {
      return new Report(input, List.of(), e);
    }
    // the years of the required datasets; a year some dataset lacks is that year's contract error
    StoreInventory inventory;
    try {
      inventory = StoreInventory.of(conf, root);
    } catch (InvalidInputException e) {
      return new Report(input, List.of(), e);
    }
    TreeSet<Integer> all = inventory.candidateYears();
    if (range != null) {
      all.removeIf(y -> y < range[0] || y > range[1]);
    }
    if (all.isEmpty()) {
      return new Report(input, List.of(), new InvalidInputException(new Path(root, Dataset.INTERMEDIATE.dir()).toString(),
          null, null, range == null ? "no year=YYYY partitions: the store has no data"
              : "no year in " + range[0] + "-" + range[1]));
    }
    List<YearReport> reports = new ArrayList<>();
    List<Integer> toRead = new ArrayList<>();
    for (int y : all) {
      InvalidInputException missing = inventory.problem(y);
      if (missing != null) {
        reports.add(new YearReport(y, missing, List.of()));
      } else {
        toRead.add(y);
      }
    }
    if (!toRead.isEmpty()) {
      HadoopConf hc = HadoopConf.of(conf);
      String rootStr = root.toString();
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      jsc.setJobDescription("tiva validate: " + toRead.size() + " years");
      reports.addAll(jsc.parallelize(toRead, toRead.size())
          .map(y -> checkYear(hc, rootStr, meta, y, opts)).collect());
      jsc.clearJobGroup();
    }
    reports.sort(Comparator.comparingInt(YearReport::year));
    return new Report(input, reports, null);
  }

  static YearReport checkYear(HadoopConf hc, String root, MrioMeta meta, int year, Options opts) throws IOException {
    MrioYear t;
    try {
      t = StoreReader.read(hc.get(), new Path(root), meta, year);
    } catch (InvalidInputException e) {
      return new YearReport(year, e, List.of());
    }
    return new YearReport(year, null, balances(t, opts));
  }

  /** The row and column balance checks of one year. */
  public static List<Balance> balances(MrioYear t, Options opts) {
    Layout l = t.layout();
    int n = l.n();
    double[] z = t.z();
    double[] yf = t.finalDemand();
    double[] rowSum = new double[n];
    double[] colSum = new double[n];
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        double v = z[i + j * n];
        rowSum[i] += v;
        s += v;
      }
      colSum[j] = s;
    }
    double[] rowTotal = rowSum.clone();
    for (int c = 0; c < l.finalDemandColumns(); c++) {
      for (int i = 0; i < n; i++) {
        rowTotal[i] += yf[i + c * n];
      }
    }
    double[] colTotal = colSum.clone();
    for (double[] va : t.valueAdded().values()) {
      for (int j = 0; j < n; j++) {
        colTotal[j] += va[j];
      }
    }
    double[] x = t.publishedOutput();
    List<Balance> out = new ArrayList<>();
    if (x == null) {
      out.add(new Balance("row balance x = Z1 + y", true, n, 0, 0, null, List.of()));
      out.add(compare("column balance Z'1 + va = x (x = Z1 + y: no output/ dataset)", l, rowTotal, colTotal, opts));
    } else {
      out.add(compare("row balance x = Z1 + y", l, x, rowTotal, opts));
      out.add(compare("column balance x = Z'1 + va", l, x, colTotal, opts));
    }
    return out;
  }

  private static Balance compare(String check, Layout l, double[] x, double[] sum, Options opts) {
    int n = x.length;
    int failed = 0;
    double maxAbs = 0;
    int maxAt = -1;
    List<Miss> misses = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      double d = x[k] - sum[k];
      double tol = opts.atol() + opts.rtol() * Math.abs(x[k]);
      if (Math.abs(d) > maxAbs || maxAt < 0) {
        maxAbs = Math.abs(d);
        maxAt = k;
      }
      if (Math.abs(d) > tol) {
        failed++;
        misses.add(new Miss(label(l, k), x[k], sum[k], d, tol));
      }
    }
    misses.sort(Comparator.comparingDouble((Miss m) -> -(Math.abs(m.diff()) - m.tolerance())));
    List<Miss> worst = new ArrayList<>(misses.subList(0, Math.min(opts.worst(), misses.size())));
    return new Balance(check, false, n, failed, maxAbs, maxAt < 0 ? null : label(l, maxAt), worst);
  }

  private static String label(Layout l, int k) {
    return l.entities().get(l.entityOfRow(k)) + "_" + l.industries().get(l.industryOfRow(k));
  }

  static void print(Report r, Options opts, PrintStream out) {
    out.printf(Locale.ROOT, "validate %s: tolerance |difference| <= %s + %s * |x|%n", r.input(), fmt(opts.atol()),
        fmt(opts.rtol()));
    if (r.storeError() != null) {
      out.println("store: INVALID: " + r.storeError().getMessage());
      return;
    }
    for (YearReport y : r.years()) {
      if (y.invalid() != null) {
        out.printf(Locale.ROOT, "year %d: INVALID (contract): %s%n", y.year(), y.invalid().getMessage());
        continue;
      }
      StringBuilder sb = new StringBuilder();
      sb.append("year ").append(y.year()).append(": ").append(y.balanced() ? "ok" : opts.failOnImbalance() ? "FAILED" : "WARNING");
      for (Balance b : y.balances()) {
        sb.append("\n  ").append(b.check()).append(": ");
        if (b.skipped()) {
          sb.append("skipped (no output/ dataset: x is the row sums)");
        } else if (b.failed() == 0) {
          sb.append(String.format(Locale.ROOT, "ok (%d cells, max |difference| %s at %s)", b.cells(), fmt(b.maxAbs()), b.maxAt()));
        } else {
          sb.append(String.format(Locale.ROOT, "%d of %d cells outside tolerance; worst:", b.failed(), b.cells()));
          for (Miss m : b.worst()) {
            sb.append(String.format(Locale.ROOT, " %s (x %s, sum %s, difference %s, tolerance %s);", m.label(),
                fmt(m.x()), fmt(m.sum()), fmt(m.diff()), fmt(m.tolerance())));
          }
        }
      }
      out.println(sb);
    }
    out.printf(Locale.ROOT, "summary: %d years checked: %d ok, %d break the input contract, %d outside balance tolerance%s%n",
        r.years().size(), r.years().stream().filter(YearReport::balanced).count(), r.invalidYears(), r.unbalancedYears(),
        r.unbalancedYears() > 0 && !opts.failOnImbalance() ? " (warnings: tiva.validate.fail-on-imbalance = false)" : "");
  }

  private static String fmt(double v) {
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    return a >= 1e-3 && a < 1e9 ? String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+$", "").replaceAll("\\.?0+e", "e")
        : String.format(Locale.ROOT, "%.3e", v);
  }
}
