package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The files of one EXIOBASE 3 year, wherever they are: a folder ({@code IOT_2022_pxp/}) or a folder
 * inside a zip archive as published ({@code IOT_2022_pxp.zip!IOT_2022_pxp/}), streamed from the
 * archive (never unpacked to disk). Files are named relative to the year's root folder with
 * {@code /} separators ({@code A.txt}, {@code satellite/F.txt}); {@link #name} gives the name an
 * error message uses ({@code /data/IOT_2022_pxp.zip!IOT_2022_pxp/A.txt}).
 */
abstract class ExiobaseFiles implements Closeable {
  /** The files a year root must hold: the final demand and the intermediate block (as A or Z). */
  static final String Y = "Y.txt";

  private final String where;

  private ExiobaseFiles(String where) {
    this.where = where;
  }

  /** The root's files, relative, sorted. */
  abstract List<String> list();

  /** Opens a file (relative to the root) as a stream. */
  abstract InputStream open(String rel) throws IOException;

  /** Whether the root holds {@code rel}. */
  boolean has(String rel) {
    return list().contains(rel);
  }

  /** How messages name a file of this root. */
  String name(String rel) {
    return where + rel;
  }

  /** How messages name the root itself. */
  String where() {
    return where;
  }

  /** The files of a unit planned by {@link ExiobaseSource#plan}: a folder, or a root inside a zip. */
  static ExiobaseFiles of(SourceUnit unit) throws IOException {
    Path path = Path.of(unit.path());
    if (Files.isDirectory(path)) {
      return folder(path);
    }
    return zip(path, rootOf(unit.members()), unit.year());
  }

  /** The root of a zip unit: the folder of its shortest {@code Y.txt} member (empty: the archive's top). */
  static String rootOf(List<String> members) {
    String best = null;
    for (String m : members) {
      if (base(m).equals(Y) && (best == null || m.length() < best.length())) {
        best = m;
      }
    }
    return best == null ? "" : best.substring(0, best.length() - Y.length());
  }

  static String base(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /** A folder on the local file system: its files up to two levels deep. */
  static ExiobaseFiles folder(Path dir) throws IOException {
    TreeSet<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.walk(dir, 2)) {
      s.filter(Files::isRegularFile).forEach(p -> files.add(dir.relativize(p).toString().replace('\\', '/')));
    }
    List<String> list = List.copyOf(files);
    return new ExiobaseFiles(dir + "/") {
      @Override
      List<String> list() {
        return list;
      }

      @Override
      InputStream open(String rel) throws IOException {
        return Files.newInputStream(dir.resolve(rel));
      }

      @Override
      public void close() {}
    };
  }

  /** The members of a zip archive under {@code root} (a folder prefix ending in '/', or empty). */
  static ExiobaseFiles zip(Path zip, String root, Integer year) {
    ZipFile zf = openZip(zip, year);
    TreeSet<String> files = new TreeSet<>();
    Enumeration<? extends ZipEntry> en = zf.entries();
    while (en.hasMoreElements()) {
      ZipEntry e = en.nextElement();
      String n = e.getName();
      if (!e.isDirectory() && n.startsWith(root) && !n.startsWith("__MACOSX/")) {
        files.add(n.substring(root.length()));
      }
    }
    List<String> list = List.copyOf(files);
    return new ExiobaseFiles(zip + "!" + root) {
      @Override
      List<String> list() {
        return list;
      }

      @Override
      InputStream open(String rel) throws IOException {
        ZipEntry e = zf.getEntry(root + rel);
        if (e == null) {
          throw new InvalidInputException(zip.toString(), year, "member " + root + rel, "no such member in the zip archive");
        }
        return new FilterInputStream(zf.getInputStream(e)) {
          @Override
          public void close() {
            // the archive stays open for the other members; closed with the files
          }
        };
      }

      @Override
      public void close() throws IOException {
        zf.close();
      }
    };
  }

  /** Opens a zip archive; a damaged one (e.g. cut off: no central directory) is bad input. */
  static ZipFile openZip(Path zip, Integer year) {
    try {
      return new ZipFile(zip.toFile());
    } catch (ZipException e) {
      throw new InvalidInputException(zip.toString(), year, null,
          "not a readable zip archive (truncated or damaged download?): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + zip + ": " + e.getMessage(), e);
    }
  }

  /** The year roots among a zip's or folder's file names: folders holding Y.txt and A.txt or Z.txt. */
  static List<String> roots(Iterable<String> names) {
    TreeSet<String> ys = new TreeSet<>();
    TreeSet<String> all = new TreeSet<>();
    for (String n : names) {
      all.add(n);
      if (base(n).equals(Y) && !n.startsWith("__MACOSX/")) {
        ys.add(n.substring(0, n.length() - Y.length()));
      }
    }
    List<String> roots = new ArrayList<>();
    for (String r : ys) {
      if (all.contains(r + "A.txt") || all.contains(r + "Z.txt")) {
        roots.add(r);
      }
    }
    return roots;
  }

  /** Whether a file name is a zip archive. */
  static boolean isZip(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
  }
}
