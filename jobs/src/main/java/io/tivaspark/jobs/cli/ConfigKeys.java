package io.tivaspark.jobs.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds keys under {@code tiva} that the defaults do not know (a misspelled key is otherwise
 * silently ignored) and names the nearest known key. Open maps accept any key: tiva.groups.*,
 * tiva.industry-groups.*, tiva.industry-hierarchies.* and tiva.spark.conf.*.
 */
public final class ConfigKeys {
  static final List<String> OPEN_MAPS = List.of("groups", "industry-groups", "industry-hierarchies", "spark.conf");

  private ConfigKeys() {}

  /**
   * One message per unknown key of {@code given} (e.g. the --conf file or the CONFIG_FORCE_ env
   * overrides), in key order: "unknown key tiva.run.fail-on-chek (did you mean tiva.run.fail-on-check?)".
   *
   * @param defaults the whole defaults configuration (with its tiva object)
   * @param given a whole configuration whose tiva keys are checked (unresolved is fine)
   * @param origin where the keys come from, e.g. "--conf app.conf"
   */
  public static List<String> unknown(Config defaults, Config given, String origin) {
    List<String> out = new ArrayList<>();
    Set<String> known = leafKeys(defaults.root().get("tiva"));
    for (String key : leafKeys(given.root().get("tiva"))) {
      if (known.contains(key) || isOpen(key)) {
        continue;
      }
      String near = nearest(key, known);
      out.add("configuration: unknown key tiva." + key + " in " + origin
          + (near == null ? "" : " (did you mean tiva." + near + "?)"));
    }
    return out;
  }

  private static boolean isOpen(String key) {
    return OPEN_MAPS.stream().anyMatch(m -> key.startsWith(m + "."));
  }

  /**
   * Every leaf path under {@code tiva} (e.g. run.fail-on-check, spark.conf."spark.ui.enabled"),
   * walking the unresolved tree: ${?ENV} substitutions need not be resolved.
   */
  static Set<String> leafKeys(ConfigValue tiva) {
    Set<String> keys = new TreeSet<>();
    if (tiva instanceof ConfigObject o) {
      walk(o, new ArrayList<>(), keys);
    }
    return keys;
  }

  private static void walk(ConfigObject o, List<String> path, Set<String> keys) {
    for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
      path.add(e.getKey());
      if (e.getValue() instanceof ConfigObject child) {
        walk(child, path, keys); // an empty object sets nothing
      } else {
        keys.add(ConfigUtil.joinPath(path));
      }
      path.remove(path.size() - 1);
    }
  }

  /** The known key closest to {@code key} by edit distance, or null if none is reasonably close. */
  static String nearest(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      if (isOpen(k)) {
        continue;
      }
      int d = levenshtein(key, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(3, key.length() / 3) ? best : null;
  }

  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
