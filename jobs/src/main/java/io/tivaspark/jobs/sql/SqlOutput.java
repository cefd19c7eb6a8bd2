package io.tivaspark.jobs.sql;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text formats of {@code bin/tiva sql --format} (docs/sql.md §2): table, csv, json (one object a line). */
public final class SqlOutput {
  private SqlOutput() {}

  public static RowSink of(String format, PrintStream out) {
    return switch (format) {
      case "csv" -> new Csv(out);
      case "json" -> new Json(out);
      case "table" -> new Table(out);
      default -> throw new IllegalArgumentException("format " + format);
    };
  }

  /** One value as text: doubles as the shortest round-trip decimal, plain when between 1e-6 and 1e15. */
  public static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      String s = d.toString();
      if (!d.isNaN() && !d.isInfinite() && s.contains("E") && Math.abs(d) >= 1e-6 && Math.abs(d) < 1e15) {
        return new BigDecimal(s).toPlainString();
      }
      return s;
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof java.time.LocalDateTime t) {
      return java.sql.Timestamp.valueOf(t).toString();
    }
    if (v instanceof java.time.OffsetDateTime t) {
      return java.sql.Timestamp.from(t.toInstant()).toString();
    }
    return v.toString();
  }

  static String csv(String s) {
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  private record Csv(PrintStream out) implements RowSink {
    @Override
    public void header(List<String> names) {
      out.println(String.join(",", names.stream().map(SqlOutput::csv).toList()));
    }

    @Override
    public void row(Object[] values) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < values.length; i++) {
        sb.append(i > 0 ? "," : "").append(values[i] == null ? "" : csv(text(values[i])));
      }
      out.println(sb);
    }
  }

  private static final class Json implements RowSink {
    private final PrintStream out;
    private List<String> names;

    Json(PrintStream out) {
      this.out = out;
    }

    @Override
    public void header(List<String> names) {
      this.names = names;
    }

    @Override
    public void row(Object[] values) {
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < values.length; i++) {
        sb.append(i > 0 ? "," : "").append(string(names.get(i))).append(':').append(json(values[i]));
      }
      out.println(sb.append('}'));
    }

    private static String json(Object v) {
      if (v == null) {
        return "null";
      }
      if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
          || v instanceof Byte || v instanceof BigDecimal) {
        return text(v);
      }
      if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
        return text(v);
      }
      return string(text(v));
    }

    static String string(String s) {
      StringBuilder sb = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> sb.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
      }
      return sb.append('"').toString();
    }
  }

  /** Aligned columns with a rule under the header and a row count; buffers the result to size the columns. */
  private static final class Table implements RowSink {
    private final PrintStream out;
    private List<String> names;
    private final List<String[]> rows = new ArrayList<>();

    Table(PrintStream out) {
      this.out = out;
    }

    @Override
    public void header(List<String> names) {
      this.names = names;
    }

    @Override
    public void row(Object[] values) {
      String[] r = new String[values.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = values[i] == null ? "NULL" : text(values[i]).replace('\n', ' ');
      }
      rows.add(r);
    }

    @Override
    public void end() {
      int[] w = new int[names.size()];
      for (int i = 0; i < w.length; i++) {
        w[i] = names.get(i).length();
        for (String[] r : rows) {
          w[i] = Math.max(w[i], r[i].length());
        }
      }
      out.println(line(names.toArray(new String[0]), w));
      StringBuilder rule = new StringBuilder();
      for (int i = 0; i < w.length; i++) {
        rule.append(i > 0 ? "-+-" : "").append("-".repeat(w[i]));
      }
      out.println(rule);
      for (String[] r : rows) {
        out.println(line(r, w));
      }
      out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static String line(String[] cells, int[] w) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < cells.length; i++) {
        sb.append(i > 0 ? " | " : "").append(cells[i]).append(" ".repeat(w[i] - cells[i].length()));
      }
      return sb.toString().stripTrailing();
    }
  }
}
