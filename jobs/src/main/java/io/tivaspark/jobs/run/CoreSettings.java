package io.tivaspark.jobs.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.tivaspark.common.math.TivaOptions;
import io.tivaspark.common.model.Layout;
import io.tivaspark.jobs.cli.UsageException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The serializable part of the configuration a year task needs (tiva.run.* and tiva.groups),
 * shipped with the task and turned into {@link TivaOptions} there.
 */
public record CoreSettings(String outputMode, String unit, double algebraTolerance, double balanceAtol,
    double balanceRtol, LinkedHashMap<String, List<String>> groups, String zeroOutputVa,
    List<String> serviceIndustries, List<String> consumptionCategories, List<String> gfcfCategories,
    String wwzThirdCountry) implements Serializable {

  public static CoreSettings from(Config tiva) {
    Config run = tiva.getConfig("run");
    String mode = run.getString("output-mode");
    if (!mode.equals("row-sums") && !mode.equals("published")) {
      throw new UsageException("tiva.run.output-mode must be \"row-sums\" or \"published\", got \"" + mode + "\"");
    }
    LinkedHashMap<String, List<String>> groups = new LinkedHashMap<>();
    if (tiva.hasPath("groups")) {
      for (Map.Entry<String, ConfigValue> e : tiva.getConfig("groups").root().entrySet()) {
        Object v = e.getValue().unwrapped();
        if (!(v instanceof List<?> list)) {
          throw new UsageException("tiva.groups." + e.getKey() + " must be a list of country codes");
        }
        List<String> members = new ArrayList<>();
        list.forEach(m -> members.add(String.valueOf(m)));
        groups.put(e.getKey(), members);
      }
    }
    double tol = run.getDouble("algebra-tolerance");
    if (!(tol > 0 && tol < 1)) {
      throw new UsageException("tiva.run.algebra-tolerance must be in (0, 1), got " + tol);
    }
    String zeroVa = run.getString("zero-output-va");
    if (!zeroVa.equals("residual") && !zeroVa.equals("zero")) {
      throw new UsageException("tiva.run.zero-output-va must be \"residual\" or \"zero\", got \"" + zeroVa + "\"");
    }
    String third = run.getString("wwz-third-country");
    if (!third.equals("off") && !third.equals("country") && !third.equals("industry")) {
      throw new UsageException("tiva.run.wwz-third-country must be \"off\", \"country\" or \"industry\", got \""
          + third + "\"");
    }
    return new CoreSettings(mode, run.getString("unit"), tol, run.getDouble("balance-atol"),
        run.getDouble("balance-rtol"), groups, zeroVa, List.copyOf(run.getStringList("service-industries")),
        List.copyOf(run.getStringList("consumption-categories")), List.copyOf(run.getStringList("gfcf-categories")),
        third);
  }

  /** Options for one table: "*" in a group means every country of that table. */
  public TivaOptions options(Layout layout, String moneyUnit) {
    Map<String, List<String>> g = new LinkedHashMap<>();
    groups.forEach((k, v) -> g.put(k, v.contains("*") ? layout.countries() : v));
    return TivaOptions.builder()
        .outputMode(outputMode.equals("published") ? TivaOptions.OutputMode.PUBLISHED : TivaOptions.OutputMode.ROW_SUMS)
        .groups(g)
        .algebraTolerance(algebraTolerance)
        .balanceTolerance(balanceAtol, balanceRtol)
        .moneyUnit(moneyUnit)
        .peerZeroOutputVa(zeroOutputVa.equals("zero"))
        .serviceIndustries(new java.util.HashSet<>(serviceIndustries))
        .consumptionCategories(new java.util.HashSet<>(consumptionCategories))
        .gfcfCategories(new java.util.HashSet<>(gfcfCategories))
        .wwzThirdCountry(TivaOptions.ThirdCountry.valueOf(wwzThirdCountry.toUpperCase(java.util.Locale.ROOT)))
        .build();
  }
}
