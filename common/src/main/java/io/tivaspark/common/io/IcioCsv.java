package io.tivaspark.common.io;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Preconditions;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * OECD ICIO-layout CSV (plain, or gzipped when the file name ends in {@code .gz}): one table per
 * year, parsed by label, never by position.
 *
 * <ul>
 *   <li>Header: a corner cell (blank, {@code V1}, anything not shaped like a data label), then
 *       the column labels.
 *   <li>Intermediate block Z: the row labels that are also column labels, each {@code CCC_IND}
 *       split at the first underscore (industry codes may contain underscores, e.g.
 *       {@code A01_02}). Entities and industries are taken in order of first appearance among
 *       the rows; every entity × industry pair must be present.
 *   <li>Final-demand columns: {@code CCC_CAT} or {@code CAT_CCC} (2016 edition) for a known
 *       country, any category names ({@code HFCE}, {@code FD}, {@code c37}, ...); every country
 *       needs every category. Categories in order of first appearance.
 *   <li>Output: a column and/or row named {@code OUT}, {@code OUTPUT}, {@code TOTAL}, {@code TOT}
 *       or {@code GO}. {@code publishedOutput} is the column when present, else the row.
 *   <li>Every other row is a value-added component named by its label ({@code TLS}, {@code VA},
 *       {@code VALU}, {@code VA+TAXSUB}, ...); per-country {@code CCC_TAXSUB} rows are summed
 *       into {@code TLS}. Cells of these rows under final-demand or output columns (taxes on
 *       final products) are checked but not kept.
 *   <li>Split countries: entities {@code CN1..CN4} belong to {@code CHN} and {@code MX1..MX3} to
 *       {@code MEX} when final-demand columns exist for CHN/MEX and not for the parts. The merged
 *       country's own rows and columns (all zero in OECD extended files) are then dropped; a
 *       non-zero cell there is an error.
 * </ul>
 *
 * <p>Any violation throws {@link InvalidInputException} naming the file, the year, the row,
 * column or line, and one rule. A UTF-8 BOM and CRLF line ends are accepted; simple double
 * quoting of cells is accepted. The file is read twice (labels first, then values), so memory
 * is Z plus final demand, not a second copy of the table.
 */
public final class IcioCsv {

  private static final Set<String> OUTPUT_LABELS = Set.of("OUT", "OUTPUT", "TOTAL", "TOT", "GO");
  private static final Pattern LOOKS_LIKE_DATA_LABEL = Pattern.compile("[A-Za-z0-9]{3}_.+");
  static final Map<String, String> SPLIT_PARENT = Map.of(
      "CN1", "CHN", "CN2", "CHN", "CN3", "CHN", "CN4", "CHN",
      "MX1", "MEX", "MX2", "MEX", "MX3", "MEX");

  private static final int BUFFER = 1 << 16;

  private IcioCsv() {}

  // ------------------------------------------------------------------------------------------
  // reading

  /** Where a table's bytes come from: a file (gzipped when named *.gz) or a zip member. */
  public interface Source {
    /** How error messages name it, e.g. {@code /data/2016-2020.zip!/2017.csv}. */
    String name();

    /** Opens a fresh stream of the (decompressed) CSV; the table is read twice. */
    InputStream open() throws IOException;

    /** A plain or gzipped file. */
    static Source of(Path file) {
      return new Source() {
        @Override
        public String name() { return file.toString(); }

        @Override
        public InputStream open() throws IOException {
          InputStream in = Files.newInputStream(file);
          if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            in = new GZIPInputStream(in, BUFFER);
          }
          return in;
        }
      };
    }

