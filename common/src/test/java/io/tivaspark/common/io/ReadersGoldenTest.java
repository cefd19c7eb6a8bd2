package io.tivaspark.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test-only golden tool for the readers refactor (issue 14): writes every ICIO edition of
 * generated tables, reads them back (both DISC modes), reads long-csv files, a zip member, a
 * WIOD 2013 year, and a set of malformed variants (recording each error message), and writes
 * every value and message sorted to {@code <tiva.golden.dir>/<tiva.golden>.tsv} (default {@code <java.io.tmpdir>/tiva-golden-readers}, outside any checkout). With
 * {@code -Dtiva.golden=after} it also compares against {@code before.tsv}: same keys, values
 * within 1e-12 relative (max(1,|v|)). Skipped unless {@code tiva.golden} is set.
 */
class ReadersGoldenTest {
  @TempDir
  Path tmp;

  private final TreeMap<String, Double> rows = new TreeMap<>();

  private void put(String key, double v) {
    if (rows.put(key, v) != null) {
      throw new IllegalStateException("duplicate golden key " + key);
    }
  }

  private void text(String key, String value) {
    put(key + "\t" + value.replace('\n', ' ').replace('\t', ' '), 0);
  }

  @Test
  void golden() throws Exception {
    String mode = System.getProperty("tiva.golden");
    Assumptions.assumeTrue(mode != null, "golden tool: set -Dtiva.golden=before|after");
    for (boolean splits : new boolean[] {true, false}) {
      GeneratorSpec spec = GeneratorSpec.builder().regions(8).industries(6).years(2014, 2016)
          .seed(7).splits(splits).build();
      SyntheticMrio gen = new SyntheticMrio(spec);
      for (int y = 2014; y <= 2016; y++) {
        MrioYear t = gen.year(y);
        editions("s" + splits + "|" + y, t);
        editions("disc|s" + splits + "|" + y, IcioEditionTest.withDisc(t));
        longCsv("s" + splits + "|" + y, t);
      }
    }
    malformed();
    wiod();
    Path dir = Path.of(System.getProperty("tiva.golden.dir", Path.of(System.getProperty("java.io.tmpdir"), "tiva-golden-readers").toString()));
    Files.createDirectories(dir);
    List<String> lines = new ArrayList<>();
    rows.forEach((k, v) -> lines.add(k + "\t" + Double.toString(v)));
    Files.write(dir.resolve(mode + ".tsv"), lines);
    if (!mode.equals("before")) {
      compare(dir.resolve("before.tsv"), dir.resolve(mode + ".tsv"));
    }
  }

  private void editions(String tag, MrioYear t) throws Exception {
    List<Object> writers = new ArrayList<>();
    for (IcioEdition e : IcioEdition.values()) {
      if (e.extended() || t.layout().splits().isEmpty()) {
        writers.add(e);
      }
    }
    writers.add("IcioCsv.write");
    for (Object w : writers) {
      StringWriter sw = new StringWriter();
      if (w instanceof IcioEdition e) {
        e.write(t, sw);
      } else {
        IcioCsv.write(t, sw);
      }
      String csv = sw.toString();
      String key = tag + "|" + w;
      text("write|" + key + "|sha256", sha(csv));
      put("write|" + key + "|chars", csv.length());
      for (IcioCsv.DiscMode dm : IcioCsv.DiscMode.values()) {
        read(key + "|" + dm, csv, t.year(), new IcioCsv.Options(false, dm));
      }
    }
  }

  private void read(String key, String csv, int year, IcioCsv.Options o) throws IOException {
    Path f = tmp.resolve("t.csv");
    Files.writeString(f, csv);
    IcioCsv.Result r = IcioCsv.read(IcioCsv.Source.of(f), year, o);
    dump("read|" + key, r);
  }

  private void dump(String key, IcioCsv.Result r) {
    text(key + "|edition", r.edition());
    text(key + "|notes", String.join(" // ", r.notes()));
    dumpTable(key, r.table(), true);
  }

  private void dumpTable(String key, MrioYear t, boolean cells) {
    Layout l = t.layout();
    text(key + "|layout", l.countries() + " " + l.industries() + " " + l.categories() + " " + l.splits());
    text(key + "|vaKeys", String.valueOf(t.valueAdded().keySet()));
    text(key + "|hasOut", String.valueOf(t.publishedOutput() != null));
    values(key + "|z", t.z(), cells);
    values(key + "|y", t.finalDemand(), cells);
    for (Map.Entry<String, double[]> e : t.valueAdded().entrySet()) {
      values(key + "|va:" + e.getKey(), e.getValue(), cells);
    }
    if (t.publishedOutput() != null) {
      values(key + "|out", t.publishedOutput(), cells);
    }
  }

