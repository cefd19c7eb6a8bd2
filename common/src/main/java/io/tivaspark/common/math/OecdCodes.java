package io.tivaspark.common.math;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every code tiva-spark writes (the {@link Indicator} catalog, the OECD names of the footprints,
 * the OECD cubes our va_* tables hold) with the OECD 2025 Data Explorer dataflow, MEASURE and
 * UNIT_MEASURE it corresponds to, read from the resource {@value #RESOURCE}
 * (docs/data-dictionary.md §1.8). Written by every run to the table {@code indicator_codes}.
 */
public final class OecdCodes {
  /** The classpath resource. */
  public static final String RESOURCE = "/io/tivaspark/common/oecd-codes.csv";
  /** Header of the resource, in order (also the columns of the {@code indicator_codes} table). */
  public static final List<String> COLUMNS = List.of("code", "our_table", "dataflow_2025", "measure_2025",
      "unit_2025", "notes", "confirmed", "source");

  /**
   * One mapping row. Empty text fields are null (no 2025 dataflow, measure or unit found).
   *
   * @param confirmed the dataflow and the measure were seen together in a source, and the unit (with
   *     the measure or for the whole dataflow)
   */
  public record Row(String code, String table, String dataflow2025, String measure2025, String unit2025,
      String notes, boolean confirmed, String source) {}

  private static volatile List<Row> all;

  private OecdCodes() {}

  /** Every row of the resource, in file order (parsed once). */
  public static List<Row> all() {
    List<Row> rows = all;
    if (rows == null) {
      try (InputStream in = OecdCodes.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
        }
        rows = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + RESOURCE, e);
      }
      all = rows;
    }
    return rows;
  }

  /**
   * The rows of a CSV in the resource's format: '#' lines are comments, the first other line is
   * the header {@link #COLUMNS}; (code, our_table) is unique; confirmed is true or false.
   */
  static List<Row> parse(List<String> lines) {
    List<Row> rows = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    boolean header = true;
    int n = 0;
    for (String line : lines) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> f = fields(line);
      if (header) {
        check(f.equals(COLUMNS), n, "header must be " + String.join(",", COLUMNS));
        header = false;
        continue;
      }
      check(f.size() == COLUMNS.size(), n, f.size() + " fields, expected " + COLUMNS.size());
      check(f.get(6).equals("true") || f.get(6).equals("false"), n, "confirmed must be true or false");
      check(!f.get(0).isEmpty() && !f.get(1).isEmpty(), n, "code and our_table are required");
      check(keys.add(f.get(0) + "|" + f.get(1)), n, "duplicate code " + f.get(0) + " in " + f.get(1));
      rows.add(new Row(f.get(0), f.get(1), blankToNull(f.get(2)), blankToNull(f.get(3)), blankToNull(f.get(4)),
          blankToNull(f.get(5)), Boolean.parseBoolean(f.get(6)), blankToNull(f.get(7))));
    }
    check(!header, n, "no header line");
    return List.copyOf(rows);
  }

  /** The fields of one CSV line: comma-separated, a field may be double-quoted ("" = a quote). */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalStateException("unterminated quote in: " + line);
    }
    out.add(cur.toString().trim());
    return out;
  }

  private static String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static void check(boolean ok, int line, String what) {
    if (!ok) {
      throw new IllegalStateException(RESOURCE + " line " + line + ": " + what);
    }
  }
}
