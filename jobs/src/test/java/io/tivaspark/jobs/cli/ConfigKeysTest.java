package io.tivaspark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unknown keys under tiva, from a file or from CONFIG_FORCE_ environment overrides. */
class ConfigKeysTest {
  static final Config DEFAULTS = ConfigFactory.parseString(
      "tiva { strict-config = false, strict-config = ${?NOPE}, run { fail-on-check = false, families = [core] },"
          + " groups { EU27 = [AUT] }, spark { master = local, conf { \"spark.ui.enabled\" = false } } }");

  @Test
  void environmentOverridesAreCheckedLikeTheFile() {
    // what ConfigFactory.systemEnvironmentOverrides() makes of CONFIG_FORCE_tiva_run_fail__on__chek=true
    Config env = ConfigFactory.parseMap(Map.of("tiva.run.fail-on-chek", "true", "tiva.run.fail-on-check", "true"));
    assertEquals(List.of("configuration: unknown key tiva.run.fail-on-chek in env (did you mean tiva.run.fail-on-check?)"),
        ConfigKeys.unknown(DEFAULTS, env, "env"));
  }

  @Test
  void openMapsAndKnownKeysPass() {
    Config user = ConfigFactory.parseString("tiva { groups.MINE = [USA], spark.conf { \"spark.x.y\" = 1 },"
        + " spark.conf {}, run.families = [gvc], strict-config = true }");
    assertEquals(List.of(), ConfigKeys.unknown(DEFAULTS, user, "f"));
  }

  @Test
  void farOffKeysGetNoSuggestion() {
    Config user = ConfigFactory.parseString("tiva.completely.different.thing = 1\nother.app.key = 2");
    assertEquals(List.of("configuration: unknown key tiva.completely.different.thing in f"),
        ConfigKeys.unknown(DEFAULTS, user, "f"));
  }

  @Test
  void levenshtein() {
    assertEquals(1, ConfigKeys.levenshtein("fail-on-chek", "fail-on-check"));
    assertEquals(3, ConfigKeys.levenshtein("kitten", "sitting"));
    assertEquals("run.families", ConfigKeys.nearest("run.familes", Set.of("run.families", "run.fail-on-check")));
  }
}
