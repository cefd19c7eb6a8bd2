package io.tivaspark.common.io.source;

import io.tivaspark.common.io.ZipTables;

import io.tivaspark.common.io.TableNames;
import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The files of an Eora26 release as downloaded (docs/sources/eora26.md): per year and price basis
 * a zip archive {@code Eora26_2015_bp.zip} holding {@code Eora26_2015_bp_T.txt}, {@code _FD},
 * {@code _VA}, {@code _Q}, {@code _QY} and, in older releases, {@code labels_T.txt},
 * {@code labels_FD.txt}, {@code labels_VA.txt}, {@code labels_Q.txt}; newer releases ship the
 * labels once, in {@code indices.zip} beside the yearly archives. The same files unpacked in a
 * directory read the same way. Entries are found by their base name (a folder inside an archive
 * is ignored); zip members are streamed, never unpacked to disk.
 */
final class EoraFiles {
  /** The blocks of one year: transactions, final demand, primary inputs, satellite accounts. */
  enum Kind { T, FD, VA, Q, QY }

  /** {@code Eora26_<year>_<bp|pp>_<block>.txt}; the year and the price basis may be absent. */
  static final Pattern DATA = Pattern.compile("(?i)Eora26_(?:(\\d{4})_)?(?:(bp|pp)_)?(T|FD|VA|Q|QY)\\.txt");
  /** {@code labels_<block>.txt}. */
  static final Pattern LABELS = Pattern.compile("(?i)labels_(T|FD|VA|Q)\\.txt");

  private EoraFiles() {}

  /** One file, or one member of a zip archive. */
  record Entry(Path file, String member) {
    /** How errors name it: the path, or {@code archive!member}. */
    String label() {
      return member == null ? file.toString() : file + "!" + member;
    }

    /** The base name (no directory, no archive). */
    String name() {
      String s = member == null ? file.getFileName().toString() : member;
      return s.substring(s.lastIndexOf('/') + 1);
    }

    boolean inZip() {
      return member != null;
    }

    /** The directory the file (or the archive holding it) is in. */
    Path dir() {
      Path abs = file.toAbsolutePath();
      return abs.getParent();
    }

    /** The bytes, streamed (a zip member is inflated while read). Closing it closes the archive. */
    InputStream open() throws IOException {
      if (member == null) {
        return Files.newInputStream(file);
      }
      ZipFile zf = openZip(file);
      ZipEntry e = zf.getEntry(member);
      if (e == null) {
        zf.close();
        throw new InvalidInputException(file.toString(), null, "member " + member, "member missing from the archive");
      }
      return ZipTables.memberClosingArchive(zf, e);
    }
  }

  /** A data entry: the block it holds, the year and price basis of its name (either may be absent). */
  record Data(Entry entry, Kind kind, OptionalInt year, String price) {}

  /** The data entry {@code e} is, or null. */
  static Data data(Entry e) {
    Matcher m = DATA.matcher(e.name());
    if (!m.matches()) {
      return null;
    }
    OptionalInt y = m.group(1) == null ? OptionalInt.empty()
        : TableNames.year(e.name(), e.label(), null);
    String price = m.group(2) == null ? null : m.group(2).toLowerCase(Locale.ROOT);
    return new Data(e, Kind.valueOf(m.group(3).toUpperCase(Locale.ROOT)), y, price);
  }

  /** The label block ({@code T}, {@code FD}, {@code VA}, {@code Q}) of a labels entry, or null. */
  static Kind labels(Entry e) {
    Matcher m = LABELS.matcher(e.name());
    return m.matches() ? Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT)) : null;
  }

  static boolean isZip(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  /** The Eora26 entries (data and labels) of a zip archive, in archive order. */
  static List<Entry> zipEntries(Path zip) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (ZipFile zf = openZip(zip)) {
      Enumeration<? extends ZipEntry> en = zf.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        String name = e.getName();
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (e.isDirectory() || name.startsWith("__MACOSX/") || base.startsWith(".")) {
          continue;
        }
        Entry entry = new Entry(zip, name);
        if (data(entry) != null || labels(entry) != null) {
          out.add(entry);
        }
      }
    }
    return out;
  }

  /** The Eora26 entries of a directory: its loose files, then the members of its zip archives (sorted by name). */
  static List<Entry> dirEntries(Path dir) throws IOException {
    List<Entry> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      Entry e = new Entry(f, null);
      if (data(e) != null || labels(e) != null) {
        out.add(e);
      }
    }
    for (Path f : files) {
      if (isZip(f)) {
        out.addAll(zipEntries(f));
      }
    }
    return out;
  }

  /** The labels a zip archive may lack, from beside it: loose {@code labels_*.txt} and other archives (indices.zip). */
  static List<Entry> siblingLabels(Path zip) throws IOException {
    List<Entry> out = new ArrayList<>();
    for (Entry e : dirEntries(zip.toAbsolutePath().getParent())) {
      if (labels(e) != null && !e.file().toAbsolutePath().equals(zip.toAbsolutePath())) {
        out.add(e);
      }
    }
    return out;
  }

  /** Opens an archive; an unreadable one is bad input naming it. */
  static ZipFile openZip(Path zip) throws IOException {
    try {
      return new ZipFile(zip.toFile());
    } catch (ZipException e) {
      throw new InvalidInputException(zip.toString(), null, null, "not a readable zip archive: " + e.getMessage(), e);
    }
  }
}
