package io.tivaspark.common.io;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes generated tables as ICIO CSV files of a chosen edition (for benchmarks and manual
 * tests): {@code java -cp ... io.tivaspark.common.io.IcioFiles --out DIR --regions 77
 * --industries 45 --years 2020-2020 --edition 2023 [--seed 1] [--no-splits] [--gzip]}. Files are
 * named {@code ICIO<edition>_<year>.csv[.gz]}.
 */
public final class IcioFiles {
  private IcioFiles() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String k = args[i].substring(2);
      if (k.equals("no-splits") || k.equals("gzip")) {
        a.put(k, "true");
      } else {
        a.put(k, args[++i]);
      }
    }
    IcioEdition e = IcioEdition.parse(a.getOrDefault("edition", "2023"));
    String[] years = a.getOrDefault("years", "2020-2020").split("-");
    int first = Integer.parseInt(years[0]);
    int last = Integer.parseInt(years[years.length - 1]);
    GeneratorSpec spec = GeneratorSpec.builder().regions(Integer.parseInt(a.getOrDefault("regions", "77")))
        .industries(Integer.parseInt(a.getOrDefault("industries", "45"))).years(first, last)
        .seed(Long.parseLong(a.getOrDefault("seed", "1"))).splits(e.extended() && !a.containsKey("no-splits")).build();
    SyntheticMrio gen = new SyntheticMrio(spec);
    Path out = Path.of(a.getOrDefault("out", "."));
    java.nio.file.Files.createDirectories(out);
    for (int y = first; y <= last; y++) {
      Path f = out.resolve("ICIO" + e.name().replace("ICIO", "") + "_" + y + ".csv" + (a.containsKey("gzip") ? ".gz" : ""));
      long t0 = System.nanoTime();
      e.write(gen.year(y), f);
      System.out.printf("wrote %s (%d MB) in %.1f s%n", f, java.nio.file.Files.size(f) >> 20, (System.nanoTime() - t0) / 1e9);
    }
  }
}
