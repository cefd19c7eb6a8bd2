package io.tivaspark.common.io.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A random, balanced table in the codes of one published layout (WIOD 2016, WIOD 2013, ADB MRIO),
 * for {@link ExcelTestGrid} to write: x = Z1 + y exactly as summed here (the published output
 * column), VA = x − Z'1 − the other components, so x = Z'1 + Σ components up to rounding.
 */
final class ExcelTestTable {
  enum Flavor { WIOD2016, WIOD2013, ADB }

  static final List<String> COMPONENTS = List.of("TLS", "EXP_adj", "PURR", "PURNR", "VA", "IntTTM");

  final Flavor flavor;
  final int year;
  final List<String> countries;
  final List<String> codes;
  final List<String> names;
  final List<String> numbers;
  final List<String> categories;
  final List<String> categoryNumbers;
  final int n;
  final double[] z;
  final double[] y;
  final double[] x;
  final Map<String, double[]> va = new LinkedHashMap<>();
  /** Values of the rows under Z in final-demand columns (taxes on final products ...), not stored. */
  final double[] fdBelow;

  private ExcelTestTable(Flavor flavor, int year, List<String> countries, List<String> codes, List<String> names,
      List<String> numbers, List<String> categories, List<String> categoryNumbers) {
    this.flavor = flavor;
    this.year = year;
    this.countries = countries;
    this.codes = codes;
    this.names = names;
    this.numbers = numbers;
    this.categories = categories;
    this.categoryNumbers = categoryNumbers;
    this.n = countries.size() * codes.size();
    this.z = new double[n * n];
    this.y = new double[n * countries.size() * categories.size()];
    this.x = new double[n];
    this.fdBelow = new double[countries.size() * categories.size()];
  }

  /** The small table of the tests: 3 countries (the last the rest of the world) × 4 industries. */
  static ExcelTestTable small(Flavor flavor, int year, long seed) {
    return switch (flavor) {
      case WIOD2016 -> build(flavor, year, List.of("AUS", "CHN", "ROW"),
          List.of("A01", "C10-C12", "J62_J63", "U"),
          List.of("Crop and animal production, hunting and related service activities",
              "Manufacture of food products, beverages and tobacco products",
              "Computer programming, consultancy and related activities; information service activities",
              "Activities of extraterritorial organizations and bodies"),
          List.of("CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN"), seed);
      case WIOD2013 -> build(flavor, year, List.of("AUS", "ROM", "RoW"), List.of("AtB", "19", "15t16", "P"),
          List.of("Agriculture, Hunting, Forestry and Fishing", "Leather, Leather and Footwear",
              "Food, Beverages and Tobacco", "Private Households with Employed Persons"),
          List.of("c37", "c38", "c39", "c41", "c42"), seed);
      case ADB -> build(flavor, year, List.of("AUS", "PRC", "RoW"), List.of("c1", "c2", "c3", "c4"),
          List.of("Agriculture, hunting, forestry, and fishing", "Mining and quarrying",
              "Food, beverages, and tobacco", "Textiles and textile products"),
          List.of("F1", "F2", "F3", "F4", "F5"), seed);
    };
  }

  /** A table of real size for the benchmark: {@code countries} economies × {@code industries}. */
  static ExcelTestTable sized(Flavor flavor, int year, int countries, int industries, long seed) {
    List<String> cs = new ArrayList<>();
    for (int c = 0; c < countries - 1; c++) {
      cs.add("C" + (char) ('A' + c / 26) + (char) ('A' + c % 26));
    }
    cs.add(flavor == Flavor.WIOD2016 ? "ROW" : "RoW");
    List<String> codes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= industries; i++) {
      codes.add(flavor == Flavor.ADB ? "c" + i : "I" + i);
      names.add("Industry " + i);
    }
    List<String> cats = switch (flavor) {
      case WIOD2016 -> List.of("CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN");
      case WIOD2013 -> List.of("c37", "c38", "c39", "c41", "c42");
      case ADB -> List.of("F1", "F2", "F3", "F4", "F5");
    };
    return build(flavor, year, cs, codes, names, cats, seed);
  }

  private static ExcelTestTable build(Flavor flavor, int year, List<String> countries, List<String> codes,
      List<String> names, List<String> categories, long seed) {
    List<String> numbers = new ArrayList<>();
    for (int i = 1; i <= codes.size(); i++) {
      numbers.add(flavor == Flavor.WIOD2013 && i == codes.size() ? "c35" : "c" + i);
    }
    List<String> catNumbers = new ArrayList<>();
    for (int f = 0; f < categories.size(); f++) {
      catNumbers.add(switch (flavor) {
        case WIOD2016 -> "c" + (codes.size() + 1 + f);
        case WIOD2013 -> categories.get(f);
        case ADB -> categories.get(f);
      });
    }
    ExcelTestTable t = new ExcelTestTable(flavor, year, countries, codes, names, numbers, categories, catNumbers);
    t.fill(new SplittableRandom(seed));
    return t;
  }

  /** Random Z (some exact zeros), Y (inventories may be negative), components; x and VA balance. */
  private void fill(SplittableRandom rng) {
    int cols = countries.size() * categories.size();
    for (int k = 0; k < z.length; k++) {
      z[k] = rng.nextInt(10) == 0 ? 0.0 : rng.nextDouble() * 100;
    }
    for (int c = 0; c < cols; c++) {
      boolean inventories = c % categories.size() == categories.size() - 1;
      for (int i = 0; i < n; i++) {
        y[i + c * n] = inventories ? rng.nextDouble() * 40 - 20 : rng.nextDouble() * 500;
      }
      fdBelow[c] = rng.nextDouble() * 10;
    }
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += z[i + j * n];
      }
      for (int c = 0; c < cols; c++) {
        s += y[i + c * n];
      }
      x[i] = s;
    }
    for (String comp : COMPONENTS) {
      double[] v = new double[n];
      for (int j = 0; j < n; j++) {
        v[j] = switch (comp) {
          case "TLS" -> rng.nextDouble() * 5;
          case "IntTTM" -> rng.nextDouble();
          case "PURR", "PURNR" -> rng.nextInt(3) == 0 ? rng.nextDouble() : 0.0;
          default -> 0.0;
        };
      }
      va.put(comp, v);
    }
    double[] value = va.get("VA");
    for (int j = 0; j < n; j++) {
      double used = 0;
      for (int i = 0; i < n; i++) {
        used += z[i + j * n];
      }
      for (String comp : COMPONENTS) {
        used += comp.equals("VA") ? 0 : va.get(comp)[j];
      }
      value[j] = x[j] - used;
    }
  }

  /** Z'1: the column sums (the published total intermediate row). */
  double[] columnSums() {
    double[] s = new double[n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        s[j] += z[i + j * n];
      }
    }
    return s;
  }

  String country(int i) { return countries.get(i / codes.size()); }
  int industry(int i) { return i % codes.size(); }
}
