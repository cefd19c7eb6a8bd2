package io.tivaspark.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.jobs.cli.Settings;
import io.tivaspark.jobs.cli.UsageException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tiva.industry-hierarchy / -hierarchies / -groups resolved against tables (no Spark). */
class IndustryGroupSettingsTest {
  private static IndustryGroupSettings settings(String overrides) {
    Config tiva = ConfigFactory.parseString(overrides).withFallback(Settings.defaultTiva()).resolve();
    return IndustryGroupSettings.from(tiva);
  }

  @Test
  void autoPicksTheEditionOfTheTable() {
    IndustryGroupSettings s = settings("");
    IndustryGroupSettings.Resolved icio = s.resolve(SyntheticMrio.ICIO2023_INDUSTRIES);
    assertTrue(icio.groups().containsKey("GTN") && icio.groups().containsKey("C"), icio.groups().keySet().toString());
    assertTrue(icio.notes().get(0).contains("icio2023"), icio.notes().toString());
    List<String> wiod = new ArrayList<>();
    for (int i = 1; i <= 35; i++) {
      wiod.add("c" + i);
    }
    IndustryGroupSettings.Resolved w = s.resolve(wiod);
    assertTrue(w.groups().containsKey("C15T37"), w.groups().keySet().toString());
    assertEquals(List.of("c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13", "c14", "c15", "c16"),
        w.groups().get("C15T37"));
    assertTrue(s.resolve(List.of("X1", "X2")).groups().isEmpty());
  }

  @Test
  void aSmallTableKeepsThePresentMembersAndNotesTheRest() {
    IndustryGroupSettings.Resolved r = settings("").resolve(SyntheticMrio.industryCodes(6));
    assertTrue(r.groups().containsKey("A") && r.groups().containsKey("B"), r.groups().keySet().toString());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("GTN skipped: none of its members")), r.notes().toString());
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("built-in industry aggregate C: 1 of 17 members")),
        r.notes().toString());
  }

  @Test
  void userAggregatesAddReplaceAndRemove() {
    IndustryGroupSettings s = settings("industry-groups { MINE = [C10T12, C13T15], A = [A03], GTN = null }");
    IndustryGroupSettings.Resolved r = s.resolve(SyntheticMrio.ICIO2023_INDUSTRIES);
    assertEquals(List.of("C10T12", "C13T15"), r.groups().get("MINE"));
    assertEquals(List.of("A03"), r.groups().get("A"));
    assertTrue(!r.groups().containsKey("GTN"));
    IndustryGroupSettings none = settings("industry-hierarchy = none, industry-groups { MINE = [C10T12] }");
    assertEquals(List.of("MINE"), List.copyOf(none.resolve(SyntheticMrio.ICIO2023_INDUSTRIES).groups().keySet()));
  }

  @Test
  void wrongSettingsNameTheKey() {
    assertThrows(UsageException.class, () -> settings("industry-hierarchy = nope"));
    assertThrows(UsageException.class, () -> settings("industry-groups { MINE = C10T12 }"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> settings("industry-groups { MINE = [C10T12, ZZZ] }").resolve(SyntheticMrio.ICIO2023_INDUSTRIES));
    assertTrue(e.getMessage().startsWith("tiva.industry-groups.MINE: member ZZZ"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> settings("industry-hierarchy = wiod2013").resolve(SyntheticMrio.ICIO2023_INDUSTRIES));
    assertTrue(e.getMessage().contains("none of its industries"), e.getMessage());
  }
}
