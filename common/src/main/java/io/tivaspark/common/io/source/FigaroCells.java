package io.tivaspark.common.io.source;

import io.tivaspark.common.io.IcioCsv;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of a FIGARO CSV line: RFC 4180 quoting (codes and numbers never hold a comma, so a
 * quoted line is rewritten to a plain one), a UTF-8 byte-order mark, and numbers parsed without a
 * copy of the cell (an exact fast path for plain decimals, {@link Double#parseDouble} otherwise).
 */
final class FigaroCells {
  private FigaroCells() {}

  /** The line without a leading byte-order mark. */
  static String stripBom(String line) {
    return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
  }

  /**
   * The line with its quotes removed ({@code "DE_A01",1.5} → {@code DE_A01,1.5}), or null when a
   * quoted cell holds a comma (no FIGARO cell does). A line without quotes is returned as is.
   */
  static String plain(String line) {
    if (line.indexOf('"') < 0) {
      return line;
    }
    List<String> cells = split(line);
    for (String c : cells) {
      if (c.indexOf(',') >= 0) {
        return null;
      }
    }
    return String.join(",", cells);
  }

  /** Splits a CSV line with RFC 4180 quoting (no embedded line breaks). */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    int i = 0;
    int len = line.length();
    while (true) {
      sb.setLength(0);
      boolean quoted = i < len && line.charAt(i) == '"';
      if (quoted) {
        i++;
      }
      while (i < len) {
        char ch = line.charAt(i);
        if (quoted && ch == '"') {
          if (i + 1 < len && line.charAt(i + 1) == '"') {
            sb.append('"');
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        if (!quoted && ch == ',') {
          break;
        }
        sb.append(ch);
        i++;
      }
      out.add(sb.toString());
      if (i >= len) {
        return out;
      }
      i++; // the comma
    }
  }

  /** The number of comma-separated cells of a plain line. */
  static int count(String line) {
    int n = 1;
    for (int p = line.indexOf(','); p >= 0; p = line.indexOf(',', p + 1)) {
      n++;
    }
    return n;
  }

  /**
   * The number in {@code s[a, b)} (surrounding blanks allowed), or NaN when the text is not a
   * finite number (empty, text, NaN, infinity, Java-only forms such as {@code 1d} or hex).
   */
  static double number(String s, int a, int b) {
    while (a < b && s.charAt(a) == ' ') {
      a++;
    }
    while (b > a && s.charAt(b - 1) == ' ') {
      b--;
    }
    if (a == b) {
      return Double.NaN;
    }
    return io.tivaspark.common.io.Decimals.parse(s, a, b);
  }

}
