package io.tivaspark.common.model;

import java.util.List;
import java.util.Locale;

/**
 * The families of results a run computes (bin/tiva run --only FAMILY,...). Each owns tables and
 * identity checks; {@code quality_checks} rows carry the family of their check.
 */
public enum Family {
  /** OECD TiVA indicators, VAX ratio, VA in final demand and in exports (checks T, S, I, J). */
  CORE("core", "TSIJA"),
  /** Gross-export decompositions (KWW, WWZ, Borin–Mancini) and GVC measures (checks K, W, B, P, U). */
  GVC("gvc", "KWBPU"),
  /** Environmental and employment footprints from satellite accounts (checks E). */
  FOOTPRINTS("footprints", "E");

  private final String code;
  private final String checkPrefixes;

  Family(String code, String checkPrefixes) {
    this.code = code;
    this.checkPrefixes = checkPrefixes;
  }

  public String code() { return code; }

  public static Family of(String code) {
    for (Family f : values()) {
      if (f.code.equals(code.trim().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown family '" + code + "' (known: " + codes() + ")");
  }

  public static List<String> codes() {
    return java.util.Arrays.stream(values()).map(Family::code).toList();
  }

  /** The family an identity check belongs to, by its code's letter (docs/methods.md §11). */
  public static Family ofCheck(String checkCode) {
    char c = checkCode.isEmpty() ? '?' : checkCode.charAt(0);
    for (Family f : values()) {
      if (f.checkPrefixes.indexOf(c) >= 0) {
        return f;
      }
    }
    return CORE;
  }
}
