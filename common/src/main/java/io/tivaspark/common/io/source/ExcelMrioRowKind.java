package io.tivaspark.common.io.source;

import java.util.List;
import java.util.Locale;

/**
 * The rows under the intermediate block of the WIOD and ADB tables (docs/sources/wiod2016.md §2),
 * recognised by label: the code in column A (WIOD 2016: {@code II_fob} … {@code GO}), else the
 * number in column D (WIOD 2013 and ADB: {@code r60} … {@code r69}, the ADB's {@code trs}), else
 * the description in column B (WIOD 2013's international transport margins row has no code).
 * Value-added components keep one store name across the three layouts.
 */
enum ExcelMrioRowKind {
  /** Total intermediate consumption = Z'1: checked, not stored. */
  INTERMEDIATE_TOTAL(null, List.of("II_fob", "r60"), List.of("total intermediate consumption", "intermediate input total")),
  TAXES("TLS", List.of("TXSP", "r99"), List.of("taxes less subsidies on products")),
  CIF_FOB("EXP_adj", List.of("EXP_adj", "r61"), List.of("cif/fob adjustments on exports")),
  PURCHASES_ABROAD("PURR", List.of("PURR", "r62"), List.of("direct purchases abroad by residents")),
  PURCHASES_NONRESIDENTS("PURNR", List.of("PURNR", "r63"),
      List.of("purchases on the domestic territory by non-residents")),
  VALUE_ADDED("VA", List.of("VA", "r64"), List.of("value added at basic prices")),
  TRANSPORT_MARGINS("IntTTM", List.of("IntTTM", "trs"), List.of("international transport margins")),
  /** Gross output at basic prices (the column sums). */
  OUTPUT(null, List.of("GO", "r69"), List.of("output at basic prices", "total output", "total"));

  private final String component;
  private final List<String> codes;
  private final List<String> descriptions;

  ExcelMrioRowKind(String component, List<String> codes, List<String> descriptions) {
    this.component = component;
    this.codes = codes;
    this.descriptions = descriptions;
  }

  /** The store's value-added component, or null for the total and output rows. */
  String component() { return component; }

  /** The labels a reader may meet, for messages: {@code II_fob/r60}. */
  String codes() { return String.join("/", codes); }

  /**
   * The kind of a row from its label block (columns A–D), or null: column A's code first, then
   * column D's number, then column B's description (case and spacing ignored).
   */
  static ExcelMrioRowKind of(String[] labels) {
    ExcelMrioRowKind k = byCode(labels[0]);
    if (k == null) {
      k = byCode(labels[3]);
    }
    if (k == null && !labels[1].isEmpty()) {
      String d = normal(labels[1]);
      for (ExcelMrioRowKind r : values()) {
        if (r.descriptions.contains(d)) {
          return r;
        }
      }
    }
    return k;
  }

  private static ExcelMrioRowKind byCode(String code) {
    for (ExcelMrioRowKind r : values()) {
      if (r.codes.contains(code)) {
        return r;
      }
    }
    return null;
  }

  /** Lower case, runs of spaces as one, no space after a slash ("Cif/ fob" = "cif/fob"). */
  static String normal(String s) {
    return s.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replace("/ ", "/");
  }
}
