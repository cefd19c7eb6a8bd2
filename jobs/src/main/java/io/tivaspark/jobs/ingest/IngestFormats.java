package io.tivaspark.jobs.ingest;

import io.tivaspark.common.io.LongCsv;
import io.tivaspark.common.io.TableNames;
import io.tivaspark.common.io.ZipTables;
import io.tivaspark.common.io.source.MrioSource;
import io.tivaspark.common.io.source.MrioSources;
import io.tivaspark.jobs.cli.UsageException;
import io.tivaspark.jobs.store.MrioMeta;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --format} values of {@code bin/tiva ingest} (docs/ingest.md §5): the two built in
 * ({@code icio}, {@code long-csv}), every publisher's format registered in {@link MrioSources}, and
 * {@code auto}, which recognises the format from each input's content. Also the text of
 * {@code bin/tiva ingest --help}.
 */
public final class IngestFormats {
  private static final Logger LOG = LoggerFactory.getLogger(IngestFormats.class);
  public static final String ICIO = "icio";
  public static final String LONG_CSV = "long-csv";
  public static final String AUTO = "auto";

  /** An ICIO header: corner blank or V1, then ENTITY_INDUSTRY labels (AUS_A01, "AUS_C01T05AGR"). */
  private static final Pattern ICIO_LABEL = Pattern.compile("[A-Za-z][A-Za-z0-9]{1,4}_[A-Za-z0-9_]+");

  private IngestFormats() {}

  /** Every format code {@code --format} takes, in help order (auto last). */
  public static List<String> all() {
    List<String> out = new ArrayList<>(List.of(ICIO, LONG_CSV));
    out.addAll(MrioSources.formats());
    out.add(AUTO);
    return out;
  }

  /** A usage error (exit 2) naming the known formats unless {@code format} is one. */
  public static void check(String format) {
    if (!all().contains(format)) {
      throw new UsageException("ingest: unknown --format '" + format + "' (known: " + String.join(", ", all()) + ")");
    }
  }

  /** The text of {@code bin/tiva ingest --help}: every format with an example, and the options. */
  public static String help() {
    StringBuilder sb = new StringBuilder("usage: bin/tiva ingest --format FORMAT --in PATH... --out DIR [--year YYYY]\n\n");
    sb.append("formats (docs/ingest.md; a publisher's format: docs/sources/FORMAT.md):\n");
    line(sb, ICIO, "OECD ICIO-layout CSV, every edition 2016-2025 (and tables in that layout): files, "
        + "directories, OECD zips; e.g. bin/tiva ingest --format icio --in ICIO2023_2019.csv --out store");
    line(sb, LONG_CSV, "one CSV per dataset (intermediate.csv, final_demand.csv, value_added.csv, ...) "
        + "with a year column, optional mrio.json; e.g. bin/tiva ingest --format long-csv --in tables/ --out store");
    for (MrioSource s : MrioSources.all()) {
      line(sb, s.format(), s.help());
    }
    line(sb, AUTO, "recognise the format of each input from its content (exactly one format must match, "
        + "else exit 2 naming what matched); e.g. bin/tiva ingest --format auto --in IOT_2022_pxp.zip --out store");
    sb.append("\noptions:\n");
    line(sb, "--format", "FORMAT: one of the formats above (required; auto recognises it)");
    line(sb, "--in", "files, directories or zip archives, as downloaded (zips are streamed, never unpacked); "
        + "local or mounted paths, a remote input (hdfs://, s3a://) is copied to a local temporary directory");
    line(sb, "--out", "the store directory (new, empty, or a store whose other years share the layout)");
    line(sb, "--year", "YYYY: the year of inputs whose names carry none (publishers' formats; without it such "
        + "an input is an error naming the file)");
    sb.append("\nbad input: exit 3, one line naming the file (member or sheet), year, cell and rule; "
        + "nothing is written to the store");
    return sb.toString();
  }

  private static void line(StringBuilder sb, String code, String text) {
    sb.append(String.format(Locale.ROOT, "  %-10s %s%n", code, text));
  }

  /** What {@code --format auto} found: the format and, per input, what was recognised. */
  public record Recognised(String format, String what) {}

