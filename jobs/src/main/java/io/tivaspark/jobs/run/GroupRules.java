package io.tivaspark.jobs.run;

import io.tivaspark.common.model.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks tiva.groups against one table's layout before anything runs. A group code must not be
 * WLD (world totals), _T (totals) or a country or entity of the table: its rows would collide with
 * theirs. A built-in group left unchanged may name countries the table lacks (ICIO groups on a
 * smaller table): they are noted, and a built-in group with no member present is skipped. A group
 * the user defined or changed must name only reporting countries of the table (or "*").
 */
final class GroupRules {
  static final Set<String> RESERVED = Set.of("WLD", "_T");

  private GroupRules() {}

  /**
   * Throws IllegalArgumentException naming tiva.groups.CODE and why; returns the notes for INFO
   * lines (absent members of built-in groups, skipped built-in groups).
   */
  static List<String> check(Map<String, List<String>> groups, Set<String> builtIn, Layout layout) {
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, List<String>> g : groups.entrySet()) {
      String code = g.getKey();
      checkCode(code, layout);
      List<String> members = g.getValue();
      if (members.isEmpty()) {
        throw new IllegalArgumentException("tiva.groups." + code + " has no members");
      }
      if (members.contains("*")) {
        continue;
      }
      List<String> absent = members.stream().filter(m -> layout.countryIndex(m) < 0).distinct().toList();
      if (absent.isEmpty()) {
        continue;
      }
      if (!builtIn.contains(code)) {
        throw new IllegalArgumentException("tiva.groups." + code + ": " + describe(absent, layout)
            + (absent.size() == members.size() ? " (no member is in the table)" : "")
            + "; a group you define or change must list only countries of the table");
      }
      notes.add(absent.size() == members.size()
          ? "built-in group " + code + " skipped: none of its " + members.size() + " members is in the table"
          : "built-in group " + code + ": " + (members.size() - absent.size()) + " of " + members.size()
              + " members in the table (absent: " + String.join(", ", absent) + ")");
    }
    return notes;
  }

  private static void checkCode(String code, Layout layout) {
    String why = null;
    if (code.isBlank()) {
      why = "a group needs a non-empty code";
    } else if (RESERVED.contains(code)) {
      why = code + " is reserved (" + (code.equals("WLD") ? "world totals" : "totals") + ")";
    } else if (layout.countryIndex(code) >= 0) {
      why = code + " is a country of the table: its rows would collide with the group's";
    } else if (layout.entityIndex(code) >= 0) {
      why = code + " is an entity of the table (part of " + owner(code, layout)
          + "): its rows would collide with the group's";
    }
    if (why != null) {
      throw new IllegalArgumentException("tiva.groups." + code + ": " + why + "; choose another group code");
    }
  }

  private static String describe(List<String> absent, Layout layout) {
    List<String> parts = new ArrayList<>();
    for (String m : absent) {
      parts.add(layout.entityIndex(m) >= 0 ? m + " (an entity of " + owner(m, layout) + "; groups take reporting countries)" : m);
    }
    return (absent.size() == 1 ? "member " : "members ") + String.join(", ", parts) + " not among the table's "
        + layout.countryCount() + " countries";
  }

  private static String owner(String entity, Layout layout) {
    return layout.countries().get(layout.countryOfEntity(layout.entityIndex(entity)));
  }
}
