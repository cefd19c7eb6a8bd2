package io.tivaspark.common.io;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;

/**
 * The {@code long-csv} source layout (contract §2): one CSV per dataset of the canonical store,
 * with the dataset's columns plus {@code year}, in any column order, optionally gzipped. Read by
 * streaming, one row at a time: a file is never held in memory.
 *
 * <p>Every row is checked against the contract's rules: the number of cells, the year (an
 * integer), every code known to the layout (countries, split entities, industries, final-demand
 * categories), the value a finite number, and no key twice within a year. The first violation
 * throws {@link InvalidInputException} naming the file, the year, the line and key, and the
 * rule. A UTF-8 BOM, CRLF line ends and RFC 4180 quoting are accepted.
 */
public final class LongCsv {
  private LongCsv() {}

  /** The datasets of contract §1 that long-csv carries, with their key columns. */
  public enum Kind {
    INTERMEDIATE("intermediate", "from_country", "from_industry", "to_country", "to_industry"),
    FINAL_DEMAND("final_demand", "from_country", "from_industry", "to_country", "category"),
    VALUE_ADDED("value_added", "country", "industry", "component"),
    OUTPUT("output", "country", "industry"),
    /** Satellite accounts by industry (contract §1): one unit per stressor. */
    EXTENSIONS("extensions", "stressor", "unit", "country", "industry"),
    /** Direct emissions of final users by (reporting country, category). */
    EXTENSIONS_FINAL_DEMAND("extensions_final_demand", "stressor", "unit", "country", "category");

    private final String dataset;
    private final List<String> keys;

    Kind(String dataset, String... keys) {
      this.dataset = dataset;
      this.keys = List.of(keys);
    }

    /** The store dataset name, also the file's base name: {@code intermediate.csv[.gz]}. */
    public String dataset() { return dataset; }
    public List<String> keys() { return keys; }
    public boolean required() { return this != OUTPUT && !satellite(); }
    /** One of the two satellite-account datasets (extensions, extensions_final_demand). */
    public boolean satellite() { return this == EXTENSIONS || this == EXTENSIONS_FINAL_DEMAND; }