    /** One member of a zip archive, streamed (gunzipped too when the member is named *.gz). */
    static Source zipMember(Path zip, String member) {
      return new Source() {
        @Override
        public String name() { return zip + "!/" + member; }

        @Override
        public InputStream open() throws IOException {
          java.util.zip.ZipFile zf = new java.util.zip.ZipFile(zip.toFile());
          java.util.zip.ZipEntry e = zf.getEntry(member);
          if (e == null) {
            zf.close();
            throw new InvalidInputException(zip.toString(), null, "member " + member, "no such member in the zip archive");
          }
          InputStream in = new java.io.FilterInputStream(zf.getInputStream(e)) {
            @Override
            public void close() throws IOException {
              try {
                super.close();
              } finally {
                zf.close();
              }
            }
          };
          if (member.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            in = new GZIPInputStream(in, BUFFER);
          }
          return in;
        }
      };
    }
  }

  /**
   * What to do with the single {@code DISC} (statistical discrepancy) column of the 2016
   * edition. {@link #DOMESTIC}: it becomes a final-demand category {@code DISC} of the country
   * that produced the row (the discrepancy stays inside the producing economy: it is not trade,
   * and the row balance x = Z1 + Σy still holds). {@link #DROP}: the column is ignored and its
   * total is reported in {@link Result#notes()}.
   */
  public enum DiscMode { DOMESTIC, DROP }

  /** Reading options. */
  public record Options(boolean requireOutput, DiscMode disc) {
    public static final Options DEFAULT = new Options(false, DiscMode.DOMESTIC);
  }

  /**
   * A table read, the edition its labels look like ({@code ICIO 2016}, {@code ICIO 2018},
   * {@code ICIO 2021}, {@code ICIO 2023 extended}, {@code ICIO 2023 SML}, {@code ICIO 2025},
   * or {@code ICIO layout} when none fits) and notes about what was merged or dropped.
   */
  public record Result(MrioYear table, String edition, List<String> notes) {}

  /** Reads a table from any source. */
  public static Result read(Source source, int year, Options options) {
    Preconditions.checkNotNull(source, "source");
    return new Parser(source, year, options).parseResult();
  }

  /** Reads a table, taking the year from the year position of the file name ({@link TableNames}). */
  public static MrioYear read(Path file) {
    OptionalInt y = yearFromFileName(file.getFileName().toString());
    if (y.isEmpty()) {
      throw new InvalidInputException(file.toString(), null, null,
          "no year in the file name; pass the year explicitly");
    }
    return read(file, y.getAsInt(), false);
  }

  /** Reads a table for the given year; gross output is optional. */
  public static MrioYear read(Path file, int year) {
    return read(file, year, false);
  }

  /**
   * Reads a table for the given year.
   *
   * @param requireOutput when true, a table without an OUT column or row is an error
   * @throws InvalidInputException on any malformed input
   * @throws UncheckedIOException on I/O failure other than a corrupt file
   */
  public static MrioYear read(Path file, int year, boolean requireOutput) {
    Preconditions.checkNotNull(file, "file");
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".zip")) {
      throw new InvalidInputException(file.toString(), year, null,
          "zip archives are not supported here; unzip the CSV first");
    }
    return new Parser(Source.of(file), year, new Options(requireOutput, DiscMode.DOMESTIC)).parseResult().table();
  }

  /**
   * The year at the year position of a file name, e.g. 2003 in {@code ICIO2016_2003.csv} (never
   * the edition 2016), or empty when the name has no year position; an implausible year there
   * is an {@link InvalidInputException}. See {@link TableNames}.
   */
  public static OptionalInt yearFromFileName(String name) {
    return TableNames.year(name);
  }

  private static final class Parser {
    private final Source src;
    private final String source;
    private final int year;
    private final boolean requireOutput;
    private final DiscMode discMode;
    private final List<String> notes = new ArrayList<>();
    private String edition = "ICIO layout";

    // from the header
    private String[] header; // header[0] is the corner
    // from pass 1
    private final List<String> rowLabels = new ArrayList<>();
    private final List<Integer> rowLines = new ArrayList<>();

    Parser(Source src, int year, Options options) {
      this.src = src;
      this.source = src.name();
      this.year = year;
      this.requireOutput = options.requireOutput();
      this.discMode = options.disc();
    }

    private InvalidInputException error(String where, String rule) {
      return new InvalidInputException(source, year, where, rule);
    }

    private BufferedReader open() throws IOException {
      InputStream in = src.open();
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 20);
    }

    Result parseResult() {
      try {
        pass1();
        Plan plan = plan();
        MrioYear t = pass2(plan);
        if (plan.droppedNote != null) {
          notes.add(plan.droppedNote + " (the merged country's own all-zero rows and columns are dropped)");
        }
        return new Result(t, edition, List.copyOf(notes));
      } catch (NoSuchFileException e) {
        throw new UncheckedIOException("no such file: " + source, e);
      } catch (ZipException | EOFException e) {
        throw new InvalidInputException(source, year, null, "corrupt gzip/zip data (truncated or damaged): " + e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
      }
    }

    /** Reads the header and the first cell of every data line. */
    private void pass1() throws IOException {
      String last = null;
      try (BufferedReader r = open()) {
        String line = r.readLine();
        int lineNo = 1;
        while (line != null && stripBom(line).isBlank()) {
          line = r.readLine();
          lineNo++;
        }
        if (line == null) {
          throw error(null, "empty file");
        }
        headerLine = lineNo;
        header = splitAll(stripBom(line));
        for (int i = 0; i < header.length; i++) {
          header[i] = header[i].strip();
        }
        while ((line = r.readLine()) != null) {
          lineNo++;
          if (line.isEmpty()) {
            continue;
          }
          String label = firstCell(line).strip();
          if (label.isEmpty() && line.isBlank()) {
            continue;
          }
          rowLabels.add(label);
          rowLines.add(lineNo);
          last = line;
        }
      }
      if (last != null) {
        // a cut-off file ends in a short line: say so before the labels it lost confuse the plan
        int count = last.indexOf('"') >= 0 ? splitAll(last).length : countCells(last);
        if (count < header.length) {
          throw error("line " + rowLines.get(rowLines.size() - 1) + ", row " + rowLabels.get(rowLabels.size() - 1),
              "truncated file: the last line has " + count + " cells, the header has " + header.length);
        }
      }
      if (rowLabels.isEmpty()) {
        throw error("line " + headerLine, "no data rows after the header");
      }
    }

    private int headerLine;

    /** Roles of rows and columns, decided from the labels alone. */
    private static final class Plan {
      Layout layout;
      int[] colRole;      // >= 0: Z column; -1: output; -2: dropped (split parent); <= -10: FD col -(c+10)
      String[] colLabel;
      int[] rowRole;      // per data row: >= 0 Z row; -1 output; -2 dropped; <= -10 VA component -(i+10)
      List<String> components = new ArrayList<>();
      boolean hasOutCol;
      boolean hasOutRow;
      String droppedNote;
    }

    private static final int ROLE_OUT = -1;
    private static final int ROLE_DROP = -2;
    private static final int ROLE_DISC = -3;
    private int discCat = -1;
    private static final int ROLE_BASE = -10;

    private Plan plan() {
      int m = header.length;
      if (m < 2) {
        String first = header.length == 0 ? "" : header[0];
        throw error("line " + headerLine, "header has no column labels"
            + (first.indexOf(';') >= 0 ? " (semicolon-separated? the delimiter must be a comma)"
                : first.indexOf('\t') >= 0 ? " (tab-separated? the delimiter must be a comma)" : ""));
      }
      String corner = header[0];
      if (LOOKS_LIKE_DATA_LABEL.matcher(corner).matches() || OUTPUT_LABELS.contains(corner.toUpperCase(Locale.ROOT))) {
        throw error("column " + corner,
            "the first header cell must be the corner of the row-label column, not a data label");
      }
      Map<String, Integer> colIndex = new HashMap<>();
      int outCol = -1;
      for (int c = 1; c < m; c++) {
        String label = header[c];
        if (label.isEmpty()) {
          throw error("line " + headerLine + ", column " + (c + 1), "empty column label");
        }
        if (colIndex.put(label, c) != null) {
          throw error("column " + label, "duplicate column label");
        }
        if (OUTPUT_LABELS.contains(label.toUpperCase(Locale.ROOT))) {
          if (outCol >= 0) {
            throw error("column " + label, "second output column (already have " + header[outCol] + ")");
          }
          outCol = c;
        }
      }

      // rows: intermediate = labels that are also (non-output) column labels
      Map<String, Integer> seenRows = new HashMap<>();
      List<String> entityOrder = new ArrayList<>();
      List<String> industryOrder = new ArrayList<>();
      Map<String, Integer> entitySeen = new LinkedHashMap<>();
      Map<String, Integer> industrySeen = new LinkedHashMap<>();
      int outRow = -1;
      int nRows = rowLabels.size();
      boolean[] intermediate = new boolean[nRows];
      for (int r = 0; r < nRows; r++) {
        String label = rowLabels.get(r);
        String where = "row " + label;
        if (label.isEmpty()) {
          throw error("line " + rowLines.get(r), "empty row label");
        }
        Integer prev = seenRows.put(label, r);
        if (prev != null) {
          throw error(where, "duplicate row label (lines " + rowLines.get(prev) + " and " + rowLines.get(r) + ")");
        }
        if (OUTPUT_LABELS.contains(label.toUpperCase(Locale.ROOT))) {
          if (outRow >= 0) {
            throw error(where, "second output row (already have " + rowLabels.get(outRow) + ")");
          }
          outRow = r;
          continue;
        }
        Integer c = colIndex.get(label);
        if (c != null && c != outCol) {
          int us = label.indexOf('_');
          if (us <= 0 || us == label.length() - 1) {
            throw error(where, "label is not CCC_IND");
          }
          intermediate[r] = true;
          String e = label.substring(0, us);
          String i = label.substring(us + 1);
          if (!entitySeen.containsKey(e)) {
            entitySeen.put(e, entityOrder.size());
            entityOrder.add(e);
          }
          if (!industrySeen.containsKey(i)) {
            industrySeen.put(i, industryOrder.size());
            industryOrder.add(i);
          }
        }
      }
      if (entityOrder.isEmpty()) {
        throw error(null, "no intermediate rows: no row label CCC_IND is also a column label");
      }
      // full grid
      for (String e : entityOrder) {
        for (String i : industryOrder) {
          String label = e + "_" + i;
          if (!seenRows.containsKey(label)) {
            throw error("row " + label, "missing row: every entity needs every industry");
          }
        }
      }
      Set<String> parentsCandidates = new java.util.HashSet<>();
      for (String e : entityOrder) {
        String p = SPLIT_PARENT.get(e);
        if (p != null) {
          parentsCandidates.add(p);
        }
      }
      // non-intermediate rows shaped CCC_X for a known country: only CCC_TAXSUB is allowed
      for (int r = 0; r < nRows; r++) {
        if (intermediate[r] || r == outRow) {
          continue;
        }
        String label = rowLabels.get(r);
        int us = label.indexOf('_');
        if (us <= 0) {
          continue;
        }
        String p = label.substring(0, us);
        String s = label.substring(us + 1);
        if ((entitySeen.containsKey(p) || parentsCandidates.contains(p)) && !s.equalsIgnoreCase("TAXSUB")) {
          throw error("row " + label, "label is CCC_IND but there is no column " + label
              + " (rows of a country other than CCC_IND are only CCC_TAXSUB)");
        }
      }

      // columns
      int[] colRole = new int[m];
      int discCol = -1;
      boolean categoryFirst = false;
      String[] fdCountry = new String[m];
      String[] fdCategory = new String[m];
      Set<String> fdCountries = new java.util.LinkedHashSet<>();
      List<String> categories = new ArrayList<>();
      for (int c = 1; c < m; c++) {
        String label = header[c];
        if (c == outCol) {
          colRole[c] = ROLE_OUT;
          continue;
        }
        if (label.equalsIgnoreCase("DISC")) {
          if (discCol >= 0) {
            throw error("column " + label, "duplicate DISC column");
          }
          discCol = c;
          colRole[c] = ROLE_DISC;
          continue;
        }
        Integer r = seenRows.get(label);
        if (r != null && intermediate[r]) {
          colRole[c] = Integer.MIN_VALUE; // intermediate, index assigned below
          continue;
        }
        int us = label.indexOf('_');
        if (us <= 0 || us == label.length() - 1) {
          throw error("column " + label, "label is not CCC_IND, a final-demand column CCC_CAT or an output column OUT");
        }
        String p = label.substring(0, us);
        String s = label.substring(us + 1);
        if (entitySeen.containsKey(p) && industrySeen.containsKey(s)) {
          throw error("column " + label, "label is CCC_IND but there is no row " + label);
        }
        String country;
        String category;
        if (entitySeen.containsKey(p) || parentsCandidates.contains(p)) {
          country = p;
          category = s;
        } else if (entitySeen.containsKey(s) || parentsCandidates.contains(s)) {
          country = s; // CAT_CCC (2016 edition)
          category = p;
          categoryFirst = true;
        } else {
          throw error("column " + label,
              "not an intermediate column (no row " + label + ") nor a final-demand column CCC_CAT of a country with rows");
        }
        fdCountry[c] = country;
        fdCategory[c] = category;
        fdCountries.add(country);
        if (!categories.contains(category)) {
          categories.add(category);
        }
      }
      if (categories.isEmpty()) {
        throw error(null, "no final-demand columns (CCC_CAT)");
      }
      if (discCol >= 0 && discMode == DiscMode.DOMESTIC) {
        if (categories.contains("DISC")) {
          throw error("column " + header[discCol], "a DISC column and a final-demand category DISC");
        }
        discCat = categories.size();
        categories.add("DISC");
      }
      boolean taxsubRows = false;
      for (int r = 0; r < nRows; r++) {
        String label = rowLabels.get(r);
        if (!intermediate[r] && label.toUpperCase(Locale.ROOT).endsWith("_TAXSUB")) {
          taxsubRows = true;
        }
      }
      int nInd = industryOrder.size();
      boolean anySplit = false;
      for (String e : entityOrder) {
        anySplit |= SPLIT_PARENT.containsKey(e) && fdCountries.contains(SPLIT_PARENT.get(e));
      }
      if (categoryFirst || discCol >= 0) {
        edition = "ICIO 2016";
      } else if (taxsubRows) {
        edition = nInd == 36 ? "ICIO 2018" : nInd == 45 ? "ICIO 2021" : "ICIO 2018/2021 layout";
      } else if (seenRows.containsKey("TLS") || seenRows.containsKey("VA")) {
        edition = nInd == 45 ? (anySplit ? "ICIO 2023 extended" : "ICIO 2023 SML")
            : nInd == 50 ? "ICIO 2025" : "ICIO 2023 layout";
      }
      checkRequiredRows(seenRows.keySet(), outRow >= 0, outCol >= 0, intermediate);

      // splits
      Map<String, List<String>> splits = new LinkedHashMap<>();
      for (String e : entityOrder) {
        String p = SPLIT_PARENT.get(e);
        if (p == null || !fdCountries.contains(p)) {
          continue;
        }
        splits.computeIfAbsent(p, k -> new ArrayList<>()).add(e);
      }
      for (Map.Entry<String, List<String>> sp : splits.entrySet()) {
        for (String part : sp.getValue()) {
          if (fdCountries.contains(part)) {
            throw error("column " + part + "_" + categories.get(0),
                "final-demand columns exist for both " + sp.getKey() + " and its part " + part);
          }
        }
      }
      for (String fc : fdCountries) {
        if (!entitySeen.containsKey(fc) && !splits.containsKey(fc)) {
          throw error("column " + fc + "_" + categories.get(0), "country " + fc + " has no rows");
        }
      }
      // countries in order of first appearance among rows (parts count for their parent)
      List<String> countries = new ArrayList<>();
      for (String e : entityOrder) {
        String p = SPLIT_PARENT.get(e);
        String country = p != null && splits.containsKey(p) ? p : e;
        if (!countries.contains(country)) {
          countries.add(country);
        }
      }
      Layout layout;
      try {
        layout = new Layout(countries, industryOrder, categories, splits);
      } catch (IllegalArgumentException ex) {
        throw error(null, "inconsistent labels: " + ex.getMessage());
      }

      Plan plan = new Plan();
      plan.layout = layout;
      plan.colLabel = header;
      plan.hasOutCol = outCol >= 0;
      plan.hasOutRow = outRow >= 0;
      // final-demand grid: every (country, category) exactly once
      int[] fdSeen = new int[layout.finalDemandColumns()];
      java.util.Arrays.fill(fdSeen, -1);
      for (int c = 1; c < m; c++) {
        if (colRole[c] == Integer.MIN_VALUE) {
          String label = header[c];
          int us = label.indexOf('_');
          String e = label.substring(0, us);
          int ent = layout.entityIndex(e);
          if (ent < 0) {
            colRole[c] = ROLE_DROP; // the merged country's own (zero) column
          } else {
            colRole[c] = layout.row(ent, layout.industryIndex(label.substring(us + 1)));
          }
        } else if (fdCountry[c] != null) {
          int fc = layout.finalDemandColumn(layout.countryIndex(fdCountry[c]), layout.categoryIndex(fdCategory[c]));
          if (fdSeen[fc] >= 0) {
            throw error("column " + header[c], "duplicate final-demand column (same as " + header[fdSeen[fc]] + ")");
          }
          fdSeen[fc] = c;
          colRole[c] = ROLE_BASE - fc;
        }
      }
      for (int fc = 0; fc < fdSeen.length; fc++) {
        if (fdSeen[fc] < 0 && fc % layout.categoryCount() != discCat) {
          String country = layout.countries().get(fc / layout.categoryCount());
          String cat = layout.categories().get(fc % layout.categoryCount());
          throw error("column " + country + "_" + cat,
              "missing final-demand column: every country needs every category (" + String.join(", ", categories) + ")");
        }
      }
      int[] rowRole = new int[nRows];
      Map<String, Integer> compIndex = new HashMap<>();
      for (int r = 0; r < nRows; r++) {
        String label = rowLabels.get(r);
        if (r == outRow) {
          rowRole[r] = ROLE_OUT;
        } else if (intermediate[r]) {
          int us = label.indexOf('_');
          int ent = layout.entityIndex(label.substring(0, us));
          rowRole[r] = ent < 0 ? ROLE_DROP : layout.row(ent, layout.industryIndex(label.substring(us + 1)));
        } else {
          String comp = label;
          int us = label.indexOf('_');
          if (us > 0 && label.substring(us + 1).equalsIgnoreCase("TAXSUB")) {
            comp = "TLS";
          }
          Integer idx = compIndex.get(comp);
          if (idx == null) {
            idx = plan.components.size();
            compIndex.put(comp, idx);
            plan.components.add(comp);
          }
          rowRole[r] = ROLE_BASE - idx;
        }
      }
      if (!splits.isEmpty()) {
        StringBuilder sb = new StringBuilder();
        splits.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append(" is split into ").append(String.join(", ", v)));
        plan.droppedNote = sb.toString();
      }
      plan.colRole = colRole;
      plan.rowRole = rowRole;
      if (requireOutput && outCol < 0 && outRow < 0) {
        throw error(null, "missing OUT row (no output row or column OUT/OUTPUT/TOTAL)");
      }
      return plan;
    }

    /**
     * The rows the layout of the recognised edition cannot lack: a file cut after whole lines
     * (its last rows lost) is not taken for a table without value added or output.
     * <ul>
     *   <li>value added proper: a row {@code VA}, {@code VALU} or {@code VA+TAXSUB} (named after
     *       the edition: 2016 {@code VA+TAXSUB}, 2018/2021 {@code VALU}, else {@code VA}); in the
     *       plain ICIO layout any value-added row;
     *   <li>taxes: {@code TLS} in the 2023 and 2025 editions;
     *   <li>the output row ({@code OUTPUT} in 2018/2021, else {@code OUT}) in every OECD edition
     *       (2016, 2018, 2021, 2023, 2025 by their industry counts), and in any table that has an
     *       output column.
     * </ul>
     */
    private void checkRequiredRows(Set<String> rows, boolean hasOutRow, boolean hasOutCol, boolean[] intermediate) {
      boolean plain = edition.equals("ICIO layout");
      boolean taxsub = edition.startsWith("ICIO 2018") || edition.equals("ICIO 2021");
      List<String> missing = new ArrayList<>();
      if (edition.equals("ICIO 2023 extended") || edition.equals("ICIO 2023 SML") || edition.equals("ICIO 2025")) {
        if (!rows.contains("TLS")) {
          missing.add("TLS");
        }
      }
      if (plain ? !anyValueAddedRow(intermediate) : !(rows.contains("VA") || rows.contains("VALU")
          || rows.contains("VA+TAXSUB"))) {
        missing.add(plain ? "VA (any value-added row)" : edition.equals("ICIO 2016") ? "VA+TAXSUB" : taxsub ? "VALU" : "VA");
      }
      if (!hasOutRow && (hasOutCol || !plain && !edition.equals("ICIO 2023 layout"))) {
        missing.add(taxsub ? "OUTPUT" : "OUT");
      }
      if (!missing.isEmpty()) {
        throw error("after the last row " + rowLabels.get(rowLabels.size() - 1) + " (line "
            + rowLines.get(rowLines.size() - 1) + ")", "required row" + (missing.size() > 1 ? "s " : " ")
            + String.join(", ", missing) + " missing (file truncated?)");
      }
    }

    /** Whether any row is neither intermediate nor output (a value-added component). */
    private boolean anyValueAddedRow(boolean[] intermediate) {
      for (int r = 0; r < intermediate.length; r++) {
        if (!intermediate[r] && !OUTPUT_LABELS.contains(rowLabels.get(r).toUpperCase(Locale.ROOT))) {
          return true;
        }
      }
      return false;
    }

    private double discDropped;
    private long discCells;

    private MrioYear pass2(Plan plan) throws IOException {
      Layout layout = plan.layout;
      int n = layout.n();
      if ((long) n * n > Integer.MAX_VALUE - 8L) {
        throw error(null, "table too large: n = " + n + " rows of Z do not fit one array");
      }
      double[] z = new double[n * n];
      double[] yf = new double[n * layout.finalDemandColumns()];
      double[][] comps = new double[plan.components.size()][n];
      double[] outCol = plan.hasOutCol ? new double[n] : null;
      double[] outRow = plan.hasOutRow ? new double[n] : null;
      int m = header.length;
      int[] colRole = plan.colRole;
      try (BufferedReader r = open()) {
        int lineNo = 0;
        String line;
        while (lineNo < headerLine) {
          r.readLine();
          lineNo++;
        }
        int dataRow = 0;
        while ((line = r.readLine()) != null) {
          lineNo++;
          if (line.isEmpty()) {
            continue;
          }
          if (dataRow >= rowLabels.size()) {
            if (line.isBlank()) {
              continue;
            }
            throw error("line " + lineNo, "file changed while being read");
          }
          if (rowLines.get(dataRow) != lineNo) {
            continue; // a blank line skipped in pass 1
          }
          int role = plan.rowRole[dataRow];
          String rowLabel = rowLabels.get(dataRow);
          dataRow++;
          boolean quoted = line.indexOf('"') >= 0;
          String[] cells = quoted ? splitAll(line) : null;
          int count = quoted ? cells.length : countCells(line);
          if (count != m) {
            throw error("line " + lineNo + ", row " + rowLabel,
                "row has " + count + " cells, header has " + m);
          }
          int pos = quoted ? 0 : line.indexOf(',') + 1;
          for (int c = 1; c < m; c++) {
            String s;
            int a;
            int b;
            if (quoted) {
              s = cells[c];
              a = 0;
              b = s.length();
            } else {
              s = line;
              a = pos;
              int comma = line.indexOf(',', pos);
              b = comma < 0 ? line.length() : comma;
              pos = b + 1;
            }
            int cr = colRole[c];
            boolean used;
            if (role >= 0) {
              used = true;
            } else if (role == ROLE_DROP) {
              used = true;
            } else {
              used = cr >= 0 || cr == ROLE_DROP; // VA / OUT rows: only Z columns are kept
            }
            if (!used) {
              if (b > a && !(b - a == 1 && s.charAt(a) == '0')) {
                parse(s, a, b, rowLabel, c); // validate, ignore
              }
              continue;
            }
            double v = parse(s, a, b, rowLabel, c);
            if (role >= 0) {
              if (cr >= 0) {
                z[role + cr * n] = v;
              } else if (cr <= ROLE_BASE) {
                yf[role + (ROLE_BASE - cr) * n] = v;
              } else if (cr == ROLE_OUT) {
                outCol[role] = v;
              } else if (cr == ROLE_DISC) {
                if (discCat >= 0) {
                  yf[role + layout.finalDemandColumn(layout.countryOfRow(role), discCat) * n] = v;
                } else if (v != 0) {
                  discDropped += v;
                  discCells++;
                }
              } else if (v != 0) {
                throw error("row " + rowLabel + ", column " + header[c],
                    "non-zero value in a column of a split country's own entity (" + plan.droppedNote + ")");
              }
            } else if (role == ROLE_DROP) {
              if (v != 0) {
                throw error("row " + rowLabel + ", column " + header[c],
                    "non-zero value in a row of a split country's own entity (" + plan.droppedNote + ")");
              }
            } else if (cr == ROLE_DROP) {
              if (v != 0) {
                throw error("row " + rowLabel + ", column " + header[c],
                    "non-zero value in a column of a split country's own entity (" + plan.droppedNote + ")");
              }
            } else if (role == ROLE_OUT) {
              outRow[cr] = v;
            } else {
              comps[ROLE_BASE - role][cr] += v;
            }
          }
        }
        if (dataRow != rowLabels.size()) {
          throw error("line " + lineNo, "file changed while being read");
        }
      }
      Map<String, double[]> va = new LinkedHashMap<>();
      for (int i = 0; i < comps.length; i++) {
        va.put(plan.components.get(i), comps[i]);
      }
      if (discCells > 0) {
        notes.add(String.format(Locale.ROOT, "DISC column dropped (tiva.ingest.disc = drop): %d non-zero cells, total %s",
            discCells, Double.toString(discDropped)));
      }
      double[] published = outCol != null ? outCol : outRow;
      return new MrioYear(year, layout, z, yf, va, published);
    }

    private double parse(String s, int a, int b, String rowLabel, int c) {
      if (a == b) {
        throw error("row " + rowLabel + ", column " + header[c], "empty cell");
      }
      double v = parseFast(s, a, b);
      if (!Double.isNaN(v)) {
        return v;
      }
      String text = s.substring(a, b).strip();
      String where = "row " + rowLabel + ", column " + header[c];
      if (text.isEmpty()) {
        throw error(where, "empty cell");
      }
      if (plainNumberChars(text)) {
        double d;
        try {
          d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw error(where, "cell '" + text + "' is not a number");
        }
        if (Double.isInfinite(d)) {
          throw error(where, "infinite value ('" + text + "' overflows)");
        }
        return d;
      }
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.equals("nan") || lower.equals("-nan") || lower.equals("+nan")) {
        throw error(where, "NaN value");
      }
      if (lower.matches("[+-]?(inf|infinity)")) {
        throw error(where, "infinite value");
      }
      // Java's parser would accept suffixes (1d, 2f) and hex floats; CSV numbers do not have them
      throw error(where, "cell '" + text + "' is not a number");
    }

    private static boolean plainNumberChars(String t) {
      for (int i = 0; i < t.length(); i++) {
        char ch = t.charAt(i);
        if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == 'e' || ch == 'E' || ch == '-' || ch == '+')) {
          return false;
        }
      }
      return true;
    }

    /** Pass-1 helper: the first cell of a line, unquoted. */
    private static String firstCell(String line) {
      if (!line.isEmpty() && line.charAt(0) == '"') {
        return splitAll(line)[0];
      }
      int comma = line.indexOf(',');
      return comma < 0 ? line : line.substring(0, comma);
    }
  }

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /**
   * Exact fast path for plain decimals with at most 15 significant digits and at most 22
   * decimals (the value is m / 10^k with both exact, so one correctly rounded division equals
   * {@link Double#parseDouble}). Returns NaN when the slow path must decide.
   */
  static double parseFast(String s, int a, int b) {
    int i = a;
    boolean neg = false;
    char ch = s.charAt(i);
    if (ch == '-' || ch == '+') {
      neg = ch == '-';
      i++;
    }
    long m = 0;
    int digits = 0;
    int frac = 0;
    boolean dot = false;
    boolean any = false;
    for (; i < b; i++) {
      ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        any = true;
        if (dot) {
          frac++;
        }
        if (m == 0 && ch == '0') {
          continue;
        }
        if (++digits > 15) {
          return Double.NaN;
        }
        m = m * 10 + (ch - '0');
      } else if (ch == '.' && !dot) {
        dot = true;
      } else {
        return Double.NaN;
      }
    }
    if (!any || frac > 22) {
      return Double.NaN;
    }
    double v = frac == 0 ? (double) m : m / POW10[frac];
    return neg ? -v : v;
  }

  private static int countCells(String line) {
    int count = 1;
    int p = -1;
    while ((p = line.indexOf(',', p + 1)) >= 0) {
      count++;
    }
    return count;
  }

  /** Splits a CSV line with RFC 4180 quoting (no embedded line breaks). */
  static String[] splitAll(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    int i = 0;
    int len = line.length();
    while (true) {
      sb.setLength(0);
      if (i < len && line.charAt(i) == '"') {
        i++;
        while (i < len) {
          char ch = line.charAt(i);
          if (ch == '"') {
            if (i + 1 < len && line.charAt(i + 1) == '"') {
              sb.append('"');
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            sb.append(ch);
            i++;
          }
        }
        while (i < len && line.charAt(i) != ',') {
          sb.append(line.charAt(i++));
        }
      } else {
        while (i < len && line.charAt(i) != ',') {
          sb.append(line.charAt(i++));
        }
      }
      out.add(sb.toString());
      if (i >= len) {
        break;
      }
      i++; // the comma
    }
    return out.toArray(new String[0]);
  }

  static String stripBom(String line) {
    return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
  }

  // ------------------------------------------------------------------------------------------
  // writing

  /**
   * Writes a table in the ICIO 2023 layout: corner {@code V1}; columns {@code ENT_IND} (split
   * entities CN1, CN2 in place), {@code CCC_CAT}, {@code OUT}; rows {@code ENT_IND}, the
   * value-added components ({@code TLS} first, then {@code VA}, then the others), {@code OUT}.
   * Cells of component and OUT rows under final-demand and OUT columns are 0. OUT is the
   * published output, or when absent the row sums (column) and column sums (row).
   * Numbers are written so that they read back to the same double (integers without a decimal
   * point, others with {@link Double#toString}).
   */
  public static void write(MrioYear t, Writer out) throws IOException {
    Layout l = t.layout();
    int n = l.n();
    int cols = l.finalDemandColumns();
    List<String> rowLabels = new ArrayList<>(n);
    for (String e : l.entities()) {
      for (String ind : l.industries()) {
        rowLabels.add(checkCode(e + "_" + ind));
      }
    }
    double[] z = t.z();
    double[] yf = t.finalDemand();
    double[][] totals = outputTotals(t);
    double[] xRow = totals[0];
    double[] xCol = totals[1];
    StringBuilder sb = new StringBuilder(1 << 16);
    sb.append("V1");
    for (String label : rowLabels) {
      sb.append(',').append(label);
    }
    for (String c : l.countries()) {
      for (String cat : l.categories()) {
        sb.append(',').append(checkCode(c + "_" + cat));
      }
    }
    sb.append(",OUT\n");
    out.write(sb.toString());
    for (int i = 0; i < n; i++) {
      sb.setLength(0);
      sb.append(rowLabels.get(i));
      for (int j = 0; j < n; j++) {
        appendNumber(sb.append(','), z[i + j * n]);
      }
      for (int c = 0; c < cols; c++) {
        appendNumber(sb.append(','), yf[i + c * n]);
      }
      appendNumber(sb.append(','), xRow[i]);
      sb.append('\n');
      out.write(sb.toString());
    }
    List<String> comps = new ArrayList<>(t.valueAdded().keySet());
    comps.sort((a, b) -> Integer.compare(componentRank(a), componentRank(b)));
    for (String comp : comps) {
      writeTotalsRow(out, sb, checkCode(comp), t.valueAdded().get(comp), cols);
    }
    writeTotalsRow(out, sb, "OUT", xCol, cols);
    out.flush();
  }

  /** Writes to a file, gzipped when the name ends in {@code .gz}. */
  public static void write(MrioYear t, Path file) throws IOException {
    OutputStream os = Files.newOutputStream(file);
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      // fastest deflate level: the default level makes an ICIO-scale file take ~25 s to write
      os = new GZIPOutputStream(os, BUFFER) {
        {
          def.setLevel(java.util.zip.Deflater.BEST_SPEED);
        }
      };
    }
    try (Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 20)) {
      write(t, w);
    }
  }

  private static int componentRank(String comp) {
    return comp.equals("TLS") ? 0 : comp.equals("VA") ? 1 : 2; // stable sort keeps the rest in order
  }

  private static void writeTotalsRow(Writer out, StringBuilder sb, String label, double[] v, int cols)
      throws IOException {
    sb.setLength(0);
    sb.append(label);
    for (double d : v) {
      appendNumber(sb.append(','), d);
    }
    for (int c = 0; c <= cols; c++) {
      sb.append(",0");
    }
    sb.append('\n');
    out.write(sb.toString());
  }

  private static String checkCode(String code) {
    for (int i = 0; i < code.length(); i++) {
      char ch = code.charAt(i);
      if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
        throw new IllegalArgumentException("label '" + code + "' cannot be written unquoted in CSV");
      }
    }
    return code;
  }

  static void appendNumber(StringBuilder sb, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("cannot write " + v + " to an ICIO CSV");
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      if (v == 0 && Double.doubleToRawLongBits(v) != 0) {
        sb.append("-0");
      } else {
        sb.append((long) v);
      }
    } else {
      sb.append(v);
    }
  }

  /**
   * The OUT column and OUT row a written table shows: the published output when the year has one,
   * else the row sums Z1 + y and the column sums Z'1 + Σ value added (equal for a balanced table).
   */
  static double[][] outputTotals(MrioYear t) {
    double[] published = t.publishedOutput();
    if (published != null) {
      return new double[][] {published, published};
    }
    int n = t.n();
    double[] z = t.z();
    double[] yf = t.finalDemand();
    double[] xRow = new double[n];
    double[] xCol = new double[n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        xRow[i] += z[i + j * n];
        xCol[j] += z[i + j * n];
      }
    }
    for (int c = 0; c < t.layout().finalDemandColumns(); c++) {
      for (int i = 0; i < n; i++) {
        xRow[i] += yf[i + c * n];
      }
    }
    for (double[] v : t.valueAdded().values()) {
      for (int j = 0; j < n; j++) {
        xCol[j] += v[j];
      }
    }
    return new double[][] {xRow, xCol};
  }
}
