package io.tivaspark.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.tivaspark.common.model.Layout;
import io.tivaspark.jobs.cli.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of tiva.groups against a table: built-in groups tolerate absent members, user groups do not. */
class GroupRulesTest {
  static final Layout LAYOUT = new Layout(List.of("USA", "CAN", "CHN", "DEU"), List.of("A", "B"), List.of("HFCE"),
      Map.of("CHN", List.of("CN1", "CN2")));

  static List<String> check(Map<String, List<String>> groups, Set<String> builtIn) {
    return GroupRules.check(new LinkedHashMap<>(groups), builtIn, LAYOUT);
  }

  static void assertRejected(Map<String, List<String>> groups, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check(groups, Set.of()));
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
    }
  }

  @Test
  void builtInGroupsMayLackMembersAndAreSkippedWhenNoneIsPresent() {
    List<String> notes = check(Map.of("USMCA", List.of("CAN", "MEX", "USA"), "ASEAN", List.of("BRN", "KHM")),
        Set.of("USMCA", "ASEAN"));
    assertEquals(2, notes.size(), notes.toString());
    assertTrue(notes.contains("built-in group USMCA: 2 of 3 members in the table (absent: MEX)"), notes.toString());
    assertTrue(notes.contains("built-in group ASEAN skipped: none of its 2 members is in the table"), notes.toString());
  }

  @Test
  void userGroupsMustNameCountriesOfTheTable() {
    assertRejected(Map.of("NA", List.of("CAN", "MEX", "USA")), "tiva.groups.NA: member MEX not among the table's 4");
    assertRejected(Map.of("NA", List.of("MEX")), "no member is in the table");
    assertRejected(Map.of("NA", List.of("CN2")), "CN2 (an entity of CHN; groups take reporting countries)");
    assertEquals(List.of(), check(Map.of("ALL", List.of("*"), "NA", List.of("USA", "CAN")), Set.of()));
  }

  @Test
  void codesThatCollide() {
    assertRejected(Map.of("WLD", List.of("USA")), "tiva.groups.WLD: WLD is reserved (world totals)");
    assertRejected(Map.of("_T", List.of("USA")), "tiva.groups._T: _T is reserved");
    assertRejected(Map.of("DEU", List.of("USA")), "tiva.groups.DEU: DEU is a country of the table");
    assertRejected(Map.of("CN2", List.of("USA")), "tiva.groups.CN2: CN2 is an entity of the table (part of CHN)");
    // the built-in flag does not excuse a colliding code
    assertThrows(IllegalArgumentException.class, () -> check(Map.of("WLD", List.of("USA")), Set.of("WLD")));
  }

  @Test
  void builtInMeansUnchangedDefault() {
    CoreSettings defaults = CoreSettings.from(Settings.defaultTiva());
    assertEquals(List.of("ASEAN", "EU27", "G20", "OECD", "USMCA"), defaults.builtInGroups());
    CoreSettings changed = CoreSettings.from(ConfigFactory.parseString(
        "groups { USMCA = [CAN, USA], OECD = null, MINE = [USA] }").withFallback(Settings.defaultTiva()));
    assertEquals(List.of("ASEAN", "EU27", "G20"), changed.builtInGroups());
    assertEquals(Set.of("EU27", "G20", "ASEAN", "USMCA", "MINE"), changed.groups().keySet());
  }
}
