package io.tivaspark.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.Family;
import io.tivaspark.jobs.TestSpark;
import io.tivaspark.jobs.cli.UsageException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import io.tivaspark.common.model.CheckResult;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.delta.actions.AddFile;
import org.junit.jupiter.api.Test;

/** The run's plan, check classes, staged names and Delta actions (only these need a Spark session). */
class RunPlanTest {
  @Test
  void familiesAndYears() {
    assertEquals(EnumSet.of(Family.CORE, Family.GVC), RunPlan.families(List.of("gvc", "core")));
    assertThrows(UsageException.class, () -> RunPlan.families(List.of("core", "gvcc")));
    assertThrows(UsageException.class, () -> RunPlan.families(List.of()));
    TreeSet<Integer> in = new TreeSet<>(List.of(2001, 2002, 2003));
    assertEquals(List.of(2001, 2002, 2003), RunPlan.years(in, null, "x"));
    assertEquals(List.of(2002), RunPlan.years(in, new int[] {2002, 2002}, "x"));
    assertThrows(UsageException.class, () -> RunPlan.years(in, new int[] {1990, 1991}, "x"));
  }

  @Test
  void incrementalSkipsOnlyYearsWhoseConfigCodeAndTablesAgree() {
    Map<Integer, YearState> current = Map.of(
        2001, new YearState("in1", "cfg", "code", "r1"),
        2002, new YearState("in2", "other", "code", "r1"),
        2003, new YearState("in3", "cfg", "old", "r1"),
        2004, new YearState("in4", "cfg", "code", "r1"),
        1999, new YearState("in0", "cfg", "code", "r0"));
    Map<Integer, Set<String>> tables = Map.of(2001, Set.of("r1"), 2004, Set.of("r1", "r2"));
    List<Integer> years = List.of(2001, 2002, 2003, 2004, 2005);
    RunPlan p = RunPlan.decide(years, EnumSet.of(Family.CORE), current, tables, "cfg", "code",
        RunPlan.removed(current, Set.copyOf(years)));
    assertEquals(Map.of(2001, "in1"), p.unchanged());
    assertEquals("configuration changed since run r1", p.reasons().get(2002));
    assertEquals("code changed since run r1", p.reasons().get(2003));
    assertEquals("tables do not all hold run r1", p.reasons().get(2004));
    assertEquals("not in the warehouse", p.reasons().get(2005));
    assertEquals(List.of(1999), p.removed());
    assertTrue(p.describe().contains("skipped if its input is unchanged since run r1=[2001]"), p.describe());
    RunPlan full = RunPlan.decide(years, EnumSet.of(Family.CORE), current, null, "cfg", "code", List.of());
    assertTrue(full.unchanged().isEmpty());
    assertEquals("not incremental", full.reasons().get(2001));
  }

  @Test
  void failedChecksCarryTheirKind() {
    CheckResult i3 = new CheckResult("I3", "(I-A)B = I", 1, 1, 1e-9, false, "");
    CheckResult i1 = new CheckResult("I1", "row balance", 1, 1, 1e-9, false, "");
    assertFalse(YearOutcome.FailedCheck.of(i3).input(), "I3 is the numerical identity (I - A)B = I");
    assertTrue(YearOutcome.FailedCheck.of(i1).input());
  }

  @Test
  void stagedFileNames() {
    assertEquals(new Path("/s/run1/indicators/y2001.parquet"),
        Staging.file(new Path("/s/run1"), OutputTable.INDICATORS, 2001));
  }

  @Test
  void deltaActionsWithoutSyntheticDefaults() {
    TestSpark.get(); // Delta's WRITE operation reads the session's SQL configuration
    AddFile a = FileCommit.addFile("year=2001/part-0.parquet", 2001, 123, 456, "{\"numRecords\":7}");
    assertEquals("year=2001/part-0.parquet", a.path());
    assertEquals("2001", a.partitionValues().apply("year"));
    assertEquals(123, a.size());
    assertEquals(456, a.modificationTime());
    assertTrue(a.dataChange());
    assertEquals("{\"numRecords\":7}", a.stats());
    assertTrue(a.deletionVector() == null && a.baseRowId().isEmpty() && a.defaultRowCommitVersion().isEmpty());
    var op = FileCommit.writeOperation("year IN (2001,2002)");
    assertEquals("WRITE", op.name());
    assertEquals("year IN (2001,2002)", op.parameters().apply("predicate"));
    assertEquals("Overwrite", op.parameters().apply("mode"));
  }
}
