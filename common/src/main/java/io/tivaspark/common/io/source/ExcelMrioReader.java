package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one year's workbook of a release in the WIOD/ADB layout (docs/sources/wiod2016.md §2):
 * chooses the sheet, streams it into {@link ExcelMrioCells}, decides the {@link ExcelMrioPlan} and
 * checks the year the sheet's title states, if any, against the unit's year.
 */
final class ExcelMrioReader {
  private static final Pattern DOC_SHEET = Pattern.compile("(?i).*(readme|notes?|info|contents|definitions?|sources?|about|legend).*");
  private static final Pattern TABLE = Pattern.compile("(?i)\\btable\\b");
  private static final Pattern YEAR = Pattern.compile("(?<![0-9])((19|20)[0-9]{2})(?![0-9])");
  private static final Pattern USD_MILLION = Pattern.compile("(?i)millions? of (us\\$|us dollars|usd)|(us\\$|usd) millions?");

  /** The layouts the readers tell apart by their final-demand codes. */
  enum Flavor {
    /** WIOD 2016 release: {@code CONS_h CONS_np CONS_g GFCF INVEN}. */
    WIOD_2016,
    /** WIOD 2013 (and 2012) release: final demand numbered {@code c37 … c42}. */
    WIOD_2013,
    /** ADB MRIO: final demand {@code F1 … F5}. */
    ADB,
    OTHER;

    static Flavor of(List<String> categories) {
      if (categories.contains("CONS_h")) {
        return WIOD_2016;
      }
      if (categories.stream().allMatch(c -> c.matches("c[0-9]+"))) {
        return WIOD_2013;
      }
      if (categories.stream().allMatch(c -> c.matches("F[0-9]+"))) {
        return ADB;
      }
      return OTHER;
    }
  }

  /** A sheet read and planned. */
  record Sheet(ExcelMrioCells cells, ExcelMrioPlan plan, String name, boolean binary) {
    Flavor flavor() {
      return Flavor.of(plan.categories);
    }

    /** The money unit the header states ("USD million"), or empty. */
    String unit() {
      for (String s : plan.headerNotes()) {
        if (USD_MILLION.matcher(s).find()) {
          return "USD million";
        }
      }
      return "";
    }
  }

  private ExcelMrioReader() {}

  /** Reads and plans the unit's sheet. */
  static Sheet read(SourceUnit unit) {
    try (ExcelWorkbook wb = ExcelInputs.open(unit)) {
      String sheet = chooseSheet(wb.sheetNames(), unit.year(), unit.label());
      ExcelMrioCells cells = new ExcelMrioCells(unit.label(), unit.year(), sheet);
      wb.stream(sheet, cells);
      cells.finish();
      ExcelMrioPlan plan = ExcelMrioPlan.decide(cells);
      checkTitleYear(plan, unit, sheet);
      return new Sheet(cells, plan, sheet, wb.binary());
    }
  }

  /**
   * The sheet of {@code year}: the one named after the year (or whose name holds it, e.g.
   * {@code WIOT_2009}), else the only sheet that is not documentation; otherwise an error naming the
   * sheets.
   */
  static String chooseSheet(List<String> sheets, int year, String label) {
    String y = Integer.toString(year);
    for (String s : sheets) {
      if (s.strip().equals(y)) {
        return s;
      }
    }
    List<String> holding = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    for (String s : sheets) {
      if (s.matches(".*(?<![0-9])" + y + "(?![0-9]).*")) {
        holding.add(s);
      }
      if (!DOC_SHEET.matcher(s).matches()) {
        tables.add(s);
      }
    }
    if (holding.size() == 1) {
      return holding.get(0);
    }
    if (holding.isEmpty() && tables.size() == 1 && !tables.get(0).matches(".*(?<![0-9])(19|20)[0-9]{2}(?![0-9]).*")) {
      return tables.get(0);
    }
    throw new InvalidInputException(label, year, null, "no sheet for year " + year + " (the workbook's sheets: "
        + String.join(", ", sheets) + "; expected a sheet named " + year + ")");
  }

  /**
   * A title such as "World Input-Output Table 2014" must state the unit's year: the last year in a
   * header text of the label block that has the word "table" (an edition year before it, as in
   * "table, 2016 release, 2014", is not the table's year).
   */
  private static void checkTitleYear(ExcelMrioPlan plan, SourceUnit unit, String sheet) {
    for (String s : plan.headerNotes()) {
      Matcher t = TABLE.matcher(s);
      if (!t.find()) {
        continue;
      }
      Matcher m = YEAR.matcher(s.substring(t.end()));
      String last = null;
      while (m.find()) {
        last = m.group(1);
      }
      if (last != null && Integer.parseInt(last) != unit.year()) {
        throw new InvalidInputException(unit.label(), unit.year(), "sheet " + sheet,
            "the sheet's title '" + ExcelMrioCells.shorten(s) + "' states year " + last
                + ", not " + unit.year() + " (from the file name or --year)");
      }
    }
  }

  /**
   * The texts of the first rows of a workbook's first table sheet (cheap: the sheet is read only
   * up to row {@code rows}), or empty when the file is not a readable workbook.
   */
  static Set<String> firstTexts(Path file, int rows) {
    Set<String> texts = new HashSet<>();
    try (ExcelWorkbook wb = ExcelWorkbook.open(file, file.toString(), null)) {
      List<String> sheets = wb.sheetNames();
      String sheet = sheets.stream().filter(s -> !DOC_SHEET.matcher(s).matches()).findFirst()
          .orElse(sheets.isEmpty() ? null : sheets.get(0));
      if (sheet == null) {
        return texts;
      }
      texts.add("sheet:" + sheet);
      wb.stream(sheet, new ExcelCellVisitor() {
        @Override
        public void text(int row, int col, String value) {
          if (row >= rows) {
            throw new Stop();
          }
          texts.add(value.strip());
        }

        @Override
        public void number(int row, int col, double value) {
          if (row >= rows) {
            throw new Stop();
          }
        }
      });
    } catch (InvalidInputException e) {
      return Set.of();
    }
    return texts;
  }

  /** The first workbook (by name) in a directory, for recognising it. */
  static Path firstWorkbook(Path dir, ExcelInputs.Spec spec) {
    for (Path f : ExcelInputs.list(dir)) {
      if (Files.isRegularFile(f) && spec.isWorkbook(f.getFileName().toString())) {
        return f;
      }
    }
    return null;
  }

  /** The sheet name recorded by {@link #firstTexts}. */
  static String sheetOf(Set<String> texts) {
    return texts.stream().filter(t -> t.startsWith("sheet:")).map(t -> t.substring(6)).findFirst().orElse("?");
  }
}
