package io.tivaspark.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line: {@code COMMAND [--option VALUE | --flag]... [POSITIONAL]...}.
 * Options are checked against what the command declares; anything else is a usage error.
 */
public final class Args {
  private final String command;
  private final Map<String, List<String>> options;
  private final List<String> positional;

  private Args(String command, Map<String, List<String>> options, List<String> positional) {
    this.command = command;
    this.options = options;
    this.positional = positional;
  }

  /**
   * @param valued options that take a value (e.g. "input"); repeatable, and for "in" every
   *     following non-option word is a value too
   * @param flags options without a value (e.g. "show-config")
   */
  public static Args parse(String command, List<String> words, Set<String> valued, Set<String> flags) {
    Map<String, List<String>> opts = new LinkedHashMap<>();
    List<String> pos = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.startsWith("--") && w.length() > 2) {
        String name = w.substring(2);
        String inline = null;
        int eq = name.indexOf('=');
        if (eq > 0) {
          inline = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (flags.contains(name)) {
          if (inline != null) {
            throw new UsageException(command + ": option --" + name + " takes no value");
          }
          opts.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
        } else if (valued.contains(name)) {
          List<String> vals = opts.computeIfAbsent(name, k -> new ArrayList<>());
          if (inline != null) {
            vals.add(inline);
          } else {
            if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
              throw new UsageException(command + ": option --" + name + " needs a value");
            }
            vals.add(words.get(++i));
            if (name.equals("in")) {
              while (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
                vals.add(words.get(++i));
              }
            }
          }
        } else {
          throw new UsageException(command + ": unknown option --" + name
              + " (see bin/tiva help)");
        }
      } else {
        pos.add(w);
      }
    }
    return new Args(command, opts, pos);
  }

  public String command() { return command; }

  public boolean has(String name) { return options.containsKey(name); }

  public String get(String name) {
    List<String> v = options.get(name);
    if (v == null) {
      return null;
    }
    if (v.size() > 1 && !name.equals("in")) {
      throw new UsageException(command + ": option --" + name + " given more than once");
    }
    return v.get(0);
  }

  public List<String> getAll(String name) { return options.getOrDefault(name, List.of()); }

  public String require(String name) {
    String v = get(name);
    if (v == null || v.isBlank()) {
      throw new UsageException(command + ": missing required option --" + name);
    }
    return v;
  }

  public List<String> positional() { return positional; }

  /** Parses an integer option, naming the option in the error. */
  public int intOption(String name, int dflt) {
    String v = get(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
    }
  }

  /** Parses one year YYYY (1950-2100, the plausible years of a table), naming the option in the error. */
  public static int year(String command, String option, String v) {
    try {
      int y = Integer.parseInt(v.trim());
      if (y >= io.tivaspark.common.io.TableNames.MIN_YEAR && y <= io.tivaspark.common.io.TableNames.MAX_YEAR) {
        return y;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new UsageException(command + ": --" + option + " must be a year YYYY between "
        + io.tivaspark.common.io.TableNames.MIN_YEAR + " and " + io.tivaspark.common.io.TableNames.MAX_YEAR
        + ", got '" + v + "'");
  }

  /** Parses a year range A-B (or a single year A) into {first, last}. */
  public static int[] years(String command, String option, String v) {
    String s = v.trim();
    try {
      int dash = s.indexOf('-');
      int a;
      int b;
      if (dash < 0) {
        a = b = Integer.parseInt(s);
      } else {
        a = Integer.parseInt(s.substring(0, dash).trim());
        b = Integer.parseInt(s.substring(dash + 1).trim());
      }
      if (a > b || a < 1000 || b > 9999) {
        throw new NumberFormatException();
      }
      return new int[] {a, b};
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + option + " must be a year range like 1995-2020, got '" + v + "'");
    }
  }
}
