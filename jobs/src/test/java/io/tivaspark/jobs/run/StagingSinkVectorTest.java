package io.tivaspark.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tivaspark.common.model.Family;
import io.tivaspark.common.model.Sources;
import io.tivaspark.jobs.store.HadoopConf;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link StagingSink}'s vector forms refuse a ±∞ value as the row form does, with the same message
 * naming the row's keys (the staged files of such a year are never committed: RunIntegrityTest).
 */
class StagingSinkVectorTest {
  private static StagingSink sink() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("tiva-staging-vector");
    return new StagingSink(HadoopConf.local().get(), new Path(dir.toUri()), "run-1", 2021, "USD_M",
        EnumSet.allOf(Family.class), false);
  }

  @Test
  void anInfiniteTermIsRefusedAsItsRowWouldBe() throws Exception {
    try (StagingSink vectors = sink(); StagingSink rows = sink()) {
      double[] v = {1, 2, Double.NEGATIVE_INFINITY, 4};
      NonFiniteResultException byVector = assertThrows(NonFiniteResultException.class,
          () -> vectors.exportDecomposition("WWZ", "AUS", "WLD", "_T", List.of("A", "B", "C", "D"), v, 0));
      NonFiniteResultException byRow = assertThrows(NonFiniteResultException.class,
          () -> rows.exportDecomposition("WWZ", "AUS", "WLD", "_T", "C", v[2]));
      assertEquals(byRow.getMessage(), byVector.getMessage());
      assertEquals("export_decomposition WWZ AUS WLD _T C = -Infinity", byVector.getMessage());
    }
  }

  @Test
  void anInfiniteSourceIsRefusedAsItsRowWouldBe() throws Exception {
    try (StagingSink vectors = sink(); StagingSink rows = sink()) {
      Sources s = new Sources(List.of("AUS", "AUS", "FRA"), List.of("A01", "B05", "A01"));
      double[] v = {0, 7, 8, Double.POSITIVE_INFINITY};
      NonFiniteResultException byVector = assertThrows(NonFiniteResultException.class,
          () -> vectors.vaOriginImports(s, "USA", "CHN", "C20", v, 1));
      NonFiniteResultException byRow = assertThrows(NonFiniteResultException.class,
          () -> rows.vaOriginImports("FRA", "A01", "USA", "CHN", "C20", v[3]));
      assertEquals(byRow.getMessage(), byVector.getMessage());
    }
  }
}
