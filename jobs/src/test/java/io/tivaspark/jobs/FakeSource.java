package io.tivaspark.jobs;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.io.source.MrioSource;
import io.tivaspark.common.io.source.SourceUnit;
import io.tivaspark.common.io.source.SourceYear;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A publisher's format for tests only (registered with {@code MrioSources.registerForTests}): a
 * {@code .fake} text file per year, {@code FAKE-MRIO} on its first line, then {@code key=value}
 * lines: {@code regions}, {@code industries}, {@code seed}, and to make bad input {@code bad=cell}
 * (a non-numeric cell: InvalidInputException at row 2 col 3) or {@code negative=ROW} (published
 * output of that row made negative). The table is {@link SyntheticMrio}'s balanced year (splits,
 * satellite accounts, population), so a full run on it passes every identity.
 */
final class FakeSource implements MrioSource {
  static final String FORMAT = "fake-gen";
  private static final Pattern YEAR = Pattern.compile(".*_([0-9]{4})\\.fake");

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public String help() {
    return "a test-only generated table (.fake files); e.g. bin/tiva ingest --format fake-gen --in t_2001.fake --out store";
  }

  @Override
  public List<SourceUnit> plan(List<Path> inputs, OptionalInt year) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path in : inputs) {
      if (Files.isDirectory(in)) {
        try (Stream<Path> s = Files.list(in)) {
          s.filter(p -> p.getFileName().toString().endsWith(".fake")).sorted().forEach(files::add);
        }
      } else {
        files.add(in);
      }
    }
    List<SourceUnit> units = new ArrayList<>();
    for (Path f : files) {
      Matcher m = YEAR.matcher(f.getFileName().toString());
      if (!m.matches() && year.isEmpty()) {
        throw new InvalidInputException(f.toString(), null, null, "no year in the file name (e.g. t_2001.fake); give --year YYYY");
      }
      int y = m.matches() ? Integer.parseInt(m.group(1)) : year.getAsInt();
      units.add(new SourceUnit(f.toString(), List.of(), y, f.toString()));
    }
    units.sort((a, b) -> Integer.compare(a.year(), b.year()));
    return units;
  }

  @Override
  public SourceYear read(SourceUnit unit) throws IOException {
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(Path.of(unit.path()), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    if ("cell".equals(p.getProperty("bad"))) {
      throw new InvalidInputException(unit.label(), unit.year(), "row 2 col 3", "non-numeric cell 'n/a'");
    }
    MrioYear t = table(Integer.parseInt(p.getProperty("regions", "4")), Integer.parseInt(p.getProperty("industries", "3")),
        Long.parseLong(p.getProperty("seed", "5")), unit.year());
    if (p.containsKey("negative")) {
      double[] x = t.publishedOutput().clone();
      x[Integer.parseInt(p.getProperty("negative"))] = -1.5;
      t = new MrioYear(t.year(), t.layout(), t.z(), t.finalDemand(), t.valueAdded(), x, t.satellite(), t.population());
    }
    Map<String, String> countries = new LinkedHashMap<>();
    t.layout().countries().forEach(c -> countries.put(c, "Country " + c));
    Map<String, String> industries = new LinkedHashMap<>();
    t.layout().industries().forEach(c -> industries.put(c, "Industry " + c));
    Map<String, String> categories = new LinkedHashMap<>();
    t.layout().categories().forEach(c -> categories.put(c, "Category " + c));
    Map<String, String> components = new LinkedHashMap<>();
    t.valueAdded().keySet().forEach(c -> components.put(c, "Component " + c));
    return new SourceYear(t, "Fake MRIO", "1.0 test", "USD million", countries, industries, categories, components,
        "none: generated balanced (SyntheticMrio)", List.of("generated with seed " + p.getProperty("seed", "5")));
  }

  @Override
  public Optional<String> recognise(Path input) throws IOException {
    Path f = input;
    if (Files.isDirectory(input)) {
      try (Stream<Path> s = Files.list(input)) {
        f = s.filter(p -> p.getFileName().toString().endsWith(".fake")).sorted().findFirst().orElse(null);
      }
    }
    if (f == null || !Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try (var r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      String first = r.readLine();
      return "FAKE-MRIO".equals(first) ? Optional.of("fake table " + f.getFileName()) : Optional.empty();
    }
  }

  /** The balanced year the source produces for these settings. */
  static MrioYear table(int regions, int industries, long seed, int year) {
    return new SyntheticMrio(GeneratorSpec.builder().regions(regions).industries(industries).years(year, year)
        .seed(seed).splits(true).extensions(true).population(true).build()).year(year);
  }

  /** Writes one year's file; {@code extra} lines such as "bad=cell" or "negative=2". */
  static Path write(Path file, String... extra) throws IOException {
    Files.createDirectories(file.getParent());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("FAKE-MRIO\nregions=4\nindustries=3\nseed=5\n");
      for (String e : extra) {
        w.write(e + "\n");
      }
    }
    return file;
  }
}
