package io.tivaspark.common.io.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two small JSON files pymrio writes beside EXIOBASE's tables, read for the few flat fields the
 * reader needs (no JSON library in {@code common}): {@code metadata.json} ({@code "system": "pxp"},
 * {@code "version": "3.8.2"}) and {@code file_parameters.json} ({@code "files": {"A": {"name": "A.txt",
 * "nr_index_col": "2", "nr_header": "2"}, …}}).
 */
final class ExiobaseJson {
  private static final Pattern FILE = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\\{([^{}]*)\\}");

  private ExiobaseJson() {}

  /** One entry of file_parameters.json: the file's key (A, Y, F, F_Y, F_hh, unit …), name and shape. */
  record FileSpec(String key, String name, ExiobaseMatrix.Shape shape) {}

  /** The whole (small) file as text. */
  static String read(InputStream in) throws IOException {
    try (InputStream s = in) {
      return new String(s.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A top-level string field ({@code "key": "value"}), if present. */
  static Optional<String> string(String json, String key) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The file entries of file_parameters.json by file name (e.g. {@code F.txt}); entries without a name skipped. */
  static Map<String, FileSpec> files(String json) {
    Map<String, FileSpec> out = new LinkedHashMap<>();
    Matcher m = FILE.matcher(json);
    while (m.find()) {
      String body = m.group(2);
      Optional<String> name = string(body, "name");
      if (name.isEmpty()) {
        continue;
      }
      int k = number(body, "nr_index_col", -1);
      int h = number(body, "nr_header", -1);
      ExiobaseMatrix.Shape shape = k > 0 && h > 0 ? new ExiobaseMatrix.Shape(k, h) : null;
      out.put(name.get(), new FileSpec(m.group(1), name.get(), shape));
    }
    return out;
  }

  /** An integer field written as a number or a string ({@code "nr_header": "2"}), else {@code dflt}. */
  static int number(String json, String key, int dflt) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"?\\s*(\\d+)\\s*\"?").matcher(json);
    return m.find() ? Integer.parseInt(m.group(1)) : dflt;
  }
}
