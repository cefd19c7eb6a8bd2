package io.tivaspark.common.io;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Preconditions;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
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
 *       country's own rows and columns are dropped when all zero (as in OECD's extended files);
 *       when any of their cells is non-zero (pymrio's mocks) the table is read again with the
 *       merged country kept as one more member of its split group, first ({@code MEX -> [MEX,
 *       MX1]}), so reporting MEX sums it with its parts, as pymrio's {@code parse_oecd} does:
 *       no cell is lost or counted twice.
 * </ul>
 *
 * <p>Any violation throws {@link InvalidInputException} naming the file, the year, the row,
 * column or line, and one rule. A UTF-8 BOM and CRLF line ends are accepted; simple double
 * quoting of cells is accepted. The file is read twice (labels first, then values), so memory
 * is Z plus final demand, not a second copy of the table: pass 1 collects the labels, {@link
 * IcioPlan} decides from them alone the role of every row and column (the header plan), pass 2
 * reads the values into the arrays the plan names.
 */
public final class IcioCsv {

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

    /**
     * Whether each {@link #open()} decompresses (a gzipped file, a zip member), so that reading the
     * table twice is worth a scratch copy ({@link SpooledSource}).
     */
    default boolean compressed() {
      return false;
    }

    /** A plain or gzipped file. */
    static Source of(Path file) {
      return new Source() {
        @Override
        public String name() { return file.toString(); }

        @Override
        public InputStream open() throws IOException {
          InputStream in = Files.newInputStream(file);
          return compressed() ? new GZIPInputStream(in, BUFFER) : in;
        }

        @Override
        public boolean compressed() {
          return gzipped(file.getFileName().toString());
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
          InputStream in = ZipTables.memberClosingArchive(zf, e);
          return gzipped(member) ? new GZIPInputStream(in, BUFFER) : in;
        }

        @Override
        public boolean compressed() {
          return true;
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
  public record Options(boolean requireOutput, DiscMode disc, int threads) {
    public static final Options DEFAULT = new Options(false, DiscMode.DOMESTIC);

    /** Options parsing with every core the JVM sees. */
    public Options(boolean requireOutput, DiscMode disc) {
      this(requireOutput, disc, IcioRows.defaultThreads());
    }

    /** {@code threads}: pass 2's worker threads, at least 1 (the result does not depend on it). */
    public Options {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
    }
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
    private final Options options;
    private final List<String> notes = new ArrayList<>();

    Parser(Source src, int year, Options options) {
      this.src = src;
      this.source = src.name();
      this.year = year;
      this.options = options;
    }

    private InvalidInputException error(String where, String rule) {
      return new InvalidInputException(source, year, where, rule);
    }

    Result parseResult() {
      try {
        IcioPlan.Labels labels = pass1();
        IcioPlan.Plan plan = IcioPlan.decide(labels, options.disc(), options.requireOutput());
        Cells cells = pass2(labels, plan);
        if (!cells.nonZeroParents.isEmpty()) {
          // a split parent with cells of its own: read again with it as a member of its group
          plan = IcioPlan.decide(labels, options.disc(), options.requireOutput(), cells.nonZeroParents);
          cells = pass2(labels, plan);
          refuseDuplicateParents(cells, plan.layout());
        }
        MrioYear t = cells.table();
        if (plan.droppedNote() != null) {
          notes.add(plan.droppedNote() + " (a merged country's own rows and columns are dropped when all zero, "
              + "else kept as one more member of its split group)");
        }
        return new Result(t, plan.edition(), List.copyOf(notes));
      } catch (NoSuchFileException e) {
        throw new UncheckedIOException("no such file: " + source, e);
      } catch (ZipException | EOFException e) {
        throw new InvalidInputException(source, year, null, "corrupt gzip/zip data (truncated or damaged): " + e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
      }
    }

    /**
     * Pass 1's block: one array refilled (labels and the last line are copied out), small enough
     * to stay in a core's cache between the read that fills it and the scan for line ends.
     */
    private static final int PASS1_BLOCK = 256 << 10;

    /** The byte offset in the stream of every data row's line (pass 1), for pass 2 ({@link IcioRows}). */
    private long[] rowOffsets;

    /**
     * Pass 1: reads the header and the first cell of every data line, straight from bytes
     * (only labels are decoded), and where each data line starts.
     */
    private IcioPlan.Labels pass1() throws IOException {
      String[] header = null;
      int headerLine = 0;
      int lineNo = 0;
      List<String> rowLabels = new ArrayList<>();
      List<Integer> rowLines = new ArrayList<>();
      long[] offsets = new long[1024];
      byte[] last = null;
      try (ByteLines lines = new ByteLines(src.open(), Math.min(IcioRows.blockSize(), PASS1_BLOCK), true)) {
        long base = 0;
        for (ByteLines.Block blk; (blk = lines.next()) != null; base += blk.end()) {
          byte[] b = blk.bytes();
          for (int p = 0, e; p < blk.end(); p = ByteLines.skipLineEnd(b, e, blk.end())) {
            e = ByteLines.lineEnd(b, p, blk.end());
            lineNo++;
            if (header == null) {
              String line = stripBom(new String(b, p, e - p, StandardCharsets.UTF_8));
              if (!line.isBlank()) {
                headerLine = lineNo;
                header = splitAll(line);
              }
              continue;
            }
            String label = e == p ? null : label(b, p, e);
            if (label != null) {
              if (rowLabels.size() == offsets.length) {
                offsets = java.util.Arrays.copyOf(offsets, 2 * offsets.length);
              }
              offsets[rowLabels.size()] = base + p;
              rowLabels.add(label);
              rowLines.add(lineNo);
              last = java.util.Arrays.copyOfRange(b, p, e);
            }
          }
        }
      }
      if (header == null) {
        throw error(null, "empty file");
      }
      for (int i = 0; i < header.length; i++) {
        header[i] = header[i].strip();
      }
      rowOffsets = java.util.Arrays.copyOf(offsets, rowLabels.size());
      IcioPlan.Labels labels = new IcioPlan.Labels(source, year, header, headerLine, rowLabels, rowLines);
      checkComplete(labels, last == null ? null : new String(last, StandardCharsets.UTF_8));
      return labels;
    }

    /** The first cell of a non-empty line, unquoted and stripped; null for a blank line. */
    private static String label(byte[] b, int s, int e) {
      if (b[s] == '"') {
        String line = new String(b, s, e - s, StandardCharsets.UTF_8);
        String label = splitAll(line)[0].strip();
        return label.isEmpty() && line.isBlank() ? null : label;
      }
      int comma = s;
      while (comma < e && b[comma] != ',') {
        comma++;
      }
      String label = new String(b, s, comma - s, StandardCharsets.UTF_8).strip();
      return label.isEmpty() && new String(b, s, e - s, StandardCharsets.UTF_8).isBlank() ? null : label;
    }

    /** A cut-off file ends in a short line: say so before the labels it lost confuse the plan. */
    private void checkComplete(IcioPlan.Labels labels, String last) {
      List<String> rowLabels = labels.rowLabels();
      if (last != null) {
        int count = last.indexOf('"') >= 0 ? splitAll(last).length : countCells(last);
        if (count < labels.header().length) {
          throw error("line " + labels.rowLines().get(rowLabels.size() - 1) + ", row " + rowLabels.get(rowLabels.size() - 1),
              "truncated file: the last line has " + count + " cells, the header has " + labels.header().length);
        }
      }
      if (rowLabels.isEmpty()) {
        throw error("line " + labels.headerLine(), "no data rows after the header");
      }
    }

    /**
     * A split parent kept as a member must carry its own flows, not repeat its parts: when its rows'
     * total (Z and final demand) equals the sum of the other members' totals (1e-9 relative), the file
     * holds the aggregate beside its parts, which merging would count twice: exit 3.
     */
    private void refuseDuplicateParents(Cells cells, Layout layout) {
      for (Map.Entry<String, List<String>> e : layout.splits().entrySet()) {
        List<String> members = e.getValue();
        if (!members.contains(e.getKey())) {
          continue;
        }
        double parent = 0;
        double parts = 0;
        for (String m : members) {
          double t = supply(cells, layout, layout.entityIndex(m));
          parent += m.equals(e.getKey()) ? t : 0;
          parts += m.equals(e.getKey()) ? 0 : t;
        }
        if (parent != 0 && Math.abs(parent - parts) <= 1e-9 * Math.abs(parent)) {
          throw error("rows " + e.getKey() + "_*", "the merged country " + e.getKey() + " repeats the sum of its parts "
              + members.subList(1, members.size()) + " (an aggregate beside its split members would be counted twice)");
        }
      }
    }

    /** Σ over the entity's rows of Z and final demand. */
    private static double supply(Cells cells, Layout layout, int entity) {
      int n = cells.n;
      int cols = cells.yf.length / n;
      double sum = 0;
      for (int ind = 0; ind < layout.industryCount(); ind++) {
        int i = layout.row(entity, ind);
        for (int j = 0; j < n; j++) {
          sum += cells.z[i + j * n];
        }
        for (int c = 0; c < cols; c++) {
          sum += cells.yf[i + c * n];
        }
      }
      return sum;
    }

    /**
     * Pass 2: reads the values of every data line into the arrays of the plan, in parallel over
     * blocks of lines ({@link IcioRows}); value-added and output rows (summed into shared totals)
     * in file order after the rest.
     */
    private Cells pass2(IcioPlan.Labels labels, IcioPlan.Plan plan) throws IOException {
      Cells cells = new Cells(plan, labels.header(), labels.rowLabels().size());
      List<String> rowLabels = labels.rowLabels();
      int[] role = plan.rows().role();
      boolean[] sequential = new boolean[rowLabels.size()];
      for (int r = 0; r < sequential.length; r++) {
        sequential[r] = role[r] < 0;
      }
      IcioRows rows = new IcioRows(rowOffsets, sequential,
          (b, s, e, r) -> readRow(b, s, e, labels.rowLines().get(r), rowLabels.get(r), role[r], r, cells),
          r -> error("line " + labels.rowLines().get(r), "file changed while being read"));
      rows.run(src.open(), options.threads());
      return cells;
    }

    /**
     * Parses the cells of one data line {@code b[s, e)} with row role {@code role} into {@code
     * cells}: in one scan of the line into a row of values ({@link #scanRow}), then stored; a line
     * the scan does not take (a quote, a cell count other than the header's, a cell that is not a
     * number, an empty kept cell) is read again by {@link #readRowChecked}, which finds its error
     * as it always did, or reads its quoted cells. Nothing is stored before the scan succeeds.
     */
    private void readRow(byte[] b, int s, int e, int lineNo, String rowLabel, int role, int dataRow, Cells cells) {
      double[] v = cells.rowBuffer();
      if (!scanRow(b, s, e, v)) {
        readRowChecked(b, s, e, lineNo, rowLabel, role, dataRow, cells);
        return;
      }
      int[] colRole = cells.colRole;
      for (int c = 1; c < v.length; c++) {
        int cr = colRole[c];
        if (Cells.kept(role, cr)) {
          if (Double.isNaN(v[c])) { // an empty kept cell: the checked read throws its error
            readRowChecked(b, s, e, lineNo, rowLabel, role, dataRow, cells);
            return;
          }
          cells.store(role, cr, v[c], rowLabel, c, dataRow);
        }
      }
    }

    /**
     * The values of the cells after the label of line {@code b[s, e)} into {@code v[1, v.length)},
     * NaN for an empty cell; false (v is then garbage) when the line has a double quote, more or
     * fewer cells than {@code v.length}, or a non-empty cell that is not a number. Cells are
     * counted as they are read ({@link Decimals#cell}, else {@link #plainCell}): no separate pass.
     */
    private static boolean scanRow(byte[] b, int s, int e, double[] v) {
      int a = ByteLines.indexOfEither(b, s, e, ',', '"');
      for (int c = 1; c < v.length; c++) {
        if (a >= e || b[a] != ',') {
          return false; // fewer cells, or a quote
        }
        int q = Decimals.cell(b, a + 1, e, v, c);
        a = q >= 0 ? q : plainCell(b, a + 1, e, v, c);
        if (a < 0) {
          return false;
        }
      }
      return a == e; // no more cells
    }

    /**
     * A cell {@link Decimals#cell} does not take (empty, spaces, an exponent of 5 digits, a quote
     * ...): its value (NaN when empty) into {@code v[c]} and its end (a ',' or '"', or e); -1 when
     * it is not empty and not a number.
     */
    private static int plainCell(byte[] b, int a, int e, double[] v, int c) {
      int q = ByteLines.indexOfEither(b, a, e, ',', '"');
      double x = Decimals.parse(b, a, q);
      if (Double.isNaN(x) && q > a) {
        return -1;
      }
      v[c] = x;
      return q;
    }

    /**
     * Parses the cells of one data line as {@link #readRow} does, checking first: the cell count
     * (over the whole line), then quoting, then each cell in order; the first violation throws.
     */
    private void readRowChecked(byte[] b, int s, int e, int lineNo, String rowLabel, int role, int dataRow, Cells cells) {
      String[] header = cells.header;
      int m = header.length;
      int count = 1;
      boolean quoted = false;
      for (int i = s; i < e; i++) {
        count += b[i] == ',' ? 1 : 0;
        quoted |= b[i] == '"';
      }
      if (quoted) {
        readQuotedRow(new String(b, s, e - s, StandardCharsets.UTF_8), lineNo, rowLabel, role, dataRow, cells);
        return;
      }
      if (count != m) {
        throw error("line " + lineNo + ", row " + rowLabel, "row has " + count + " cells, header has " + m);
      }
      int[] colRole = cells.colRole;
      int a = s;
      while (b[a] != ',') {
        a++;
      }
      a++;
      for (int c = 1; c < m; c++) {
        int q = a;
        while (q < e && b[q] != ',') {
          q++;
        }
        int cr = colRole[c];
        if (Cells.kept(role, cr)) {
          cells.store(role, cr, number(b, a, q, rowLabel, header[c]), rowLabel, c, dataRow);
        } else if (q > a && !(q - a == 1 && b[a] == '0')) {
          number(b, a, q, rowLabel, header[c]); // validate, ignore
        }
        a = q + 1;
      }
    }

    /** A line with double quotes: split as RFC 4180 text (rare; labels only in practice). */
    private void readQuotedRow(String line, int lineNo, String rowLabel, int role, int dataRow, Cells cells) {
      String[] parts = splitAll(line);
      int m = cells.header.length;
      if (parts.length != m) {
        throw error("line " + lineNo + ", row " + rowLabel, "row has " + parts.length + " cells, header has " + m);
      }
      for (int c = 1; c < m; c++) {
        byte[] cell = parts[c].getBytes(StandardCharsets.UTF_8);
        int cr = cells.colRole[c];
        if (Cells.kept(role, cr)) {
          cells.store(role, cr, number(cell, 0, cell.length, rowLabel, cells.header[c]), rowLabel, c, dataRow);
        } else if (cell.length > 0 && !parts[c].equals("0")) {
          number(cell, 0, cell.length, rowLabel, cells.header[c]);
        }
      }
    }

    /** The number in a cell ({@link Decimals}); an empty or non-numeric cell is an error naming row and column. */
    private double number(byte[] b, int a, int q, String rowLabel, String column) {
      if (q - a == 1 && b[a] == '0') {
        return 0.0;
      }
      double v = Decimals.parse(b, a, q);
      if (Double.isNaN(v)) {
        throw error("row " + rowLabel + ", column " + column, Decimals.rejection(new String(b, a, q - a, StandardCharsets.UTF_8)));
      }
      return v;
    }

    /**
     * The arrays pass 2 fills (Z, final demand, value-added components, OUT column and row) and
     * where a cell goes by its row role and column role ({@link IcioPlan.Plan}).
     */
    private final class Cells {
      final IcioPlan.Plan plan;
      final String[] header;
      final int[] colRole;
      final int n;
      final double[] z;
      final double[] yf;
      final double[][] comps;
      final double[] outCol;
      final double[] outRow;
      /** DISC cells dropped, per data row (summed in file order at the end, as a sequential read sums them). */
      final double[] discDropped;
      /** Split parents (CHN, MEX) whose own dropped rows or columns have a non-zero cell (rows read in parallel). */
      final Set<String> nonZeroParents = new java.util.concurrent.ConcurrentSkipListSet<>();

      Cells(IcioPlan.Plan plan, String[] header, int dataRows) {
        Layout layout = plan.layout();
        this.plan = plan;
        this.header = header;
        this.colRole = plan.colRole();
        this.n = layout.n();
        if ((long) n * n > Integer.MAX_VALUE - 8L) {
          throw error(null, "table too large: n = " + n + " rows of Z do not fit one array");
        }
        z = new double[n * n];
        yf = new double[n * layout.finalDemandColumns()];
        comps = new double[plan.rows().components().size()][n];
        outCol = plan.hasOutCol() ? new double[n] : null;
        outRow = plan.hasOutRow() ? new double[n] : null;
        discDropped = new double[dataRows];
        rowBuffers = ThreadLocal.withInitial(() -> new double[header.length]);
      }

      /** One row of cell values per parsing thread ({@link #readRow}). */
      private final ThreadLocal<double[]> rowBuffers;

      double[] rowBuffer() {
        return rowBuffers.get();
      }

      /** Whether a cell is kept: every cell of Z and dropped rows; of VA / OUT rows only under Z (or dropped) columns. */
      static boolean kept(int role, int cr) {
        return role >= 0 || role == IcioPlan.ROLE_DROP || cr >= 0 || cr == IcioPlan.ROLE_DROP;
      }

      void store(int role, int cr, double v, String rowLabel, int c, int dataRow) {
        if (role >= 0) {
          if (cr >= 0) {
            z[role + cr * n] = v;
          } else if (cr <= IcioPlan.ROLE_BASE) {
            yf[role + (IcioPlan.ROLE_BASE - cr) * n] = v;
          } else if (cr == IcioPlan.ROLE_OUT) {
            outCol[role] = v;
          } else if (cr == IcioPlan.ROLE_DISC) {
            disc(role, v, dataRow);
          } else if (v != 0) {
            nonZeroParent(header[c]);
          }
        } else if (role == IcioPlan.ROLE_DROP) {
          if (v != 0) {
            nonZeroParent(rowLabel);
          }
        } else if (cr == IcioPlan.ROLE_DROP) {
          if (v != 0) {
            nonZeroParent(header[c]);
          }
        } else if (role == IcioPlan.ROLE_OUT) {
          outRow[cr] = v;
        } else {
          comps[IcioPlan.ROLE_BASE - role][cr] += v;
        }
      }

      /** A DISC cell: final demand of the producing country's DISC category, or dropped and counted. */
      private void disc(int row, double v, int dataRow) {
        Layout layout = plan.layout();
        if (plan.discCat() >= 0) {
          yf[row + layout.finalDemandColumn(layout.countryOfRow(row), plan.discCat()) * n] = v;
        } else if (v != 0) {
          discDropped[dataRow] = v;
        }
      }

      /** A non-zero cell in the own row or column {@code CCC_IND} of split parent CCC (CHN, MEX). */
      private void nonZeroParent(String label) {
        nonZeroParents.add(label.substring(0, label.indexOf('_')));
      }

      /** The table read, with the note on a dropped DISC column. */
      MrioYear table() {
        Map<String, double[]> va = new LinkedHashMap<>();
        for (int i = 0; i < comps.length; i++) {
          va.put(plan.rows().components().get(i), comps[i]);
        }
        double dropped = 0;
        long discCells = 0;
        for (double d : discDropped) {
          if (d != 0) {
            dropped += d;
            discCells++;
          }
        }
        if (discCells > 0) {
          notes.add(String.format(Locale.ROOT, "DISC column dropped (tiva.ingest.disc = drop): %d non-zero cells, total %s",
              discCells, Double.toString(dropped)));
        }
        double[] published = outCol != null ? outCol : outRow;
        return new MrioYear(year, plan.layout(), z, yf, va, published);
      }
    }
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
    try (Writer w = newWriter(file)) {
      write(t, w);
    }
  }

  /** Whether a file or member name says gzip ({@code .gz}, any case). */
  static boolean gzipped(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  /** A buffered UTF-8 writer to a file, gzipped when the name ends in {@code .gz}. */
  static Writer newWriter(Path file) throws IOException {
    OutputStream os = Files.newOutputStream(file);
    if (gzipped(file.getFileName().toString())) {
      // fastest deflate level: the default level makes an ICIO-scale file take ~25 s to write
      os = new GZIPOutputStream(os, BUFFER) {
        {
          def.setLevel(java.util.zip.Deflater.BEST_SPEED);
        }
      };
    }
    return new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 20);
  }

  /** Order of value-added rows when written: {@code TLS}, {@code VA}, then the others in order. */
  static int componentRank(String comp) {
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
