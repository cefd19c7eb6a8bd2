package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The year units of a release shipped as Excel workbooks, one workbook per year (WIOD, ADB MRIO):
 * {@code --in} names workbooks ({@code .xlsx}, {@code .xlsb}), zip archives of workbooks (WIOD's
 * {@code WIOTS_in_EXCEL.zip}) and directories holding either. In a directory or zip, a workbook is
 * recognised by its name ({@link Spec#isWorkbook}); other files are skipped.
 *
 * <p>A {@link SourceUnit} of these formats: {@code path} is the workbook itself (no members), a zip
 * archive (members: the workbook's member name) or a directory (members: the workbook's file name,
 * or {@code archive.zip!/member}, then the directory's satellite-account folders or zips that the
 * format attaches, {@link Spec#accounts}).
 *
 * <p>Years: from the file or member name ({@link Spec#yearOf}); a name without one takes
 * {@code --year}, and without {@code --year} it is an error naming the file. With {@code --year},
 * workbooks named for another year are left out, and a {@code --year} that no input holds is an
 * error naming the inputs and the years they hold. Two workbooks of one year are an error naming
 * both.
 */
final class ExcelInputs {
  private ExcelInputs() {}

  /** What a format calls its workbooks. */
  interface Spec {
    /** Whether a file or member name (without directories) is one of the format's workbooks. */
    boolean isWorkbook(String name);

    /** The year of a workbook name, or empty when the name has none. */
    OptionalInt yearOf(String name, String source);

    /** Satellite-account folders or zips in a directory, attached to its workbooks (names). */
    default List<String> accounts(Path dir) {
      return List.of();
    }

    /** An example file name, for messages. */
    String example();
  }

  /** The units, one per year, sorted by year. */
  static List<SourceUnit> plan(List<Path> inputs, OptionalInt year, Spec spec) {
    List<SourceUnit> all = new ArrayList<>();
    for (Path in : inputs) {
      if (Files.isDirectory(in)) {
        all.addAll(directory(in, year, spec));
      } else if (!Files.exists(in)) {
        throw new InvalidInputException(in.toString(), null, null, "no such file or directory");
      } else if (isZip(in.getFileName().toString())) {
        all.addAll(zip(in, in, "", List.of(), year, spec));
      } else if (isExcel(in.getFileName().toString())) {
        all.add(unit(in, List.of(), in.getFileName().toString(), in.toString(), year, spec));
      } else {
        throw new InvalidInputException(in.toString(), null, null,
            "not an Excel workbook (.xlsx, .xlsb), a zip archive of workbooks or a directory (e.g. " + spec.example() + ")");
      }
    }
    return select(all, inputs, year);
  }

  private static List<SourceUnit> directory(Path dir, OptionalInt year, Spec spec) {
    List<String> accounts = spec.accounts(dir);
    List<SourceUnit> out = new ArrayList<>();
    for (Path f : list(dir)) {
      String name = f.getFileName().toString();
      if (!Files.isRegularFile(f)) {
        continue;
      }
      if (spec.isWorkbook(name)) {
        out.add(unit(dir, concat(name, accounts), name, f.toString(), year, spec));
      } else if (isZip(name) && !accounts.contains(name)) {
        out.addAll(zip(f, dir, name + "!/", accounts, year, spec));
      }
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(dir.toString(), null, null, "no workbook in the directory (e.g. " + spec.example() + ")");
    }
    return out;
  }

  /** The workbooks of a zip archive; {@code prefix} is "" (the unit is the zip) or "name.zip!/" (the unit is its directory). */
  private static List<SourceUnit> zip(Path zip, Path unitPath, String prefix, List<String> accounts, OptionalInt year,
      Spec spec) {
    List<SourceUnit> out = new ArrayList<>();
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> en = zf.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        String base = e.getName().substring(e.getName().lastIndexOf('/') + 1);
        if (!e.isDirectory() && !e.getName().startsWith("__MACOSX/") && spec.isWorkbook(base)) {
          List<String> members = prefix.isEmpty() ? List.of(e.getName()) : concat(prefix + e.getName(), accounts);
          out.add(unit(unitPath, members, base, zip + "!" + e.getName(), year, spec));
        }
      }
    } catch (ZipException e) {
      throw new InvalidInputException(zip.toString(), null, null, "not a readable zip archive (truncated?): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + zip + ": " + e.getMessage(), e);
    }
    if (out.isEmpty() && prefix.isEmpty()) {
      throw new InvalidInputException(zip.toString(), null, null, "no workbook in the zip archive (e.g. " + spec.example() + ")");
    }
    return out;
  }

  private static SourceUnit unit(Path path, List<String> members, String name, String label, OptionalInt year, Spec spec) {
    OptionalInt y = spec.yearOf(name, label);
    if (y.isEmpty() && year.isEmpty()) {
      throw new InvalidInputException(label, null, null,
          "no year in the file name (e.g. " + spec.example() + "); pass --year YYYY");
    }
    return new SourceUnit(path.toString(), members, y.isPresent() ? y.getAsInt() : year.getAsInt(), label);
  }

  /** With --year, only that year (an error when no input holds it); no year twice. */
  private static List<SourceUnit> select(List<SourceUnit> all, List<Path> inputs, OptionalInt year) {
    List<SourceUnit> units = all;
    if (year.isPresent()) {
      units = all.stream().filter(u -> u.year() == year.getAsInt()).collect(Collectors.toList());
      if (units.isEmpty()) {
        String held = all.stream().map(u -> Integer.toString(u.year())).distinct().sorted().collect(Collectors.joining(", "));
        throw new InvalidInputException(inputs.stream().map(Path::toString).collect(Collectors.joining(", ")), year.getAsInt(),
            null, "no workbook of year " + year.getAsInt() + " in the input (it holds " + held + ")");
      }
    }
    TreeMap<Integer, SourceUnit> byYear = new TreeMap<>();
    for (SourceUnit u : units) {
      SourceUnit prev = byYear.put(u.year(), u);
      if (prev != null) {
        throw new InvalidInputException(u.label(), u.year(), null, "two workbooks of year " + u.year() + ": "
            + prev.label() + " and " + u.label());
      }
    }
    return new ArrayList<>(byYear.values());
  }

  /** Opens the workbook of a unit (see the class comment for what path and members mean). */
  static ExcelWorkbook open(SourceUnit unit) {
    Path p = Path.of(unit.path());
    if (unit.members().isEmpty()) {
      return ExcelWorkbook.open(p, unit.label(), unit.year());
    }
    String m = unit.members().get(0);
    if (!Files.isDirectory(p)) {
      return ExcelWorkbook.openMember(p, m, unit.label(), unit.year());
    }
    int bang = m.indexOf("!/");
    return bang < 0 ? ExcelWorkbook.open(p.resolve(m), unit.label(), unit.year())
        : ExcelWorkbook.openMember(p.resolve(m.substring(0, bang)), m.substring(bang + 2), unit.label(), unit.year());
  }

  static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> !f.getFileName().toString().startsWith(".")).sorted(Comparator.comparing(Path::toString))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  static boolean isZip(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  /** An Excel 2007+ workbook name, not an Excel lock file ({@code ~$…}). */
  static boolean isExcel(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return !n.startsWith("~$") && (n.endsWith(".xlsx") || n.endsWith(".xlsb"));
  }

  /** A name test for {@link Spec#isWorkbook}: an Excel workbook whose name matches {@code pattern}. */
  static Predicate<String> workbookNamed(String pattern) {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(pattern, java.util.regex.Pattern.CASE_INSENSITIVE);
    return name -> isExcel(name) && p.matcher(name).find();
  }
}
