package io.tivaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.MrioYear;
import io.tivaspark.jobs.CliTest.Outcome;
import io.tivaspark.jobs.store.HadoopConf;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the store is plain Parquet that other tools edit. An ingested store of two years has
 * no {@code .crc} sidecar; one cell of 2002's intermediate file rewritten by pyarrow (the user's
 * case: the repository's .venv, else python3, with pyarrow; else parquet-java, said loudly), with a
 * stale sidecar left beside it, is read as edited and {@code run --incremental} recomputes 2002
 * only; a truncated file is exit 3 naming the file and the year, the other year committed.
 */
class PlainParquetStoreTest {
  @TempDir
  static Path tmp;

  @Test
  void editedYearIsRecomputedAndATruncatedFileIsBadInput() throws Exception {
    Path store = ingestTwoYears();
    try (Stream<Path> all = Files.walk(store)) {
      List<Path> crc = all.filter(p -> p.getFileName().toString().endsWith(".crc")).toList();
      assertTrue(crc.isEmpty(), "no checksum sidecars in the store: " + crc);
    }
    Path wh = tmp.resolve("W");
    assertEquals(0, RunIntegrityTest.run(store, wh, "--only", "gvc").code()); // few tables: a quick run
    Map<String, String> before = WarehouseProbe.snapshot(wh);
    assertTrue(!WarehouseProbe.year(before, 2002).isEmpty(), before.toString());

    Path f = part(store.resolve("intermediate/year=2002"));
    MrioYear old = read(store, 2002);
    int cell = largestCell(old.z());
    scaleLargestValue(f);
    // a stale sidecar (as an older tiva-spark or Spark leaves) must not be read
    staleSidecar(f);
    MrioYear edited = read(store, 2002);
    assertEquals(1.5 * old.z()[cell], edited.z()[cell], 1e-12 * Math.abs(old.z()[cell]), "the edited cell");
    assertEquals(0, edited.z()[(cell + 1) % old.z().length] - old.z()[(cell + 1) % old.z().length], "other cells");

    Outcome r = RunIntegrityTest.run(store, wh, "--only", "gvc", "--incremental");
    assertEquals(0, r.code(), r.err());
    Map<String, String> after = WarehouseProbe.snapshot(wh);
    assertEquals(WarehouseProbe.year(before, 2001), WarehouseProbe.year(after, 2001), "2001 skipped (unchanged)");
    assertNotEquals(WarehouseProbe.year(before, 2002), WarehouseProbe.year(after, 2002), "2002 recomputed");

    Path g = part(store.resolve("intermediate/year=2001"));
    byte[] b = Files.readAllBytes(g);
    Files.write(g, java.util.Arrays.copyOf(b, b.length / 2));
    Outcome bad = RunIntegrityTest.run(store, wh, "--only", "gvc");
    CliTest.assertOneLineError(bad, 3, g.getFileName().toString());
    assertTrue(bad.err().contains("year 2001") && bad.err().contains("unreadable Parquet file"), bad.err());
    Map<String, String> last = WarehouseProbe.snapshot(wh);
    assertEquals(WarehouseProbe.year(after, 2001), WarehouseProbe.year(last, 2001), "2001 untouched");
    assertNotEquals(WarehouseProbe.year(after, 2002), WarehouseProbe.year(last, 2002), "2002 committed by the failing run");
  }

