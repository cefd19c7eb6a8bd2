package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * WIOD's environmental accounts of the 2012/2013 release (docs/sources/wiod2016.md §5): one folder
 * or zip per account ({@code AIR_may12}, {@code CO2_may12}, {@code EM_may12}, {@code EU_may12},
 * {@code lan_may12}, {@code mat_may12}, {@code wat_may12}), one Excel 97 workbook per country
 * ({@code AUS_AIR_May12.xls}) and one sheet per year. Rows are industries ({@code secAtB} …), the
 * households' direct use ({@code FC_HH}) and totals ({@code secTOT}, {@code total}, dropped); WIOD's
 * {@code secQ} (extra-territorial organisations) is not an industry of the tables and is dropped.
 * Columns are the stressors. Upper-case accounts (AIR, CO2, EM, EU) have a description and a code
 * column and no unit in the file (AIR: CO2 in kt, the other gases in t; CO2: kt; EM, EU: TJ, as
 * the WIOD environmental-accounts documentation states); lower-case accounts (lan, mat, wat) have
 * the code column first, its header cell holding the unit ({@code 1000 ha}).
 *
 * <p>Stressor codes: AIR's gases as named ({@code CO2}, {@code CH4}, …), the others prefixed by the
 * account ({@code lan_Arable_Area}). {@code FC_HH} goes to the first final-demand category of the
 * country (households: WIOD's {@code c37}, {@code CONS_h}). The workbooks are small (kilobytes per
 * country), so they are read whole with POI's {@code HSSFWorkbook}.
 */
final class WiodAccounts {
  /** The accounts in the order they are read: folder/zip name prefix → units (by stressor, or "*"). */
  private static final Map<String, Map<String, String>> ACCOUNTS = new LinkedHashMap<>();

  static {
    ACCOUNTS.put("AIR", Map.of("CO2", "kt", "*", "t"));
    ACCOUNTS.put("CO2", Map.of("*", "kt"));
    ACCOUNTS.put("EM", Map.of("*", "TJ"));
    ACCOUNTS.put("EU", Map.of("*", "TJ"));
    ACCOUNTS.put("lan", Map.of());
    ACCOUNTS.put("mat", Map.of());
    ACCOUNTS.put("wat", Map.of());
  }

  private final Path dir;
  private final int year;
  private final String label;
  private final Layout layout;
  private final List<String> stressors = new ArrayList<>();
  private final List<String> units = new ArrayList<>();
  private final List<double[]> f = new ArrayList<>();
  private final List<double[]> fy = new ArrayList<>();

  private WiodAccounts(Path dir, int year, String label, Layout layout) {
    this.dir = dir;
    this.year = year;
    this.label = label;
    this.layout = layout;
  }

