package io.tivaspark.common.io.source;

import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.io.TableNames;
import io.tivaspark.common.io.ZipTables;
import io.tivaspark.common.model.InvalidInputException;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipException;

/**
 * The files of a FIGARO download (docs/sources/figaro.md §2): CSV files ({@code .csv},
 * {@code .csv.gz}) and zip archives (their CSV members, streamed), given as files or directories;
 * what each holds from its first lines ({@link Kind}); the year and edition from the name.
 */
final class FigaroFiles {
  private static final Pattern TABLE = Pattern.compile("(?i).*\\.csv(\\.gz)?");
  private static final Pattern ZIP = Pattern.compile("(?i).*\\.zip");
  private static final Pattern EDITION = Pattern.compile("(?i)_(\\d{2})ed(_|$)");

  private FigaroFiles() {}

  /** What a CSV holds, from its header (and first row label). */
  enum Kind {
    /** IC-IOT, CSV matrix format: header {@code rowLabels,…} (or shifted by one cell: the parser says so). */
    MATRIX,
    /** IC-IOT, CSV flat format: header with refArea, counterpartArea (the parser checks the rest). */
    FLAT,
    /** A FIGARO supply or use table (either format): recognised, not read. */
    SUPPLY_USE,
    /** Anything else. */
    OTHER
  }

  /** One CSV table: a file, or a member of a zip archive. */
  record Table(Path path, String member) {
    IcioCsv.Source source() {
      return member == null ? IcioCsv.Source.of(path) : IcioCsv.Source.zipMember(path, member);
    }

    /** The file or member name the year and edition are read from. */
    String name() {
      return member == null ? path.getFileName().toString() : member.substring(member.lastIndexOf('/') + 1);
    }

    String label() {
      return member == null ? path.toString() : path + "!" + member;
    }
  }

  /**
   * The CSV tables of the inputs: a CSV file; every CSV member of a zip archive (documentation
   * members skipped); every {@code .csv}, {@code .csv.gz} and {@code .zip} of a directory (other
   * files ignored), sorted by name.
   */
  static List<Table> tables(List<Path> inputs) throws IOException {
    List<Table> out = new ArrayList<>();
    for (Path in : inputs) {
      if (Files.isDirectory(in)) {
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
          files = s.filter(p -> Files.isRegularFile(p) && (TABLE.matcher(p.getFileName().toString()).matches()
              || ZIP.matcher(p.getFileName().toString()).matches())).sorted().toList();
        }
        for (Path f : files) {
          addFile(f, out);
        }
      } else if (Files.isRegularFile(in)) {
        addFile(in, out);
      } else {
        throw new InvalidInputException(in.toString(), null, null, "no such file or directory");
      }
    }
    return out;
  }

  private static void addFile(Path f, List<Table> out) {
    String name = f.getFileName().toString();
    if (ZIP.matcher(name).matches()) {
      zipMembers(f).forEach(m -> out.add(new Table(f, m)));
    } else if (TABLE.matcher(name).matches()) {
      out.add(new Table(f, null));
    } else {
      throw new InvalidInputException(f.toString(), null, null,
          "not a FIGARO download (expected .csv, .csv.gz or .zip)");
    }
  }

  /** The CSV members of a zip archive; documentation skipped; any other member is an error. */
  static List<String> zipMembers(Path zip) {
    try {
      return ZipTables.tableNames(zip, "unexpected member in a FIGARO zip archive (expected CSV tables)");
    } catch (IOException e) {
      throw new InvalidInputException(zip.toString(), null, null, "cannot read the zip archive: " + e.getMessage(), e);
    }
  }

  /** What the table holds, from its header line and first data line (cheap). */
  static Kind kind(Table t) throws IOException {
    String[] lines = firstLines(t);
    if (lines[0] == null) {
      return Kind.OTHER;
    }
    List<String> h = FigaroCells.split(lines[0]).stream().map(String::strip).toList();
    if (h.contains("icsupRow") || h.contains("icuseRow")) {
      return Kind.SUPPLY_USE;
    }
    if (h.contains("refArea") && h.contains("counterpartArea")) {
      return Kind.FLAT;
    }
    boolean corner = h.get(0).equalsIgnoreCase(FigaroMatrix.CORNER)
        || h.size() > 1 && h.get(0).isEmpty() && h.get(1).equalsIgnoreCase(FigaroMatrix.CORNER); // a shifted header
    if (!corner || h.size() < 2) {
      return Kind.OTHER;
    }
    String lower = t.name().toLowerCase(Locale.ROOT);
    if (lower.contains("eu-ic-supply") || lower.contains("eu-ic-use")) {
      return Kind.SUPPLY_USE;
    }
    boolean fdColumn = h.stream().anyMatch(c -> c.endsWith("_P3_S14"));
    boolean usePattern = lines[1] != null && lines[1].matches("^\"?[A-Za-z0-9]+_CPA_.*") && !h.get(1).contains("_CPA_");
    return usePattern ? Kind.SUPPLY_USE : fdColumn || lower.contains("eu-ic-io") ? Kind.MATRIX : Kind.OTHER;
  }

  /** The first non-blank line (byte-order mark removed) and the next non-blank line, or nulls. */
  private static String[] firstLines(Table t) throws IOException {
    String[] out = new String[2];
    try (BufferedReader r = new BufferedReader(new InputStreamReader(t.source().open(), StandardCharsets.UTF_8))) {
      int found = 0;
      for (String line = r.readLine(); line != null && found < 2; line = r.readLine()) {
        line = FigaroCells.stripBom(line);
        if (!line.isBlank()) {
          out[found++] = line;
        }
      }
    } catch (ZipException | EOFException e) {
      throw new InvalidInputException(t.label(), null, null, "corrupt gzip/zip data (truncated or damaged): " + e.getMessage(), e);
    }
    return out;
  }

  /** The year at the year position of the name ({@link TableNames}), else {@code fallback}. */
  static OptionalInt year(Table t, OptionalInt fallback) {
    OptionalInt y = TableNames.year(t.name(), t.label(), null);
    if (y.isEmpty() && t.member() != null) {
      y = TableNames.year(t.path().getFileName().toString(), t.label(), null);
    }
    return y.isPresent() ? y : fallback;
  }

  /** "2023 edition" from {@code _23ed_} in the name, or empty. */
  static String edition(String name) {
    Matcher m = EDITION.matcher(name);
    return m.find() ? "20" + m.group(1) + " edition" : "";
  }
}
