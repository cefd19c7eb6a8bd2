package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.io.IcioEdition;
import io.tivaspark.jobs.CliTest.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of malformed inputs (generated into a temp directory): each must end
 * {@code bin/tiva ingest} with exit code 3 and one stderr line naming the file, the year (when
 * there is one), the row/column and the rule, and leave the output store byte-identical (or
 * absent when there was none).
 */
class MalformedCorpusTest {
  @TempDir
  static Path tmp;
  /** A store with year 2010 already ingested (4 regions with CHN split, 3 industries). */
  static Path store;
  /** The good 2011 table in the 2023 layout, and in the 2016 layout, as lines. */
  static List<String> good;
  static List<String> good2016;

  /** A malformed input: how to build it, which format, and what the error line must name. */
  record Case(String name, String format, Builder build, String... fragments) {
    @Override
    public String toString() { return name; }
  }

  interface Builder {
    List<String> make(Path dir) throws IOException;
  }

  @BeforeAll
  static void setUp() throws IOException {
    TestSpark.get();
    good = lines(IcioEdition.ICIO2023, 2011);
    good2016 = lines(IcioEdition.ICIO2016, 2011);
    store = tmp.resolve("store");
    Path first = tmp.resolve("ICIO2023_2010.csv");
    IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, true, 2010), first);
    Outcome r = CliTest.run("ingest", "--format", "icio", "--in", first.toString(), "--out", store.toString());
    assertEquals(0, r.code(), r.err());
  }

  static List<String> lines(IcioEdition e, int year) throws IOException {
    StringWriter w = new StringWriter();
    e.write(IngestFixtures.generated(4, 3, true, year), w);
    return new ArrayList<>(w.toString().lines().toList());
  }

  // ------------------------------------------------------------------------- builders

  static Builder icio(String name, UnaryOperator<List<String>> edit) {
    return dir -> {
      Path p = dir.resolve(name);
      Files.writeString(p, String.join("\n", edit.apply(new ArrayList<>(good))) + "\n");
      return List.of(p.toString());
    };
  }

  static Builder icio2016(String name, UnaryOperator<List<String>> edit) {
    return dir -> {
      Path p = dir.resolve(name);
      Files.writeString(p, String.join("\n", edit.apply(new ArrayList<>(good2016))) + "\n");
      return List.of(p.toString());
    };
  }

  static Builder bytes(String name, byte[] content) {
    return dir -> {
      Path p = dir.resolve(name);
      Files.write(p, content);
      return List.of(p.toString());
    };
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(b)) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  static String text() {
    return String.join("\n", good) + "\n";
  }

  /** Replaces the first occurrence of a label in the header only. */
  static UnaryOperator<List<String>> header(String from, String to) {
    return l -> {
      l.set(0, l.get(0).replaceFirst("," + java.util.regex.Pattern.quote(from) + "(,|$)", "," + to + "$1"));
      return l;
    };
  }

  /** Replaces cell number {@code col} (1-based after the label) of the row with that label. */
  /** CHN's rows set to CN1's + CN2's: the aggregate beside its split members (a non-zero CHN alone is a member). */
  static UnaryOperator<List<String>> parentAsSumOfParts() {
    return l -> {
      for (int i = 0; i < l.size(); i++) {
        String label = l.get(i).split(",", 2)[0];
        if (label.startsWith("CHN_")) {
          String[] chn = l.get(i).split(",", -1);
          String[] a = row(l, "CN1_" + label.substring(4));
          String[] b = row(l, "CN2_" + label.substring(4));
          for (int c = 1; c < chn.length; c++) {
            chn[c] = Double.toString(Double.parseDouble(a[c]) + Double.parseDouble(b[c]));
          }
          l.set(i, String.join(",", chn));
        }
      }
      return l;
    };
  }

  private static String[] row(List<String> lines, String label) {
    return lines.stream().filter(x -> x.startsWith(label + ",")).findFirst().orElseThrow().split(",", -1);
  }

  static UnaryOperator<List<String>> cell(String row, int col, String value) {
    return l -> {
      for (int i = 1; i < l.size(); i++) {
        String[] c = l.get(i).split(",", -1);
        if (c[0].equals(row)) {
          c[col] = value;
          l.set(i, String.join(",", c));
        }
      }
      return l;
    };
  }

  static UnaryOperator<List<String>> row(String label, UnaryOperator<String> f) {
    return l -> {
      for (int i = 1; i < l.size(); i++) {
        if (l.get(i).startsWith(label + ",")) {
          l.set(i, f.apply(l.get(i)));
        }
      }
      return l;
    };
  }

  static Builder zip(String name, Map<String, byte[]> members) {
    return dir -> {
      Path p = dir.resolve(name);
      try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
        for (var e : members.entrySet()) {
          z.putNextEntry(new ZipEntry(e.getKey()));
          z.write(e.getValue());
          z.closeEntry();
        }
      }
      return List.of(p.toString());
    };
  }

  static Builder longCsv(UnaryOperator<String> inter, UnaryOperator<String> fd, UnaryOperator<String> va, boolean drop) {
    return dir -> {
      Path d = dir.resolve("long");
      IngestFixtures.writeLongCsv(d, List.of(IngestFixtures.generated(4, 3, true, 2011),
          IngestFixtures.generated(4, 3, true, 2012)), true);
      for (var e : Map.of("intermediate.csv", inter, "final_demand.csv", fd, "value_added.csv", va).entrySet()) {
        Path p = d.resolve(e.getKey());
        Files.writeString(p, e.getValue().apply(Files.readString(p)));
      }
      if (drop) {
        Files.delete(d.resolve("value_added.csv"));
      }
      return List.of(d.toString());
    };
  }

  static UnaryOperator<String> same() {
    return s -> s;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Stream<Case> corpus() throws IOException {
    String f = "ICIO2023_2011.csv";
    String all = text();
    byte[] full = utf8(all);
    byte[] gz = gzip(all);
    return Stream.of(
        new Case("empty file", "icio", bytes(f, new byte[0]), f, "year 2011", "empty file"),
        new Case("blank lines only", "icio", bytes(f, utf8("\n\n  \n")), f, "year 2011", "empty file"),
        new Case("header only", "icio", bytes(f, utf8(good.get(0) + "\n")), f, "year 2011", "no data rows"),
        new Case("truncated mid-line", "icio", bytes(f, Arrays.copyOf(full, full.length * 2 / 3)), f, "year 2011", "truncated file"),
        new Case("truncated gzip", "icio", bytes(f + ".gz", Arrays.copyOf(gz, gz.length / 2)), f + ".gz", "year 2011", "corrupt gzip"),
        new Case("not gzip at all", "icio", bytes(f + ".gz", full), f + ".gz", "year 2011", "corrupt gzip"),
        new Case("missing OUT row (2016 layout)", "icio",
            icio2016("ICIO2016_2011.csv", l -> { l.remove(l.size() - 1); return l; }), "ICIO2016_2011.csv", "year 2011",
            "required row OUT missing (file truncated?)"),
        new Case("no output row nor column", "icio", icio(f, l -> {
          l.remove(l.size() - 1);
          return l.stream().map(s -> s.substring(0, s.lastIndexOf(','))).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        }), f, "year 2011", "missing OUT row"),
        new Case("duplicate row label", "icio", icio(f, l -> { l.add(2, l.get(1)); return l; }), f, "row USA_A01_02", "duplicate row label"),
        new Case("duplicate column label", "icio", icio(f, header("USA_A03", "USA_A01_02")), f, "column USA_A01_02", "duplicate column label"),
        new Case("label not CCC_IND", "icio", icio(f, l -> {
          l = header("USA_A03", "USAA03").apply(l);
          return row("USA_A03", s -> "USAA03" + s.substring("USA_A03".length())).apply(l);
        }), f, "row USAA03", "label is not CCC_IND"),
        new Case("row label without column", "icio", icio(f, row("DEU_A03", s -> "DEU_X99" + s.substring(7))), f, "DEU_", "year 2011"),
        new Case("column label without row", "icio", icio(f, header("DEU_A03", "DEU_X99")), f, "DEU_", "year 2011"),
        new Case("text in a number cell", "icio", icio(f, cell("USA_A03", 2, "12abc")), f, "row USA_A03, column USA_A03", "is not a number"),
        new Case("thousands separator", "icio", icio(f, cell("USA_A03", 2, "\"1,234.5\"")), f, "row USA_A03", "is not a number"),
        new Case("NaN", "icio", icio(f, cell("DEU_A01_02", 1, "NaN")), f, "row DEU_A01_02, column USA_A01_02", "NaN value"),
        new Case("infinity", "icio", icio(f, cell("DEU_A01_02", 1, "inf")), f, "row DEU_A01_02", "infinite value"),
        new Case("empty cell", "icio", icio(f, cell("DEU_A01_02", 3, "")), f, "row DEU_A01_02", "empty cell"),
        new Case("semicolon delimiter", "icio", icio(f, l -> new ArrayList<>(l.stream().map(s -> s.replace(',', ';')).toList())),
            f, "year 2011", "semicolon-separated"),
        new Case("tab delimiter", "icio", icio(f, l -> new ArrayList<>(l.stream().map(s -> s.replace(',', '\t')).toList())),
            f, "year 2011", "tab-separated"),
        new Case("row with an extra cell", "icio", icio(f, row("USA_A03", s -> s + ",1")), f, "row USA_A03", "cells, header has"),
        new Case("missing final-demand column", "icio", icio(f, l -> {
          int k = Arrays.asList(l.get(0).split(",")).indexOf("DEU_GFCF");
          return new ArrayList<>(l.stream().map(s -> {
            List<String> c = new ArrayList<>(Arrays.asList(s.split(",", -1)));
            c.remove(k);
            return String.join(",", c);
          }).toList());
        }), f, "column DEU_GFCF", "missing final-demand column"),
        new Case("final demand of a country without rows", "icio", icio(f, header("DEU_HFCE", "FRA_HFCE")), f, "column FRA_HFCE", "year 2011"),
        new Case("duplicate final-demand column", "icio", icio(f, header("DEU_NPISH", "HFCE_DEU")), f, "HFCE_DEU", "duplicate final-demand column"),
        new Case("merged country repeating its parts", "icio", icio(f, parentAsSumOfParts()), f, "rows CHN_*",
            "repeats the sum of its parts"),
        new Case("data label in the corner", "icio", icio(f, l -> { l.set(0, l.get(0).substring(3)); return l; }), f,
            "year 2011", "first header cell"),
        new Case("second output column", "icio", icio(f, header("ROW_DPABR", "TOTAL")), f, "column", "second output column"),
        new Case("no year in the file name", "icio", icio("ICIO_latest.csv", l -> l), "ICIO_latest.csv", "no year in the file name"),
        new Case("same year twice", "icio", dir -> {
          Files.writeString(dir.resolve("a_2011.csv"), all);
          Files.writeString(dir.resolve("b_2011.csv"), all);
          return List.of(dir.resolve("a_2011.csv").toString(), dir.resolve("b_2011.csv").toString());
        }, "b_2011.csv", "year 2011", "year given twice"),
        new Case("layout differs between files", "icio", dir -> {
          Files.writeString(dir.resolve("t_2011.csv"), all);
          IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 4, true, 2012), dir.resolve("t_2012.csv"));
          return List.of(dir.toString());
        }, "t_2012.csv", "year 2012", "layout differs"),
        new Case("layout differs from the store's years", "icio", dir -> {
          IcioEdition.ICIO2023.write(IngestFixtures.generated(5, 3, false, 2012), dir.resolve("t_2012.csv"));
          return List.of(dir.resolve("t_2012.csv").toString());
        }, "mrio.json", "year 2010", "another layout"),
        new Case("zip with an unexpected member", "icio", zip("ICIO_2011-2012.zip", Map.of("2011.csv", full, "install.exe", new byte[] {1})),
            "ICIO_2011-2012.zip", "member install.exe", "unexpected member"),
        new Case("zip member without a year", "icio", zip("ICIO_x.zip", Map.of("latest.csv", full)), "ICIO_x.zip", "latest.csv",
            "no year in the member name"),
        new Case("not a zip", "icio", bytes("ICIO_2011.zip", full), "ICIO_2011.zip", "not a readable zip archive"),
        new Case("zip with one bad year", "icio", zip("ICIO_2011-2012.zip", Map.of("2011.csv", full,
            "2012.csv", utf8(all.replace("\nDEU_A03,", "\nDEU_A03,x")))), "ICIO_2011-2012.zip!/2012.csv", "year 2012", "row DEU_A03"),
        new Case("zip with the same year twice", "icio", zip("ICIO_dup.zip", Map.of("a/2011.csv", full, "b/2011.csv", full)),
            "ICIO_dup.zip!/", "year 2011", "year given twice"),
        new Case("long-csv: year in one block but not another", "long-csv",
            longCsv(same(), same(), s -> String.join("\n", s.lines().filter(x -> !x.startsWith("2012,")).toList()) + "\n", false),
            "value_added.csv", "year 2012", "year missing from a required dataset"),
        new Case("long-csv: duplicate key", "long-csv", longCsv(s -> s + s.lines().skip(1).findFirst().orElseThrow() + "\n", same(), same(), false),
            "intermediate.csv", "year 2011", "duplicate key"),
        new Case("long-csv: unknown code", "long-csv", longCsv(s -> s + "2011,XXX,A01_02,USA,A01_02,1\n", same(), same(), false),
            "intermediate.csv", "from_country=XXX", "unknown country code"),
        new Case("long-csv: NaN", "long-csv", longCsv(same(), same(), s -> s + "2011,USA,A03,SUBSIDIES,NaN\n", false),
            "value_added.csv", "year 2011", "value is NaN"),
        new Case("long-csv: text value", "long-csv", longCsv(same(), s -> s + "USA,A03,DEU,HFCE,abc,2011\n", same(), false),
            "final_demand.csv", "category=HFCE", "is not a number"),
        new Case("long-csv: missing required file", "long-csv", longCsv(same(), same(), same(), true), "long",
            "value_added.csv (or .csv.gz) is missing"),
        new Case("long-csv: semicolons", "long-csv", longCsv(s -> s.replace(',', ';'), same(), same(), false),
            "intermediate.csv", "line 1", "delimiter must be a comma"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void exitThreeOneLineStoreUntouched(Case c) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "case");
    List<String> inputs = c.build().make(dir);
    Map<String, String> before = IngestFixtures.snapshot(store);
    List<String> argv = new ArrayList<>(List.of("ingest", "--format", c.format(), "--in"));
    argv.addAll(inputs);
    argv.addAll(List.of("--out", store.toString()));
    Outcome r = CliTest.run(argv.toArray(new String[0]));
    assertEquals(3, r.code(), c.name() + ": " + r.err());
    assertTrue(r.err().startsWith("tiva: ") && r.err().contains("invalid input: "), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    for (String frag : c.fragments()) {
      assertTrue(r.err().contains(frag), "'" + frag + "' in: " + r.err());
    }
    assertEquals(before, IngestFixtures.snapshot(store), "the output store is untouched");
    if (c.name().contains("store's years")) {
      return; // that rule needs the existing store
    }
    // into a directory that does not exist: it still does not exist afterwards
    Path absent = dir.resolve("no-store");
    argv.set(argv.size() - 1, absent.toString());
    Outcome r2 = CliTest.run(argv.toArray(new String[0]));
    assertEquals(3, r2.code(), r2.err());
    assertFalse(Files.exists(absent), "no output directory left behind");
  }

  @Test
  void corpusHasAtLeastThirtyFiles() throws IOException {
    assertTrue(corpus().count() >= 30);
  }
}
