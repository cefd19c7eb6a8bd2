package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of an EXIOBASE 1 or 2 release (docs/sources/exiobase1-2.md), found by name among the
 * files of a folder or a zip archive ({@link ExiobaseFiles}): the tables {@code mrIot*.txt} (A),
 * {@code mrFinalDemand*.txt} (Y), the coefficient extensions {@code mrFactorInputs*},
 * {@code mrEmissions*}, {@code mrMaterials*}, {@code mrResources*} (S) and the final-demand
 * extensions {@code mrFDEmissions*}, {@code mrFDMaterials*}, {@code mrFDResources*} (F_Y), as
 * pymrio's {@code get_exiobase_files} names them (a name starting with {@code _} is not one of them);
 * and the generic extension files ({@code *.txt} in a folder {@code extensions/}).
 */
final class Exio12Files {
  /** The kinds of file, in reading order: the key is the name prefix. */
  static final Map<String, String> KINDS = kinds();
  private static final Pattern VERSION = Pattern.compile("version[_-]?(\\d+(?:\\.\\d+)*)", Pattern.CASE_INSENSITIVE);
  /** The folder of generic extension files (pymrio's parse_exio12_ext), beside the tables. */
  static final String EXTENSIONS = "extensions/";

  private Exio12Files() {}

  private static Map<String, String> kinds() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("mrIot", "A");
    m.put("mrFinalDemand", "Y");
    m.put("mrFactorInputs", "S factor_inputs");
    m.put("mrEmissions", "S emissions");
    m.put("mrMaterials", "S materials");
    m.put("mrResources", "S resources");
    m.put("mrFDEmissions", "F_Y emissions");
    m.put("mrFDMaterials", "F_Y materials");
    m.put("mrFDResources", "F_Y resources");
    return m;
  }

  /** The file of each kind present (prefix → relative name, in the order of {@link #KINDS}); two files of one kind are an error naming both. */
  static Map<String, String> find(ExiobaseFiles files, Integer year) {
    Map<String, String> found = new LinkedHashMap<>();
    for (String f : files.list()) {
      String base = ExiobaseFiles.base(f);
      if (f.startsWith(EXTENSIONS) || f.startsWith("__MACOSX/") || !base.endsWith(".txt")) {
        continue;
      }
      for (String prefix : KINDS.keySet()) {
        if (base.regionMatches(true, 0, prefix, 0, prefix.length()) && !isLonger(base, prefix)) {
          String prev = found.put(prefix, f);
          if (prev != null) {
            throw new InvalidInputException(files.name(f), year, null, "two " + prefix + " files: " + prev + " and " + f
                + " (one EXIOBASE 1/2 table per input)");
          }
        }
      }
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    KINDS.keySet().stream().filter(found::containsKey).forEach(k -> ordered.put(k, found.get(k)));
    return ordered;
  }

  /** mrFDEmissions also starts with mrF...; mrIot must not match mrIotSomethingElse of another kind. */
  private static boolean isLonger(String base, String prefix) {
    for (String other : KINDS.keySet()) {
      if (other.length() > prefix.length() && base.regionMatches(true, 0, other, 0, other.length())) {
        return true;
      }
    }
    return false;
  }

  /** The generic extension files: {@code extensions/*.txt}, sorted. */
  static List<String> extensionFiles(ExiobaseFiles files) {
    List<String> out = new ArrayList<>();
    for (String f : files.list()) {
      if (f.startsWith(EXTENSIONS) && f.endsWith(".txt") && f.indexOf('/', EXTENSIONS.length()) < 0) {
        out.add(f);
      }
    }
    return out;
  }

  /** The version in a file name ({@code mrIot_version2.2.2.txt} → 2.2.2), if any. */
  static Optional<String> version(String name) {
    Matcher m = VERSION.matcher(ExiobaseFiles.base(name));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The extension's name of a file kind ({@code mrEmissions} → emissions) or of an extension file (its stem). */
  static String extensionName(String prefixOrFile) {
    String kind = KINDS.get(prefixOrFile);
    if (kind != null) {
      return kind.substring(kind.indexOf(' ') + 1);
    }
    String base = ExiobaseFiles.base(prefixOrFile);
    return base.endsWith(".txt") ? base.substring(0, base.length() - 4) : base;
  }
}
