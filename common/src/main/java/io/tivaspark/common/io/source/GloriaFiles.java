package io.tivaspark.common.io.source;

import io.tivaspark.common.io.TableNames;
import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Where the files of a GLORIA release are (docs/sources/gloria.md "What to download"). A release year
 * is {@code GLORIA_MRIOs_59_2022.zip} (or its unpacked folder) holding the {@code T-}, {@code Y-} and
 * {@code V-Results_2022_059_Markup00k(full).csv} matrices, {@code GLORIA_SatelliteAccounts_059_2022.zip}
 * holding {@code TQ-} and {@code YQ-Results}, and one {@code GLORIA_ReadMe_059.xlsx} for all years.
 *
 * <p>An input is a directory (its files, and the zip archives and folders directly in it, are
 * searched: pymrio's layout) or one zip archive / folder of a year (the ReadMe and the satellite
 * accounts are then also searched beside it). Only the basic-price matrices ({@code Markup001}) are
 * read. The year is the one in the matrix file name, else in its archive or folder name
 * ({@code GLORIA_MRIOs_59_2022}), else {@code --year}.
 */
final class GloriaFiles {
  static final String T = "T";
  static final String Y = "Y";
  static final String V = "V";
  static final String TQ = "TQ";
  static final String YQ = "YQ";
  static final String README = "README";

  private static final Pattern RESULT = Pattern.compile(
      "(?i)(?:^|.*[_/])(T|Y|V|TQ|YQ)-Results(?:_(\\d{4}))?(?:_(\\d{3}))?_Markup(\\d{3})\\(full\\)\\.csv");
  private static final Pattern READ_ME = Pattern.compile("(?i)(?:.*/)?GLORIA_ReadMe(?:_0*(\\d+)[a-z]?)?\\.xlsx");

  private GloriaFiles() {}

  /** A result matrix found: its role (T, Y, V, TQ, YQ), year (−1: none in the names), version, markup. */
  record Found(String role, int year, String version, int markup, GloriaFile file) {}

  /** What the inputs hold: the result matrices and the ReadMe workbooks. */
  record Scan(List<Found> results, List<GloriaFile> readMes) {
    List<Found> basic(String role) {
      return results.stream().filter(f -> f.role().equals(role) && f.markup() == 1).toList();
    }
  }

  /** Scans the inputs (names only: cheap). */
  static Scan scan(List<Path> inputs) throws IOException {
    Set<Path> containers = new LinkedHashSet<>();
    Set<Path> besides = new LinkedHashSet<>();
    for (Path in : inputs) {
      Path p = in.toAbsolutePath().normalize();
      if (Files.isDirectory(p)) {
        containers.add(p);
        try (Stream<Path> s = Files.list(p)) {
          s.sorted().filter(c -> Files.isDirectory(c) || isZip(c)).forEach(containers::add);
        }
      } else if (isZip(p)) {
        containers.add(p);
      } else {
        throw new InvalidInputException(p.toString(), null, null, Files.exists(p)
            ? "not a GLORIA input: pass the folder or zip archive holding the T-, Y- and V-Results matrices"
            : "no such file or directory");
      }
      if (p.getParent() != null && isYearContainer(p)) {
        besides.add(p.getParent());
      }
    }
    List<Found> results = new ArrayList<>();
    List<GloriaFile> readMes = new ArrayList<>();
    for (Path c : containers) {
      classify(c, entries(c), results, readMes);
    }
    for (Path b : besides) {
      if (!containers.contains(b)) {
        classify(b, entries(b).stream().filter(f -> READ_ME.matcher(f.baseName()).matches()).toList(), results, readMes);
        try (Stream<Path> s = Files.list(b)) {
          for (Path c : s.sorted().filter(c -> !containers.contains(c) && isSatelliteContainer(c)).toList()) {
            classify(c, entries(c), results, readMes);
          }
        }
      }
    }
    return new Scan(List.copyOf(results), List.copyOf(readMes));
  }

  /** A zip archive or a GLORIA_MRIOs_… folder: one year, whose ReadMe and satellite accounts lie beside it. */
  private static boolean isYearContainer(Path p) {
    return isZip(p) || p.getFileName() != null
        && p.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("gloria_mrios");
  }

  private static boolean isSatelliteContainer(Path c) {
    return c.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("gloria_satelliteaccounts")
        && (Files.isDirectory(c) || isZip(c));
  }

  private static void classify(Path container, List<GloriaFile> entries, List<Found> results, List<GloriaFile> readMes) {
    for (GloriaFile f : entries) {
      String name = f.member() == null ? f.baseName() : f.member();
      Matcher m = RESULT.matcher(name);
      if (m.matches()) {
        int year = m.group(2) != null ? Integer.parseInt(m.group(2)) : containerYear(container);
        if (year >= 0 && (year < TableNames.MIN_YEAR || year > TableNames.MAX_YEAR)) {
          throw new InvalidInputException(f.name(), null, null, "implausible year " + year + " in the file name");
        }
        results.add(new Found(m.group(1).toUpperCase(Locale.ROOT), year, m.group(3), Integer.parseInt(m.group(4)), f));
      } else if (READ_ME.matcher(name).matches() && !readMes.contains(f)) {
        readMes.add(f);
      }
    }
  }

