package io.tivaspark.common.io;

import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The tables inside an OECD zip archive as published (several years per zip, each member one
 * year: {@code ICIO2021_1995.csv}, {@code 2017.csv}, {@code 2017_SML.csv},
 * {@code ICIO2018_2010.CSV}; optionally {@code .csv.gz}). Directories, macOS metadata
 * ({@code __MACOSX/}, dot files) and documentation ({@code ReadMe*}, {@code .pdf},
 * {@code .xlsx}, {@code .xls}, {@code .txt}, {@code .docx}, {@code .md}, {@code .html}) are
 * skipped; any other member (a CSV without a year, a nested zip, ...) is an input error, so a
 * wrong archive is never half-read. The year is read from the year position of the member name
 * ({@link TableNames}); an implausible year there is an error naming the archive and member.
 */
public final class ZipTables {
  private static final Pattern DOC = Pattern.compile(
      "(?i)(.*/)?(readme[^/]*|[^/]*\\.(pdf|xlsx|xls|txt|docx|doc|md|html?|json))");
  private static final Pattern TABLE = Pattern.compile("(?i).*\\.csv(\\.gz)?");

  private ZipTables() {}

  /** One table member: its entry name and year. */
  public record Member(String name, int year) {}

  /** The table members of a zip archive, in archive order; documentation members skipped. */
  public static List<Member> members(Path zip) {
    List<Member> out = new ArrayList<>();
    try {
      for (String name : tableNames(zip,
          "unexpected member in a zip archive (expected one CSV table per year, e.g. 2017.csv, and ReadMe files)")) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        OptionalInt y = TableNames.year(base, zip.toString(), "member " + name);
        if (y.isEmpty()) {
          throw new InvalidInputException(zip.toString(), null, "member " + name,
              "no year in the member name (expected e.g. ICIO2021_1995.csv or 2017_SML.csv)");
        }
        out.add(new Member(name, y.getAsInt()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + zip + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The CSV ({@code .csv}, {@code .csv.gz}) members of a zip archive, in archive order; directories,
   * system files and documentation (ReadMe, PDF, Excel, text...) skipped; any other member is an
   * error with rule {@code unexpected}, and so is an unreadable or table-less archive.
   */
  public static List<String> tableNames(Path zip, String unexpected) throws IOException {
    List<String> out = new ArrayList<>();
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> en = zf.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        String name = e.getName();
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (e.isDirectory() || name.startsWith("__MACOSX/") || base.startsWith(".") || DOC.matcher(name).matches()) {
          continue;
        }
        if (!TABLE.matcher(name).matches()) {
          throw new InvalidInputException(zip.toString(), null, "member " + name, unexpected);
        }
        out.add(name);
      }
    } catch (ZipException e) {
      throw new InvalidInputException(zip.toString(), null, null, "not a readable zip archive: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(zip.toString(), null, null, "zip archive holds no CSV table");
    }
    return out;
  }

  /** Whether a file name is a zip archive. */
  public static boolean isZip(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  /**
   * The bytes of one member, inflated while read; closing the stream closes the archive too (for a
   * reader that opens the archive for one member).
   */
  public static java.io.InputStream memberClosingArchive(ZipFile zf, ZipEntry e) throws IOException {
    return new java.io.FilterInputStream(zf.getInputStream(e)) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          zf.close();
        }
      }
    };
  }
}
