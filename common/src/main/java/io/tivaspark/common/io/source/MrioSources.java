package io.tivaspark.common.io.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry of the publishers' formats ({@link MrioSource}): one line per format. A new reader
 * adds its line here (and nothing else outside its own package).
 */
public final class MrioSources {
  private static final Map<String, Supplier<MrioSource>> FORMATS = new LinkedHashMap<>();

  static {
    // register(new ExiobaseSource()); ... one line per format, in the order of `ingest --help`
    register(GloriaSource::new);
  }

  private MrioSources() {}

  static void register(Supplier<MrioSource> s) {
    FORMATS.put(s.get().format(), s);
  }

  /** The registered format codes, in help order. */
  public static List<String> formats() {
    return List.copyOf(FORMATS.keySet());
  }

  /** A fresh reader of {@code format}; IllegalArgumentException naming the known formats. */
  public static MrioSource of(String format) {
    Supplier<MrioSource> s = FORMATS.get(format);
    if (s == null) {
      throw new IllegalArgumentException("unknown format '" + format + "' (known: " + String.join(", ", formats()) + ")");
    }
    return s.get();
  }

  /** For {@code --format auto}: every format that recognises {@code input}, with what it found. */
  public static Map<String, String> recognise(Path input) throws IOException {
    Map<String, String> found = new LinkedHashMap<>();
    for (String f : formats()) {
      Optional<String> what = of(f).recognise(input);
      what.ifPresent(w -> found.put(f, w));
    }
    return found;
  }

  /** Every reader, in help order. */
  public static List<MrioSource> all() {
    List<MrioSource> out = new ArrayList<>();
    FORMATS.values().forEach(s -> out.add(s.get()));
    return out;
  }
}
