package io.tivaspark.jobs.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.tivaspark.jobs.cli.ConfigValues;
import io.tivaspark.jobs.cli.UsageException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The industry aggregates of the configuration (tiva.industry-hierarchy, tiva.industry-hierarchies,
 * tiva.industry-groups; docs/methods.md §17), resolved against a table by {@link #resolve}: the
 * chosen built-in hierarchy, then the user's aggregates on top (the same code replaces a built-in
 * one; a code set to null removes it). Serializable: shipped with the year task.
 *
 * @param hierarchy "auto", "none" or a key of {@code hierarchies}
 * @param hierarchies built-in hierarchy name → aggregate code → member industry codes
 * @param user the user's aggregates (tiva.industry-groups), code → members
 * @param removed codes set to null in tiva.industry-groups
 */
public record IndustryGroupSettings(String hierarchy, LinkedHashMap<String, LinkedHashMap<String, List<String>>> hierarchies,
    LinkedHashMap<String, List<String>> user, Set<String> removed) implements Serializable {

  /** The resolved aggregates of one table, and the INFO notes about built-in ones. */
  public record Resolved(LinkedHashMap<String, List<String>> groups, List<String> notes) {}

  /** Reads and checks the keys that need no table (exit 2 naming the key when wrong). */
  public static IndustryGroupSettings from(Config tiva) {
    String h = ConfigValues.string(tiva, "industry-hierarchy");
    LinkedHashMap<String, LinkedHashMap<String, List<String>>> hs = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : object(tiva, "industry-hierarchies").entrySet()) {
      if (e.getValue().unwrapped() == null) {
        continue;
      }
      LinkedHashMap<String, List<String>> groups = new LinkedHashMap<>();
      codeLists("industry-hierarchies." + e.getKey(), e.getValue(), groups, new LinkedHashSet<>());
      hs.put(e.getKey(), groups);
    }
    if (!h.equals("auto") && !h.equals("none") && !hs.containsKey(h)) {
      throw new UsageException("tiva.industry-hierarchy must be \"auto\", \"none\" or one of " + hs.keySet()
          + ", got \"" + h + "\"");
    }
    LinkedHashMap<String, List<String>> user = new LinkedHashMap<>();
    Set<String> removed = new LinkedHashSet<>();
    if (tiva.hasPathOrNull("industry-groups") && !tiva.getIsNull("industry-groups")) {
      codeLists("industry-groups", tiva.getValue("industry-groups"), user, removed);
    }
    return new IndustryGroupSettings(h, hs, user, Set.copyOf(removed));
  }

  private static ConfigObject object(Config tiva, String key) {
    if (!tiva.hasPath(key) || !(tiva.getValue(key) instanceof ConfigObject o)) {
      throw new UsageException("tiva." + key + " must be an object");
    }
    return o;
  }

  private static void codeLists(String key, ConfigValue value, Map<String, List<String>> out, Set<String> nulls) {
    if (!(value instanceof ConfigObject obj)) {
      throw new UsageException("tiva." + key + " must be an object: CODE = [industry codes]");
    }
    for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
      Object v = e.getValue().unwrapped();
      if (v == null) {
        nulls.add(e.getKey());
      } else if (v instanceof List<?> list) {
        List<String> members = new ArrayList<>();
        list.forEach(m -> members.add(String.valueOf(m)));
        out.put(e.getKey(), List.copyOf(members));
      } else {
        throw new UsageException("tiva." + key + "." + e.getKey() + " must be a list of industry codes");
      }
    }
  }

  /**
   * The aggregates for a table with these industry codes. IllegalArgumentException naming the key
   * when a user aggregate is wrong (empty, a member not in the table, a code that is _T or an
   * industry) or an explicitly chosen hierarchy has no industry in the table.
   */
  public Resolved resolve(List<String> industries) {
    List<String> notes = new ArrayList<>();
    LinkedHashMap<String, List<String>> out = new LinkedHashMap<>();
    String name = chooseHierarchy(industries, notes);
    if (name != null) {
      builtIn(name, industries, out, notes);
    }
    for (String code : removed) {
      out.remove(code);
    }
    user.forEach((code, members) -> {
      checkUser(code, members, industries);
      out.put(code, members);
    });
    return new Resolved(out, notes);
  }

  private String chooseHierarchy(List<String> industries, List<String> notes) {
    if (hierarchy.equals("none")) {
      return null;
    }
    if (!hierarchy.equals("auto")) {
      if (overlap(hierarchies.get(hierarchy), industries) == 0) {
        throw new IllegalArgumentException("tiva.industry-hierarchy = \"" + hierarchy + "\": none of its industries is"
            + " among the table's " + industries.size() + " (" + String.join(", ", industries.subList(0,
            Math.min(5, industries.size()))) + (industries.size() > 5 ? ", ..." : "") + "); choose another or \"auto\"");
      }
      return hierarchy;
    }
    String best = null;
    int bestOverlap = 0;
    for (String h : hierarchies.keySet()) {
      int o = overlap(hierarchies.get(h), industries);
      if (o > bestOverlap) {
        best = h;
        bestOverlap = o;
      }
    }
    notes.add(best == null ? "no built-in industry hierarchy matches the table's industries: no built-in aggregates"
        : "industry hierarchy " + best + " (auto: " + bestOverlap + " of the table's " + industries.size()
            + " industries are among its members)");
    return best;
  }

  private static int overlap(Map<String, List<String>> groups, List<String> industries) {
    Set<String> members = new LinkedHashSet<>();
    groups.values().forEach(members::addAll);
    members.retainAll(industries);
    return members.size();
  }

  private void builtIn(String name, List<String> industries, Map<String, List<String>> out, List<String> notes) {
    for (Map.Entry<String, List<String>> e : hierarchies.get(name).entrySet()) {
      String code = e.getKey();
      List<String> absent = e.getValue().stream().filter(m -> !industries.contains(m)).toList();
      if (code.equals("_T") || industries.contains(code)) {
        notes.add("built-in industry aggregate " + code + " skipped: its code is an industry of the table");
      } else if (absent.size() == e.getValue().size()) {
        notes.add("built-in industry aggregate " + code + " skipped: none of its members is in the table");
      } else {
        if (!absent.isEmpty()) {
          notes.add("built-in industry aggregate " + code + ": " + (e.getValue().size() - absent.size()) + " of "
              + e.getValue().size() + " members in the table (absent: " + String.join(", ", absent) + ")");
        }
        out.put(code, e.getValue());
      }
    }
  }

  private static void checkUser(String code, List<String> members, List<String> industries) {
    String key = "tiva.industry-groups." + code;
    if (code.isBlank() || code.equals("_T")) {
      throw new IllegalArgumentException(key + ": " + (code.isBlank() ? "an aggregate needs a non-empty code"
          : "_T is reserved (all industries)") + "; choose another code");
    }
    if (industries.contains(code)) {
      throw new IllegalArgumentException(key + ": " + code + " is an industry of the table: its rows would collide"
          + " with the aggregate's; choose another code");
    }
    if (members.isEmpty()) {
      throw new IllegalArgumentException(key + " has no members");
    }
    List<String> absent = members.stream().filter(m -> !industries.contains(m)).distinct().toList();
    if (!absent.isEmpty()) {
      throw new IllegalArgumentException(key + ": " + (absent.size() == 1 ? "member " : "members ")
          + String.join(", ", absent) + " not among the table's " + industries.size() + " industries");
    }
  }
}
