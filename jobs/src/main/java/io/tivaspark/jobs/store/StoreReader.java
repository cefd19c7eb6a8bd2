package io.tivaspark.jobs.store;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.schema.GroupType;

/**
 * Reads one year of the canonical store into a {@link MrioYear}, inside a task (no Spark
 * session). Enforces the input rules of contract §1: every code known to mrio.json, no key
 * twice, no NaN or infinite value, every required dataset present for the year.
 */
public final class StoreReader {
  private StoreReader() {}

  /** Years present in any dataset of the store (from the year=YYYY directories). */
  public static TreeSet<Integer> years(Configuration conf, Path root, Dataset d) throws IOException {
    TreeSet<Integer> years = new TreeSet<>();
    Path dir = new Path(root, d.dir());
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      return years;
    }
    for (FileStatus st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      if (st.isDirectory() && name.startsWith("year=")) {
        try {
          years.add(Integer.parseInt(name.substring(5)));
        } catch (NumberFormatException e) {
          throw new InvalidInputException(d.label(), null, name, "partition directory is not year=YYYY");
        }
      }
    }
    return years;
  }

  /**
   * The years a run can use: those of intermediate/. A year missing from another required
   * dataset is an input error naming that dataset and year.
   */
  public static TreeSet<Integer> checkedYears(Configuration conf, Path root) throws IOException {
    TreeSet<Integer> base = years(conf, root, Dataset.INTERMEDIATE);
    if (base.isEmpty()) {
      throw new InvalidInputException(new Path(root, Dataset.INTERMEDIATE.dir()).toString(), null, null,
          "no year=YYYY partitions: the store has no data");
    }
    for (Dataset d : Dataset.values()) {
      if (d == Dataset.INTERMEDIATE) {
        continue;
      }
      TreeSet<Integer> ys = years(conf, root, d);
      if (!d.required() && ys.isEmpty()) {
        continue;
      }
      for (int y : base) {
        if (!ys.contains(y)) {
          throw new InvalidInputException(d.label(), y, null,
              d.required() ? "year missing from a required dataset" : "year missing (the dataset has other years)");
        }
      }
      for (int y : ys) {
        if (!base.contains(y)) {
          throw new InvalidInputException(Dataset.INTERMEDIATE.label(), y, null,
              "year missing from a required dataset (present in " + d.label() + ")");
        }
      }
    }
    return base;
  }

  /** Reads one year. */
  public static MrioYear read(Configuration conf, Path root, MrioMeta meta, int year) throws IOException {
    Layout l = meta.layout(new Path(root, MrioMeta.FILE).toString());
    int n = l.n();
    double[] z = new double[n * n];
    double[] yf = new double[n * l.finalDemandColumns()];
    Map<String, double[]> va = new LinkedHashMap<>();
    boolean hasOutput = !years(conf, root, Dataset.OUTPUT).isEmpty();
    double[] out = hasOutput ? new double[n] : null;

    // intermediate
    BitSet seen = new BitSet();
    forEachRow(conf, root, Dataset.INTERMEDIATE, year, (g, where) -> {
      int i = row(l, g, "from_country", "from_industry", Dataset.INTERMEDIATE, year);
      int j = row(l, g, "to_country", "to_industry", Dataset.INTERMEDIATE, year);
      double v = value(g, Dataset.INTERMEDIATE, year, where);
      long cell = (long) i * n + j;
      if (cell < Integer.MAX_VALUE) {
        if (seen.get((int) cell)) {
          throw dup(Dataset.INTERMEDIATE, year, g, "from_country", "from_industry", "to_country", "to_industry");
        }
        seen.set((int) cell);
      }
      z[i + j * n] = v;
    });
    seen.clear();
    forEachRow(conf, root, Dataset.FINAL_DEMAND, year, (g, where) -> {
      int i = row(l, g, "from_country", "from_industry", Dataset.FINAL_DEMAND, year);
      int r = code(l.countryIndex(str(g, "to_country")), g, "to_country", Dataset.FINAL_DEMAND, year,
          "unknown country code (not in mrio.json countries)");
      int c = code(l.categoryIndex(str(g, "category")), g, "category", Dataset.FINAL_DEMAND, year,
          "unknown final-demand category (not in mrio.json categories)");
      double v = value(g, Dataset.FINAL_DEMAND, year, where);
      int col = l.finalDemandColumn(r, c);
      int cell = i + col * n;
      if (seen.get(cell)) {
        throw dup(Dataset.FINAL_DEMAND, year, g, "from_country", "from_industry", "to_country", "category");
      }
      seen.set(cell);
      yf[cell] = v;
    });
    Map<String, BitSet> vaSeen = new LinkedHashMap<>();
    forEachRow(conf, root, Dataset.VALUE_ADDED, year, (g, where) -> {
      int i = row(l, g, "country", "industry", Dataset.VALUE_ADDED, year);
      String comp = str(g, "component");
      double v = value(g, Dataset.VALUE_ADDED, year, where);
      BitSet s = vaSeen.computeIfAbsent(comp, k -> new BitSet(n));
      if (s.get(i)) {
        throw dup(Dataset.VALUE_ADDED, year, g, "country", "industry", "component");
      }
      s.set(i);
      va.computeIfAbsent(comp, k -> new double[n])[i] = v;
    });
    if (out != null) {
      BitSet s = new BitSet(n);
      forEachRow(conf, root, Dataset.OUTPUT, year, (g, where) -> {
        int i = row(l, g, "country", "industry", Dataset.OUTPUT, year);
        double v = value(g, Dataset.OUTPUT, year, where);
        if (s.get(i)) {
          throw dup(Dataset.OUTPUT, year, g, "country", "industry");
        }
        s.set(i);
        if (v < 0) {
          throw new InvalidInputException(Dataset.OUTPUT.label(), year,
              "country=" + str(g, "country") + " industry=" + str(g, "industry"), "negative gross output " + v);
        }
        out[i] = v;
      });
    }
    return new MrioYear(year, l, z, yf, va, out);
  }

  interface RowFn {
    void accept(Group g, String where);
  }

  private static void forEachRow(Configuration conf, Path root, Dataset d, int year, RowFn fn)
      throws IOException {
    Path dir = StoreWriter.yearDir(root, d, year);
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      if (d.required()) {
        throw new InvalidInputException(d.label(), year, null, "year missing from a required dataset");
      }
      return;
    }
    List<Path> files = ParquetRows.dataFiles(fs, dir);
    for (Path f : files) {
      try (ParquetReader<Group> r = ParquetRows.reader(conf, f)) {
        Group g;
        boolean checked = false;
        while (true) {
          try {
            g = r.read();
          } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(f.toString(), year, null, "unreadable Parquet file: "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
          }
          if (g == null) {
            break;
          }
          if (!checked) {
            checkColumns(g.getType(), d, f, year);
            checked = true;
          }
          fn.accept(g, d.label());
        }
      }
    }
  }

  private static void checkColumns(GroupType t, Dataset d, Path f, int year) {
    for (Column c : d.columns()) {
      if (!t.containsField(c.name())) {
        throw new InvalidInputException(f.toString(), year, "column " + c.name(), "required column is missing");
      }
    }
  }

  private static String str(Group g, String field) {
    if (g.getFieldRepetitionCount(field) == 0) {
      return null;
    }
    return g.getString(field, 0);
  }

  private static int row(Layout l, Group g, String countryField, String industryField, Dataset d, int year) {
    String ent = str(g, countryField);
    String ind = str(g, industryField);
    int e = l.entityIndex(ent);
    if (e < 0) {
      String rule = l.splits().containsKey(ent)
          ? "country " + ent + " is split in mrio.json: its rows must use the entity codes " + l.splits().get(ent)
          : "unknown country code (not in mrio.json countries or splits)";
      throw new InvalidInputException(d.label(), year, countryField + "=" + ent, rule);
    }
    int i = l.industryIndex(ind);
    if (i < 0) {
      throw new InvalidInputException(d.label(), year, industryField + "=" + ind,
          "unknown industry code (not in mrio.json industries)");
    }
    return l.row(e, i);
  }

  private static int code(int idx, Group g, String field, Dataset d, int year, String rule) {
    if (idx < 0) {
      throw new InvalidInputException(d.label(), year, field + "=" + str(g, field), rule);
    }
    return idx;
  }

  private static double value(Group g, Dataset d, int year, String where) {
    if (g.getFieldRepetitionCount("value") == 0) {
      throw new InvalidInputException(d.label(), year, key(g, d), "value is null");
    }
    double v;
    try {
      v = g.getDouble("value", 0);
    } catch (ClassCastException e) {
      throw new InvalidInputException(d.label(), year, "column value", "must be DOUBLE");
    }
    if (!Double.isFinite(v)) {
      throw new InvalidInputException(d.label(), year, key(g, d), "value is " + v + " (NaN or infinite)");
    }
    return v;
  }

  private static String key(Group g, Dataset d) {
    StringBuilder sb = new StringBuilder();
    for (Column c : d.columns()) {
      if (c.type() == Column.Type.STRING) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(c.name()).append('=').append(str(g, c.name()));
      }
    }
    return sb.toString();
  }

  private static InvalidInputException dup(Dataset d, int year, Group g, String... fields) {
    StringBuilder sb = new StringBuilder();
    for (String f : fields) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(f).append('=').append(str(g, f));
    }
    return new InvalidInputException(d.label(), year, sb.toString(), "duplicate key");
  }
}
