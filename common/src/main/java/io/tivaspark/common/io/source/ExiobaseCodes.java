package io.tivaspark.common.io.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The store's codes for EXIOBASE 3's labels (docs/sources/exiobase3.md, "Codes").
 *
 * <ul>
 *   <li>Regions: ISO 3166-1 alpha-3 ({@code AT} → {@code AUT}, {@code GB} → {@code GBR}), the codes of
 *       the OECD tables and of the built-in country groups; EXIOBASE's five rest-of-world regions
 *       {@code WA WE WF WL WM} → {@code WWA WWE WWF WWL WWM}. The three-letter labels of some 3.4
 *       files ({@code AUS}, {@code WWF}, {@code ROM}) map to the same codes ({@code ROM} → {@code ROU}).
 *   <li>Sectors: by position, {@code P001}…{@code P200} (products, pxp) or {@code I001}…{@code I163}
 *       (industries, ixi): EXIOBASE's own sector numbers; the names are kept.
 *   <li>Final-demand categories: the OECD ICIO codes where one fits (so CONS_VA, GFCF_VA work as for
 *       ICIO): HFCE, NPISH, GGFC, GFCF, INVNT, plus VALUABLES and EXPORTS.
 *   <li>Value-added rows (factor inputs): short codes, {@link #valueAdded}.
 * </ul>
 */
final class ExiobaseCodes {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Map<String, String> ROW_REGIONS = Map.of(
      "WA", "Rest of World Asia and Pacific", "WE", "Rest of World Europe", "WF", "Rest of World Africa",
      "WL", "Rest of World America", "WM", "Rest of World Middle East");
  private static final Map<String, String> ISO3_TO_2 = iso3To2();

  /** Final-demand categories: name prefix (lower case) → code, in EXIOBASE's order. */
  static final Map<String, String> CATEGORIES = ordered(
      "final consumption expenditure by households", "HFCE",
      "final consumption expenditure by non-profit", "NPISH",
      "final consumption expenditure by government", "GGFC",
      "gross fixed capital formation", "GFCF",
      "changes in inventories", "INVNT",
      "changes in valuables", "VALUABLES",
      "export", "EXPORTS");

  /** Value-added rows (factor inputs): name prefix (lower case) → component code. */
  static final Map<String, String> VALUE_ADDED = ordered(
      "taxes less subsidies on products purchased", "TLS",
      "taxes on products purchased", "TXP",
      "subsidies on products purchased", "SBP",
      "other net taxes on production", "OTXS",
      "compensation of employees", "COMP",
      "operating surplus: consumption of fixed capital", "OS_CFC",
      "operating surplus: rents on land", "OS_RENT",
      "operating surplus: royalties on resources", "OS_ROY",
      "operating surplus: remaining net operating surplus", "OS_NOS",
      "operating surplus", "OS");

  private static final Map<String, String> SKILLS = ordered(
      "low-skilled", "_LS", "medium-skilled", "_MS", "high-skilled", "_HS");

  private ExiobaseCodes() {}

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Map<String, String> iso3To2() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String iso2 : Locale.getISOCountries()) {
      m.put(new Locale("", iso2).getISO3Country(), iso2);
    }
    m.put("ROM", "RO");
    return m;
  }

  /** The store's code of a region label: alpha-3 for a country, WWx for a rest-of-world region. */
  static String region(String label) {
    String l = label.strip().toUpperCase(Locale.ROOT);
    if (ROW_REGIONS.containsKey(l)) {
      return "W" + l;
    }
    if (l.length() == 3 && l.startsWith("WW") && ROW_REGIONS.containsKey(l.substring(1))) {
      return l;
    }
    if (l.length() == 2) {
      try {
        String iso3 = new Locale("", l).getISO3Country();
        if (!iso3.isEmpty()) {
          return iso3;
        }
      } catch (java.util.MissingResourceException e) {
        // not an ISO code: kept as is below
      }
    }
    if (l.equals("ROM")) {
      return "ROU";
    }
    return safe(label.strip());
  }

  /** The English name of a store region code ("Austria", "Rest of World Europe"), or the code. */
  static String regionName(String code) {
    if (code.length() == 3 && code.startsWith("WW") && ROW_REGIONS.containsKey(code.substring(1))) {
      return ROW_REGIONS.get(code.substring(1));
    }
    String iso2 = ISO3_TO_2.get(code);
    return iso2 == null ? code : new Locale("", iso2).getDisplayCountry(Locale.ENGLISH);
  }

  /** The code of sector number k (0-based): P001… (pxp), I001… (ixi), S001… (system unknown). */
  static String sector(String system, int k) {
    String prefix = system.equals("pxp") ? "P" : system.equals("ixi") ? "I" : "S";
    return String.format(Locale.ROOT, "%s%03d", prefix, k + 1);
  }

  /** The code of a final-demand category name (unknown names: a safe form of the name). */
  static String category(String name) {
    String n = normal(name);
    for (Map.Entry<String, String> e : CATEGORIES.entrySet()) {
      if (n.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return safe(name);
  }

  /** The component code of a value-added row, or null when the name is not one of EXIOBASE's. */
  static String valueAdded(String name) {
    String n = normal(name);
    for (Map.Entry<String, String> e : VALUE_ADDED.entrySet()) {
      if (n.startsWith(e.getKey())) {
        return e.getValue().equals("COMP") ? "COMP" + skill(n) : e.getValue();
      }
    }
    return null;
  }

  private static String skill(String n) {
    for (Map.Entry<String, String> e : SKILLS.entrySet()) {
      if (n.endsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return "";
  }

  /** Lower case, runs of blanks as one space. */
  static String normal(String s) {
    return s.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }

  /** A safe code of any label: characters other than letters, digits, _ . - become _. */
  static String safe(String label) {
    if (SAFE.matcher(label).matches()) {
      return label;
    }
    String s = label.strip().replaceAll("[^A-Za-z0-9_.-]+", "_").replaceAll("^_+|_+$", "");
    return s.isEmpty() ? "_" : s;
  }

  /** The money unit as a sentence: {@code M.EUR} → {@code EUR million}, {@code Mill USD} → {@code USD million}. */
  static String money(String unit) {
    String u = unit.strip();
    for (String cur : List.of("EUR", "USD")) {
      if (u.equalsIgnoreCase("M." + cur) || u.equalsIgnoreCase("Mill " + cur) || u.equalsIgnoreCase("M " + cur)
          || u.equalsIgnoreCase("Mio " + cur) || u.equalsIgnoreCase("Mill. " + cur)) {
        return cur + " million";
      }
    }
    return u;
  }
}
