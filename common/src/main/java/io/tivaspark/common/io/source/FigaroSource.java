package io.tivaspark.common.io.source;

import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.io.source.FigaroFiles.Kind;
import io.tivaspark.common.io.source.FigaroFiles.Table;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.zip.ZipException;

/**
 * Eurostat's FIGARO inter-country input-output tables ({@code --format figaro}; docs/sources/figaro.md):
 * the symmetric IC-IOTs, industry by industry or product by product, in either published CSV
 * format (matrix: {@code matrix_eu-ic-io_*.csv}; flat: {@code flatfile_eu-ic-io_*.csv}, usually
 * zipped), one year per file. Kept: Z, final demand by the five FIGARO categories, the six
 * value-added rows (area W2) as components under their own codes. FIGARO publishes no gross output:
 * the store has none (x = Z1 + y). Area codes become ISO 3166-1 alpha-3 country codes
 * ({@code FIGW1} → {@code ROW}), the FIGARO code and title kept as the name. The supply and use
 * tables are refused: the store holds a symmetric table, and Eurostat publishes the symmetric tables
 * it derives from them.
 */
public final class FigaroSource implements MrioSource {
  static final String SOURCE = "FIGARO (Eurostat EU inter-country input-output tables)";
  static final String UNIT = "EUR million";

  @Override
  public String format() {
    return "figaro";
  }

  @Override
  public String help() {
    return "Eurostat FIGARO inter-country input-output tables (industry by industry or product by product), CSV "
        + "matrix or flat format, plain or zipped, one year per file: bin/tiva ingest --format figaro "
        + "--in matrix_eu-ic-io_ind-by-ind_23ed_2021.csv --out store";
  }

  @Override
  public List<SourceUnit> plan(List<Path> inputs, OptionalInt year) throws IOException {
    TreeMap<Integer, SourceUnit> byYear = new TreeMap<>();
    for (Table t : FigaroFiles.tables(inputs)) {
      Kind kind = FigaroFiles.kind(t);
      checkReadable(t, kind);
      OptionalInt y = FigaroFiles.year(t, year);
      if (y.isEmpty()) {
        throw new InvalidInputException(t.label(), null, null,
            "no year in the file name (expected e.g. matrix_eu-ic-io_ind-by-ind_23ed_2021.csv); pass --year YYYY");
      }
      SourceUnit u = new SourceUnit(t.path().toString(), t.member() == null ? List.of() : List.of(t.member()),
          y.getAsInt(), t.label());
      SourceUnit prev = byYear.put(u.year(), u);
      if (prev != null) {
        throw new InvalidInputException(u.label(), u.year(), null, "two tables of year " + u.year() + ": "
            + prev.label() + " and " + u.label() + " (one table per year: industry by industry or product by product)");
      }
    }
    if (byYear.isEmpty()) {
      throw new InvalidInputException(String.valueOf(inputs), null, null, "no FIGARO table (.csv, .csv.gz, .zip) found");
    }
    return List.copyOf(byYear.values());
  }

  private static void checkReadable(Table t, Kind kind) {
    if (kind == Kind.SUPPLY_USE) {
      throw new InvalidInputException(t.label(), null, null, "a FIGARO supply or use table: not read (only the "
          + "symmetric input-output tables, matrix_eu-ic-io_* or flatfile_eu-ic-io_*, are read)");
    }
    if (kind == Kind.OTHER) {
      throw new InvalidInputException(t.label(), null, "line 1", "not a FIGARO input-output table (expected a "
          + "matrix header rowLabels,AR_A01,… or a flat header refArea,rowIi,counterpartArea,colIi,obsValue)");
    }
  }

