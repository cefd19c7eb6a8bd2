package io.tivaspark.jobs.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Delta tables of a local warehouse (directories holding a {@code _delta_log}) and the ones a
 * query names: a table is resolved only when its name occurs in the query as a word (outside
 * string literals). A superset is harmless (one more view); a table named only inside a string is
 * not a table reference in Spark SQL either.
 */
public final class SqlTables {
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private SqlTables() {}

  /** Every table of the warehouse, sorted. */
  public static List<String> list(Path warehouse) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(warehouse)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (!n.startsWith("_") && !n.startsWith(".") && Files.isDirectory(p.resolve("_delta_log"))) {
          names.add(n);
        }
      }
    }
    names.sort(null);
    return names;
  }

  /** The tables of {@code all} whose names occur as words in {@code sql} (case-insensitive), sorted. */
  public static List<String> named(String sql, List<String> all) {
    Set<String> words = new TreeSet<>();
    Matcher m = WORD.matcher(withoutStrings(sql));
    while (m.find()) {
      words.add(m.group().toLowerCase(Locale.ROOT));
    }
    List<String> out = new ArrayList<>();
    for (String t : all) {
      if (words.contains(t.toLowerCase(Locale.ROOT))) {
        out.add(t);
      }
    }
    return out;
  }

  /** The query with the contents of '...' and "..." literals blanked (backquoted names are kept). */
  static String withoutStrings(String sql) {
    StringBuilder sb = new StringBuilder(sql.length());
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
        sb.append(' ');
      } else if (quote != 0 && c == '\\' && i + 1 < sql.length()) {
        i++;
        sb.append(' ');
      } else if (quote != 0 && c == quote) {
        quote = 0;
        sb.append(' ');
      } else {
        sb.append(quote == 0 ? c : ' ');
      }
    }
    return sb.toString();
  }
}
