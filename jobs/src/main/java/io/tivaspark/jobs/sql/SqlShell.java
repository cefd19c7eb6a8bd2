package io.tivaspark.jobs.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The interactive {@code bin/tiva sql} (docs/sql.md §1): one session for many statements; a
 * statement may span lines and ends at {@code ;}; {@code \tables}, {@code \d TABLE}, {@code \q}.
 * On a terminal, JLine gives line editing and a history file ({@code ~/.tiva_sql_history}); piped
 * input is read line by line. A bad statement prints one {@code error: } line and the shell goes on;
 * the exit code is 2 if any statement failed (so a piped script can tell), 0 otherwise.
 */
public final class SqlShell {
  private final SqlSession session;
  private final String format;
  private final PrintStream out;
  private boolean failed;

  public SqlShell(SqlSession session, String format, PrintStream out) {
    this.session = session;
    this.format = format.equals("parquet") ? "table" : format;
    this.out = out;
  }

  /** Reads statements until {@code \q} or the end of input; returns the exit code. */
  public int run(InputStream in, boolean terminal) throws IOException {
    LineSource lines = terminal ? JLineSource.open() : null;
    if (lines == null) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      lines = prompt -> r.readLine();
    } else {
      out.println("tiva sql: statements end with ;  \\tables  \\d TABLE  \\q");
    }
    StringBuilder stmt = new StringBuilder();
    for (String line = lines.read("tiva> "); line != null; line = lines.read(stmt.length() == 0 ? "tiva> " : "   -> ")) {
      String t = line.strip();
      if (stmt.length() == 0 && t.startsWith("\\")) {
        if (!command(t)) {
          break;
        }
        continue;
      }
      stmt.append(line).append('\n');
      if (t.endsWith(";")) {
        statement(stmt.toString().strip());
        stmt.setLength(0);
      }
    }
    if (!stmt.toString().isBlank()) {
      statement(stmt.toString().strip());
    }
    return failed ? 2 : 0;
  }

  /** One backslash command; false for {@code \q}. */
  boolean command(String c) {
    String[] w = c.split("\\s+");
    switch (w[0]) {
      case "\\q", "\\quit" -> {
        return false;
      }
      case "\\tables", "\\dt" -> session.tables().forEach(out::println);
      case "\\d" -> {
        if (w.length < 2) {
          session.tables().forEach(out::println);
        } else {
          describe(w[1]);
        }
      }
      default -> error("unknown command " + w[0] + " (\\tables, \\d TABLE, \\q)");
    }
    return true;
  }

  private void describe(String table) {
    if (!session.tables().contains(table)) {
      error("no table " + table + " (tables: " + String.join(", ", session.tables()) + ")");
      return;
    }
    RowSink sink = SqlOutput.of(format, out);
    sink.header(java.util.List.of("column", "type", "meaning"));
    java.util.List<ColumnDocs.Doc> docs = ColumnDocs.of(table);
    try {
      for (String[] c : session.schema(table)) {
        String meaning = docs.stream().filter(x -> x.column().equals(c[0])).map(ColumnDocs.Doc::meaning)
            .findFirst().orElse("");
        sink.row(new Object[] {c[0], c[1].toUpperCase(Locale.ROOT), meaning});
      }
      sink.end();
    } catch (Exception e) {
      error(String.valueOf(e.getMessage()).replace('\n', ' '));
    }
  }

  private void statement(String sql) {
    String body = sql.endsWith(";") ? sql.substring(0, sql.length() - 1).strip() : sql;
    if (body.isEmpty()) {
      return;
    }
    try {
      session.query(body, SqlOutput.of(format, out));
    } catch (SqlError e) {
      error(e.getMessage() + " (tables: " + String.join(", ", session.tables()) + ")");
    } catch (Exception e) {
      error(String.valueOf(e.getMessage()).replaceAll("\\s*\\n\\s*", " "));
    }
  }

  private void error(String message) {
    failed = true;
    out.println("error: " + message);
    out.flush();
  }

  /** Where the shell's lines come from. */
  interface LineSource {
    String read(String prompt) throws IOException;
  }

  /** JLine on a terminal (history in ~/.tiva_sql_history); null when JLine cannot open one. */
  static final class JLineSource {
    private JLineSource() {}

    static LineSource open() {
      try {
        return over(org.jline.terminal.TerminalBuilder.builder().system(true).build(),
            Path.of(System.getProperty("user.home"), ".tiva_sql_history"));
      } catch (IOException | LinkageError e) {
        return null;
      }
    }

    /**
     * Lines from {@code term} exactly as typed: no backslash escapes (so {@code \d runs} arrives
     * as typed), no history expansion (so {@code !=} stays SQL), no quote continuation (the shell
     * itself joins lines until {@code ;}).
     */
    static LineSource over(org.jline.terminal.Terminal term, Path history) {
      org.jline.reader.impl.DefaultParser parser = new org.jline.reader.impl.DefaultParser();
      parser.setEscapeChars(new char[0]);
      parser.setEofOnUnclosedQuote(false);
      org.jline.reader.LineReader reader = org.jline.reader.LineReaderBuilder.builder().terminal(term)
          .parser(parser)
          .option(org.jline.reader.LineReader.Option.DISABLE_EVENT_EXPANSION, true)
          .variable(org.jline.reader.LineReader.HISTORY_FILE, history)
          .build();
      return prompt -> {
        try {
          return reader.readLine(prompt);
        } catch (org.jline.reader.UserInterruptException e) {
          return "";
        } catch (org.jline.reader.EndOfFileException e) {
          return null;
        }
      };
    }
  }
}
