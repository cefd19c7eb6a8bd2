package io.tivaspark.common.io.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code --format gloria}: the GLORIA global MRIO (IELab, University of Sydney) as downloaded: per
 * year {@code GLORIA_MRIOs_<v>_<year>.zip} (T-, Y-, V-Results) and
 * {@code GLORIA_SatelliteAccounts_0<v>_<year>.zip} (TQ-, YQ-Results), zipped or unpacked, and
 * {@code GLORIA_ReadMe_0<v>.xlsx} (every label). The basic-price tables (Markup001) are read; the
 * supply-use table becomes a product-by-product table under the industry-technology assumption
 * ({@link GloriaSut}). Files: {@link GloriaFiles}; labels: {@link GloriaReadMe}; one year:
 * {@link GloriaReader}. docs/sources/gloria.md.
 */
public final class GloriaSource implements MrioSource {
  @Override
  public String format() {
    return "gloria";
  }

  @Override
  public String help() {
    return "GLORIA (IELab) supply-use MRIO, basic prices (Markup001), converted to product-by-product "
        + "(industry technology); satellite accounts TQ/YQ as extensions. Example: bin/tiva ingest --format gloria "
        + "--in /data/gloria059 --out /data/store-gloria (the folder holding GLORIA_MRIOs_59_<year>.zip, "
        + "GLORIA_SatelliteAccounts_059_<year>.zip and GLORIA_ReadMe_059.xlsx)";
  }

  @Override
  public List<SourceUnit> plan(List<Path> inputs, OptionalInt year) throws IOException {
    return GloriaFiles.plan(inputs, year);
  }

  @Override
  public SourceYear read(SourceUnit unit) throws IOException {
    return new GloriaReader(unit).read();
  }

  @Override
  public Optional<String> recognise(Path input) throws IOException {
    return GloriaFiles.recognise(input);
  }
}
