package io.tivaspark.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.jobs.cli.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The built-in OECD hierarchies of conf/application.conf against the industry lists of each ICIO
 * edition (docs/data-dictionary.md §2.4): auto picks the edition's hierarchy, every industry but the
 * ones that are TiVA aggregates on their own belongs to an aggregate, and numeric-looking codes
 * ("03", "09") stay codes (unquoted HOCON would read them as the numbers 3 and 9).
 */
class BuiltInHierarchiesTest {
  static final List<String> ICIO2018 = List.of("01T03", "05T06", "07T08", "09", "10T12", "13T15", "16", "17T18", "19",
      "20T21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31T33", "35T39", "41T43", "45T47", "49T53",
      "55T56", "58T60", "61", "62T63", "64T66", "68", "69T82", "84", "85", "86T88", "90T96", "97T98");
  static final List<String> ICIO2021 = List.of("01T02", "03", "05T06", "07T08", "09", "10T12", "13T15", "16", "17T18",
      "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31T33", "35", "36T39", "41T43", "45T47",
      "49", "50", "51", "52", "53", "55T56", "58T60", "61", "62T63", "64T66", "68", "69T75", "77T82", "84", "85",
      "86T88", "90T93", "94T96", "97T98");
  static final List<String> ICIO2025 = List.of("A01", "A02", "A03", "B05", "B06", "B07", "B08", "B09", "C10T12",
      "C13T15", "C16", "C17_18", "C19", "C20", "C21", "C22", "C23", "C24A", "C24B", "C25", "C26", "C27", "C28", "C29",
      "C301", "C302T309", "C31T33", "D", "E", "F", "G", "H49", "H50", "H51", "H52", "H53", "I", "J58T60", "J61",
      "J62_63", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T");

  static IndustryGroupSettings.Resolved resolve(List<String> industries) {
    return IndustryGroupSettings.from(Settings.defaultTiva()).resolve(industries);
  }

  static Set<String> covered(IndustryGroupSettings.Resolved r) {
    Set<String> out = new TreeSet<>();
    r.groups().values().forEach(out::addAll);
    return out;
  }

  @Test
  void eachEditionGetsItsHierarchy() {
    assertEquals(50, ICIO2025.size());
    assertEquals(45, ICIO2021.size());
    assertEquals(36, ICIO2018.size());
    String[][] cases = {{"icio2018"}, {"icio2021"}, {"icio2023"}, {"icio2025"}};
    List<List<String>> tables = List.of(ICIO2018, ICIO2021, SyntheticMrio.ICIO2023_INDUSTRIES, ICIO2025);
    for (int k = 0; k < tables.size(); k++) {
      IndustryGroupSettings.Resolved r = resolve(tables.get(k));
      assertTrue(r.notes().get(0).startsWith("industry hierarchy " + cases[k][0] + " "), r.notes().toString());
      List<String> alone = new ArrayList<>(tables.get(k));
      alone.removeAll(covered(r));
      // 2018: agriculture 01T03 is one industry and a TiVA code by itself, never inside an aggregate
      assertEquals(k == 0 ? List.of("01T03") : List.of(), alone, cases[k][0]);
      assertTrue(r.notes().stream().noneMatch(n -> n.contains("members in the table (absent")), r.notes().toString());
    }
  }

  @Test
  void aggregatesAsPublished() {
    assertEquals(List.of("01T02", "03"), resolve(ICIO2021).groups().get("D01T03"));
    assertEquals(17, resolve(ICIO2021).groups().get("D10T33").size());
    assertEquals(16, resolve(ICIO2018).groups().get("D10T33").size());
    assertEquals(List.of("C24A", "C24B", "C25"), resolve(ICIO2025).groups().get("C24_25"));
    assertEquals(List.of("C29", "C301", "C302T309"), resolve(ICIO2025).groups().get("C29_30"));
    assertEquals(21, resolve(SyntheticMrio.ICIO2023_INDUSTRIES).groups().get("FTT").size());
    assertEquals(23, resolve(SyntheticMrio.ICIO2023_INDUSTRIES).groups().size());
    assertEquals(28, resolve(ICIO2025).groups().size());
  }
}
