package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labels of one Eora26 year (docs/sources/eora26.md §2): {@code labels_T.txt} (country name,
 * country code, entity type, sector: one line per row and column of T), {@code labels_FD.txt}
 * (country name, code, "Final Demand", category: one line per column of FD), {@code labels_VA.txt}
 * (one line per primary input) and {@code labels_Q.txt} (stressor "name (unit)" and its source:
 * one line per satellite row). Lines whose country code is {@code ROW} are Eora's statistical
 * discrepancy ({@link EoraTable} moves or drops them); every other country has the same sectors and
 * the same final-demand categories, in the same order. Codes for the store: the country code as
 * published (it must be safe), the sector label made safe ({@link #safe}), the OECD category code
 * where the label says which ({@link #categoryCode}), the SNA code at the end of a primary-input
 * label ({@link #componentCode}).
 */
final class EoraLabels {
  /** Eora's code of the statistical discrepancy rows and columns. */
  static final String ROW = "ROW";
  /** Store code of the final-demand category and value-added component the ROW cells move to. */
  static final String DISC = "DISC";

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern UNSAFE_RUN = Pattern.compile("[^A-Za-z0-9_.-]+");
  private static final Pattern SNA_CODE = Pattern.compile(".*\\s([A-Z]\\.\\d+[a-z]?)");
  private static final Pattern UNIT = Pattern.compile("(.*?)\\s*\\(([^()]*)\\)\\s*");

  final List<String> countries = new ArrayList<>();
  final Map<String, String> countryNames = new LinkedHashMap<>();
  final List<String> industries = new ArrayList<>();
  final Map<String, String> industryNames = new LinkedHashMap<>();
  final List<String> categories = new ArrayList<>();
  final Map<String, String> categoryNames = new LinkedHashMap<>();
  final List<String> components = new ArrayList<>();
  final Map<String, String> componentNames = new LinkedHashMap<>();
  final List<String> stressors = new ArrayList<>();
  final List<String> units = new ArrayList<>();
  /** labels_T line → store row (entity × N + industry), −1 for a ROW line. */
  int[] tRow;
  /** labels_FD line → store final-demand column (country × F + category), −1 for a ROW line. */
  int[] fdCol;
  /** How errors name a T row/column, an FD column, a VA row, a Q row: "reg1 food". */
  String[] tName;
  String[] fdName;
  String[] vaName;
  String[] qName;

  /** Labels of T, FD, VA and (when the year has satellite accounts) Q; q may be null. */
  static EoraLabels of(EoraText.Lines t, EoraText.Lines fd, EoraText.Lines va, EoraText.Lines q) {
    EoraLabels l = new EoraLabels();
    l.readT(t);
    l.readFd(fd);
    l.readVa(va);
    if (q != null) {
      l.readQ(q);
    }
    return l;
  }

  int n() {
    return countries.size() * industries.size();
  }

  boolean tHasRow() {
    for (int r : tRow) {
      if (r < 0) {
        return true;
      }
    }
    return false;
  }

  private void readT(EoraText.Lines in) {
    int lines = in.size();
    tRow = new int[lines];
    tName = new String[lines];
    int[] country = new int[lines];
    int[] pos = new int[lines];
    Map<String, Integer> seen = new HashMap<>();
    List<String> sectors = new ArrayList<>();
    int cur = -1;
    int p = 0;
    for (int l = 0; l < lines; l++) {
      String[] f = in.fields(l, 4, "country name, country code, entity type, sector");
      String code = f[1];
      tName[l] = code + " " + f[3];
      if (code.equals(ROW)) {
        closeBlock(in, l, cur, p, sectors.size());
        cur = -1;
        country[l] = -1;
        continue;
      }
      if (cur < 0 || !countries.get(cur).equals(code)) {
        closeBlock(in, l, cur, p, sectors.size());
        cur = newCountry(in, l, code, f[0], seen);
        p = 0;
      }
      if (cur == 0) {
        sectors.add(f[3]);
      } else if (p >= sectors.size() || !sectors.get(p).equals(f[3])) {
        throw in.error(l, "sector '" + f[3] + "' of " + code + " where "
            + (p >= sectors.size() ? "no more sectors" : "'" + sectors.get(p) + "'")
            + " was expected: every country has the sectors of " + countries.get(0)
            + " in the same order (a label block shifted?)");
      }
      country[l] = cur;
      pos[l] = p++;
    }
    closeBlock(in, lines, cur, p, sectors.size());
    if (countries.isEmpty()) {
      throw in.error(0, "no country (only ROW lines)");
    }
    industryCodes(in, sectors);
    for (int l = 0; l < lines; l++) {
      tRow[l] = country[l] < 0 ? -1 : country[l] * sectors.size() + pos[l];
    }
  }

  private void closeBlock(EoraText.Lines in, int line, int cur, int count, int expected) {
    if (cur > 0 && count != expected) {
      throw in.error(line - 1, countries.get(cur) + " has " + count + " sectors, " + countries.get(0) + " has "
          + expected + ": every country needs the same sectors (a label block shifted?)");
    }
  }

  private int newCountry(EoraText.Lines in, int l, String code, String name, Map<String, Integer> seen) {
    if (!SAFE.matcher(code).matches()) {
      throw in.error(l, "country code '" + code + "' is not a code (letters, digits, _ - . only)");
    }
    Integer prev = seen.put(code, countries.size());
    if (prev != null) {
      throw in.error(l, "country " + code + " appears in two separate blocks (a label block shifted?)");
    }
    countries.add(code);
    countryNames.put(code, name);
    return countries.size() - 1;
  }

  private void industryCodes(EoraText.Lines in, List<String> sectors) {
    for (String s : sectors) {
      String code = safe(s);
      if (code.isEmpty() || industryNames.containsKey(code)) {
        throw in.error(0, "sector '" + s + "' gives " + (code.isEmpty() ? "an empty code" : "the code " + code
            + " of sector '" + industryNames.get(code) + "' too"));
      }
      industries.add(code);
      industryNames.put(code, s);
    }
  }

  private void readFd(EoraText.Lines in) {
    int lines = in.size();
    fdCol = new int[lines];
    fdName = new String[lines];
    int[] country = new int[lines];
    int[] pos = new int[lines];
    List<String> cats = new ArrayList<>();
    Map<String, Integer> blocks = new HashMap<>();
    boolean row = tHasRow();
    int first = -1;
    int cur = -2;
    int p = 0;
    for (int l = 0; l < lines; l++) {
      String[] f = in.fields(l, 4, "country name, country code, \"Final Demand\", category");
      fdName[l] = f[1] + " " + f[3];
      if (f[1].equals(ROW)) {
        row = true;
        country[l] = -1;
        cur = -2;
        continue;
      }
      int c = countries.indexOf(f[1]);
      if (c < 0) {
        throw in.error(l, "country " + f[1] + " is not a country of labels_T.txt");
      }
      if (c != cur) {
        checkFdBlock(in, l, cur, p, cats.size(), first);
        if (blocks.put(f[1], l) != null) {
          throw in.error(l, "country " + f[1] + " appears in two separate blocks (a label block shifted?)");
        }
        first = first < 0 ? c : first;
        cur = c;
        p = 0;
      }
      if (c == first) {
        cats.add(f[3]);
      } else if (p >= cats.size() || !cats.get(p).equals(f[3])) {
        throw in.error(l, "category '" + f[3] + "' of " + f[1] + " where "
            + (p >= cats.size() ? "no more categories" : "'" + cats.get(p) + "'")
            + " was expected: every country has the categories of " + countries.get(first)
            + " in the same order (a label block shifted?)");
      }
      country[l] = c;
      pos[l] = p++;
    }
    checkFdBlock(in, lines, cur, p, cats.size(), first);
    for (String c : countries) {
      if (!blocks.containsKey(c)) {
        throw in.error(lines - 1, "country " + c + " of labels_T.txt has no final-demand columns");
      }
    }
    categoryCodes(in, cats, row);
    int fp = categories.size();
    for (int l = 0; l < lines; l++) {
      fdCol[l] = country[l] < 0 ? -1 : country[l] * fp + pos[l];
    }
  }

  private void checkFdBlock(EoraText.Lines in, int line, int cur, int count, int expected, int first) {
    if (cur >= 0 && cur != first && count != expected) {
      throw in.error(line - 1, countries.get(cur) + " has " + count + " final-demand categories, "
          + countries.get(first) + " has " + expected + " (a label block shifted?)");
    }
  }

  private void categoryCodes(EoraText.Lines in, List<String> cats, boolean disc) {
    for (String c : cats) {
      putCode(in, categoryCode(c), c, categories, categoryNames, "category");
    }
    if (disc) {
      putCode(in, DISC, "statistical discrepancy (Eora's ROW columns of T and FD)", categories, categoryNames,
          "category");
    }
  }

  private void readVa(EoraText.Lines in) {
    vaName = new String[in.size()];
    for (int l = 0; l < in.size(); l++) {
      String[] f = in.fields(l, 1, "primary-input label");
      String label = f.length >= 2 && !f[1].isEmpty() ? f[1] : f[0];
      vaName[l] = label;
      putCode(in, componentCode(label), label, components, componentNames, "primary input");
    }
    if (tHasRow()) {
      putCode(in, DISC, "statistical discrepancy (Eora's ROW row of T)", components, componentNames,
          "primary input");
    }
  }

  private void readQ(EoraText.Lines in) {
    qName = new String[in.size()];
    Map<String, Integer> seen = new HashMap<>();
    for (int l = 0; l < in.size(); l++) {
      String[] f = in.fields(l, 1, "stressor (unit), source");
      Matcher m = UNIT.matcher(f[0]);
      String name = m.matches() ? m.group(1) : f[0];
      String unit = m.matches() && !m.group(2).isBlank() ? m.group(2).strip() : "unspecified";
      String code = f.length >= 2 && !f[1].isEmpty() ? name + " | " + f[1] : name;
      if (seen.put(code, l) != null) {
        throw in.error(l, "stressor '" + code + "' appears twice (also line " + (seen.get(code) + 1) + ")");
      }
      qName[l] = code;
      stressors.add(code);
      units.add(unit);
    }
  }

  private static void putCode(EoraText.Lines in, String code, String label, List<String> codes,
      Map<String, String> names, String what) {
    if (code.isEmpty() || names.containsKey(code)) {
      throw in.error(0, what + " '" + label + "' gives " + (code.isEmpty() ? "an empty code" : "the code " + code
          + " of '" + names.get(code) + "' too"));
    }
    codes.add(code);
    names.put(code, label);
  }

  /** A label as a store code: every run of characters other than letters, digits, _ - . becomes one _. */
  static String safe(String label) {
    String s = UNSAFE_RUN.matcher(label.strip()).replaceAll("_");
    return s.replaceAll("^_+|_+$", "");
  }

  /**
   * The store code of a final-demand category: the OECD code where the label names it
   * (NPISH, HFCE, GGFC, GFCF, INVNT, and VALUABLES for acquisitions less disposals of valuables,
   * which OECD's INVNT includes), else the label made safe.
   */
  static String categoryCode(String label) {
    String l = label.toLowerCase(Locale.ROOT);
    if (l.contains("non-profit") || l.contains("nonprofit") || l.contains("npish")) {
      return "NPISH";
    } else if (l.contains("household")) {
      return "HFCE";
    } else if (l.contains("government")) {
      return "GGFC";
    } else if (l.contains("fixed capital")) {
      return "GFCF";
    } else if (l.contains("inventor")) {
      return "INVNT";
    } else if (l.contains("valuables")) {
      return "VALUABLES";
    }
    return safe(label);
  }

  /** The store code of a primary input: the SNA code ending its label (D.1, B.2n, K.1), else the label made safe. */
  static String componentCode(String label) {
    Matcher m = SNA_CODE.matcher(label.strip());
    return m.matches() ? m.group(1) : safe(label);
  }
}
