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
 * The {@code long-csv} source layout (docs/ingest.md §4): one CSV per dataset of the canonical store,
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

  /** The datasets of docs/data-dictionary.md §6 that long-csv carries, with their key columns. */
  public enum Kind {
    INTERMEDIATE("intermediate", "from_country", "from_industry", "to_country", "to_industry"),
    FINAL_DEMAND("final_demand", "from_country", "from_industry", "to_country", "category"),
    VALUE_ADDED("value_added", "country", "industry", "component"),
    OUTPUT("output", "country", "industry"),
    /** Satellite accounts by industry (docs/data-dictionary.md §6): one unit per stressor. */
    EXTENSIONS("extensions", "stressor", "unit", "country", "industry"),
    /** Direct emissions of final users by (reporting country, category). */
    EXTENSIONS_FINAL_DEMAND("extensions_final_demand", "stressor", "unit", "country", "category"),
    /** Population by reporting country, persons (not negative); optional. */
    POPULATION("population", "country");

    private final String dataset;
    private final List<String> keys;

    Kind(String dataset, String... keys) {
      this.dataset = dataset;
      this.keys = List.of(keys);
    }

    /** The store dataset name, also the file's base name: {@code intermediate.csv[.gz]}. */
    public String dataset() { return dataset; }
    public List<String> keys() { return keys; }
    public boolean required() { return this == INTERMEDIATE || this == FINAL_DEMAND || this == VALUE_ADDED; }
    /** One of the two satellite-account datasets (extensions, extensions_final_demand). */
    public boolean satellite() { return this == EXTENSIONS || this == EXTENSIONS_FINAL_DEMAND; }
    /**
     * A dataset whose file may lack a year the other files have: the year gets an empty partition
     * (satellite accounts: all zero; population: unknown, so no per-capita codes for that year).
     */
    public boolean emptyWhenAbsent() { return satellite() || this == POPULATION; }

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
    Lines in = new Lines(source);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(src.open(), StandardCharsets.UTF_8), 1 << 20)) {
      in.reader = r;
      Header header = header(in, kind);
      return rows(in, kind, header, layout == null ? null : new Checker(source, kind, layout), sink);
    } catch (ZipException | EOFException e) {
      throw new InvalidInputException(source, null, "line " + in.line,
          "corrupt gzip/zip data (truncated or damaged): " + e.getMessage(), e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UncheckedIOException("no such file: " + source, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  /** A reader and the number of the line last read (for messages, also of I/O errors). */
  private static final class Lines {
    final String source;
    BufferedReader reader;
    int line;

    Lines(String source) {
      this.source = source;
    }
  }

  /** Where the year, the key columns (in {@link Kind#keys()} order) and the value stand; the cell count. */
  private record Header(int width, int yearCol, int[] keyCol, int valueCol) {}

  /** Reads the header line (after blank lines): every column known, none twice, none missing. */
  private static Header header(Lines in, Kind kind) throws IOException {
    String source = in.source;
    String text = in.reader.readLine();
    in.line = 1;
    while (text != null && IcioCsv.stripBom(text).isBlank()) {
      text = in.reader.readLine();
      in.line++;
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
        throw new InvalidInputException(source, null, "line " + in.line + ", column " + h, "duplicate column name");
      }
      int k = kind.keys().indexOf(h);
      if (k >= 0) {
        keyCol[k] = c;
      } else if (h.equals("year")) {
        yearCol = c;
      } else if (h.equals("value")) {
        valueCol = c;
      } else {
        throw new InvalidInputException(source, null, "line " + in.line + ", column " + header[c].strip(),
            "unexpected column for " + kind.dataset() + " (columns: year, " + String.join(", ", kind.keys())
            + ", value)" + (header.length == 1 && header[0].indexOf(';') >= 0 ? "; the delimiter must be a comma" : ""));
      }
    }
    checkNoneMissing(in, kind, seen.keySet(), yearCol >= 0, valueCol >= 0);
    return new Header(header.length, yearCol, keyCol, valueCol);
  }

  private static void checkNoneMissing(Lines in, Kind kind, Set<String> columns, boolean year, boolean value) {
    List<String> missing = new ArrayList<>();
    if (!year) {
      missing.add("year");
    }
    for (String key : kind.keys()) {
      if (!columns.contains(key)) {
        missing.add(key);
      }
    }
    if (!value) {
      missing.add("value");
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(in.source, null, "line " + in.line, "missing column(s) " + String.join(", ", missing));
    }
  }

  /** Reads, checks and passes on every data row; returns their number. */
  private static long rows(Lines in, Kind kind, Header h, Checker checker, RowSink sink) throws IOException {
    String source = in.source;
    String[] keys = new String[h.keyCol().length];
    long rows = 0;
    String text;
    while ((text = in.reader.readLine()) != null) {
      in.line++;
      if (text.isBlank()) {
        continue;
      }
      String[] cells = IcioCsv.splitAll(text);
      if (cells.length != h.width()) {
        throw new InvalidInputException(source, null, "line " + in.line,
            "row has " + cells.length + " cells, header has " + h.width());
      }
      int year = parseYear(cells[h.yearCol()].strip(), source, in.line);
      for (int k = 0; k < keys.length; k++) {
        keys[k] = cells[h.keyCol()[k]].strip();
        if (keys[k].isEmpty()) {
          throw new InvalidInputException(source, year, "line " + in.line + ", column " + kind.keys().get(k), "empty code");
        }
      }
      String where = "line " + in.line + ", " + describe(kind, keys);
      double v = parseValue(cells[h.valueCol()], source, year, where);
      if (kind == Kind.POPULATION && v < 0) {
        throw new InvalidInputException(source, year, where, "negative population " + v + " (persons)");
      }
      if (checker != null) {
        checker.check(year, keys, where);
      }
      sink.row(year, keys, v);
      rows++;
    }
    return rows;
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
    double v = Decimals.parse(s);
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

    /**
     * The final-demand column of a reporting country and a category; {@code splitHint} is added
     * to the message when the country code is a split entity.
     */
    private int finalDemandColumn(int year, String country, String category, String where, String splitHint) {
      int c = l.countryIndex(country);
      if (c < 0) {
        throw new InvalidInputException(source, year, where, "unknown country code " + country
            + (l.entityIndex(country) >= 0 ? splitHint : ""));
      }
      int f = l.categoryIndex(category);
      if (f < 0) {
        throw new InvalidInputException(source, year, where, "unknown final-demand category " + category);
      }
      return l.finalDemandColumn(c, f);
    }

    /** A reporting country's index (population is by country: a split entity code is an error). */
    private int country(int year, String country, String where) {
      int c = l.countryIndex(country);
      if (c < 0) {
        throw new InvalidInputException(source, year, where, "unknown country code " + country
            + (l.entityIndex(country) >= 0 ? " (population is by reporting country, not split entity)" : ""));
      }
      return c;
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
          cell = (long) i * l.finalDemandColumns()
              + finalDemandColumn(year, k[2], k[3], where, " (final demand is by reporting country, not split entity)");
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
          cell = (long) st * l.finalDemandColumns()
              + finalDemandColumn(year, k[2], k[3], where, " (final users are reporting countries, not split entities)");
        }
        case POPULATION -> cell = country(year, k[0], where);
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
