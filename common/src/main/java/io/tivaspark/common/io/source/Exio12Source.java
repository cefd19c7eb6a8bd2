package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.ZipException;

/**
 * {@code --format exiobase1} and {@code --format exiobase2}: EXIOBASE 1 (reference year 2000) and
 * EXIOBASE 2 (2.2.x, reference year 2007) in their coefficient version, as downloaded from
 * exiobase.eu: a zip archive ({@code mrIOT_PxP_ita_coefficient_version2.2.2.zip}, read in place) or a
 * folder holding {@code mrIot*.txt}, {@code mrFinalDemand*.txt} and the extension files, plus
 * optional generic extension files in {@code extensions/}. One table per input: the year is
 * {@code --year}, else the release's reference year. Layout, conversion and codes:
 * docs/sources/exiobase1-2.md; reading: {@link Exio12Year}.
 */
public final class Exio12Source implements MrioSource {
  private final int generation;

  private Exio12Source(int generation) {
    this.generation = generation;
  }

  /** {@code --format exiobase1}. */
  public static Exio12Source exiobase1() {
    return new Exio12Source(1);
  }

  /** {@code --format exiobase2}. */
  public static Exio12Source exiobase2() {
    return new Exio12Source(2);
  }

  /** The release's one year: EXIOBASE 1 is the year 2000, EXIOBASE 2 the year 2007. */
  int referenceYear() {
    return generation == 1 ? 2000 : 2007;
  }

  @Override
  public String format() {
    return "exiobase" + generation;
  }

  @Override
  public String help() {
    String example = generation == 1 ? "pxp_ita_44_regions_coeff_txt/" : "mrIOT_PxP_ita_coefficient_version2.2.2.zip";
    return "EXIOBASE " + generation + " (coefficient version, year " + referenceYear() + " unless --year): a zip archive "
        + "or folder with mrIot*.txt (A), mrFinalDemand*.txt (Y) and mrFactorInputs/mrEmissions/mrMaterials/mrResources "
        + "(S, with their mrFD* F_Y), plus extensions/*.txt; flows Z = A·diag(x), x = (I − A)⁻¹·y, F = S·diag(x). "
        + "Example: bin/tiva ingest --format " + format() + " --in " + example + " --out store/";
  }

  @Override
  public List<SourceUnit> plan(List<Path> inputs, OptionalInt year) throws IOException {
    if (inputs.size() != 1) {
      throw new InvalidInputException(inputs.isEmpty() ? "(no input)" : inputs.get(1).toString(), null, null,
          "EXIOBASE " + generation + " is one table: give one zip archive or folder per store");
    }
    Path in = inputs.get(0);
    if (!Files.isDirectory(in) && !(Files.isRegularFile(in) && ExiobaseFiles.isZip(in))) {
      throw new InvalidInputException(in.toString(), null, null, Files.exists(in)
          ? "not a zip archive or folder of EXIOBASE " + generation : "no such file or folder");
    }
    int y = year.orElse(referenceYear());
    String label = in.getFileName() == null ? in.toString() : in.getFileName().toString();
    return new ArrayList<>(List.of(new SourceUnit(in.toString(), List.of(), y, label)));
  }

  @Override
  public SourceYear read(SourceUnit unit) throws IOException {
    try (ExiobaseFiles files = open(Path.of(unit.path()), unit.year())) {
      return new Exio12Year(files, unit.year(), generation).read();
    }
  }

  private static ExiobaseFiles open(Path p, Integer year) throws IOException {
    return Files.isDirectory(p) ? ExiobaseFiles.folder(p) : ExiobaseFiles.zip(p, "", year);
  }

  @Override
  public Optional<String> recognise(Path input) throws IOException {
    if (!Files.isDirectory(input) && !(Files.isRegularFile(input) && ExiobaseFiles.isZip(input))) {
      return Optional.empty();
    }
    try (ExiobaseFiles files = open(input, null)) {
      Map<String, String> found = Exio12Files.find(files, null);
      if (!found.containsKey("mrIot") || !found.containsKey("mrFinalDemand") || !looksLikeTable(files, found.get("mrIot"))) {
        return Optional.empty();
      }
      String version = found.values().stream().map(Exio12Files::version).flatMap(Optional::stream).findFirst().orElse("1");
      if (!version.startsWith(String.valueOf(generation))) {
        return Optional.empty();
      }
      int ext = Exio12Files.extensionFiles(files).size();
      return Optional.of("EXIOBASE " + version + " coefficients: " + input.getFileName() + " " + String.join(" + ",
          found.values().stream().map(ExiobaseFiles::base).toList()) + (ext == 0 ? "" : ", " + ext + " file(s) in extensions/"));
    } catch (InvalidInputException | ZipException e) {
      return Optional.empty();
    }
  }

  /** Line 1 of mrIot: three empty label cells, then region labels. */
  private static boolean looksLikeTable(ExiobaseFiles files, String rel) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(files.open(rel), StandardCharsets.UTF_8))) {
      String first = r.readLine();
      return first != null && first.replace("\uFEFF", "").startsWith("\t\t\t") && !first.startsWith("\t\t\t\t");
    }
  }
}
