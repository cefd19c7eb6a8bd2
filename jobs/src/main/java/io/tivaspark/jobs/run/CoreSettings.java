package io.tivaspark.jobs.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.tivaspark.common.math.TivaOptions;
import io.tivaspark.common.model.Layout;
import io.tivaspark.jobs.cli.ConfigValues;
import io.tivaspark.jobs.cli.Settings;
import io.tivaspark.jobs.cli.UsageException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serializable part of the configuration a year task needs (tiva.run.* and tiva.groups),
 * shipped with the task and turned into {@link TivaOptions} there.
 *
 * @param builtInGroups the groups of {@code groups} that are built-in defaults left unchanged
 *     (they may name countries a table lacks; see {@link GroupRules})
 * @param industryGroups the industry aggregates (tiva.industry-*), resolved per table
 */
public record CoreSettings(String outputMode, String unit, double algebraTolerance, double balanceAtol,
    double balanceRtol, LinkedHashMap<String, List<String>> groups, String zeroOutputVa,
    List<String> serviceIndustries, List<String> consumptionCategories, List<String> gfcfCategories,
    String wwzThirdCountry, List<String> builtInGroups, IndustryGroupSettings industryGroups,
    String vaOriginImports, boolean vaFinalDemandProduct, String exportsDestination) implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(CoreSettings.class);

  public static CoreSettings from(Config tiva) {
    String mode = ConfigValues.string(tiva, "run.output-mode");
    if (!mode.equals("row-sums") && !mode.equals("published")) {
      throw new UsageException("tiva.run.output-mode must be \"row-sums\" or \"published\", got \"" + mode + "\"");
    }
    LinkedHashMap<String, List<String>> groups = groups(tiva);
    Map<String, List<String>> defaults = groups(Settings.defaultTiva());
    List<String> builtIn = groups.keySet().stream()
        .filter(g -> groups.get(g).equals(defaults.get(g))).sorted().toList();
    double tol = ConfigValues.number(tiva, "run.algebra-tolerance");
    if (!(tol > 0 && tol < 1)) {
      throw new UsageException("tiva.run.algebra-tolerance must be in (0, 1), got " + tol);
    }
    double atol = ConfigValues.number(tiva, "balance-atol");
    double rtol = ConfigValues.number(tiva, "balance-rtol");
    if (!(atol >= 0) || !(rtol >= 0)) {
      throw new UsageException("tiva.balance-atol and tiva.balance-rtol must be >= 0, got " + atol + ", " + rtol);
    }
    String zeroVa = ConfigValues.string(tiva, "run.zero-output-va");
    if (!zeroVa.equals("residual") && !zeroVa.equals("zero")) {
      throw new UsageException("tiva.run.zero-output-va must be \"residual\" or \"zero\", got \"" + zeroVa + "\"");
    }
    String third = ConfigValues.string(tiva, "run.wwz-third-country");
    if (!third.equals("off") && !third.equals("country") && !third.equals("industry")) {
      throw new UsageException("tiva.run.wwz-third-country must be \"off\", \"country\" or \"industry\", got \""
          + third + "\"");
    }
    return new CoreSettings(mode, ConfigValues.string(tiva, "run.unit"), tol, atol, rtol, groups, zeroVa,
        List.copyOf(ConfigValues.stringList(tiva, "run.service-industries")),
        List.copyOf(ConfigValues.stringList(tiva, "run.consumption-categories")),
        List.copyOf(ConfigValues.stringList(tiva, "run.gfcf-categories")), third, builtIn,
        IndustryGroupSettings.from(tiva), vaOriginImports(tiva), ConfigValues.bool(tiva, "run.va-final-demand-product"),
        exportsDestination(tiva));
  }

  /** tiva.run.va-origin-imports: "country", "industry" or "off". */
  private static String vaOriginImports(Config tiva) {
    String d = ConfigValues.string(tiva, "run.va-origin-imports");
    if (!d.equals("off") && !d.equals("country") && !d.equals("industry")) {
      throw new UsageException("tiva.run.va-origin-imports must be \"country\", \"industry\" or \"off\", got \""
          + d + "\"");
    }
    return d;
  }

  /** tiva.run.exports-destination: "country", "industry" or "off". */
  private static String exportsDestination(Config tiva) {
    String d = ConfigValues.string(tiva, "run.exports-destination");
    if (!d.equals("off") && !d.equals("country") && !d.equals("industry")) {
      throw new UsageException("tiva.run.exports-destination must be \"off\", \"country\" or \"industry\", got \""
          + d + "\"");
    }
    return d;
  }

  /** tiva.groups: code to members; a group set to null is removed. */
  static LinkedHashMap<String, List<String>> groups(Config tiva) {
    LinkedHashMap<String, List<String>> groups = new LinkedHashMap<>();
    if (!tiva.hasPathOrNull("groups")) {
      return groups;
    }
    if (tiva.getIsNull("groups") || !(tiva.getValue("groups") instanceof ConfigObject obj)) {
      throw new UsageException("tiva.groups must be an object: GROUP = [country codes]");
    }
    for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
      Object v = e.getValue().unwrapped();
      if (v == null) {
        continue;
      }
      if (!(v instanceof List<?> list)) {
        throw new UsageException("tiva.groups." + e.getKey() + " must be a list of country codes");
      }
      List<String> members = new ArrayList<>();
      list.forEach(m -> members.add(String.valueOf(m)));
      groups.put(e.getKey(), List.copyOf(members));
    }
    return groups;
  }

  /**
   * Checks the groups against a table (IllegalArgumentException naming tiva.groups.CODE when one
   * is wrong); the notes on built-in groups are logged at INFO when {@code log}.
   */
  private List<String> validateGroups(Layout layout, boolean log) {
    List<String> notes = GroupRules.check(groups, Set.copyOf(builtInGroups), layout);
    if (log) {
      notes.forEach(n -> LOG.info("groups: {}", n));
    }
    return notes;
  }

  /**
   * The industry aggregates of a table (IllegalArgumentException naming the key when the
   * configuration is wrong for it); the notes are logged at INFO when {@code log}.
   */
  private LinkedHashMap<String, List<String>> industryAggregates(Layout layout, boolean log) {
    IndustryGroupSettings.Resolved r = industryGroups.resolve(layout.industries());
    if (log) {
      r.notes().forEach(n -> LOG.info("industry aggregates: {}", n));
    }
    return r.groups();
  }

  /**
   * Options for one table (groups and industry aggregates checked first): "*" in a group means
   * every country of that table. The notes on both are logged on the driver, not in a task.
   */
  public TivaOptions options(Layout layout, String moneyUnit) {
    return options(layout, moneyUnit, org.apache.spark.TaskContext.get() == null);
  }

  /** {@link #options(Layout, String)}, its notes logged only when {@code log} (not for {@link RunWarmUp}'s table). */
  TivaOptions options(Layout layout, String moneyUnit, boolean log) {
    validateGroups(layout, log);
    LinkedHashMap<String, List<String>> industryAggregates = industryAggregates(layout, log);
    Map<String, List<String>> g = new LinkedHashMap<>();
    groups.forEach((k, v) -> g.put(k, v.contains("*") ? layout.countries() : v));
    return TivaOptions.builder()
        .outputMode(outputMode.equals("published") ? TivaOptions.OutputMode.PUBLISHED : TivaOptions.OutputMode.ROW_SUMS)
        .groups(g)
        .industryGroups(industryAggregates)
        .algebraTolerance(algebraTolerance)
        .balanceTolerance(balanceAtol, balanceRtol)
        .moneyUnit(moneyUnit)
        .peerZeroOutputVa(zeroOutputVa.equals("zero"))
        .serviceIndustries(new java.util.HashSet<>(serviceIndustries))
        .consumptionCategories(new java.util.HashSet<>(consumptionCategories))
        .gfcfCategories(new java.util.HashSet<>(gfcfCategories))
        .wwzThirdCountry(TivaOptions.ThirdCountry.valueOf(wwzThirdCountry.toUpperCase(java.util.Locale.ROOT)))
        .vaOriginImports(TivaOptions.ImportsOriginDetail.valueOf(vaOriginImports.toUpperCase(java.util.Locale.ROOT)))
        .writeVaFinalDemandProduct(vaFinalDemandProduct)
        .exportsDestination(TivaOptions.DestinationDetail.valueOf(exportsDestination.toUpperCase(java.util.Locale.ROOT)))
        .build();
  }
}
