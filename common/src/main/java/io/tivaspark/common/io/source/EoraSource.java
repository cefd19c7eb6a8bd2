package io.tivaspark.common.io.source;

import io.tivaspark.common.io.source.EoraFiles.Data;
import io.tivaspark.common.io.source.EoraFiles.Entry;
import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * {@code --format eora26}: the Eora26 release of worldmrio.com (docs/sources/eora26.md), one zip
 * archive per year and price basis ({@code Eora26_2015_bp.zip}: T, FD, VA, Q, QY and the labels,
 * or the labels in {@code indices.zip} beside it), a directory of them, or their files unpacked.
 * Files: {@link EoraFiles}; units: {@link EoraPlan}; labels and codes: {@link EoraLabels}; the
 * table and the treatment of Eora's ROW (statistical discrepancy): {@link EoraTable}.
 */
public final class EoraSource implements MrioSource {
  @Override
  public String format() {
    return "eora26";
  }

  @Override
  public String help() {
    return "Eora26 (worldmrio.com): Eora26_<year>_<bp|pp>.zip per year (T, FD, VA, Q, QY + labels_*.txt, or"
        + " indices.zip beside it), a directory of them or their unpacked files; ROW (statistical discrepancy)"
        + " becomes value-added component and final-demand category DISC. Example: bin/tiva ingest --format eora26"
        + " --in Eora26_2015_bp.zip --out store";
  }

  @Override
  public List<SourceUnit> plan(List<Path> inputs, OptionalInt year) throws IOException {
    List<Path> units = new ArrayList<>();
    for (Path p : inputs) {
      if (!isIndices(p)) {
        units.add(p);
      }
    }
    return EoraPlan.plan(units, year);
  }

  @Override
  public SourceYear read(SourceUnit unit) throws IOException {
    return EoraTable.read(EoraPlan.files(unit));
  }

  @Override
  public Optional<String> recognise(Path input) throws IOException {
    List<Entry> entries;
    try {
      if (Files.isDirectory(input)) {
        entries = EoraFiles.dirEntries(input);
      } else if (Files.isRegularFile(input) && EoraFiles.isZip(input)) {
        entries = EoraFiles.zipEntries(input);
      } else {
        return Optional.empty();
      }
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
    TreeSet<String> years = new TreeSet<>();
    TreeSet<String> blocks = new TreeSet<>();
    TreeSet<String> prices = new TreeSet<>();
    boolean labels = false;
    for (Entry e : entries) {
      Data d = EoraFiles.data(e);
      labels |= EoraFiles.labels(e) != null;
      if (d != null) {
        d.year().ifPresent(y -> years.add(Integer.toString(y)));
        blocks.add(d.kind().name());
        prices.add(d.price() == null ? "?" : d.price());
      }
    }
    if (blocks.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("Eora26 " + String.join("/", prices) + (years.isEmpty() ? "" : " " + String.join(",", years))
        + ": blocks " + String.join(", ", blocks) + (labels ? " + labels" : " (labels beside it: indices.zip)"));
  }

  /**
   * A zip archive holding labels and no data ({@code indices.zip}) given with {@code --in}: not a
   * year; the yearly archives beside it read their labels from it.
   */
  private static boolean isIndices(Path p) throws IOException {
    if (!Files.isRegularFile(p) || !EoraFiles.isZip(p)) {
      return false;
    }
    List<Entry> entries = EoraFiles.zipEntries(p);
    return !entries.isEmpty() && entries.stream().allMatch(e -> EoraFiles.data(e) == null);
  }
}
