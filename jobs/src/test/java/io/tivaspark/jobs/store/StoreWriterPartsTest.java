package io.tivaspark.jobs.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.model.MrioYear;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store written in several files per dataset, in parallel ({@link StoreWriter}, {@link ColumnarWriter})
 * holds, read in file-name order, exactly the rows of the one-file store (same keys, same value
 * bits, same order), and reads back to the table written bit for bit: on a synthetic year with
 * split entities, satellite accounts and population. Tolerance: none (raw bits).
 */
class StoreWriterPartsTest {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void partsHoldTheRowsOfOneFileAndReadBackExactly() throws Exception {
    MrioYear y = new SyntheticMrio(GeneratorSpec.builder().regions(12).industries(5).years(2020, 2020).seed(3)
        .splits(true).build()).year(2020);
    assertTrue(!y.layout().splits().isEmpty() && y.satellite() != null && y.population() != null);
    Configuration conf = HadoopConf.local().get();
    Path one = new Path(tmp.resolve("one").toString());
    Path three = new Path(tmp.resolve("three").toString());
    long rows = StoreWriter.writeYear(conf, one, y, 1);
    assertEquals(rows, StoreWriter.writeYear(conf, three, y, 3));
    FileSystem fs = FileSystem.get(java.net.URI.create("file:///"), conf);
    for (Dataset d : Dataset.values()) {
      List<Path> files = ParquetRows.dataFiles(fs, StoreWriter.yearDir(three, d, 2020));
      if (d == Dataset.INTERMEDIATE || d == Dataset.FINAL_DEMAND) {
        assertEquals(3, files.size(), d.dir());
      }
      assertEquals(rows(conf, fs, one, d), rows(conf, fs, three, d), d.dir());
    }
    MrioMeta meta = new MrioMeta("t", "", "", "USD million", y.layout().countries(), new LinkedHashMap<>(),
        y.layout().industries(), new LinkedHashMap<>(), y.layout().categories(), y.layout().splits());
    meta.write(fs, three);
    MrioYear back = StoreReader.read(conf, three, MrioMeta.read(fs, three), 2020);
    assertArrayEquals(y.z(), back.z());
    assertArrayEquals(y.finalDemand(), back.finalDemand());
    assertArrayEquals(y.publishedOutput(), back.publishedOutput());
    assertEquals(y.valueAdded().keySet(), back.valueAdded().keySet());
    y.valueAdded().forEach((k, v) -> assertArrayEquals(v, back.valueAdded().get(k), k));
    assertArrayEquals(y.satellite().f(), back.satellite().f());
    assertArrayEquals(y.satellite().fy(), back.satellite().fy());
    assertArrayEquals(y.population(), back.population());
  }

  /** Every row of a dataset's year, files in name order, as text with the value's raw bits. */
  private static List<String> rows(Configuration conf, FileSystem fs, Path root, Dataset d) throws Exception {
    List<String> out = new ArrayList<>();
    for (Path f : ParquetRows.dataFiles(fs, StoreWriter.yearDir(root, d, 2020))) {
      try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), f).withConf(conf).build()) {
        for (Group g; (g = r.read()) != null;) {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < d.columns().size() - 1; i++) {
            sb.append(g.getString(i, 0)).append('|');
          }
          sb.append(g.getFieldRepetitionCount(d.columns().size() - 1) == 0 ? "null"
              : Long.toHexString(Double.doubleToRawLongBits(g.getDouble(d.columns().size() - 1, 0))));
          out.add(sb.toString());
        }
      }
    }
    return out;
  }

  /** The warm-up of an ingest's first table (StoreWarmUp) leaves nothing in the temporary directory. */
  @Test
  void warmUpLeavesNothingBehind() throws Exception {
    java.nio.file.Path tmpDir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    java.util.function.Supplier<Long> warmUps = () -> {
      try (var s = java.nio.file.Files.list(tmpDir)) {
        return s.filter(p -> p.getFileName().toString().startsWith("tiva-warm-up")).count();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    long before = warmUps.get();
    StoreWarmUp.run();
    assertEquals(before, warmUps.get());
  }
}
