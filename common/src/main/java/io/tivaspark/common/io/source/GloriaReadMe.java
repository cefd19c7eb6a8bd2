package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The labels of a GLORIA release, read from its ReadMe workbook ({@code GLORIA_ReadMe_059.xlsx}) with
 * Apache POI: the CSV matrices carry no labels at all, so every dimension comes from here.
 *
 * <table>
 *   <caption>sheets and the columns read (located by their header text in the sheet's first non-empty row)</caption>
 *   <tr><th>sheet</th><th>columns</th><th>store codes</th></tr>
 *   <tr><td>Regions</td><td>Region_acronyms, Region_names</td><td>countries = the acronyms (AUS, …)</td></tr>
 *   <tr><td>Sectors</td><td>Lfd_Nr (optional), Sector_names</td><td>industries {@code S001}… from Lfd_Nr
 *       (else the position)</td></tr>
 *   <tr><td>Value added and final demand</td><td>Value_added_names, Final_demand_names</td><td>{@link #componentCode},
 *       {@link #categoryCode}</td></tr>
 *   <tr><td>Satellites</td><td>Sat_head_indicator, Sat_indicator, Sat_unit</td><td>stressor = the indicator without
 *       GLORIA's enclosing single quotes</td></tr>
 * </table>
 *
 * A list runs from the row under its header to the first empty cell. Errors name the workbook, the
 * sheet and the cell.
 */
final class GloriaReadMe {
  static final String REGIONS = "Regions";
  static final String SECTORS = "Sectors";
  static final String VA_FD = "Value added and final demand";
  static final String SATELLITES = "Satellites";

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern SNA = Pattern.compile("([A-Z]\\.?[0-9][0-9A-Za-z.]*)$");
  /** SNA final-demand transactions with an OECD ICIO category of the same definition. */
  private static final Map<String, String> OECD_CATEGORY = Map.of(
      "P.3h", "HFCE", "P.3n", "NPISH", "P.3g", "GGFC", "P.51", "GFCF", "P.51g", "GFCF");

  /**
   * Every label list of a release.
   *
   * @param regions country codes (Region_acronyms), in the matrices' order
   * @param regionNames Region_names
   * @param sectors industry (= product) codes {@code S001}…
   * @param sectorNames Sector_names
   * @param components value-added component codes ({@link #componentCode}); {@code componentNames} the labels
   * @param categories final-demand category codes ({@link #categoryCode}); {@code categoryNames} the labels
   * @param stressors satellite indicators; {@code units} their Sat_unit, {@code stressorLabels} the labels as
   *     the ReadMe writes them (with the quotes), {@code heads} Sat_head_indicator
   */
  record Labels(List<String> regions, List<String> regionNames, List<String> sectors, List<String> sectorNames,
      List<String> components, List<String> componentNames, List<String> categories, List<String> categoryNames,
      List<String> stressors, List<String> units, List<String> stressorLabels, List<String> heads) {
    int g() { return regions.size(); }
    int nSectors() { return sectors.size(); }
  }

  private final String source;
  private final int year;
  private final DataFormatter fmt = new DataFormatter(Locale.ROOT);

  private GloriaReadMe(String source, int year) {
    this.source = source;
    this.year = year;
  }

  /** Reads the labels of the workbook {@code readme}. */
  static Labels read(GloriaFile readme, int year) throws IOException {
    GloriaReadMe r = new GloriaReadMe(readme.name(), year);
    XSSFWorkbook wb;
    try (InputStream in = readme.open(year)) {
      wb = new XSSFWorkbook(in);
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(readme.name(), year, null, "not a readable .xlsx workbook: " + e.getMessage(), e);
    }
    try (wb) {
      return r.labels(wb);
    }
  }

  private Labels labels(XSSFWorkbook wb) {
    Sheet regions = sheet(wb, REGIONS);
    List<String> codes = column(regions, "Region_acronyms");
    List<String> names = sameLength(regions, column(regions, "Region_names"), codes.size(), "Region_names");
    checkCodes(regions, "Region_acronyms", codes);
    Sheet sectors = sheet(wb, SECTORS);
    List<String> sectorNames = column(sectors, "Sector_names");
    List<String> sectorCodes = sectorCodes(sectors, sectorNames.size());
    Sheet vafd = sheet(wb, VA_FD);
    List<String> vaNames = column(vafd, "Value_added_names");
    List<String> fdNames = column(vafd, "Final_demand_names");
    List<String> vaCodes = unique(vafd, "Value_added_names", vaNames.stream().map(GloriaReadMe::componentCode).toList());
    List<String> fdCodes = unique(vafd, "Final_demand_names", fdNames.stream().map(GloriaReadMe::categoryCode).toList());
    Sheet sat = sheet(wb, SATELLITES);
    List<String> labels = column(sat, "Sat_indicator");
    List<String> heads = sameLength(sat, column(sat, "Sat_head_indicator"), labels.size(), "Sat_head_indicator");
    List<String> units = sameLength(sat, column(sat, "Sat_unit"), labels.size(), "Sat_unit");
    return new Labels(codes, names, sectorCodes, sectorNames, vaCodes, vaNames, fdCodes, fdNames,
        stressors(labels, heads), units, labels, heads);
  }

  private Sheet sheet(XSSFWorkbook wb, String name) {
    Sheet s = wb.getSheet(name);
    if (s == null) {
      List<String> have = new ArrayList<>();
      wb.forEach(sh -> have.add(sh.getSheetName()));
      throw new InvalidInputException(source + "!" + name, year, null,
          "sheet missing from the ReadMe workbook (sheets: " + String.join(", ", have) + ")");
    }
    return s;
  }

  /** The first non-empty row of a sheet (its header). */
  private Row headerRow(Sheet s) {
    for (Row r : s) {
      for (Cell c : r) {
        if (!text(c).isEmpty()) {
          return r;
        }
      }
    }
    throw new InvalidInputException(source + "!" + s.getSheetName(), year, null, "empty sheet");
  }

  /** The column whose header is {@code header}: its cells below the header, up to the first empty one. */
  private List<String> column(Sheet s, String header) {
    Row h = headerRow(s);
    int col = -1;
    for (Cell c : h) {
      if (text(c).equalsIgnoreCase(header)) {
        col = c.getColumnIndex();
      }
    }
    if (col < 0) {
      throw new InvalidInputException(source + "!" + s.getSheetName(), year, "row " + (h.getRowNum() + 1),
          "column header '" + header + "' missing");
    }
    List<String> out = new ArrayList<>();
    for (int r = h.getRowNum() + 1; r <= s.getLastRowNum(); r++) {
      Row row = s.getRow(r);
      String t = row == null ? "" : text(row.getCell(col));
      if (t.isEmpty()) {
        break;
      }
      out.add(t);
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(source + "!" + s.getSheetName(), year,
          "cell " + new CellReference(h.getRowNum() + 1, col).formatAsString(), "no entries under '" + header + "'");
    }
    return out;
  }

  private List<String> sameLength(Sheet s, List<String> col, int n, String header) {
    if (col.size() != n) {
      throw new InvalidInputException(source + "!" + s.getSheetName(), year, "column " + header,
          col.size() + " entries where the list beside it has " + n);
    }
    return col;
  }

  /** Industry codes S + three-digit Lfd_Nr when the sheet has that column (integers), else S + position. */
  private List<String> sectorCodes(Sheet s, int n) {
    List<String> nrs;
    try {
      nrs = sameLength(s, column(s, "Lfd_Nr"), n, "Lfd_Nr");
    } catch (InvalidInputException missing) {
      nrs = null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int nr = i + 1;
      if (nrs != null) {
        try {
          nr = Integer.parseInt(nrs.get(i).replaceAll("\\.0+$", ""));
        } catch (NumberFormatException e) {
          throw new InvalidInputException(source + "!" + s.getSheetName(), year, "column Lfd_Nr, entry " + (i + 1),
              "'" + nrs.get(i) + "' is not a whole number");
        }
      }
      out.add(String.format(Locale.ROOT, "S%03d", nr));
    }
    return unique(s, "Lfd_Nr", out);
  }

  private void checkCodes(Sheet s, String header, List<String> codes) {
    for (int i = 0; i < codes.size(); i++) {
      if (!SAFE.matcher(codes.get(i)).matches()) {
        throw new InvalidInputException(source + "!" + s.getSheetName(), year, "column " + header + ", entry " + (i + 1),
            "'" + codes.get(i) + "' is not a code (letters, digits, _ - . only)");
      }
    }
    unique(s, header, codes);
  }

  private List<String> unique(Sheet s, String header, List<String> codes) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < codes.size(); i++) {
      if (!seen.add(codes.get(i))) {
        throw new InvalidInputException(source + "!" + s.getSheetName(), year, "column " + header + ", entry " + (i + 1),
            "duplicate code " + codes.get(i));
      }
    }
    return codes;
  }

  /** Stressor names: the indicator without enclosing single quotes; a repeated one gets " (head)". */
  static List<String> stressors(List<String> labels, List<String> heads) {
    List<String> base = labels.stream().map(GloriaReadMe::unquote).toList();
    Map<String, Integer> count = new java.util.HashMap<>();
    base.forEach(s -> count.merge(s, 1, Integer::sum));
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < base.size(); i++) {
      String s = base.get(i);
      if (count.get(s) > 1) {
        s = s + " (" + heads.get(i) + ")";
      }
      if (!seen.add(s)) {
        s = s + " #" + (i + 1);
        seen.add(s);
      }
      out.add(s);
    }
    return out;
  }

  static String unquote(String s) {
    String t = s.strip();
    return t.length() >= 2 && t.startsWith("'") && t.endsWith("'") ? t.substring(1, t.length() - 1).strip() : t;
  }

  /** The SNA code ending a label ("Compensation of employees D.1" → "D.1"), else an upper-case slug. */
  static String componentCode(String name) {
    Matcher m = SNA.matcher(name.strip());
    if (m.find() && (m.start() == 0 || Character.isWhitespace(name.strip().charAt(m.start() - 1)))) {
      String code = m.group(1);
      return code.endsWith(".") ? code.substring(0, code.length() - 1) : code;
    }
    String slug = name.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
    return slug.isEmpty() ? "X" : slug;
  }

  /** {@link #componentCode}, with the OECD code where the SNA transaction is OECD's category (P.3h → HFCE). */
  static String categoryCode(String name) {
    String sna = componentCode(name);
    return OECD_CATEGORY.getOrDefault(sna, sna);
  }

  private String text(Cell c) {
    return c == null ? "" : fmt.formatCellValue(c).strip();
  }
}
