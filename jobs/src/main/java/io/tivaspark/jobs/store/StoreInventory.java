package io.tivaspark.jobs.store;

import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which years each dataset of a canonical store holds, read strictly from the directory names,
 * and the store's rules for what a dataset or year directory may contain (docs/operations.md,
 * "Input rules a run enforces"):
 *
 * <ul>
 *   <li>a dataset directory holds only {@code year=YYYY} directories (four digits, canonical:
 *       {@code year=02002} is an error, not 2002), plus Hadoop checksum sidecars ({@code .*.crc}),
 *       {@code _SUCCESS}, and {@code _tmp_year=*} leftovers of an interrupted write, which are
 *       ignored with a warning; anything else is an input error naming it;
 *   <li>a year directory holds data files and the known sidecars ({@code .*.crc},
 *       {@code _SUCCESS}, {@code _committed_*}, {@code _started_*}); a subdirectory or another
 *       name starting with {@code _} or {@code .} is a file a reader would skip, so it is an input
 *       error of that year ({@link #dataFiles});
 *   <li>the years a run can compute are those of any required dataset; a year missing from a
 *       required dataset, or from an optional dataset that has other years, is an input error of
 *       that year only ({@link #problem}), so the other years still run.
 * </ul>
 */
public final class StoreInventory {
  private static final Logger LOG = LoggerFactory.getLogger(StoreInventory.class);
  private static final Pattern YEAR_DIR = Pattern.compile("year=([12][0-9]{3})");

  private final Map<Dataset, TreeSet<Integer>> years;

  private StoreInventory(Map<Dataset, TreeSet<Integer>> years) {
    this.years = years;
  }

  /** Lists every dataset directory of the store; throws on an entry a reader would not read. */
  public static StoreInventory of(Configuration conf, Path root) throws IOException {
    Map<Dataset, TreeSet<Integer>> years = new EnumMap<>(Dataset.class);
    for (Dataset d : Dataset.values()) {
      years.put(d, yearsOf(conf, root, d));
    }
    return new StoreInventory(years);
  }

  /** The years of one dataset (empty when its directory is absent). */
  public TreeSet<Integer> years(Dataset d) {
    return new TreeSet<>(years.get(d));
  }

  /** True when the dataset has at least one year. */
  public boolean has(Dataset d) {
    return !years.get(d).isEmpty();
  }

  /** Every year of any required dataset: the years a run or a validation looks at. */
  public TreeSet<Integer> candidateYears() {
    TreeSet<Integer> out = new TreeSet<>();
    for (Dataset d : Dataset.values()) {
      if (d.required()) {
        out.addAll(years.get(d));
      }
    }
    return out;
  }

  /**
   * Why a year cannot be read (a required dataset lacks it, or an optional dataset that has other
   * years lacks it), or null when every dataset that must have it does.
   */
  public InvalidInputException problem(int year) {
    for (Dataset d : Dataset.values()) {
      TreeSet<Integer> ys = years.get(d);
      if (ys.contains(year) || !d.required() && ys.isEmpty()) {
        continue;
      }
      List<String> present = new ArrayList<>();
      years.forEach((o, oy) -> {
        if (oy.contains(year)) {
          present.add(o.label());
        }
      });
      String rule = d.required() ? "year missing from a required dataset"
          : "year missing (the dataset has years " + ys.first() + "-" + ys.last() + "; an optional dataset "
              + "must have every year or none)";
      return new InvalidInputException(d.label(), year, null,
          rule + (present.isEmpty() ? "" : " (present in " + String.join(", ", present) + ")"));
    }
    return null;
  }

  private static TreeSet<Integer> yearsOf(Configuration conf, Path root, Dataset d) throws IOException {
    TreeSet<Integer> out = new TreeSet<>();
    Path dir = new Path(root, d.dir());
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      return out;
    }
    if (!fs.getFileStatus(dir).isDirectory()) {
      throw new InvalidInputException(dir.toString(), null, null, "is a file; a dataset must be a directory");
    }
    for (FileStatus st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      var m = YEAR_DIR.matcher(name);
      if (st.isDirectory() && m.matches()) {
        out.add(Integer.parseInt(m.group(1)));
      } else if (st.isDirectory() && name.startsWith("_tmp_year=")) {
        LOG.warn("{}: ignoring {}, the leftover of an interrupted write (delete it)", d.label(), name);
      } else if (!isSidecar(name, st.isDirectory())) {
        throw new InvalidInputException(d.label() + name, null, null, st.isDirectory()
            ? "not a year=YYYY partition directory (only year=YYYY with four digits is read)"
            : "unexpected file in a dataset directory (data files belong in year=YYYY/)");
      }
    }
    return out;
  }

  /**
   * The data files of one year of a dataset, sorted by name; throws when the year directory holds
   * a subdirectory or a hidden or {@code _}-prefixed file that is not a known sidecar (a reader
   * would skip it, silently losing its rows).
   */
  public static List<Path> dataFiles(FileSystem fs, Path yearDir, Dataset d, int year) throws IOException {
    List<Path> out = new ArrayList<>();
    for (FileStatus st : fs.listStatus(yearDir)) {
      String name = st.getPath().getName();
      boolean hidden = name.startsWith(".") || name.startsWith("_");
      if (st.isFile() && !hidden) {
        out.add(st.getPath());
      } else if (!isSidecar(name, st.isDirectory())) {
        throw new InvalidInputException(d.label() + "year=" + year + "/" + name, year, null,
            (st.isDirectory() ? "a subdirectory in a year directory" : "a hidden or _-prefixed file in a year directory")
            + " would not be read; move its data into year=" + year + "/ under a plain name, or remove it");
      }
    }
    out.sort(null);
    return out;
  }

  /** Checksums, job markers and OS metadata that readers skip by design. */
  private static boolean isSidecar(String name, boolean directory) {
    if (directory) {
      return false;
    }
    return name.startsWith(".") && name.endsWith(".crc") || name.equals("_SUCCESS")
        || name.startsWith("_committed_") || name.startsWith("_started_") || name.equals(".DS_Store");
  }
}
