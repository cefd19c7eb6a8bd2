package io.tivaspark.jobs;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;

/** Shared helpers of the ingest and validate tests. */
final class IngestFixtures {
  private IngestFixtures() {}

  static MrioYear generated(int regions, int industries, boolean splits, int year) {
    return new SyntheticMrio(GeneratorSpec.builder().regions(regions).industries(industries).years(year, year)
        .seed(5).splits(splits).build()).year(year);
  }

  static MrioYear read(Path store, int year) throws IOException {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(store.toString());
    var conf = HadoopConf.local().get();
    MrioMeta meta = MrioMeta.read(FileSystem.get(java.net.URI.create("file:///"), conf), root);
    return StoreReader.read(conf, root, meta, year);
  }

  /** Every file under a directory with its size and SHA-256, or an empty map when it does not exist. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        String rel = dir.relativize(p).toString();
        if (Files.isDirectory(p)) {
          out.put(rel + "/", "dir");
        } else {
          try {
            out.put(rel, Files.size(p) + " bytes, sha256 "
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
          } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return out;
  }

  /** Writes the long-csv files of some years (and mrio.json when asked) into a directory. */
  static void writeLongCsv(Path dir, List<MrioYear> years, boolean withMeta) throws IOException {
    Files.createDirectories(dir);
    Layout l = years.get(0).layout();
    try (Writer i = Files.newBufferedWriter(dir.resolve("intermediate.csv"), StandardCharsets.UTF_8);
        Writer f = Files.newBufferedWriter(dir.resolve("final_demand.csv"), StandardCharsets.UTF_8);
        Writer v = Files.newBufferedWriter(dir.resolve("value_added.csv"), StandardCharsets.UTF_8);
        Writer o = Files.newBufferedWriter(dir.resolve("output.csv"), StandardCharsets.UTF_8)) {
      i.write("year,from_country,from_industry,to_country,to_industry,value\n");
      f.write("from_country,from_industry,to_country,category,value,year\n");
      v.write("year,country,industry,component,value\n");
      o.write("year,country,industry,value\n");
      for (MrioYear t : years) {
        int n = t.n();
        int y = t.year();
        for (int a = 0; a < n; a++) {
          String ra = code(l, a);
          for (int b = 0; b < n; b++) {
            double z = t.zAt(a, b);
            if (z != 0) {
              i.write(y + "," + ra + "," + code(l, b) + "," + z + "\n");
            }
          }
          for (int c = 0; c < l.countryCount(); c++) {
            for (int k = 0; k < l.categoryCount(); k++) {
              double fd = t.finalDemandAt(a, l.finalDemandColumn(c, k));
              if (fd != 0) {
                f.write(ra + "," + l.countries().get(c) + "," + l.categories().get(k) + "," + fd + "," + y + "\n");
              }
            }
          }
          for (var e : t.valueAdded().entrySet()) {
            v.write(y + "," + ra + "," + e.getKey() + "," + e.getValue()[a] + "\n");
          }
          if (t.publishedOutput() != null) {
            o.write(y + "," + ra + "," + t.publishedOutput()[a] + "\n");
          }
        }
      }
    }
    if (withMeta) {
      new MrioMeta("test", "generator", "", "USD million", l.countries(), Map.of(), l.industries(), Map.of(),
          l.categories(), l.splits()).write(FileSystem.get(java.net.URI.create("file:///"), HadoopConf.local().get()),
          new org.apache.hadoop.fs.Path(dir.toString()));
    }
  }

  private static String code(Layout l, int k) {
    return l.entities().get(l.entityOfRow(k)) + "," + l.industries().get(l.industryOfRow(k));
  }
}