  /**
   * {@code --format auto}: the one format every input is recognised as. Each input must be
   * recognised by exactly one format (the ICIO header test, the long-CSV file names, each
   * registered reader's {@link MrioSource#recognise}), and all by the same one; otherwise a usage
   * error (exit 2) naming what matched, or that nothing did.
   */
  static Recognised recognise(List<String> given, List<Path> inputs) {
    String format = null;
    List<String> what = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Map<String, String> found = candidates(inputs.get(i));
      String in = given.get(i);
      if (found.isEmpty()) {
        throw new UsageException("ingest --format auto: no format recognises " + in + " (known: "
            + String.join(", ", all().subList(0, all().size() - 1)) + "); give --format");
      }
      if (found.size() > 1) {
        throw new UsageException("ingest --format auto: " + in + " is recognised by several formats: "
            + describe(found) + "; give --format");
      }
      Map.Entry<String, String> e = found.entrySet().iterator().next();
      if (format != null && !format.equals(e.getKey())) {
        throw new UsageException("ingest --format auto: the inputs are of different formats: " + given.get(0)
            + " is " + format + ", " + in + " is " + e.getKey() + "; ingest them separately");
      }
      format = e.getKey();
      what.add(e.getValue());
      LOG.info("recognised {}: {} ({})", e.getKey(), e.getValue(), in);
    }
    return new Recognised(format, String.join("; ", new java.util.LinkedHashSet<>(what)));
  }

  private static String describe(Map<String, String> found) {
    List<String> parts = new ArrayList<>();
    found.forEach((f, w) -> parts.add(f + " (" + w + ")"));
    return String.join(", ", parts);
  }

  /** Every format that recognises one input, with what it found; a reader that fails is logged, not fatal. */
  static Map<String, String> candidates(Path input) {
    Map<String, String> found = new LinkedHashMap<>();
    try {
      icio(input).ifPresent(w -> found.put(ICIO, w));
      longCsv(input).ifPresent(w -> found.put(LONG_CSV, w));
    } catch (IOException | RuntimeException e) {
      LOG.warn("ingest --format auto: the ICIO / long-CSV test failed on {}: {}", input, e.toString());
    }
    for (MrioSource s : MrioSources.all()) {
      try {
        s.recognise(input).ifPresent(w -> found.put(s.format(), w));
      } catch (IOException | RuntimeException e) {
        LOG.warn("ingest --format auto: {} could not test {}: {}", s.format(), input, e.toString());
      }
    }
    return found;
  }

  /** long-csv: a dataset file name (intermediate.csv[.gz], ...), or a directory holding intermediate.csv[.gz]. */
  static Optional<String> longCsv(Path input) throws IOException {
    String name = input.getFileName().toString();
    if (Files.isDirectory(input)) {
      for (String f : List.of("intermediate.csv", "intermediate.csv.gz")) {
        if (Files.isRegularFile(input.resolve(f))) {
          return Optional.of("long CSV, directory with " + f);
        }
      }
      return Optional.empty();
    }
    if (LongCsv.Kind.ofFileName(name) != null || name.equals(MrioMeta.FILE)) {
      return Optional.of("long CSV file " + name);
    }
    return Optional.empty();
  }

  /**
   * icio: the first line of a CSV (.csv, .csv.gz; the first table of a directory or OECD zip) is an
   * ICIO header: a blank or {@code V1} corner, then ENTITY_INDUSTRY column labels.
   */
  static Optional<String> icio(Path input) throws IOException {
    if (Files.isDirectory(input)) {
      try (Stream<Path> s = Files.list(input)) {
        for (Path p : s.sorted().toList()) {
          String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
          boolean table = n.endsWith(".csv") || n.endsWith(".csv.gz") || n.endsWith(".zip");
          if (table && Files.isRegularFile(p) && (n.endsWith(".zip") || TableNames.year(n, p.toString(), null).isPresent())) {
            return icio(p).map(w -> w + " in directory " + input.getFileName());
          }
        }
      }
      return Optional.empty();
    }
    String name = input.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (ZipTables.isZip(lower)) {
      return zipHeader(input);
    }
    if (!lower.endsWith(".csv") && !lower.endsWith(".csv.gz")) {
      return Optional.empty();
    }
    try (InputStream raw = Files.newInputStream(input);
        InputStream in = lower.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 12) : raw) {
      return icioHeader(firstLine(in)).map(h -> "ICIO-layout CSV " + name + " (" + h + ")");
    }
  }

  private static Optional<String> zipHeader(Path zip) throws IOException {
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> en = zf.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        String n = e.getName().toLowerCase(Locale.ROOT);
        if (e.isDirectory() || n.startsWith("__macosx/") || !(n.endsWith(".csv") || n.endsWith(".csv.gz"))) {
          continue;
        }
        try (InputStream raw = zf.getInputStream(e);
            InputStream in = n.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 12) : raw) {
          return icioHeader(firstLine(in)).map(h -> "OECD zip " + zip.getFileName() + ", ICIO-layout CSV " + e.getName()
              + " (" + h + ")");
        }
      }
    } catch (java.util.zip.ZipException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The first line, at most 64 KiB, without a byte-order mark. */
  private static String firstLine(InputStream in) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 12);
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = r.read()) >= 0 && c != '\n' && c != '\r' && sb.length() < (1 << 16)) {
      sb.append((char) c);
    }
    return sb.length() > 0 && sb.charAt(0) == '\uFEFF' ? sb.substring(1) : sb.toString();
  }

  /** "corner V1, AUS_A01, ..." when the header is an ICIO one. */
  static Optional<String> icioHeader(String line) {
    String[] cells = line.split(",", 4);
    if (cells.length < 3) {
      return Optional.empty();
    }
    String corner = unquote(cells[0]);
    String first = unquote(cells[1]);
    if (!(corner.isEmpty() || corner.equals("V1")) || !ICIO_LABEL.matcher(first).matches()) {
      return Optional.empty();
    }
    return Optional.of("header " + (corner.isEmpty() ? "with a blank corner" : "corner V1") + ", first column " + first);
  }

  private static String unquote(String s) {
    String t = s.strip();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1).strip() : t;
  }
}
