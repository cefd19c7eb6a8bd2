package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tivaspark.common.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class WiodMockTest {
  @Test
  void readsMock() throws Exception {
    Path dir = SharedData.require("data/pymrio-mocks/wiod_mock/wiot09_row_sep12.xlsx").getParent();
    WiodSource src = new WiodSource();
    List<SourceUnit> units = src.plan(List.of(dir), OptionalInt.empty());
    System.out.println(units);
    SourceYear y = src.read(units.get(0));
    System.out.println(y.table().layout() + " " + y.edition() + " " + y.unit() + " " + y.notes());
    System.out.println(y.table().layout().countries() + " " + y.table().layout().industries() + " " + y.table().layout().categories());
    
    System.out.println(y.table().satellite().stressors() + " " + y.table().satellite().units()); System.out.println(src.recognise(dir));
    assertEquals(2009, y.table().year());
  }
}
