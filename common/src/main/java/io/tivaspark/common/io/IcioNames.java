package io.tivaspark.common.io;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels of the OECD ICIO final-demand category and value-added codes, which the ICIO CSV
 * files carry as codes only (docs/ingest.md §2.1: the names follow the OECD ICIO ReadMe of each
 * edition and the SNA 2008 transactions they stand for). Used for {@code mrio.json}'s
 * {@code {"code", "name"}} lists; a code outside the list (a WIOD conversion's {@code c37}, a
 * hand-made table's own codes) gets no name.
 */
public final class IcioNames {
  private static final Map<String, String> CATEGORIES = Map.ofEntries(
      Map.entry("HFCE", "Household final consumption expenditure"),
      Map.entry("NPISH", "Final consumption expenditure of non-profit institutions serving households"),
      Map.entry("NPS", "Final consumption expenditure of non-profit institutions serving households"),
      Map.entry("GGFC", "General government final consumption"),
      Map.entry("GFCF", "Gross fixed capital formation"),
      Map.entry("INVNT", "Changes in inventories and valuables"),
      Map.entry("INV", "Changes in inventories and valuables"),
      Map.entry("DPABR", "Direct purchases abroad by residents"),
      Map.entry("P33", "Direct purchases abroad by residents"),
      Map.entry("DIRP", "Direct purchases abroad by residents"),
      Map.entry("DISC", "Statistical discrepancy (the 2016 edition's DISC column, in the producing country's final demand)"));

  private static final Map<String, String> COMPONENTS = Map.of(
      "TLS", "Taxes less subsidies on intermediate and final products",
      "VA", "Value added at basic prices",
      "VALU", "Value added at basic prices",
      "VA+TAXSUB", "Value added and taxes less subsidies on products");

  private IcioNames() {}

  /** Category code → OECD label, for the codes the list has, in the order given. */
  public static Map<String, String> categories(Collection<String> codes) {
    return pick(codes, CATEGORIES);
  }

  /** Value-added component code → OECD label (TLS also for the summed CCC_TAXSUB rows), in the order given. */
  public static Map<String, String> components(Collection<String> codes) {
    return pick(codes, COMPONENTS);
  }

  private static Map<String, String> pick(Collection<String> codes, Map<String, String> names) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String c : codes) {
      out.put(c, names.get(c));
    }
    return out;
  }
}