  private static Path ingestTwoYears() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("icio"));
    for (int y : new int[] {2001, 2002}) {
      io.tivaspark.common.io.IcioEdition.ICIO2023.write(IngestFixtures.generated(4, 3, true, y),
          in.resolve("ICIO2023_" + y + ".csv"));
    }
    Path store = tmp.resolve("S");
    Outcome r = CliTest.run("ingest", "--format", "icio", "--in", in.toString(), "--out", store.toString());
    assertEquals(0, r.code(), r.err());
    return store;
  }

  /**
   * Writes a well-formed Hadoop checksum sidecar (magic "crc\0", 512 bytes per sum, one CRC32 per
   * chunk) whose sums are all zero, i.e. wrong: Hadoop's checksummed local file system refuses the
   * file (asserted), so a reader that still relied on sidecars would fail.
   */
  private static void staleSidecar(Path f) throws IOException {
    long chunks = (Files.size(f) + 511) / 512;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) (8 + 4 * chunks));
    b.put(new byte[] {'c', 'r', 'c', 0}).putInt(512);
    Files.write(f.resolveSibling("." + f.getFileName() + ".crc"), b.array());
    org.apache.hadoop.fs.LocalFileSystem checked = org.apache.hadoop.fs.FileSystem.newInstanceLocal(new Configuration());
    org.junit.jupiter.api.Assertions.assertThrows(org.apache.hadoop.fs.ChecksumException.class, () -> {
      try (var in = checked.open(new org.apache.hadoop.fs.Path(f.toUri()))) {
        in.readAllBytes();
      }
    }, "the sidecar is stale");
  }

  private static MrioYear read(Path store, int year) throws IOException {
    Configuration conf = HadoopConf.local().get();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(store.toUri());
    return StoreReader.read(conf, root, MrioMeta.read(root.getFileSystem(conf), root), year);
  }

  private static int largestCell(double[] z) {
    int best = 0;
    for (int k = 1; k < z.length; k++) {
      if (z[k] > z[best]) {
        best = k;
      }
    }
    return best;
  }

  private static Path part(Path yearDir) throws IOException {
    try (Stream<Path> s = Files.list(yearDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  /** Scales the row with the largest value by 1.5 and rewrites the file: pyarrow if any, else parquet-java. */
  private static void scaleLargestValue(Path file) throws Exception {
    String python = pythonWithPyarrow();
    if (python != null) {
      String script = "import pyarrow as pa, pyarrow.parquet as pq, pyarrow.compute as pc, sys\n"
          + "t = pq.read_table(sys.argv[1])\n"
          + "v = t.column('value').to_pylist()\n"
          + "i = max(range(len(v)), key=lambda k: v[k])\n"
          + "v[i] = v[i] * 1.5\n"
          + "t = t.set_column(t.schema.get_field_index('value'), 'value', pa.array(v, pa.float64()))\n"
          + "pq.write_table(t, sys.argv[1])\n";
      Process p = new ProcessBuilder(python, "-c", script, file.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pyarrow timed out");
      assertEquals(0, p.exitValue(), out);
      System.out.println("PlainParquetStoreTest: " + file.getFileName() + " rewritten by pyarrow (" + python + ")");
      return;
    }
    System.out.println("PlainParquetStoreTest: *** no Python with pyarrow (.venv or python3): the file is rewritten "
        + "with parquet-java instead ***");
    rewriteWithParquetJava(file);
  }

  private static String pythonWithPyarrow() throws InterruptedException {
    List<String> candidates = new ArrayList<>();
    String given = System.getProperty("tiva.python", System.getenv("TIVA_PYTHON"));
    if (given != null && !given.isBlank()) {
      candidates.add(given);
    }
    candidates.add(Path.of("..", ".venv", "bin", "python").toAbsolutePath().normalize().toString());
    candidates.add(Path.of(".venv", "bin", "python").toAbsolutePath().normalize().toString());
    candidates.add("python3");
    for (String c : candidates) {
      try {
        Process p = new ProcessBuilder(c, "-c", "import pyarrow").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return c;
        }
      } catch (IOException e) {
        // not there: the next candidate
      }
    }
    return null;
  }

  private static void rewriteWithParquetJava(Path file) throws IOException {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(file.toUri());
    MessageType schema;
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(hp, conf))) {
      schema = r.getFooter().getFileMetaData().getSchema();
    }
    List<Group> rows = new ArrayList<>();
    try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), hp).withConf(conf).build()) {
      for (Group g = r.read(); g != null; g = r.read()) {
        rows.add(g);
      }
    }
    int best = 0;
    for (int k = 1; k < rows.size(); k++) {
      if (rows.get(k).getDouble("value", 0) > rows.get(best).getDouble("value", 0)) {
        best = k;
      }
    }
    Path out = file.resolveSibling("rewritten.tmp");
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(out)).withType(schema).build()) {
      for (int k = 0; k < rows.size(); k++) {
        w.write(copy(rows.get(k), schema, k == best ? 1.5 : 1.0));
      }
    }
    Files.move(out, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static Group copy(Group g, MessageType schema, double scale) {
    SimpleGroup c = new SimpleGroup(schema);
    for (Type t : schema.getFields()) {
      if (g.getFieldRepetitionCount(t.getName()) == 0) {
        continue;
      }
      if (t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.DOUBLE) {
        c.append(t.getName(), g.getDouble(t.getName(), 0) * (t.getName().equals("value") ? scale : 1.0));
      } else {
        c.append(t.getName(), g.getBinary(t.getName(), 0));
      }
    }
    return c;
  }
}