  /** The account folders and zips in a directory (a folder wins over a zip of the same name). */
  static List<String> find(Path dir) {
    List<String> out = new ArrayList<>();
    for (String account : ACCOUNTS.keySet()) {
      List<String> found = new ArrayList<>();
      for (Path p : ExcelInputs.list(dir)) {
        String name = p.getFileName().toString();
        if (name.startsWith(account + "_") && (Files.isDirectory(p) || ExcelInputs.isZip(name))) {
          found.add(name);
        }
      }
      found.stream().filter(n -> Files.isDirectory(dir.resolve(n))).findFirst()
          .or(() -> found.stream().findFirst()).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Reads the accounts {@code entries} of {@code dir} for a year's layout; an account without a
   * sheet for the year is skipped with a note. Returns null when nothing was read.
   */
  static Satellite read(Path dir, List<String> entries, int year, String label, Layout layout, List<String> notes) {
    WiodAccounts a = new WiodAccounts(dir, year, label, layout);
    for (String entry : entries) {
      a.account(entry, notes);
    }
    if (a.stressors.isEmpty()) {
      return null;
    }
    int m = a.stressors.size();
    int n = layout.n();
    int cols = layout.finalDemandColumns();
    double[] fAll = new double[m * n];
    double[] fyAll = new double[m * cols];
    for (int s = 0; s < m; s++) {
      for (int k = 0; k < n; k++) {
        fAll[s + k * m] = a.f.get(s)[k];
      }
      for (int c = 0; c < cols; c++) {
        fyAll[s + c * m] = a.fy.get(s)[c];
      }
    }
    return new Satellite(a.stressors, a.units, fAll, fyAll);
  }

  private static String accountOf(String entry) {
    return entry.substring(0, entry.indexOf('_'));
  }

  /** One account: every country's sheet of the year, or none (skipped, noted). */
  private void account(String entry, List<String> notes) {
    String account = accountOf(entry);
    Map<String, byte[]> files = files(entry);
    List<AccountSheet> sheets = new ArrayList<>();
    for (String country : layout.entities()) {
      Map.Entry<String, byte[]> file = fileOf(files, country, dir.resolve(entry).toString());
      String source = label + "/" + entry + "/" + file.getKey();
      AccountSheet s = sheet(file.getValue(), source);
      if (s == null) {
        notes.add("environmental account " + entry + " has no sheet " + year + " (" + file.getKey() + "): not read");
        return;
      }
      if (!sheets.isEmpty() && !sheets.get(0).stressors.equals(s.stressors)) {
        throw new InvalidInputException(source, year, "sheet " + year, "stressors " + s.stressors
            + " differ from the first country's " + sheets.get(0).stressors);
      }
      sheets.add(s);
    }
    int base = stressors.size();
    for (String st : sheets.get(0).stressors) {
      stressors.add(account.equals("AIR") ? st : account + "_" + st);
      String unit = ACCOUNTS.get(account).getOrDefault(st, ACCOUNTS.get(account).get("*"));
      units.add(unit != null ? unit : sheets.get(0).unitCell != null ? sheets.get(0).unitCell : "");
      f.add(new double[layout.n()]);
      fy.add(new double[layout.finalDemandColumns()]);
    }
    for (int e = 0; e < sheets.size(); e++) {
      fill(base, sheets.get(e), e);
    }
  }

  /** The year's sheet of one country's workbook, or null when it has none. */
  private AccountSheet sheet(byte[] bytes, String source) {
    try (HSSFWorkbook wb = new HSSFWorkbook(new java.io.ByteArrayInputStream(bytes))) {
      Sheet sheet = wb.getSheet(Integer.toString(year));
      return sheet == null ? null : AccountSheet.read(sheet, source, year, layout);
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(source, year, null, "not a readable Excel 97 (.xls) workbook: " + e.getMessage(), e);
    }
  }

  /** One entity's rows of an account into F (its industries) and F_Y (its country's households). */
  private void fill(int base, AccountSheet s, int entity) {
    int households = layout.finalDemandColumn(layout.countryOfEntity(entity), 0);
    for (int st = 0; st < s.stressors.size(); st++) {
      for (int i = 0; i < layout.industryCount(); i++) {
        f.get(base + st)[layout.row(entity, i)] = s.byIndustry[i][st];
      }
      fy.get(base + st)[households] = s.households[st];
    }
  }

  private Map.Entry<String, byte[]> fileOf(Map<String, byte[]> files, String country, String source) {
    Map.Entry<String, byte[]> found = null;
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (e.getKey().toUpperCase(Locale.ROOT).startsWith(country.toUpperCase(Locale.ROOT))) {
        if (found != null) {
          throw new InvalidInputException(source, year, null, "two files for country " + country + ": " + found.getKey()
              + " and " + e.getKey());
        }
        found = e;
      }
    }
    if (found == null) {
      throw new InvalidInputException(source, year, null, "no workbook for country " + country
          + " (expected " + country.toUpperCase(Locale.ROOT) + "_*.xls; every country of the table needs one)");
    }
    return found;
  }

  /** The .xls workbooks of an account folder or zip, by file name (small: read into memory). */
  private Map<String, byte[]> files(String entry) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    Path p = dir.resolve(entry);
    try {
      if (Files.isDirectory(p)) {
        for (Path f : ExcelInputs.list(p)) {
          if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xls")) {
            out.put(f.getFileName().toString(), Files.readAllBytes(f));
          }
        }
        return out;
      }
      try (ZipFile zf = new ZipFile(p.toFile())) {
        Enumeration<? extends ZipEntry> en = zf.entries();
        while (en.hasMoreElements()) {
          ZipEntry e = en.nextElement();
          String base = e.getName().substring(e.getName().lastIndexOf('/') + 1);
          if (!e.isDirectory() && base.toLowerCase(Locale.ROOT).endsWith(".xls")) {
            try (InputStream in = zf.getInputStream(e)) {
              out.put(base, in.readAllBytes());
            }
          }
        }
      }
      return out;
    } catch (java.util.zip.ZipException e) {
      throw new InvalidInputException(p.toString(), year, null, "not a readable zip archive (truncated?): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /** One country's sheet: stressors, the unit in the header (lower-case accounts), values by industry. */
  static final class AccountSheet {
    List<String> stressors = new ArrayList<>();
    String unitCell;
    double[][] byIndustry;
    double[] households;

    static AccountSheet read(Sheet sheet, String source, int year, Layout layout) {
      AccountSheet a = new AccountSheet();
      int codeCol = codeColumn(sheet);
      Row header = sheet.getRow(sheet.getFirstRowNum());
      for (int c = codeCol + 1; header != null && c < header.getLastCellNum(); c++) {
        String s = text(header.getCell(c));
        if (!s.isEmpty()) {
          a.stressors.add(s);
        }
      }
      String u = header == null ? "" : text(header.getCell(0));
      a.unitCell = codeCol == 0 && !u.isEmpty() ? u : null;
      a.byIndustry = new double[layout.industryCount()][a.stressors.size()];
      a.households = new double[a.stressors.size()];
      for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
        a.row(sheet.getRow(r), codeCol, source, year, layout);
      }
      return a;
    }

    /** The column of the {@code sec…} codes: the first column where a row below the header starts with "sec". */
    private static int codeColumn(Sheet sheet) {
      for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        for (int c = 0; row != null && c < Math.min(3, row.getLastCellNum()); c++) {
          if (text(row.getCell(c)).startsWith("sec")) {
            return c;
          }
        }
      }
      return 0;
    }

    private void row(Row row, int codeCol, String source, int year, Layout layout) {
      String code = row == null ? "" : text(row.getCell(codeCol));
      if (code.isEmpty() || code.equals("secTOT") || code.equals("secQ") || code.equalsIgnoreCase("total")) {
        return;
      }
      double[] target;
      if (code.equals("FC_HH")) {
        target = households;
      } else if (code.startsWith("sec") && layout.industryIndex(code.substring(3)) >= 0) {
        target = byIndustry[layout.industryIndex(code.substring(3))];
      } else {
        throw new InvalidInputException(source, year, "sheet " + year + ", row " + (row.getRowNum() + 1),
            "unknown row '" + code + "' (expected sec + an industry code of the table, FC_HH, secTOT or total)");
      }
      for (int s = 0; s < stressors.size(); s++) {
        Cell cell = row.getCell(codeCol + 1 + s);
        target[s] = value(cell, source, year);
      }
    }

    private static double value(Cell cell, String source, int year) {
      if (cell == null || cell.getCellType() == CellType.BLANK) {
        return 0;
      }
      if (cell.getCellType() == CellType.NUMERIC
          || cell.getCellType() == CellType.FORMULA && cell.getCachedFormulaResultType() == CellType.NUMERIC) {
        double v = cell.getNumericCellValue();
        if (!Double.isFinite(v)) {
          throw new InvalidInputException(source, year, "sheet " + year + ", cell " + cell.getAddress(), "not a finite number");
        }
        return v;
      }
      String t = text(cell);
      if (t.isEmpty()) {
        return 0;
      }
      throw new InvalidInputException(source, year, "sheet " + year + ", cell " + cell.getAddress(),
          "text '" + ExcelMrioCells.shorten(t) + "' where a number is expected");
    }

    private static String text(Cell cell) {
      if (cell == null) {
        return "";
      }
      return switch (cell.getCellType()) {
        case STRING -> cell.getStringCellValue().strip();
        case NUMERIC -> ExcelMrioCells.numberText(cell.getNumericCellValue());
        case FORMULA -> cell.getCachedFormulaResultType() == CellType.STRING ? cell.getStringCellValue().strip() : "";
        default -> "";
      };
    }
  }
}
