package io.tivaspark.common.io.source;

import io.tivaspark.common.io.TableNames;
import io.tivaspark.common.io.source.EoraFiles.Data;
import io.tivaspark.common.io.source.EoraFiles.Entry;
import io.tivaspark.common.io.source.EoraFiles.Kind;
import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The year units of Eora26 inputs (docs/sources/eora26.md §1): which data files and which label
 * files make one year, from a yearly zip archive, a directory of archives (with {@code indices.zip}),
 * unpacked files, or year folders ({@code 2015/}). The same selection runs on the driver
 * ({@link #plan}) and in the task ({@link #files(SourceUnit)}), so a task reads exactly what was planned.
 */
final class EoraPlan {
  private EoraPlan() {}

  /**
   * The files of one year.
   *
   * @param price {@code bp}, {@code pp}, or null when the names do not say
   */
  record YearFiles(int year, String price, Map<Kind, Entry> data, Map<Kind, Entry> labels) {
    /** The unit: the archive when it holds everything, else the directory and the files used. */
    SourceUnit unit() {
      Entry t = data.get(Kind.T);
      Set<Path> files = new LinkedHashSet<>();
      data.values().forEach(e -> files.add(e.file().toAbsolutePath()));
      labels.values().forEach(e -> files.add(e.file().toAbsolutePath()));
      if (t.inZip() && files.size() == 1) {
        return new SourceUnit(t.file().toString(), List.of(), year, t.file().toString());
      }
      Path dir = t.dir();
      List<String> members = files.stream().map(f -> dir.relativize(f).toString()).toList();
      String label = t.inZip() ? t.file().toString()
          : dir.resolve(t.name().replaceFirst("(?i)_T\\.txt$", "_*.txt")).toString();
      return new SourceUnit(dir.toString(), members, year, label);
    }
  }

  /** The units of every input, sorted by year; a year found twice is an error naming both. */
  static List<SourceUnit> plan(List<Path> inputs, OptionalInt year) throws IOException {
    List<YearFiles> all = new ArrayList<>();
    for (Path in : inputs) {
      List<YearFiles> found = years(in, year);
      if (found.isEmpty()) {
        throw new InvalidInputException(in.toString(), null, null,
            "no Eora26 table in it (expected Eora26_<year>_<bp|pp>.zip or Eora26_<year>_<bp|pp>_T.txt)");
      }
      all.addAll(found);
    }
    all.sort(Comparator.comparingInt(YearFiles::year));
    for (int i = 1; i < all.size(); i++) {
      if (all.get(i).year() == all.get(i - 1).year()) {
        throw new InvalidInputException(all.get(i).unit().label(), all.get(i).year(), null,
            "year given twice (also " + all.get(i - 1).unit().label()
                + "); ingest one price basis (bp or pp) at a time");
      }
    }
    return all.stream().map(YearFiles::unit).toList();
  }

  /** The years of one input: a zip archive, or a directory (and its year folders). */
  static List<YearFiles> years(Path in, OptionalInt year) throws IOException {
    if (Files.isDirectory(in)) {
      List<YearFiles> out = new ArrayList<>(group(EoraFiles.dirEntries(in), year));
      List<Path> sub;
      try (Stream<Path> s = Files.list(in)) {
        sub = s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("\\d{4}")).sorted().toList();
      }
      for (Path p : sub) {
        out.addAll(group(EoraFiles.dirEntries(p), year));
      }
      return out;
    }
    if (Files.isRegularFile(in) && EoraFiles.isZip(in)) {
      List<Entry> entries = new ArrayList<>(EoraFiles.zipEntries(in));
      entries.addAll(EoraFiles.siblingLabels(in));
      return group(entries, year);
    }
    throw new InvalidInputException(in.toString(), null, null,
        "not an Eora26 input (give the yearly zip archives Eora26_<year>_<bp|pp>.zip or a directory holding them or their files)");
  }

  /** The files of the unit's year, found again in the unit's archive or members. */
  static YearFiles files(SourceUnit u) throws IOException {
    Path p = Path.of(u.path());
    List<Entry> entries = new ArrayList<>();
    if (u.members().isEmpty()) {
      entries.addAll(Files.isDirectory(p) ? EoraFiles.dirEntries(p) : EoraFiles.zipEntries(p));
    } else {
      for (String m : u.members()) {
        Path f = p.resolve(m);
        if (!Files.isRegularFile(f)) {
          throw new InvalidInputException(f.toString(), u.year(), null, "file missing");
        }
        if (EoraFiles.isZip(f)) {
          entries.addAll(EoraFiles.zipEntries(f));
        } else {
          entries.add(new Entry(f, null));
        }
      }
    }
    for (YearFiles y : group(entries, OptionalInt.of(u.year()))) {
      if (y.year() == u.year()) {
        return y;
      }
    }
    throw new InvalidInputException(u.label(), u.year(), null, "no Eora26 table of this year in it");
  }

  /** The data entries grouped by year and price basis, each with its label files. */
  private static List<YearFiles> group(List<Entry> entries, OptionalInt year) {
    Map<String, Map<Kind, Data>> groups = new TreeMap<>();
    for (Entry e : entries) {
      Data d = EoraFiles.data(e);
      if (d == null) {
        continue;
      }
      int y = yearOf(d, year);
      Map<Kind, Data> g = groups.computeIfAbsent(y + "_" + Objects.toString(d.price(), ""), k -> new EnumMap<>(Kind.class));
      Data prev = g.put(d.kind(), d);
      if (prev != null) {
        throw new InvalidInputException(e.label(), y, null, "the " + d.kind() + " block of year " + y
            + " is found twice (also " + prev.entry().label() + "): give one copy");
      }
    }
    List<YearFiles> out = new ArrayList<>();
    for (Map.Entry<String, Map<Kind, Data>> g : groups.entrySet()) {
      int y = Integer.parseInt(g.getKey().substring(0, 4));
      String price = g.getKey().length() > 5 ? g.getKey().substring(5) : null;
      out.add(yearFiles(y, price, g.getValue(), entries));
    }
    return out;
  }

  /** The year of a data entry: its name, else its archive's or folder's name, else {@code --year}. */
  private static int yearOf(Data d, OptionalInt year) {
    if (d.year().isPresent()) {
      return d.year().getAsInt();
    }
    Entry e = d.entry();
    String container = e.inZip() ? e.file().getFileName().toString() : e.dir().getFileName().toString();
    OptionalInt y = TableNames.year(container, e.label(), null);
    if (y.isPresent()) {
      return y.getAsInt();
    }
    if (year.isPresent()) {
      return year.getAsInt();
    }
    throw new InvalidInputException(e.label(), null, null,
        "no year in the file name (Eora26 names files Eora26_<year>_<bp|pp>_T.txt): give --year");
  }

  /** One year's files: T, FD and VA required, Q and QY together or not at all, and their labels. */
  private static YearFiles yearFiles(int year, String price, Map<Kind, Data> blocks, List<Entry> entries) {
    Data any = blocks.values().iterator().next();
    for (Kind k : List.of(Kind.T, Kind.FD, Kind.VA)) {
      if (!blocks.containsKey(k)) {
        throw new InvalidInputException(any.entry().label(), year, null, "the " + k + " block of year " + year
            + " is missing (a year needs Eora26_" + year + "_" + Objects.toString(price, "bp") + "_" + k + ".txt)");
      }
    }
    if (blocks.containsKey(Kind.Q) != blocks.containsKey(Kind.QY)) {
      Kind missing = blocks.containsKey(Kind.Q) ? Kind.QY : Kind.Q;
      throw new InvalidInputException(any.entry().label(), year, null, "the " + missing + " block of year " + year
          + " is missing (satellite accounts need both Q and QY)");
    }
    Map<Kind, Entry> data = new EnumMap<>(Kind.class);
    blocks.forEach((k, d) -> data.put(k, d.entry()));
    Entry t = data.get(Kind.T);
    Map<Kind, Entry> labels = new EnumMap<>(Kind.class);
    for (Kind k : List.of(Kind.T, Kind.FD, Kind.VA, Kind.Q)) {
      if (k != Kind.Q || data.containsKey(Kind.Q)) {
        labels.put(k, label(k, t, entries, year));
      }
    }
    return new YearFiles(year, price, data, labels);
  }

  /**
   * The labels file of a block for the year whose T block is {@code t}: in the same archive, else
   * loose in the same directory, else in another archive there that is not a yearly Eora26 archive
   * ({@code indices.zip}). Two candidates of the best rank are an error naming both.
   */
  private static Entry label(Kind k, Entry t, List<Entry> entries, int year) {
    Entry best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Entry e : entries) {
      int r = EoraFiles.labels(e) == k ? rank(e, t) : Integer.MAX_VALUE;
      if (r < bestRank) {
        best = e;
        bestRank = r;
      } else if (r == bestRank && r != Integer.MAX_VALUE) {
        throw new InvalidInputException(t.label(), year, null, "two candidates for labels_" + k + ".txt: "
            + best.label() + " and " + e.label());
      }
    }
    if (best == null) {
      throw new InvalidInputException(t.label(), year, null, "labels_" + k + ".txt not found (looked in "
          + (t.inZip() ? "the archive, " : "") + "its directory and indices.zip there)");
    }
    return best;
  }

  private static int rank(Entry e, Entry t) {
    boolean sameDir = e.dir().equals(t.dir());
    if (t.inZip() && e.inZip() && e.file().toAbsolutePath().equals(t.file().toAbsolutePath())) {
      return 0;
    }
    if (!e.inZip() && sameDir) {
      return 1;
    }
    if (e.inZip() && sameDir && !e.file().getFileName().toString().toLowerCase(java.util.Locale.ROOT).startsWith("eora26_")) {
      return 2;
    }
    return Integer.MAX_VALUE;
  }
}
