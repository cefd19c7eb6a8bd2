package io.tivaspark.jobs.store;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads one year of the canonical store into a {@link MrioYear}, inside a task (no Spark
 * session). Enforces the input rules of docs/data-dictionary.md §6: every code known to mrio.json, no key
 * twice, no NaN or infinite value, every required dataset present for the year.
 */
public final class StoreReader {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StoreReader.class);

  private StoreReader() {}

  /** Years of one dataset of the store (strict year=YYYY directory names, see {@link StoreInventory}). */
  public static TreeSet<Integer> years(Configuration conf, Path root, Dataset d) throws IOException {
    return StoreInventory.of(conf, root).years(d);
  }

  /** Reads one year. */
  public static MrioYear read(Configuration conf, Path root, MrioMeta meta, int year) throws IOException {
    Layout l = meta.layout(new Path(root, MrioMeta.FILE).toString());
    int n = l.n();
    double[] z = new double[n * n];
    double[] yf = new double[n * l.finalDemandColumns()];
    StoreInventory inventory = StoreInventory.of(conf, root);
    InvalidInputException missing = inventory.problem(year);
    if (missing != null) {
      throw missing;
    }
    boolean hasOutput = inventory.has(Dataset.OUTPUT);

    ToIntFunction<String> entity = l::entityIndex;
    ToIntFunction<String> industry = l::industryIndex;

    // intermediate: Z(i, j), filled row-major (z[i * n + j]: a store file lists a row's cells one
    // after the other, so the stores run along memory instead of n doubles apart) and transposed in
    // place to column-major at the end. A cell not yet read holds NaN (a read value is finite), so
    // a key twice is found without a separate n x n bit set; cells without a row become 0.
    java.util.Arrays.fill(z, Double.NaN);
    forEachRow(conf, root, Dataset.INTERMEDIATE, year, List.of(entity, industry, entity, industry), (c, t, v) -> {
      int i = row(l, c[0], c[1], t, 0, Dataset.INTERMEDIATE, year);
      int j = row(l, c[2], c[3], t, 2, Dataset.INTERMEDIATE, year);
      int cell = i * n + j;
      if (!Double.isNaN(z[cell])) {
        throw dup(Dataset.INTERMEDIATE, year, t);
      }
      z[cell] = v;
    });
    absentIsZero(z);
    io.tivaspark.common.math.IoMath.transposeInPlace(z, n);
    BitSet seen = new BitSet(yf.length);
    // final demand: Yf(i, country × category)
    ToIntFunction<String> country = l::countryIndex;
    ToIntFunction<String> category = l::categoryIndex;
    forEachRow(conf, root, Dataset.FINAL_DEMAND, year, List.of(entity, industry, country, category), (c, t, v) -> {
      int i = row(l, c[0], c[1], t, 0, Dataset.FINAL_DEMAND, year);
      known(c[2], t, 2, Dataset.FINAL_DEMAND, year, "unknown country code (not in mrio.json countries)");
      known(c[3], t, 3, Dataset.FINAL_DEMAND, year, "unknown final-demand category (not in mrio.json categories)");
      int cell = i + l.finalDemandColumn(c[2], c[3]) * n;
      if (seen.get(cell)) {
        throw dup(Dataset.FINAL_DEMAND, year, t);
      }
      seen.set(cell);
      yf[cell] = v;
    });
    Map<String, double[]> va = readValueAdded(conf, root, l, year);
    double[] out = hasOutput ? readOutput(conf, root, l, year) : null;
    Satellite sat = inventory.has(Dataset.EXTENSIONS) || inventory.has(Dataset.EXTENSIONS_FINAL_DEMAND)
        ? readSatellite(conf, root, l, year) : null;
    double[] pop = inventory.has(Dataset.POPULATION) ? readPopulation(conf, root, l, year) : null;
    return new MrioYear(year, l, z, yf, va, out, sat, pop);
  }

  /** Cells never read (still NaN) are zero: an absent row of the store is a zero cell. */
  private static void absentIsZero(double[] a) {
    for (int k = 0; k < a.length; k++) {
      if (Double.isNaN(a[k])) {
        a[k] = 0;
      }
    }
  }

  /**
   * Population of a year by reporting country (persons; NaN for a country without a row, i.e.
   * unknown), or null when the year's partition has no row at all (then no per-capita code is
   * written for the year, and this says so in the log). A split entity code, a negative value or a
   * country twice is an input error.
   */
  private static double[] readPopulation(Configuration conf, Path root, Layout l, int year) throws IOException {
    double[] pop = new double[l.countryCount()];
    java.util.Arrays.fill(pop, Double.NaN);
    BitSet seen = new BitSet(pop.length);
    ToIntFunction<String> country = l::countryIndex;
    forEachRow(conf, root, Dataset.POPULATION, year, List.of(country), (c, t, v) -> {
      known(c[0], t, 0, Dataset.POPULATION, year, t[0] != null && l.entityIndex(t[0]) >= 0
          ? "population is by reporting country, not split entity" : "unknown country code (not in mrio.json countries)");
      if (seen.get(c[0])) {
        throw dup(Dataset.POPULATION, year, t);
      }
      seen.set(c[0]);
      if (v < 0) {
        throw new InvalidInputException(Dataset.POPULATION.label(), year, key(Dataset.POPULATION, t),
            "negative population " + v + " (persons)");
      }
      pop[c[0]] = v;
    });
    if (seen.isEmpty()) {
      LOG.info("population/ year {} has no rows: per-capita codes (FD_PCCO2, PROD_PCCO2) are not written for it", year);
      return null;
    }
    return pop;
  }

  /** Value added of a year: any component name, in order of first appearance. */
  private static Map<String, double[]> readValueAdded(Configuration conf, Path root, Layout l, int year)
      throws IOException {
    int n = l.n();
    ToIntFunction<String> entity = l::entityIndex;
    ToIntFunction<String> industry = l::industryIndex;
    Map<String, double[]> va = new LinkedHashMap<>();
    Map<String, Integer> components = new LinkedHashMap<>();
    List<double[]> vaArrays = new ArrayList<>();
    List<BitSet> vaSeen = new ArrayList<>();
    ToIntFunction<String> component = name -> components.computeIfAbsent(name, k -> {
      vaArrays.add(new double[n]);
      vaSeen.add(new BitSet(n));
      return components.size();
    });
    forEachRow(conf, root, Dataset.VALUE_ADDED, year, List.of(entity, industry, component), (c, t, v) -> {
      int i = row(l, c[0], c[1], t, 0, Dataset.VALUE_ADDED, year);
      known(c[2], t, 2, Dataset.VALUE_ADDED, year, "component is null");
      BitSet s = vaSeen.get(c[2]);
      if (s.get(i)) {
        throw dup(Dataset.VALUE_ADDED, year, t);
      }
      s.set(i);
      vaArrays.get(c[2])[i] = v;
    });
    components.forEach((name, k) -> va.put(name, vaArrays.get(k)));
    return va;
  }

  /** Published gross output of a year (output/). */
  private static double[] readOutput(Configuration conf, Path root, Layout l, int year) throws IOException {
    double[] out = new double[l.n()];
    BitSet s = new BitSet(l.n());
    ToIntFunction<String> entity = l::entityIndex;
    ToIntFunction<String> industry = l::industryIndex;
    forEachRow(conf, root, Dataset.OUTPUT, year, List.of(entity, industry), (c, t, v) -> {
      int i = row(l, c[0], c[1], t, 0, Dataset.OUTPUT, year);
      if (s.get(i)) {
        throw dup(Dataset.OUTPUT, year, t);
      }
      s.set(i);
      if (v < 0) {
        throw new InvalidInputException(Dataset.OUTPUT.label(), year, key(Dataset.OUTPUT, t),
            "negative gross output " + v);
      }
      out[i] = v;
    });
    return out;
  }

  /**
   * The satellite accounts of a year (extensions/ and extensions_final_demand/). Stressors in order of first appearance; one unit per stressor.
   */
  private static Satellite readSatellite(Configuration conf, Path root, Layout l, int year) throws IOException {
    int n = l.n();
    int cols = l.finalDemandColumns();
    Map<String, Integer> stressors = new LinkedHashMap<>();
    List<String> units = new ArrayList<>();
    List<double[]> f = new ArrayList<>();
    List<double[]> fy = new ArrayList<>();
    List<BitSet> seenF = new ArrayList<>();
    List<BitSet> seenFy = new ArrayList<>();
    ToIntFunction<String> stressor = name -> stressors.computeIfAbsent(name, k -> {
      f.add(new double[n]);
      fy.add(new double[cols]);
      seenF.add(new BitSet(n));
      seenFy.add(new BitSet(cols));
      units.add(null);
      return stressors.size();
    });
    List<String> unitNames = new ArrayList<>();
    ToIntFunction<String> unit = name -> {
      int i = unitNames.indexOf(name);
      if (i < 0) {
        unitNames.add(name);
        i = unitNames.size() - 1;
      }
      return i;
    };
    ToIntFunction<String> entity = l::entityIndex;
    ToIntFunction<String> industry = l::industryIndex;
    forEachRow(conf, root, Dataset.EXTENSIONS, year, List.of(stressor, unit, entity, industry), (c, t, v) -> {
      known(c[0], t, 0, Dataset.EXTENSIONS, year, "stressor is null");
      checkUnit(units, c, t, unitNames, Dataset.EXTENSIONS, year);
      int k = row(l, c[2], c[3], t, 2, Dataset.EXTENSIONS, year);
      if (seenF.get(c[0]).get(k)) {
        throw dup(Dataset.EXTENSIONS, year, t);
      }
      seenF.get(c[0]).set(k);
      f.get(c[0])[k] = v;
    });
    ToIntFunction<String> country = l::countryIndex;
    ToIntFunction<String> category = l::categoryIndex;
    forEachRow(conf, root, Dataset.EXTENSIONS_FINAL_DEMAND, year, List.of(stressor, unit, country, category),
        (c, t, v) -> {
          known(c[0], t, 0, Dataset.EXTENSIONS_FINAL_DEMAND, year, "stressor is null");
          checkUnit(units, c, t, unitNames, Dataset.EXTENSIONS_FINAL_DEMAND, year);
          known(c[2], t, 2, Dataset.EXTENSIONS_FINAL_DEMAND, year, "unknown country code (not in mrio.json countries)");
          known(c[3], t, 3, Dataset.EXTENSIONS_FINAL_DEMAND, year,
              "unknown final-demand category (not in mrio.json categories)");
          int col = l.finalDemandColumn(c[2], c[3]);
          if (seenFy.get(c[0]).get(col)) {
            throw dup(Dataset.EXTENSIONS_FINAL_DEMAND, year, t);
          }
          seenFy.get(c[0]).set(col);
          fy.get(c[0])[col] = v;
        });
    int m = stressors.size();
    double[] fAll = new double[m * n];
    double[] fyAll = new double[m * cols];
    for (int s = 0; s < m; s++) {
      for (int k = 0; k < n; k++) {
        fAll[s + k * m] = f.get(s)[k];
      }
      for (int c = 0; c < cols; c++) {
        fyAll[s + c * m] = fy.get(s)[c];
      }
    }
    return new Satellite(new ArrayList<>(stressors.keySet()), units, fAll, fyAll);
  }

  private static void checkUnit(List<String> units, int[] c, String[] t, List<String> unitNames, Dataset d, int year) {
    known(c[1], t, 1, d, year, "unit is null");
    String u = unitNames.get(c[1]);
    String prev = units.get(c[0]);
    if (prev == null) {
      units.set(c[0], u);
    } else if (!prev.equals(u)) {
      throw new InvalidInputException(d.label(), year, "stressor=" + t[0],
          "stressor has two units: " + prev + " and " + u);
    }
  }

  /** A row with its code indices, the code strings (for messages) and a finite value. */
  interface RowFn {
    void accept(int[] codes, String[] text, double value);
  }

  private static void forEachRow(Configuration conf, Path root, Dataset d, int year, List<ToIntFunction<String>> maps,
      RowFn fn) throws IOException {
    Path dir = StoreWriter.yearDir(root, d, year);
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      if (d.required()) {
        throw new InvalidInputException(d.label(), year, null, "year missing from a required dataset");
      }
      return;
    }
    List<Map.Entry<String, ToIntFunction<String>>> columns = new ArrayList<>();
    List<Column> codeCols = d.columns().stream().filter(c -> c.type() == Column.Type.STRING).toList();
    for (int k = 0; k < codeCols.size(); k++) {
      columns.add(Map.entry(codeCols.get(k).name(), maps.get(k)));
    }
    long[] rows = {0};
    for (Path f : StoreInventory.dataFiles(fs, dir, d, year)) {
      ColumnRows.read(conf, f, year, columns, "value", (codes, text, value, hasValue) -> {
        rows[0]++;
        if (!hasValue) {
          throw new InvalidInputException(d.label(), year, key(d, text), "value is null");
        }
        if (!Double.isFinite(value)) {
          throw new InvalidInputException(d.label(), year, key(d, text), "value is " + value + " (NaN or infinite)");
        }
        fn.accept(codes, text, value);
      });
    }
    // absent cells are zero, but a required block (or published output) with no row at all is
    // a lost or unread file, never a table of zeros; satellite accounts may be all zero
    if (rows[0] == 0 && (d.required() || d == Dataset.OUTPUT)) {
      throw new InvalidInputException(d.label(), year, null,
          "no rows for the year (the year directory holds no data file, or only empty ones)");
    }
  }

  /** The row index of an (entity, industry) pair of code columns {@code at} and {@code at + 1}. */
  private static int row(Layout l, int entity, int industry, String[] text, int at, Dataset d, int year) {
    if (entity >= 0 && industry >= 0) {
      return l.row(entity, industry);
    }
    List<String> names = codeNames(d);
    if (entity < 0) {
      String ent = text[at];
      String rule = ent == null ? "country code is null"
          : l.splits().containsKey(ent)
              ? "country " + ent + " is split in mrio.json: its rows must use the entity codes " + l.splits().get(ent)
              : "unknown country code (not in mrio.json countries or splits)";
      throw new InvalidInputException(d.label(), year, names.get(at) + "=" + ent, rule);
    }
    if (industry < 0) {
      throw new InvalidInputException(d.label(), year, names.get(at + 1) + "=" + text[at + 1],
          text[at + 1] == null ? "industry code is null" : "unknown industry code (not in mrio.json industries)");
    }
    return l.row(entity, industry);
  }

  private static void known(int code, String[] text, int at, Dataset d, int year, String rule) {
    if (code < 0) {
      throw new InvalidInputException(d.label(), year, codeNames(d).get(at) + "=" + text[at],
          text[at] == null ? codeNames(d).get(at) + " is null" : rule);
    }
  }

  private static List<String> codeNames(Dataset d) {
    return d.columns().stream().filter(c -> c.type() == Column.Type.STRING).map(Column::name).toList();
  }

  private static String key(Dataset d, String[] text) {
    List<String> names = codeNames(d);
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < names.size(); k++) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(names.get(k)).append('=').append(text[k]);
    }
    return sb.toString();
  }

  private static InvalidInputException dup(Dataset d, int year, String[] text) {
    return new InvalidInputException(d.label(), year, key(d, text), "duplicate key");
  }
}