    /** The kind a file name stands for ({@code final_demand.csv.gz}), or null. */
    public static Kind ofFileName(String name) {
      String n = name.toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "").replaceAll("\\.csv$", "");
      for (Kind k : values()) {
        if (k.dataset.equals(n)) {
          return k;
        }
      }
      return null;
    }
  }

  /** Receives each checked row: the year, the key codes (in {@link Kind#keys()} order), the value. */
  public interface RowSink {
    void row(int year, String[] keys, double value) throws IOException;
  }

  /**
   * Streams a dataset file, checking every row against {@code layout} (null: codes are not
   * checked, e.g. while inferring the layout) and passing it to {@code sink}.
   *
   * @return the number of data rows
   */
  public static long read(IcioCsv.Source src, Kind kind, Layout layout, RowSink sink) {
    String source = src.name();
    int line = 0;
    int year = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(src.open(), StandardCharsets.UTF_8), 1 << 20)) {
      String text = r.readLine();
      line = 1;
      while (text != null && IcioCsv.stripBom(text).isBlank()) {
        text = r.readLine();
        line++;
      }
      if (text == null) {
        throw new InvalidInputException(source, null, null, "empty file (expected a header: year,"
            + String.join(",", kind.keys()) + ",value)");
      }
      String[] header = IcioCsv.splitAll(IcioCsv.stripBom(text));
      int[] keyCol = new int[kind.keys().size()];
      int yearCol = -1;
      int valueCol = -1;
      Map<String, Integer> seen = new HashMap<>();
      for (int c = 0; c < header.length; c++) {
        String h = header[c].strip().toLowerCase(Locale.ROOT);
        if (seen.put(h, c) != null) {
          throw new InvalidInputException(source, null, "line " + line + ", column " + h, "duplicate column name");
        }
        int k = kind.keys().indexOf(h);
        if (k >= 0) {
          keyCol[k] = c;
        } else if (h.equals("year")) {
          yearCol = c;
        } else if (h.equals("value")) {
          valueCol = c;
        } else {
          throw new InvalidInputException(source, null, "line " + line + ", column " + header[c].strip(),
              "unexpected column for " + kind.dataset() + " (columns: year, " + String.join(", ", kind.keys())
              + ", value)" + (header.length == 1 && header[0].indexOf(';') >= 0 ? "; the delimiter must be a comma" : ""));
        }
      }
      List<String> missing = new ArrayList<>();
      if (yearCol < 0) {
        missing.add("year");
      }
      for (int k = 0; k < keyCol.length; k++) {
        if (!seen.containsKey(kind.keys().get(k))) {
          missing.add(kind.keys().get(k));
        }
      }
      if (valueCol < 0) {
        missing.add("value");
      }
      if (!missing.isEmpty()) {
        throw new InvalidInputException(source, null, "line " + line, "missing column(s) " + String.join(", ", missing));
      }
      Checker checker = layout == null ? null : new Checker(source, kind, layout);
      String[] keys = new String[keyCol.length];
      long rows = 0;
      while ((text = r.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        String[] cells = IcioCsv.splitAll(text);
        if (cells.length != header.length) {
          throw new InvalidInputException(source, null, "line " + line,
              "row has " + cells.length + " cells, header has " + header.length);
        }
        year = parseYear(cells[yearCol].strip(), source, line);
        for (int k = 0; k < keys.length; k++) {
          keys[k] = cells[keyCol[k]].strip();
          if (keys[k].isEmpty()) {
            throw new InvalidInputException(source, year, "line " + line + ", column " + kind.keys().get(k), "empty code");
          }
        }
        String where = "line " + line + ", " + describe(kind, keys);
        double v = parseValue(cells[valueCol], source, year, where);
        if (checker != null) {
          checker.check(year, keys, where);
        }
        sink.row(year, keys, v);
        rows++;
      }
      return rows;
    } catch (ZipException | EOFException e) {
      throw new InvalidInputException(source, null, "line " + line,
          "corrupt gzip/zip data (truncated or damaged): " + e.getMessage(), e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UncheckedIOException("no such file: " + source, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  private static String describe(Kind kind, String[] keys) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < keys.length; k++) {
      if (k > 0) {
        sb.append(' ');
      }
      sb.append(kind.keys().get(k)).append('=').append(keys[k]);
    }
    return sb.toString();
  }

  private static int parseYear(String s, String source, int line) {
    try {
      int y = Integer.parseInt(s);
      if (y >= 1000 && y <= 9999) {
        return y;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new InvalidInputException(source, null, "line " + line + ", column year", "year '" + s + "' is not a 4-digit year");
  }

  /** A CSV number: plain decimal or scientific; NaN, infinities and text are errors. */
  static double parseValue(String raw, String source, Integer year, String where) {
    String s = raw.strip();
    if (s.isEmpty()) {
      throw new InvalidInputException(source, year, where, "empty value");
    }
    double v = IcioCsv.parseFast(s, 0, s.length());
    if (!Double.isNaN(v)) {
      return v;
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.matches("[+-]?nan")) {
      throw new InvalidInputException(source, year, where, "value is NaN");
    }
    if (lower.matches("[+-]?(inf|infinity)")) {
      throw new InvalidInputException(source, year, where, "value is infinite");
    }
    if (s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      double d = Double.parseDouble(s);
      if (Double.isInfinite(d)) {
        throw new InvalidInputException(source, year, where, "value is infinite ('" + s + "' overflows)");
      }
      return d;
    }
    throw new InvalidInputException(source, year, where, "value '" + s + "' is not a number");
  }

  /** Known codes and no key twice within a year. */
  private static final class Checker {
    private final String source;
    private final Kind kind;
    private final Layout l;
    private final int n;
    private final Map<Integer, BitSet> seen = new HashMap<>();
    private final Map<Integer, Set<Long>> seenLarge = new HashMap<>();
    private final Map<String, Integer> components = new HashMap<>();
    /** Satellite datasets: the unit of each stressor, per year. */
    private final Map<Integer, Map<String, String>> units = new HashMap<>();

    Checker(String source, Kind kind, Layout l) {
      this.source = source;
      this.kind = kind;
      this.l = l;
      this.n = l.n();
    }

    private int row(int year, String country, String industry, String where) {
      int e = l.entityIndex(country);
      if (e < 0) {
        String rule = l.splits().containsKey(country)
            ? "country " + country + " is split: its rows use the entity codes " + l.splits().get(country)
            : "unknown country code " + country;
        throw new InvalidInputException(source, year, where, rule);
      }
      int i = l.industryIndex(industry);
      if (i < 0) {
        throw new InvalidInputException(source, year, where, "unknown industry code " + industry);
      }
      return l.row(e, i);
    }

    /** The stressor's index; its unit must be the same on every row of the year. */
    private int stressor(int year, String[] k, String where) {
      String prev = units.computeIfAbsent(year, y -> new HashMap<>()).putIfAbsent(k[0], k[1]);
      if (prev != null && !prev.equals(k[1])) {
        throw new InvalidInputException(source, year, where, "stressor " + k[0] + " has two units ('" + prev
            + "' and '" + k[1] + "'): one unit per stressor");
      }
      return components.computeIfAbsent(k[0], x -> components.size());
    }

    void check(int year, String[] k, String where) {
      long cell;
      switch (kind) {
        case INTERMEDIATE -> {
          int i = row(year, k[0], k[1], where);
          int j = row(year, k[2], k[3], where);
          cell = (long) i * n + j;
        }
        case FINAL_DEMAND -> {
          int i = row(year, k[0], k[1], where);
          int c = l.countryIndex(k[2]);
          if (c < 0) {
            throw new InvalidInputException(source, year, where, "unknown country code " + k[2]
                + (l.entityIndex(k[2]) >= 0 ? " (final demand is by reporting country, not split entity)" : ""));
          }
          int f = l.categoryIndex(k[3]);
          if (f < 0) {
            throw new InvalidInputException(source, year, where, "unknown final-demand category " + k[3]);
          }
          cell = (long) i * l.finalDemandColumns() + l.finalDemandColumn(c, f);
        }
        case VALUE_ADDED -> {
          int i = row(year, k[0], k[1], where);
          int comp = components.computeIfAbsent(k[2], x -> components.size());
          cell = (long) comp * n + i;
        }
        case OUTPUT -> cell = row(year, k[0], k[1], where);
        case EXTENSIONS -> {
          int st = stressor(year, k, where);
          cell = (long) st * n + row(year, k[2], k[3], where);
        }
        case EXTENSIONS_FINAL_DEMAND -> {
          int st = stressor(year, k, where);
          int c = l.countryIndex(k[2]);
          if (c < 0) {
            throw new InvalidInputException(source, year, where, "unknown country code " + k[2]
                + (l.entityIndex(k[2]) >= 0 ? " (final users are reporting countries, not split entities)" : ""));
          }
          int f = l.categoryIndex(k[3]);
          if (f < 0) {
            throw new InvalidInputException(source, year, where, "unknown final-demand category " + k[3]);
          }
          cell = (long) st * l.finalDemandColumns() + l.finalDemandColumn(c, f);
        }
        default -> throw new IllegalStateException();
      }
      boolean dup;
      if (cell < Integer.MAX_VALUE) {
        BitSet b = seen.computeIfAbsent(year, y -> new BitSet());
        dup = b.get((int) cell);
        b.set((int) cell);
      } else {
        dup = !seenLarge.computeIfAbsent(year, y -> new HashSet<>()).add(cell);
      }
      if (dup) {
        throw new InvalidInputException(source, year, where, "duplicate key");
      }
    }
  }

  /**
   * Infers the layout from the intermediate and final-demand files when no mrio.json is given:
   * entities and industries in order of first appearance in intermediate (from and to codes),
   * countries from final demand's {@code to_country} and categories from its {@code category},
   * in order of first appearance. An entity CN1..CN4 / MX1..MX3 without final demand of its own
   * whose parent CHN / MEX has final demand is a split part of it (as in ICIO files).
   */
  public static Layout inferLayout(IcioCsv.Source intermediate, IcioCsv.Source finalDemand) {
    LinkedHashSet<String> entities = new LinkedHashSet<>();
    LinkedHashSet<String> industries = new LinkedHashSet<>();
    read(intermediate, Kind.INTERMEDIATE, null, (y, k, v) -> {
      entities.add(k[0]);
      entities.add(k[2]);
      industries.add(k[1]);
      industries.add(k[3]);
    });
    LinkedHashSet<String> fdCountries = new LinkedHashSet<>();
    LinkedHashSet<String> categories = new LinkedHashSet<>();
    read(finalDemand, Kind.FINAL_DEMAND, null, (y, k, v) -> {
      if (!entities.contains(k[0])) {
        throw new InvalidInputException(finalDemand.name(), y, "from_country=" + k[0],
            "unknown country code (not in intermediate)");
      }
      if (!industries.contains(k[1])) {
        throw new InvalidInputException(finalDemand.name(), y, "from_industry=" + k[1],
            "unknown industry code (not in intermediate)");
      }
      fdCountries.add(k[2]);
      categories.add(k[3]);
    });
    Map<String, List<String>> splits = new LinkedHashMap<>();
    List<String> countries = new ArrayList<>();
    for (String e : entities) {
      String p = IcioCsv.SPLIT_PARENT.get(e);
      if (p != null && fdCountries.contains(p) && !fdCountries.contains(e) && !entities.contains(p)) {
        splits.computeIfAbsent(p, x -> new ArrayList<>()).add(e);
        if (!countries.contains(p)) {
          countries.add(p);
        }
      } else if (!countries.contains(e)) {
        countries.add(e);
      }
    }
    for (String c : fdCountries) {
      if (!countries.contains(c)) {
        throw new InvalidInputException(finalDemand.name(), null, "to_country=" + c,
            "unknown country code (no rows in intermediate)");
      }
    }
    if (countries.isEmpty() || categories.isEmpty()) {
      throw new InvalidInputException(countries.isEmpty() ? intermediate.name() : finalDemand.name(), null, null,
          "no data rows: cannot infer the countries, industries and categories");
    }
    try {
      return new Layout(countries, new ArrayList<>(industries), new ArrayList<>(categories), splits);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(intermediate.name(), null, null, "inconsistent codes: " + e.getMessage());
    }
  }
}