  @Override
  public SourceYear read(SourceUnit unit) throws IOException {
    Table t = new Table(Path.of(unit.path()), unit.members().isEmpty() ? null : unit.members().get(0));
    IcioCsv.Source src = t.source();
    try {
      Kind kind = FigaroFiles.kind(t);
      checkReadable(t, kind);
      FigaroGrid grid = kind == Kind.MATRIX ? FigaroMatrix.read(src, unit.year()) : FigaroFlat.read(src, unit.year());
      MrioYear table = grid.table(src.name(), unit.year());
      return sourceYear(t, kind, grid, table);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(src.name(), unit.year(), null, "no such file", e);
    } catch (ZipException | EOFException e) {
      throw new InvalidInputException(src.name(), unit.year(), null,
          "corrupt gzip/zip data (truncated or damaged): " + e.getMessage(), e);
    }
  }

  private static SourceYear sourceYear(Table t, Kind kind, FigaroGrid grid, MrioYear table) {
    FigaroPlan plan = grid.plan();
    String dimension = plan.products() ? "product by product" : "industry by industry";
    String edition = FigaroFiles.edition(t.name());
    edition = (edition.isEmpty() ? "" : edition + ", ") + dimension;
    List<String> notes = new ArrayList<>();
    notes.add("read from the CSV " + (kind == Kind.MATRIX ? "matrix" : "flat") + " format: " + t.label());
    notes.addAll(grid.notes());
    List<String> unmapped = plan.areas().stream().filter(a -> !FigaroLabels.knownArea(a)).toList();
    if (!unmapped.isEmpty()) {
      notes.add("areas without a known ISO 3166-1 alpha-3 code, kept as they are: " + String.join(", ", unmapped));
    }
    return new SourceYear(table, SOURCE, edition, UNIT, countryNames(plan), titles(plan.layout().industries()),
        titles(plan.layout().categories()), titles(table.valueAdded().keySet()), conversion(), notes);
  }

  /** Store country code → "title (FIGARO code)", e.g. DEU → "Germany (DE)". */
  private static Map<String, String> countryNames(FigaroPlan plan) {
    Map<String, String> names = new LinkedHashMap<>();
    for (int e = 0; e < plan.areas().size(); e++) {
      String area = plan.areas().get(e);
      String title = FigaroLabels.title(area);
      names.put(plan.layout().countries().get(e), (title == null ? area : title) + " (" + area + ")");
    }
    return names;
  }

  /**
   * Industry or product code → its NACE Rev. 2 / CPA 2.1 title, final-demand category or
   * value-added code → its ESA 2010 title, where the code list has it (FIGARO's files carry codes only).
   */
  private static Map<String, String> titles(java.util.Collection<String> codes) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String code : codes) {
      String title = FigaroLabels.title(code);
      if (title != null) {
        names.put(code, title);
      }
    }
    return names;
  }

  private static String conversion() {
    return "read as published (symmetric IC-IOT at basic prices); areas ISO 3166-1 alpha-2 -> alpha-3 "
        + "(FIGW1 -> ROW); value-added rows W2_* -> components by their codes; W2 cells under final-demand "
        + "columns not stored (totals in notes); no published output (x = Z1 + y)";
  }

  @Override
  public Optional<String> recognise(Path input) throws IOException {
    List<Table> tables;
    try {
      tables = FigaroFiles.tables(List.of(input));
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
    Map<Kind, Integer> counts = new TreeMap<>(Comparator.naturalOrder());
    for (Table t : tables) {
      try {
        Kind k = FigaroFiles.kind(t);
        if (k != Kind.OTHER) {
          counts.merge(k, 1, Integer::sum);
        }
      } catch (InvalidInputException e) {
        // an unreadable file is not recognised
      }
    }
    if (counts.isEmpty()) {
      return Optional.empty();
    }
    List<String> what = new ArrayList<>();
    counts.forEach((k, c) -> what.add(c + " " + describe(k)));
    return Optional.of("FIGARO: " + String.join(", ", what));
  }

  private static String describe(Kind k) {
    return switch (k) {
      case MATRIX -> "IC-IOT in CSV matrix format (header rowLabels, AREA_CODE labels)";
      case FLAT -> "IC-IOT in CSV flat format (refArea, counterpartArea, obsValue)";
      case SUPPLY_USE -> "supply or use table (not read: only the IC-IOTs are)";
      default -> "other";
    };
  }
}
