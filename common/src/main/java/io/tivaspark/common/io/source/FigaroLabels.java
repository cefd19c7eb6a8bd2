package io.tivaspark.common.io.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * FIGARO's codes (docs/sources/figaro.md §3): a row or column label {@code AREA_CODE} split at the
 * first underscore (product codes carry their own: {@code DE_CPA_C10T12} is area {@code DE}, product
 * {@code CPA_C10T12}); the value-added rows of area {@code W2}; the five final-demand categories; the
 * store's country code of an area (ISO 3166-1 alpha-3, {@code FIGW1} → {@code ROW}) and the titles of
 * areas, industries and products ({@code figaro-codes.tsv} beside this class).
 */
final class FigaroLabels {
  /** The area of the value-added rows ("domestic, home or reference area"). */
  static final String VA_AREA = "W2";

  /** The final-demand categories of every FIGARO edition, in the files' order. */
  static final List<String> CATEGORIES = List.of("P3_S13", "P3_S14", "P3_S15", "P51G", "P5M");

  /**
   * The value-added rows every FIGARO IC-IOT has (area W2): taxes less subsidies on products,
   * direct purchases abroad by residents, purchases of non-residents in the domestic territory,
   * compensation of employees, other net taxes on production, gross operating surplus and mixed
   * income. A file lacking one of them is refused (a cut-off download loses its last rows).
   */
  static final List<String> VA_ROWS = List.of("D21X31", "OP_RES", "OP_NRES", "D1", "D29X39", "B2A3G");

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");

  private FigaroLabels() {}

  /** A row or column of a FIGARO table: its area and its industry, product, category or VA code. */
  record Key(String area, String code) {
    /** The matrix format's label, {@code AREA_CODE}. */
    String label() {
      return area + "_" + code;
    }
  }

  /** {@code AREA_CODE} split at the first underscore, or null when either part would be empty. */
  static Key split(String label) {
    int us = label.indexOf('_');
    if (us <= 0 || us == label.length() - 1) {
      return null;
    }
    return new Key(label.substring(0, us), label.substring(us + 1));
  }

  /** Whether a code may be a code of the store: letters, digits, {@code _ - .}. */
  static boolean safe(String code) {
    return SAFE.matcher(code).matches();
  }

  /** The store's country code of a FIGARO area: ISO 3166-1 alpha-3 when known, else the area itself. */
  static String storeArea(String area) {
    String iso3 = Codes.TABLE.iso3.get(area);
    return iso3 != null ? iso3 : area;
  }

  /** Whether the area has a known alpha-3 code. */
  static boolean knownArea(String area) {
    return Codes.TABLE.iso3.containsKey(area);
  }

  /** The title of an area, industry or product code, or null when the code list lacks it. */
  static String title(String code) {
    return Codes.TABLE.titles.get(code);
  }

  /** The code list, read once from the resource. */
  private static final class Codes {
    static final Codes TABLE = load();
    final Map<String, String> iso3 = new HashMap<>();
    final Map<String, String> titles = new HashMap<>();

    private static Codes load() {
      Codes c = new Codes();
      try (InputStream in = FigaroLabels.class.getResourceAsStream("figaro-codes.tsv")) {
        if (in == null) {
          throw new IllegalStateException("resource figaro-codes.tsv missing from the class path");
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] f = line.split("\t", -1);
          if (f[0].equals("area")) {
            c.iso3.put(f[1], f[2]);
          }
          c.titles.putIfAbsent(f[1], f[3]);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read figaro-codes.tsv", e);
      }
      return c;
    }
  }
}
