package io.tivaspark.common.io.source;

import io.tivaspark.common.io.TableNames;
import io.tivaspark.common.io.source.ExcelMrioReader.Flavor;
import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * {@code --format adb}: the Asian Development Bank's multiregional input-output tables as the ADB
 * ships them (docs/sources/adb.md): one Excel workbook per year ({@code ADB-MRIO-2019.xlsx}), 62
 * to 72 economies plus the rest of the world ({@code RoW}) × 35 sectors ({@code c1 … c35}), final
 * demand {@code F1 … F5} per economy, the rows {@code r60} (intermediate total), {@code r99}
 * (taxes less subsidies on products), {@code r61 … r64}, {@code trs} (international transport
 * margins) and {@code r69} (total output) under the intermediate block, and a total-output column.
 * The layout is WIOD 2013's (the ADB MRIO extends it), so the same label-driven reader
 * ({@link ExcelMrioPlan}) reads it; the ADB's blank cells ({@code " "}) are zero, the note under the
 * table is skipped.
 */
public final class AdbSource implements MrioSource {
  private static final Pattern YEAR = Pattern.compile("(?<![0-9])([0-9]{4})(?![0-9])");

  static final ExcelInputs.Spec SPEC = new ExcelInputs.Spec() {
    @Override
    public boolean isWorkbook(String name) {
      return ExcelInputs.workbookNamed("mrio").test(name);
    }

    @Override
    public OptionalInt yearOf(String name, String source) {
      return year(name, source);
    }

    @Override
    public String example() {
      return "ADB-MRIO-2019.xlsx";
    }
  };

  @Override
  public String format() {
    return "adb";
  }

  @Override
  public String help() {
    return "ADB MRIO (Asian Development Bank multiregional input-output tables, 62-73 economies x 35 sectors):"
        + " one Excel workbook per year as downloaded (ADB-MRIO-2019.xlsx), a directory or a zip of them."
        + " Example: bin/tiva ingest --format adb --in ADB-MRIO-2019.xlsx --out store/";
  }

  /** The year of an ADB workbook name: the first group of exactly four digits that is a plausible year. */
  static OptionalInt year(String name, String source) {
    Matcher m = YEAR.matcher(name);
    while (m.find()) {
      int y = Integer.parseInt(m.group(1));
      if (y >= TableNames.MIN_YEAR && y <= TableNames.MAX_YEAR) {
        return OptionalInt.of(y);
      }
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
    if (sheet.flavor() == Flavor.WIOD_2016 || sheet.flavor() == Flavor.WIOD_2013) {
      throw new InvalidInputException(unit.label(), unit.year(), "sheet " + sheet.name(),
          "this is the WIOD layout (final demand " + sheet.plan().categories.get(0) + " ...): use --format wiod2016");
    }
    ExcelMrioTable.Result r = ExcelMrioTable.build(sheet.cells(), sheet.plan(), unit.year(), c -> c, null);
    List<String> notes = new ArrayList<>(r.notes());
    String money = sheet.unit();
    if (money.isEmpty()) {
      money = "USD million";
      notes.add("the sheet does not state its unit: the ADB MRIO's millions of US dollars assumed");
    }
    String edition = r.table().layout().countryCount() + " economies" + prices(sheet.plan().headerNotes());
    return new SourceYear(r.table(), "ADB MRIO", edition, money, r.countryNames(), r.industryNames(),
        r.categoryNames(), r.componentNames(), "", notes);
  }

  /** ", current prices" or ", constant prices" when the title says so. */
  private static String prices(List<String> headerNotes) {
    for (String s : headerNotes) {
      String l = s.toLowerCase(Locale.ROOT);
      if (l.contains("constant") || l.contains("previous year")) {
        return ", constant prices";
      }
      if (l.contains("current price")) {
        return ", current prices";
      }
    }
    return "";
  }

  @Override
  public Optional<String> recognise(Path input) throws IOException {
    if (Files.isDirectory(input)) {
      Path first = ExcelMrioReader.firstWorkbook(input, SPEC);
      return first == null ? Optional.empty() : recogniseFile(first);
    }
    if (ExcelInputs.isZip(input.getFileName().toString())) {
      List<String> names = new ArrayList<>();
      try (ZipFile zf = new ZipFile(input.toFile())) {
        zf.stream().map(e -> e.getName().substring(e.getName().lastIndexOf('/') + 1))
            .filter(SPEC::isWorkbook).sorted().forEach(names::add);
      } catch (IOException e) {
        return Optional.empty();
      }
      return names.isEmpty() ? Optional.empty()
          : Optional.of("zip archive of " + names.size() + " ADB MRIO workbooks by name (" + names.get(0) + " ...)");
    }
    return Files.isRegularFile(input) ? recogniseFile(input) : Optional.empty();
  }

  private static Optional<String> recogniseFile(Path file) {
    if (!ExcelInputs.isExcel(file.getFileName().toString())) {
      return Optional.empty();
    }
    Set<String> texts = ExcelMrioReader.firstTexts(file, 12);
    if (texts.contains("F1") && texts.contains("c1")) {
      return Optional.of("ADB MRIO workbook (" + file.getFileName() + ", sheet " + ExcelMrioReader.sheetOf(texts)
          + "; sectors c1 ..., final demand F1 ... F5)");
    }
    return Optional.empty();
  }
}
