package io.tivaspark.common.io.source;

import io.tivaspark.common.io.TableNames;
import io.tivaspark.common.io.source.ExcelMrioReader.Flavor;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * {@code --format wiod2016}: the World Input-Output Database's world input-output tables as the
 * release ships them (docs/sources/wiod2016.md): the 2016 release's Excel workbooks, one per year
 * ({@code WIOT2014_Nov16_ROW.xlsb}, or {@code .xlsx}; 43 countries + ROW × 56 industries, final
 * demand {@code CONS_h CONS_np CONS_g GFCF INVEN}), alone, in a directory or in the release's zip
 * ({@code WIOTS_in_EXCEL.zip}), and the 2013 release's workbooks in the same layout
 * ({@code wiot09_row_sep12.xlsx}; 40 countries + RoW × 35 industries, final demand
 * {@code c37 … c42}) with, when a directory holds them beside the workbook, its environmental
 * accounts ({@link WiodAccounts}).
 *
 * <p>Read by label ({@link ExcelMrioPlan}): industries by their code in column A ({@code A01},
 * {@code AtB}), countries as WIOD codes them (the early years' {@code ROM} stored as {@code ROU},
 * as in the later years and the environmental accounts), the rows under Z as value-added components
 * {@code TLS EXP_adj PURR PURNR VA IntTTM}, the output column as published gross output.
 */
public final class WiodSource implements MrioSource {
  private static final Pattern YEAR4 = Pattern.compile("(?i)^wiot([0-9]{4})(?![0-9])");
  private static final Pattern YEAR2 = Pattern.compile("(?i)^wiot([0-9]{2})(?![0-9])");

  static final ExcelInputs.Spec SPEC = new ExcelInputs.Spec() {
    @Override
    public boolean isWorkbook(String name) {
      return ExcelInputs.workbookNamed("^wiot").test(name);
    }

    @Override
    public OptionalInt yearOf(String name, String source) {
      return year(name, source);
    }

    @Override
    public List<String> accounts(Path dir) {
      return WiodAccounts.find(dir);
    }

    @Override
    public String example() {
      return "WIOT2014_Nov16_ROW.xlsb";
    }
  };

  @Override
  public String format() {
    return "wiod2016";
  }

  @Override
  public String help() {
    return "WIOD 2016 release (also the 2013 release): world input-output tables as Excel workbooks, one per year"
        + " (WIOT2014_Nov16_ROW.xlsb or .xlsx, wiot09_row_sep12.xlsx), or the release's WIOTS_in_EXCEL.zip; a"
        + " directory also brings the 2013 release's environmental accounts beside the workbooks (AIR_may12/,"
        + " lan_may12.zip, ...). Example: bin/tiva ingest --format wiod2016 --in WIOTS_in_EXCEL.zip --out store/";
  }

  /**
   * The year of a WIOD workbook name: four digits right after {@code WIOT} (2016 release,
   * {@code WIOT2014_Nov16_ROW}), or two ({@code wiot09_row_sep12}: 2009; 50–99 are 19xx).
   */
  static OptionalInt year(String name, String source) {
    Matcher m = YEAR4.matcher(name);
    if (m.find()) {
      return TableNames.year(m.group(1), source, null);
    }
    m = YEAR2.matcher(name);
    if (m.find()) {
      int yy = Integer.parseInt(m.group(1));
      return OptionalInt.of(yy >= 50 ? 1900 + yy : 2000 + yy);
    }
    return OptionalInt.empty();
  }

  @Override
  public List<SourceUnit> plan(List<Path> inputs, OptionalInt year) {
    return ExcelInputs.plan(inputs, year, SPEC);
  }

  @Override
  public SourceYear read(SourceUnit unit) {
    ExcelMrioReader.Sheet sheet = ExcelMrioReader.read(unit);
    Flavor flavor = sheet.flavor();
    if (flavor == Flavor.ADB) {
      throw new InvalidInputException(unit.label(), unit.year(), "sheet " + sheet.name(),
          "this is the ADB MRIO layout (final demand F1-F5): use --format adb");
    }
    ExcelMrioTable.SatelliteSource accounts = null;
    Path path = Path.of(unit.path());
    if (unit.members().size() > 1 && Files.isDirectory(path)) {
      List<String> entries = unit.members().subList(1, unit.members().size());
      accounts = (layout, notes) -> WiodAccounts.read(path, entries, unit.year(), path.toString(), layout, notes);
    }
    ExcelMrioTable.Result r = ExcelMrioTable.build(sheet.cells(), sheet.plan(), unit.year(),
        c -> c.equals("ROM") ? "ROU" : c, accounts);
    List<String> notes = new ArrayList<>(r.notes());
    String money = sheet.unit();
    if (money.isEmpty()) {
      money = "USD million";
      notes.add("the sheet does not state its unit: WIOD's millions of US dollars assumed");
    }
    String edition = switch (flavor) {
      case WIOD_2016 -> "2016 release";
      case WIOD_2013 -> "2013 release";
      default -> "WIOD layout";
    };
    Satellite sat = r.table().satellite();
    String conversion = sat == null ? "" : "environmental accounts: households' direct use (FC_HH) booked on the first"
        + " final-demand category (" + r.table().layout().categories().get(0) + ")";
    return new SourceYear(r.table(), "WIOD", edition, money,
        r.countryNames(), r.industryNames(), r.categoryNames(), r.componentNames(), conversion, notes);
  }

  @Override
  public Optional<String> recognise(Path input) throws IOException {
    if (Files.isDirectory(input)) {
      Path first = ExcelMrioReader.firstWorkbook(input, SPEC);
      if (first == null) {
        return Optional.empty();
      }
      List<String> accounts = WiodAccounts.find(input);
      return recogniseFile(first).map(w -> w + (accounts.isEmpty() ? "" : " + environmental accounts " + accounts));
    }
    if (ExcelInputs.isZip(input.getFileName().toString())) {
      return recogniseZip(input);
    }
    return Files.isRegularFile(input) ? recogniseFile(input) : Optional.empty();
  }

  private static Optional<String> recogniseFile(Path file) {
    if (!ExcelInputs.isExcel(file.getFileName().toString())) {
      return Optional.empty();
    }
    Set<String> texts = ExcelMrioReader.firstTexts(file, 12);
    String where = file.getFileName() + ", sheet " + ExcelMrioReader.sheetOf(texts);
    if (texts.contains("CONS_h") && texts.contains("c1")) {
      return Optional.of("WIOD 2016 release workbook (" + where + "; final demand CONS_h ... INVEN)");
    }
    if (texts.contains("c37") && texts.contains("c1")) {
      return Optional.of("WIOD 2013 release workbook (" + where + "; final demand c37 ... c42)");
    }
    return Optional.empty();
  }

  private static Optional<String> recogniseZip(Path zip) {
    List<String> names = new ArrayList<>();
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      zf.stream().map(e -> e.getName().substring(e.getName().lastIndexOf('/') + 1))
          .filter(SPEC::isWorkbook).sorted().forEach(names::add);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (names.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("zip archive of " + names.size() + " WIOD workbooks by name (" + names.get(0)
        + (names.size() > 1 ? " ... " + names.get(names.size() - 1) : "") + ")");
  }
}