  /** The year in an archive or folder name ({@code GLORIA_MRIOs_59_2022}), or −1. */
  private static int containerYear(Path container) {
    OptionalInt y = TableNames.year(container.getFileName().toString(), container.toString(), null);
    return y.isPresent() ? y.getAsInt() : -1;
  }

  /** The files of a folder (not recursive) or the members of a zip archive. */
  static List<GloriaFile> entries(Path container) {
    List<GloriaFile> out = new ArrayList<>();
    if (Files.isDirectory(container)) {
      try (Stream<Path> s = Files.list(container)) {
        s.sorted().filter(Files::isRegularFile).forEach(f -> out.add(new GloriaFile(f, null)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + container + ": " + e.getMessage(), e);
      }
      return out;
    }
    try (ZipFile zf = new ZipFile(container.toFile())) {
      Enumeration<? extends ZipEntry> en = zf.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        if (!e.isDirectory() && !e.getName().startsWith("__MACOSX/")) {
          out.add(new GloriaFile(container, e.getName()));
        }
      }
    } catch (ZipException e) {
      throw new InvalidInputException(container.toString(), null, null,
          "not a readable zip archive (truncated or damaged): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + container + ": " + e.getMessage(), e);
    }
    return out;
  }

  static boolean isZip(Path p) {
    return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  /**
   * The year units: one per T-Results (basic prices) file, with its Y, V, satellite (TQ, YQ; all
   * years or none) and ReadMe files, sorted by year.
   */
  static List<SourceUnit> plan(List<Path> inputs, OptionalInt year) throws IOException {
    Scan scan = scan(inputs);
    List<Found> ts = scan.basic(T);
    if (ts.isEmpty()) {
      throw new InvalidInputException(String.join(", ", inputs.stream().map(Path::toString).toList()), null, null,
          "no GLORIA T-Results_…_Markup001(full).csv found (in the folder, its zip archives or folders)");
    }
    TreeMap<Integer, Found> byYear = new TreeMap<>();
    for (Found t : ts) {
      int y = yearOf(t, year);
      Found prev = byYear.put(y, t);
      if (prev != null) {
        throw new InvalidInputException(t.file().name(), y, null, "two T-Results files for one year (also "
            + prev.file().name() + ")");
      }
    }
    List<SourceUnit> units = new ArrayList<>();
    for (Map.Entry<Integer, Found> e : byYear.entrySet()) {
      units.add(unit(scan, e.getValue(), e.getKey(), year));
    }
    checkSatellitesEveryYear(units);
    return units;
  }

  private static int yearOf(Found f, OptionalInt year) {
    if (f.year() >= 0) {
      if (year.isPresent() && year.getAsInt() != f.year()) {
        throw new InvalidInputException(f.file().name(), f.year(), null,
            "the file name says " + f.year() + " but --year says " + year.getAsInt());
      }
      return f.year();
    }
    if (year.isEmpty()) {
      throw new InvalidInputException(f.file().name(), null, null, "no year in the file or archive name: pass --year");
    }
    return year.getAsInt();
  }

  private static SourceUnit unit(Scan scan, Found t, int y, OptionalInt year) {
    Map<String, GloriaFile> files = new LinkedHashMap<>();
    files.put(T, t.file());
    files.put(Y, companion(scan, Y, t, y, year, true));
    files.put(V, companion(scan, V, t, y, year, true));
    GloriaFile tq = companion(scan, TQ, t, y, year, false);
    GloriaFile yq = companion(scan, YQ, t, y, year, false);
    if ((tq == null) != (yq == null)) {
      throw new InvalidInputException(tq != null ? tq.name() : yq.name(), y, null,
          (tq == null ? "TQ" : "YQ") + "-Results for this year missing: satellite accounts need both TQ and YQ");
    }
    if (tq != null) {
      files.put(TQ, tq);
      files.put(YQ, yq);
    }
    files.put(README, readMe(scan, t, y));
    List<String> members = new ArrayList<>();
    files.forEach((role, f) -> members.add(role + "=" + f.name()));
    Path container = container(t.file());
    return new SourceUnit(container.toString(), members, y, container.getFileName().toString());
  }

  /** The folder or zip archive holding a file. */
  private static Path container(GloriaFile f) {
    return f.member() == null ? f.path().getParent() : f.path();
  }

  /** The role's basic-price file of year y (preferring the T file's archive), or null when optional and absent. */
  private static GloriaFile companion(Scan scan, String role, Found t, int y, OptionalInt year, boolean required) {
    List<Found> cands = scan.basic(role).stream()
        .filter(f -> (f.year() >= 0 ? f.year() : year.orElse(-1)) == y).toList();
    List<Found> same = cands.stream().filter(f -> f.file().path().equals(t.file().path())).toList();
    List<Found> pick = same.isEmpty() ? cands : same;
    if (pick.size() > 1) {
      throw new InvalidInputException(pick.get(0).file().name(), y, null, "two " + role + "-Results files for one year (also "
          + pick.get(1).file().name() + ")");
    }
    if (pick.isEmpty()) {
      if (!required) {
        return null;
      }
      throw new InvalidInputException(container(t.file()).toString(), y, null, "no " + role + "-Results_" + y
          + "_…_Markup001(full).csv for this year (the T-Results file is " + t.file().baseName() + ")");
    }
    return pick.get(0).file();
  }

  /** The ReadMe: the only one, or the one whose version is the T file's (059 ↔ GLORIA_ReadMe_059.xlsx). */
  private static GloriaFile readMe(Scan scan, Found t, int y) {
    List<GloriaFile> all = scan.readMes();
    if (all.size() == 1) {
      return all.get(0);
    }
    if (all.isEmpty()) {
      throw new InvalidInputException(container(t.file()).toString(), y, null,
          "no GLORIA_ReadMe_*.xlsx found (in or beside the release: it holds every label)");
    }
    List<GloriaFile> match = t.version() == null ? List.of() : all.stream().filter(f -> {
      Matcher m = READ_ME.matcher(f.baseName());
      return m.matches() && m.group(1) != null && Integer.parseInt(m.group(1)) == Integer.parseInt(t.version());
    }).toList();
    if (match.size() != 1) {
      throw new InvalidInputException(container(t.file()).toString(), y, null, "cannot tell which ReadMe belongs to release "
          + t.version() + ": " + String.join(", ", all.stream().map(GloriaFile::baseName).toList()));
    }
    return match.get(0);
  }

  private static void checkSatellitesEveryYear(List<SourceUnit> units) {
    List<Integer> with = new ArrayList<>();
    List<Integer> without = new ArrayList<>();
    for (SourceUnit u : units) {
      (u.members().stream().anyMatch(m -> m.startsWith(TQ + "=")) ? with : without).add(u.year());
    }
    if (!with.isEmpty() && !without.isEmpty()) {
      SourceUnit first = units.stream().filter(u -> u.year() == without.get(0)).findFirst().orElseThrow();
      throw new InvalidInputException(first.path(), without.get(0), null, "year missing from the satellite accounts "
          + "(TQ/YQ-Results found for " + with + " but not for " + without + "): extensions need every year or none");
    }
  }

  /** The release number in a result file's name ({@code 059} in {@code …_2022_059_Markup001(full).csv}), or null. */
  static String version(GloriaFile f) {
    Matcher m = RESULT.matcher(f.member() == null ? f.baseName() : f.member());
    return m.matches() ? m.group(3) : null;
  }

  /** The files of a unit by role (T, Y, V, TQ, YQ, README). */
  static Map<String, GloriaFile> files(SourceUnit unit) {
    Map<String, GloriaFile> out = new LinkedHashMap<>();
    for (String m : unit.members()) {
      int eq = m.indexOf('=');
      out.put(m.substring(0, eq), GloriaFile.parse(m.substring(eq + 1)));
    }
    return out;
  }

  /** For {@code --format auto}: what GLORIA files the input holds, from names only. */
  static Optional<String> recognise(Path input) throws IOException {
    if (!Files.isDirectory(input) && !isZip(input)) {
      return Optional.empty();
    }
    Scan s;
    try {
      s = scan(List.of(input));
    } catch (InvalidInputException | UncheckedIOException e) {
      return Optional.empty(); // not readable as GLORIA: another format may recognise it
    }
    List<Found> ts = s.basic(T);
    if (ts.isEmpty()) {
      return Optional.empty();
    }
    Set<Integer> years = new java.util.TreeSet<>();
    Set<Integer> markups = new java.util.TreeSet<>();
    ts.forEach(t -> years.add(t.year()));
    s.results().stream().filter(f -> f.role().equals(T)).forEach(f -> markups.add(f.markup()));
    String version = ts.get(0).version() == null ? "" : " release " + ts.get(0).version();
    return Optional.of("GLORIA" + version + " supply-use tables, years " + years.toString().replace("-1", "(none in the name)")
        + ", T-Results markups " + markups + " (Markup001 = basic prices is read)"
        + (s.basic(TQ).isEmpty() ? "" : ", satellite accounts TQ/YQ")
        + (s.readMes().isEmpty() ? ", no ReadMe found" : ", " + s.readMes().get(0).baseName()));
  }
}