  private void values(String key, double[] v, boolean cells) {
    double sum = 0;
    long h = 17;
    for (int i = 0; i < v.length; i++) {
      sum += v[i];
      h = h * 31 + Double.doubleToLongBits(v[i]);
      if (cells) {
        put(key + "[" + i + "]", v[i]);
      }
    }
    put(key + "|sum", sum);
    put(key + "|len", v.length);
    text(key + "|bits", Long.toHexString(h));
  }

  // ---------------------------------------------------------------------------------------------
  // long csv

  private void longCsv(String tag, MrioYear t) throws IOException {
    Layout l = t.layout();
    int n = l.n();
    List<String> labels = new ArrayList<>();
    for (String e : l.entities()) {
      for (String i : l.industries()) {
        labels.add(e + "," + i);
      }
    }
    StringBuilder z = new StringBuilder("value,year,from_country,from_industry,to_country,to_industry\n");
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        z.append(t.z()[i + j * n]).append(',').append(t.year()).append(',').append(labels.get(i))
            .append(',').append(labels.get(j)).append('\n');
      }
    }
    StringBuilder y = new StringBuilder("year,from_country,from_industry,to_country,category,value\n");
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < l.countryCount(); c++) {
        for (int k = 0; k < l.categoryCount(); k++) {
          y.append(t.year()).append(',').append(labels.get(i)).append(',').append(l.countries().get(c))
              .append(',').append(l.categories().get(k)).append(',')
              .append(t.finalDemand()[i + l.finalDemandColumn(c, k) * n]).append('\n');
        }
      }
    }
    StringBuilder va = new StringBuilder("year,country,industry,component,value\n");
    t.valueAdded().forEach((k, v) -> {
      for (int j = 0; j < n; j++) {
        va.append(t.year()).append(',').append(labels.get(j)).append(',').append(k).append(',').append(v[j]).append('\n');
      }
    });
    Path fz = tmp.resolve("intermediate.csv");
    Path fy = tmp.resolve("final_demand.csv");
    Path fv = tmp.resolve("value_added.csv");
    Files.writeString(fz, z);
    Files.writeString(fy, y);
    Files.writeString(fv, va);
    Layout inferred = LongCsv.inferLayout(IcioCsv.Source.of(fz), IcioCsv.Source.of(fy));
    text("long|" + tag + "|inferred", inferred.countries() + " " + inferred.industries() + " "
        + inferred.categories() + " " + inferred.splits());
    for (Path f : List.of(fz, fy, fv)) {
      LongCsv.Kind kind = LongCsv.Kind.ofFileName(f.getFileName().toString());
      double[] acc = new double[3];
      long count = LongCsv.read(IcioCsv.Source.of(f), kind, l, (yr, keys, v) -> {
        acc[0] += v;
        acc[1] = acc[1] * 1.000001 + v;
        acc[2] += String.join("|", keys).hashCode();
      });
      String k = "long|" + tag + "|" + kind;
      put(k + "|rows", count);
      put(k + "|sum", acc[0]);
      put(k + "|wsum", acc[1]);
      put(k + "|keyhash", acc[2]);
    }
    // malformed long csv
    String zs = z.toString();
    longErr(tag, "dupKey", fz, zs + zs.lines().skip(1).findFirst().orElseThrow() + "\n", LongCsv.Kind.INTERMEDIATE, l);
    longErr(tag, "badCountry", fz, zs.replaceFirst(",AUS,", ",XXX,"), LongCsv.Kind.INTERMEDIATE, l);
    longErr(tag, "nan", fz, zs.replaceFirst("\n[^,]*,", "\nNaN,"), LongCsv.Kind.INTERMEDIATE, l);
    longErr(tag, "badHeader", fz, zs.replaceFirst("to_industry", "to_ind"), LongCsv.Kind.INTERMEDIATE, l);
    longErr(tag, "badYear", fz, zs.replaceFirst("," + t.year() + ",", ",20x,"), LongCsv.Kind.INTERMEDIATE, l);
    longErr(tag, "fdSplitEntity", fy, y.toString().replaceFirst("(\n[^,]*,[^,]*,[^,]*,)[A-Z]+,", "$1CN1,"),
        LongCsv.Kind.FINAL_DEMAND, l);
    longErr(tag, "short", fy, y.toString().replaceFirst("\n([^\n]*),[^,\n]*\n", "\n$1\n"), LongCsv.Kind.FINAL_DEMAND, l);
  }

  private void longErr(String tag, String name, Path f, String content, LongCsv.Kind kind, Layout l)
      throws IOException {
    Files.writeString(f, content);
    String msg;
    try {
      LongCsv.read(IcioCsv.Source.of(f), kind, l, (yr, keys, v) -> { });
      msg = "no error";
    } catch (InvalidInputException e) {
      msg = e.getMessage().replace(f.toString(), "<f>");
    }
    text("longerr|" + tag + "|" + name, msg);
  }

  // ---------------------------------------------------------------------------------------------
  // malformed ICIO CSV

  private void malformed() throws Exception {
    GeneratorSpec spec = GeneratorSpec.builder().regions(6).industries(4).years(2010, 2010).seed(3).splits(true).build();
    MrioYear t = new SyntheticMrio(spec).year(2010);
    GeneratorSpec spec2 = GeneratorSpec.builder().regions(6).industries(4).years(2010, 2010).seed(3).splits(false).build();
    MrioYear t2 = new SyntheticMrio(spec2).year(2010);
    for (IcioEdition e : IcioEdition.values()) {
      MrioYear src = e.extended() ? t : t2;
      StringWriter sw = new StringWriter();
      e.write(e == IcioEdition.ICIO2016 ? IcioEditionTest.withDisc(src) : src, sw);
      List<String> lines = sw.toString().lines().toList();
      Map<String, UnaryOperator<List<String>>> muts = mutations(lines);
      for (Map.Entry<String, UnaryOperator<List<String>>> m : muts.entrySet()) {
        String csv = String.join("\n", m.getValue().apply(new ArrayList<>(lines))) + "\n";
        for (boolean req : new boolean[] {false, true}) {
          Path f = tmp.resolve("m.csv");
          Files.writeString(f, csv);
          String msg;
          try {
            IcioCsv.Result r = IcioCsv.read(IcioCsv.Source.of(f), 2010, new IcioCsv.Options(req, IcioCsv.DiscMode.DOMESTIC));
            dump("mut|" + e + "|" + m.getKey() + "|" + req, r);
            msg = "ok";
          } catch (InvalidInputException ex) {
            msg = ex.getMessage().replace(f.toString(), "<f>");
          }
          text("mut|" + e + "|" + m.getKey() + "|" + req + "|msg", msg);
        }
      }
    }
    // empty and header-only files, semicolons, tabs
    for (String[] c : new String[][] {{"empty", ""}, {"blank", "\n\n"}, {"headerOnly", ",AUS_C01,AUS_HFCE\n"},
        {"semicolon", ";AUS_C01;AUS_HFCE\nAUS_C01;1;2\n"}, {"tab", "\tAUS_C01\tAUS_HFCE\nAUS_C01\t1\t2\n"},
        {"tiny", ",AUS_C01,AUS_HFCE\nAUS_C01,1,2\nVA,3,0\n"}, {"tinyOut", ",AUS_C01,AUS_HFCE,OUT\nAUS_C01,1,2,3\nVA,2,0,0\nOUT,3,0,0\n"},
        {"noFd", ",AUS_C01\nAUS_C01,1\nVA,1\n"}, {"noZ", ",AUS_HFCE\nVA,1\n"},
        {"bom", "\uFEFF,AUS_C01,AUS_HFCE\r\nAUS_C01,1,2\r\nVA,3,0\r\n"},
        {"quoted", "\"\",\"AUS_C01\",\"AUS_HFCE\"\n\"AUS_C01\",\"1\",\"2\"\n\"VA\",\"3\",\"0\"\n"}}) {
      Path f = tmp.resolve("x.csv");
      Files.writeString(f, c[1]);
      String msg;
      try {
        IcioCsv.Result r = IcioCsv.read(IcioCsv.Source.of(f), 2010, IcioCsv.Options.DEFAULT);
        dump("small|" + c[0], r);
        msg = "ok";
      } catch (InvalidInputException ex) {
        msg = ex.getMessage().replace(f.toString(), "<f>");
      }
      text("small|" + c[0] + "|msg", msg);
    }
    // a zip member
    StringWriter sw = new StringWriter();
    IcioEdition.ICIO2023.write(t, sw);
    Path zip = tmp.resolve("a.zip");
    try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream zo = new ZipOutputStream(os)) {
      zo.putNextEntry(new ZipEntry("2010.csv"));
      zo.write(sw.toString().getBytes(StandardCharsets.UTF_8));
      zo.closeEntry();
    }
    text("zip|members", String.valueOf(ZipTables.members(zip)));
    dump("zip|2010", IcioCsv.read(IcioCsv.Source.zipMember(zip, "2010.csv"), 2010, IcioCsv.Options.DEFAULT));
  }

  private static Map<String, UnaryOperator<List<String>>> mutations(List<String> lines) {
    Map<String, UnaryOperator<List<String>>> m = new TreeMap<>();
    int last = lines.size() - 1;
    m.put("none", x -> x);
    m.put("dropLast", x -> { x.remove(last); return x; });
    m.put("dropLast2", x -> { x.remove(last); x.remove(last - 1); return x; });
    m.put("cutLast", x -> { x.set(last, x.get(last).substring(0, x.get(last).length() / 2)); return x; });
    m.put("dropZrow", x -> { x.remove(3); return x; });
    m.put("dupRow", x -> { x.add(3, x.get(3)); return x; });
    m.put("dupCol", x -> { x.set(0, cell(x.get(0), 1, cells(x.get(0))[2])); return x; });
    m.put("emptyCell", x -> { x.set(2, cell(x.get(2), 3, "")); return x; });
    m.put("textCell", x -> { x.set(2, cell(x.get(2), 3, "abc")); return x; });
    m.put("nanCell", x -> { x.set(2, cell(x.get(2), 3, "NaN")); return x; });
    m.put("infCell", x -> { x.set(2, cell(x.get(2), 3, "-Infinity")); return x; });
    m.put("hugeCell", x -> { x.set(2, cell(x.get(2), 3, "1e999")); return x; });
    m.put("sciCell", x -> { x.set(2, cell(x.get(2), 3, "1.2345678901234567e3")); return x; });
    m.put("suffixCell", x -> { x.set(2, cell(x.get(2), 3, "12d")); return x; });
    m.put("spaceCell", x -> { x.set(2, cell(x.get(2), 3, " 12.5 ")); return x; });
    m.put("cornerLabel", x -> { x.set(0, cell(x.get(0), 0, "AUS_C01")); return x; });
    m.put("cornerOut", x -> { x.set(0, cell(x.get(0), 0, "out")); return x; });
    m.put("emptyColLabel", x -> { x.set(0, cell(x.get(0), 2, "")); return x; });
    m.put("badRowLabel", x -> { x.set(1, cell(x.get(1), 0, "AUSC01")); return x; });
    m.put("emptyRowLabel", x -> { x.set(1, cell(x.get(1), 0, "")); return x; });
    m.put("badColLabel", x -> { x.set(0, cell(x.get(0), 1, "FOOBAR")); return x; });
    m.put("foreignCol", x -> { x.set(0, cell(x.get(0), 1, "FOO_BAR")); return x; });
    m.put("rowCCC", x -> { x.set(last - 1, cell(x.get(last - 1), 0, cells(x.get(1))[0].split("_")[0] + "_ZZ")); return x; });
    m.put("secondOutCol", x -> { x.set(0, cell(x.get(0), 1, "GO")); return x; });
    m.put("secondOutRow", x -> { x.set(last - 1, cell(x.get(last - 1), 0, "TOT")); return x; });
    m.put("dropFdCol", x -> dropCol(x, cells(x.get(0)).length - 3));
    m.put("dropZCol", x -> dropCol(x, 2));
    m.put("dropOutCol", x -> dropCol(x, cells(x.get(0)).length - 1));
    m.put("dropOutBoth", x -> { x.remove(last); return dropCol(x, cells(x.get(0)).length - 1); });
    m.put("shortRow", x -> { x.set(2, x.get(2).substring(0, x.get(2).lastIndexOf(','))); return x; });
    m.put("blankLines", x -> { x.add(3, ""); x.add(1, "  "); x.add(""); return x; });
    m.put("quoteRow", x -> { x.set(2, "\"" + String.join("\",\"", cells(x.get(2))) + "\""); return x; });
    m.put("crlf", x -> { x.replaceAll(s -> s + "\r"); return x; });
    m.put("nonzeroMerged", x -> {
      for (int r = 1; r < x.size(); r++) {
        if (x.get(r).startsWith("CHN_") || x.get(r).startsWith("MEX_")) {
          x.set(r, cell(x.get(r), 2, "5"));
          break;
        }
      }
      return x;
    });
    m.put("nonzeroMergedCol", x -> {
      String[] h = cells(x.get(0));
      for (int c = 1; c < h.length; c++) {
        if (h[c].startsWith("CHN_") || h[c].startsWith("MEX_")) {
          final int cc = c;
          x.set(1, cell(x.get(1), cc, "5"));
          break;
        }
      }
      return x;
    });
    m.put("fdPartCol", x -> {
      String[] h = cells(x.get(0));
      for (int c = 1; c < h.length; c++) {
        if (h[c].matches("CHN_[A-Z]+") && !h[c].matches("CHN_[A-Z][0-9]+")) {
          x.set(0, cell(x.get(0), c, h[c].replace("CHN_", "CN1_")));
          break;
        }
      }
      return x;
    });
    m.put("extraCol", x -> { x.replaceAll(s -> s + ",0"); x.set(0, x.get(0).substring(0, x.get(0).length() - 2) + ",FOOBAR"); return x; });
    m.put("extraCol2", x -> { x.replaceAll(s -> s + ",0"); x.set(0, x.get(0).substring(0, x.get(0).length() - 2) + ",XXX_YYY"); return x; });
    m.put("extraDisc", x -> { x.replaceAll(s -> s + ",1"); x.set(0, x.get(0).substring(0, x.get(0).length() - 2) + ",disc"); return x; });
    m.put("dupFd", x -> {
      String[] h = cells(x.get(0));
      int fd = h.length - 3;
      x.set(0, cell(x.get(0), fd, h[fd - 1]));
      return x;
    });
    return m;
  }

  private static String[] cells(String line) {
    return line.split(",", -1);
  }

  private static String cell(String line, int c, String v) {
    String[] s = cells(line);
    s[c] = v;
    return String.join(",", s);
  }

  private static List<String> dropCol(List<String> x, int c) {
    x.replaceAll(line -> {
      List<String> s = new ArrayList<>(List.of(cells(line)));
      if (c < s.size()) {
        s.remove(c);
      }
      return String.join(",", s);
    });
    return x;
  }

  // ---------------------------------------------------------------------------------------------

  private void wiod() {
    Path p = SharedData.path("data/wiod2013/wiot_2005.csv.gz");
    if (!Files.isRegularFile(p)) {
      text("wiod", "absent");
      return;
    }
    IcioCsv.Result r = IcioCsv.read(IcioCsv.Source.of(p), 2005, IcioCsv.Options.DEFAULT);
    text("wiod|edition", r.edition());
    text("wiod|notes", String.join(" // ", r.notes()));
    dumpTable("wiod", r.table(), false);
    MrioYear t = r.table();
    int n = t.n();
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += t.z()[i + j * n];
      }
      put("wiod|zrow[" + i + "]", s);
    }
    StringWriter sw = new StringWriter();
    try {
      IcioEdition.ICIO2023_SML.write(t, sw);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
    text("wiod|write2023SML|sha256", sha(sw.toString()));
  }

  private static String sha(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  private static void compare(Path before, Path after) throws IOException {
    TreeMap<String, Double> a = load(before);
    TreeMap<String, Double> b = load(after);
    assertEquals(a.keySet(), b.keySet(), "golden keys differ");
    double max = 0;
    for (Map.Entry<String, Double> e : a.entrySet()) {
      double x = e.getValue();
      double y = b.get(e.getKey());
      double d = x == y || (Double.isNaN(x) && Double.isNaN(y)) ? 0 : Math.abs(x - y) / Math.max(1, Math.abs(x));
      max = Math.max(max, d);
    }
    System.out.println("GOLDEN rows=" + a.size() + " max relative difference=" + max);
    assertTrue(max <= 1e-12, "max relative difference " + max);
  }

  private static TreeMap<String, Double> load(Path f) throws IOException {
    TreeMap<String, Double> m = new TreeMap<>();
    for (String line : Files.readAllLines(f)) {
      int tab = line.lastIndexOf('\t');
      m.put(line.substring(0, tab), Double.parseDouble(line.substring(tab + 1)));
    }
    return m;
  }
}
