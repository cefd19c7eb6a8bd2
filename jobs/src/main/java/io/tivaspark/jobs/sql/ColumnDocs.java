package io.tivaspark.jobs.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column descriptions of docs/data-dictionary.md §1 (packaged in the jar), for the shell's
 * {@code \d TABLE}: under each heading {@code ### 1.N `table`}, the rows of its
 * {@code | column | type | meaning |} table. The dictionary is the one source; nothing is copied.
 */
public final class ColumnDocs {
  /** One documented column. */
  public record Doc(String column, String type, String meaning) {}

  private static final Pattern HEADING = Pattern.compile("^####?\\s+1\\.[0-9.]*\\s+`([a-z_0-9]+)`.*");
  private static final Pattern NAME = Pattern.compile("`([a-z_0-9]+)`");
  private static Map<String, List<Doc>> cache;

  private ColumnDocs() {}

  /** The documented columns of {@code table}, in the dictionary's order (empty when undocumented). */
  public static synchronized List<Doc> of(String table) {
    if (cache == null) {
      try (InputStream in = ColumnDocs.class.getResourceAsStream("/io/tivaspark/jobs/data-dictionary.md")) {
        cache = in == null ? Map.of() : parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        cache = Map.of();
      }
    }
    return cache.getOrDefault(table, List.of());
  }

  static Map<String, List<Doc>> parse(BufferedReader r) throws IOException {
    Map<String, List<Doc>> out = new LinkedHashMap<>();
    String table = null;
    boolean inColumns = false;
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        table = h.group(1);
        inColumns = false;
      } else if (line.startsWith("## ")) {
        table = null;
      } else if (table != null && line.replace(" ", "").startsWith("|column|type|meaning|")) {
        inColumns = true;
      } else if (inColumns && line.startsWith("|") && !line.startsWith("|---")) {
        addRow(out.computeIfAbsent(table, k -> new ArrayList<>()), line);
      } else if (inColumns && !line.startsWith("|")) {
        inColumns = false;
      }
    }
    return out;
  }

  private static void addRow(List<Doc> docs, String line) {
    String[] cells = line.split("\\|", -1);
    if (cells.length < 4) {
      return;
    }
    Matcher m = NAME.matcher(cells[1]);
    while (m.find()) {
      docs.add(new Doc(m.group(1), cells[2].strip(), cells[3].strip()));
    }
  }
}
