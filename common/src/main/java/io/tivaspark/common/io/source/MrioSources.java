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
    // one line per format, in the order of `ingest --help`
    register(WiodSource::new);
    register(AdbSource::new);
    register(FigaroSource::new);
    register(EoraSource::new);
    register(ExiobaseSource::new);
    register(Exio12Source::exiobase1); register(Exio12Source::exiobase2);
    register(GloriaSource::new);
  }

  private MrioSources() {}

  static synchronized void register(Supplier<MrioSource> s) {
    FORMATS.put(s.get().format(), s);
  }

  /**
   * Test hook: registers a reader for this JVM until the returned handle is closed (then the
   * format is removed again). For tests only (e.g. a fake source that fails on its second year,
   * to prove the ingest job writes nothing); a real format registers in the static block above.
   * A code already registered is refused (IllegalArgumentException), so a test never hides a real
   * reader.
   */
  public static AutoCloseable registerForTests(Supplier<MrioSource> s) {
    String format = s.get().format();
    synchronized (MrioSources.class) {
      if (FORMATS.containsKey(format)) {
        throw new IllegalArgumentException("format '" + format + "' is already registered");
      }
      FORMATS.put(format, s);
    }
    return () -> {
      synchronized (MrioSources.class) {
        FORMATS.remove(format);
      }
    };
  }

  /** The registered format codes, in help order. */
  public static synchronized List<String> formats() {
    return List.copyOf(FORMATS.keySet());
  }

  /** A fresh reader of {@code format}; IllegalArgumentException naming the known formats. */
  public static synchronized MrioSource of(String format) {
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
  public static synchronized List<MrioSource> all() {
    List<MrioSource> out = new ArrayList<>();
    FORMATS.values().forEach(s -> out.add(s.get()));
    return out;
  }
}
