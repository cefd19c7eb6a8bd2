package io.tivaspark.common.io.source;

import io.tivaspark.common.io.TableNames;
import io.tivaspark.common.model.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * {@code --format exiobase3}: EXIOBASE 3 as published on Zenodo, one zip archive per year and
 * system ({@code IOT_2022_pxp.zip}, {@code IOT_2022_ixi.zip}) holding a folder {@code IOT_2022_pxp/}
 * with {@code A.txt} (and from 3.8 on often {@code Z.txt}, {@code x.txt}), {@code Y.txt},
 * {@code unit.txt}, {@code metadata.json}, {@code file_parameters.json} and the extension folders;
 * or that folder unpacked. Reading a year: {@link ExiobaseYear}; the layout of the files and what
 * becomes of them: docs/sources/exiobase3.md.
 */
public final class ExiobaseSource implements MrioSource {
  @Override
  public String format() {
    return "exiobase3";
  }

  @Override
  public String help() {
    return "EXIOBASE 3 (pxp or ixi) as downloaded from Zenodo: zip archives IOT_YYYY_pxp.zip / IOT_YYYY_ixi.zip "
        + "(or their unpacked folders); A (or Z) and Y to flows, factor inputs to value added, the other extension "
        + "rows (F, F_Y) to extensions. Example: bin/tiva ingest --format exiobase3 --in IOT_2021_pxp.zip "
        + "IOT_2022_pxp.zip --out store/";
  }

  @Override
  public List<SourceUnit> plan(List<Path> inputs, OptionalInt year) throws IOException {
    List<SourceUnit> units = new ArrayList<>();
    for (Path in : inputs) {
      units.addAll(unitsOf(in, year));
    }
    units.sort(Comparator.comparingInt(SourceUnit::year));
    for (int i = 1; i < units.size(); i++) {
      if (units.get(i).year() == units.get(i - 1).year()) {
        throw new InvalidInputException(units.get(i).label(), units.get(i).year(), null,
            "two inputs of the same year: " + units.get(i - 1).label() + " and " + units.get(i).label()
                + " (one system, pxp or ixi, per store)");
      }
    }
    return units;
  }

  /** The year units of one input: a zip archive, a year folder, or a folder of those. */
  private static List<SourceUnit> unitsOf(Path in, OptionalInt year) throws IOException {
    if (Files.isDirectory(in)) {
      if (isYearFolder(in)) {
        return List.of(new SourceUnit(in.toString(), List.of(), yearOf(in.toString(), year, nameOf(in)), nameOf(in)));
      }
      List<SourceUnit> out = new ArrayList<>();
      List<Path> children;
      try (Stream<Path> s = Files.list(in)) {
        children = s.sorted().toList();
      }
      for (Path c : children) {
        if (Files.isRegularFile(c) && ExiobaseFiles.isZip(c) || Files.isDirectory(c) && isYearFolder(c)) {
          out.addAll(unitsOf(c, year));
        }
      }
      if (out.isEmpty()) {
        throw new InvalidInputException(in.toString(), null, null,
            "no EXIOBASE 3 year here (a folder with Y.txt beside A.txt or Z.txt, or zip archives IOT_YYYY_pxp.zip)");
      }
      return out;
    }
    if (Files.isRegularFile(in) && ExiobaseFiles.isZip(in)) {
      return zipUnits(in, year);
    }
    throw new InvalidInputException(in.toString(), null, null, Files.exists(in)
        ? "not an EXIOBASE 3 zip archive or folder" : "no such file or folder");
  }

  private static boolean isYearFolder(Path dir) throws IOException {
    List<String> roots = ExiobaseFiles.roots(folderNames(dir));
    return !roots.isEmpty() && roots.get(0).isEmpty();
  }

