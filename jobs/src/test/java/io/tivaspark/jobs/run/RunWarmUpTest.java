package io.tivaspark.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.model.Family;
import io.tivaspark.jobs.cli.Settings;
import java.io.File;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** {@link RunWarmUp}: runs every family of the default settings to the end and leaves no scratch files. */
class RunWarmUpTest {

  @Test
  void warmsUpEveryFamilyAndCleansUp() {
    CoreSettings core = CoreSettings.from(Settings.defaultTiva());
    int before = scratchDirs();
    assertTrue(RunWarmUp.run(core, core.unit(), EnumSet.allOf(Family.class), SyntheticMrio.ICIO2023_INDUSTRIES.size(),
        true), "the warm-up ran to the end with the default settings (ICIO 2023 industries)");
    assertTrue(RunWarmUp.run(core, core.unit(), EnumSet.of(Family.CORE), 20, false), "another industry list: 15 industries");
    assertEquals(before, scratchDirs(), "its scratch directory is deleted");
  }

  @Test
  void smallTablesStartCold() {
    CoreSettings core = CoreSettings.from(Settings.defaultTiva());
    assertNull(RunWarmUp.inBackground(core, core.unit(), EnumSet.allOf(Family.class), RunWarmUp.MIN_N - 1, 45, true));
  }

  private static int scratchDirs() {
    File[] dirs = new File(System.getProperty("java.io.tmpdir")).listFiles((d, name) -> name.startsWith("tiva-run-warm-up"));
    return dirs == null ? 0 : dirs.length;
  }
}
