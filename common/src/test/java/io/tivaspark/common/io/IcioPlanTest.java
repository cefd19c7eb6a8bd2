package io.tivaspark.common.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.io.IcioCsv.DiscMode;
import io.tivaspark.common.model.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header plan of {@link IcioPlan}, decided from labels alone (no values read). */
class IcioPlanTest {

  private static IcioPlan.Labels labels(String header, String... rows) {
    List<Integer> lines = new java.util.ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      lines.add(i + 2);
    }
    return new IcioPlan.Labels("t.csv", 2020, header.split(",", -1), 1, List.of(rows), lines);
  }

  @Test
  void rolesOfA2016Table() {
    // 2016: CAT_CCC final demand, DISC, VA+TAXSUB, an OUT row and no OUT column
    IcioPlan.Plan p = IcioPlan.decide(labels(",AUS_C01,AUS_C02,USA_C01,USA_C02,HFCE_AUS,HFCE_USA,DISC",
        "AUS_C01", "AUS_C02", "USA_C01", "USA_C02", "VA+TAXSUB", "OUT"), DiscMode.DOMESTIC, false);
    assertEquals("ICIO 2016", p.edition());
    assertEquals(List.of("AUS", "USA"), p.layout().countries());
    assertEquals(List.of("HFCE", "DISC"), p.layout().categories());
    assertEquals(1, p.discCat());
    assertArrayEquals(new int[] {0, 0, 1, 2, 3, IcioPlan.ROLE_BASE - 0, IcioPlan.ROLE_BASE - 2, IcioPlan.ROLE_DISC},
        p.colRole());
    assertArrayEquals(new int[] {0, 1, 2, 3, IcioPlan.ROLE_BASE, IcioPlan.ROLE_OUT}, p.rows().role());
    assertEquals(List.of("VA+TAXSUB"), p.rows().components());
    assertFalse(p.hasOutCol());
    assertTrue(p.hasOutRow());
    assertNull(p.droppedNote());
  }

  @Test
  void splitCountryAndTaxsubRows() {
    IcioPlan.Plan p = IcioPlan.decide(labels(",CHN_C01,CN1_C01,CN2_C01,USA_C01,CHN_HFCE,USA_HFCE,OUTPUT",
        "CHN_C01", "CN1_C01", "CN2_C01", "USA_C01", "CHN_TAXSUB", "USA_TAXSUB", "VALU", "TOTAL"),
        DiscMode.DROP, true);
    assertEquals("ICIO 2018/2021 layout", p.edition());
    assertEquals("CHN is split into CN1, CN2", p.droppedNote());
    assertEquals(-1, p.discCat());
    assertEquals(IcioPlan.ROLE_DROP, p.colRole()[1]);
    assertEquals(IcioPlan.ROLE_DROP, p.rows().role()[0]);
    assertEquals(List.of("TLS", "VALU"), p.rows().components());
    assertEquals(p.rows().role()[4], p.rows().role()[5]); // both CCC_TAXSUB rows are TLS
    assertEquals(IcioPlan.ROLE_OUT, p.colRole()[7]);
  }

  @Test
  void firstViolationIsNamed() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> IcioPlan.decide(
        labels(",AUS_C01,AUS_C02,USA_C01,USA_C02,AUS_HFCE,USA_HFCE", "AUS_C01", "AUS_C02", "USA_C01", "VA"),
        DiscMode.DOMESTIC, false));
    assertEquals("invalid input: t.csv, year 2020, row USA_C02: missing row: every entity needs every industry",
        e.getMessage());
  }
}