  /** The file names directly in a folder. */
  private static List<String> folderNames(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
    }
  }

  private static String nameOf(Path p) {
    return p.getFileName() == null ? p.toString() : p.getFileName().toString();
  }

  /** One unit per year root in a zip archive; the members are the files under the root. */
  private static List<SourceUnit> zipUnits(Path zip, OptionalInt year) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipFile zf = ExiobaseFiles.openZip(zip, null)) {
      Enumeration<? extends ZipEntry> en = zf.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        if (!e.isDirectory()) {
          names.add(e.getName());
        }
      }
    }
    List<String> roots = ExiobaseFiles.roots(names);
    if (roots.isEmpty()) {
      throw new InvalidInputException(zip.toString(), null, null,
          "zip archive holds no EXIOBASE 3 year (a folder with Y.txt beside A.txt or Z.txt)");
    }
    List<SourceUnit> out = new ArrayList<>();
    for (String root : roots) {
      List<String> members = names.stream().filter(n -> n.startsWith(root)).toList();
      String label = nameOf(zip) + (roots.size() > 1 ? "!" + root : "");
      String folder = root.isEmpty() ? "" : root.substring(0, root.length() - 1);
      String yearName = TableNames.year(folder, zip.toString(), "member " + root).isPresent() ? folder : nameOf(zip);
      out.add(new SourceUnit(zip.toString(), members, yearOf(zip.toString(), year, yearName), label));
    }
    return out;
  }

  /** The year at the year position of a name (IOT_2022_pxp), else --year, else an error naming the input. */
  private static int yearOf(String source, OptionalInt year, String name) {
    OptionalInt y = TableNames.year(name, source, null);
    if (y.isPresent()) {
      return y.getAsInt();
    }
    if (year.isPresent()) {
      return year.getAsInt();
    }
    throw new InvalidInputException(source, null, null,
        "no year in the name " + name + " (expected e.g. IOT_2022_pxp); pass --year YYYY");
  }

  @Override
  public SourceYear read(SourceUnit unit) throws IOException {
    try (ExiobaseFiles files = ExiobaseFiles.of(unit)) {
      return new ExiobaseYear(files, unit.year()).read();
    }
  }

  @Override
  public Optional<String> recognise(Path input) throws IOException {
    try {
      if (Files.isRegularFile(input) && ExiobaseFiles.isZip(input)) {
        try (ExiobaseFiles zip = ExiobaseFiles.zip(input, "", null)) {
          return describe(zip, nameOf(input));
        }
      }
      if (Files.isDirectory(input) && isYearFolder(input)) {
        try (ExiobaseFiles dir = ExiobaseFiles.folder(input)) {
          return describe(dir, nameOf(input));
        }
      }
      if (Files.isDirectory(input)) {
        return recogniseChildren(input);
      }
    } catch (InvalidInputException | ZipException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** A folder of downloads: what the first recognised zip or year folder is, and how many there are. */
  private Optional<String> recogniseChildren(Path dir) throws IOException {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = s.filter(c -> Files.isDirectory(c) || ExiobaseFiles.isZip(c)).sorted().toList();
    }
    Optional<String> first = Optional.empty();
    int count = 0;
    for (Path c : children) {
      Optional<String> what = Files.isDirectory(c) && !isYearFolder(c) ? Optional.empty() : recognise(c);
      if (what.isPresent()) {
        first = first.isPresent() ? first : what;
        count++;
      }
    }
    int n = count;
    return first.map(w -> n == 1 ? w : w + " and " + (n - 1) + " more in " + nameOf(dir));
  }

  /** "EXIOBASE 3 pxp: IOT_2022_pxp/ A.txt + Y.txt, extensions impacts/ satellite/", if Y.txt looks like EXIOBASE's. */
  private static Optional<String> describe(ExiobaseFiles files, String name) throws IOException {
    List<String> roots = ExiobaseFiles.roots(files.list());
    if (roots.isEmpty()) {
      return Optional.empty();
    }
    String root = roots.get(0);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(files.open(root + ExiobaseFiles.Y), StandardCharsets.UTF_8))) {
      String first = r.readLine();
      if (first == null || !first.replace("\uFEFF", "").startsWith("region\t")) {
        return Optional.empty();
      }
    }
    String system = name.toLowerCase(java.util.Locale.ROOT).contains("ixi") || root.contains("ixi") ? "ixi"
        : name.toLowerCase(java.util.Locale.ROOT).contains("pxp") || root.contains("pxp") ? "pxp" : "(pxp or ixi)";
    List<String> core = new ArrayList<>();
    for (String f : List.of("Z.txt", "A.txt", "x.txt", "Y.txt")) {
      if (files.has(root + f)) {
        core.add(f);
      }
    }
    List<String> ext = new ArrayList<>();
    for (String f : files.list()) {
      if (f.startsWith(root) && f.endsWith("/F.txt") && f.substring(root.length()).indexOf('/') == f.length() - root.length() - 6) {
        ext.add(f.substring(root.length(), f.length() - 5));
      }
    }
    return Optional.of("EXIOBASE 3 " + system + ": " + name + (root.isEmpty() ? "" : "!" + root) + " "
        + String.join(" + ", core) + (ext.isEmpty() ? "" : ", extensions " + String.join(" ", ext))
        + (roots.size() > 1 ? " (" + roots.size() + " years)" : ""));
  }

  // ---------------------------------------------------------------------------------------------
  // helpers shared by the Exiobase* readers

  /** A folder's file_parameters.json (dir "" or "satellite/"), by file name; empty when absent. */
  static Map<String, ExiobaseJson.FileSpec> params(ExiobaseFiles files, String dir) throws IOException {
    String rel = dir + "file_parameters.json";
    return files.has(rel) ? ExiobaseJson.files(ExiobaseJson.read(files.open(rel))) : Map.of();
  }

  /** Opens a matrix file with its shape from file_parameters.json, else {@code dflt} (null: inferred). */
  static ExiobaseMatrix open(ExiobaseFiles files, String rel, Integer year, Map<String, ExiobaseJson.FileSpec> params,
      ExiobaseMatrix.Shape dflt) throws IOException {
    if (!files.has(rel)) {
      throw new InvalidInputException(files.name(rel), year, null, "file missing");
    }
    ExiobaseJson.FileSpec spec = params.get(ExiobaseFiles.base(rel));
    ExiobaseMatrix.Shape shape = spec != null && spec.shape() != null ? spec.shape() : dflt;
    InputStream in = files.open(rel);
    try {
      return new ExiobaseMatrix(in, files.name(rel), year, shape);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}
