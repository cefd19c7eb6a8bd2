package io.tivaspark.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The year of a table from the year position of its file name, edition by edition. */
class TableNamesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "ICIO2016_2003.csv, 2003",
      "ICIO2018_2003.csv, 2003",
      "ICIO2018_2010.CSV, 2010",
      "ICIO2021_2003.csv, 2003",
      "ICIO2021_1995.csv.gz, 1995",
      "ICIO2023_2003.csv, 2003",
      "ICIO2023_2020.csv, 2020",
      "2003_SML.csv, 2003",
      "2003_sml.csv.gz, 2003",
      "ICIO2023_2003_SML.csv, 2003",
      "ICIO2025_2022_SML.csv, 2022",
      "2017.csv, 2017",
      "ICIO-2015-2016-extended/2015.csv, 2015",
      "ICIO_2010.csv, 2010",
      "ICIO_2023-sml_2015.csv, 2015",
      "WIOT2003_Nov16_ROW.csv, 2003",
      "wiot2014_Nov16_ROW.csv.gz, 2014",
      "wiot_1995.csv.gz, 1995",
      "anything_2003.csv, 2003",
      "ICIO2016_2003_b.csv, 2003",
      "t_1950.csv, 1950",
      "t_2100.csv, 2100",
  })
  void yearFromTheYearPosition(String name, int year) {
    assertEquals(year, TableNames.year(name).getAsInt());
    assertEquals(year, IcioCsv.yearFromFileName(name).getAsInt());
  }

  @ParameterizedTest
  @ValueSource(strings = {"industries.csv", "fd_categories.csv", "leather.csv.gz", "ICIO2023.csv",
      "ICIO2023_SML.csv", "WIOT_Nov16.csv", "table_95.csv", "ICIO_2016-2020.csv", "x_20031.csv", "2003b.csv"})
  void noYearPosition(String name) {
    assertTrue(TableNames.year(name).isEmpty(), name);
    assertNull(TableNames.yearPosition(name), name);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "ICIO2023_2999.csv, 2999",
      "ICIO_2999.csv, 2999",
      "2999_SML.csv, 2999",
      "ICIO2023_1949_SML.csv, 1949",
      "WIOT2999_Nov16_ROW.csv, 2999",
      "anything_0000.csv, 0",
      "t_2101.csv.gz, 2101",
  })
  void implausibleYearIsAnErrorNamingTheFile(String name, int year) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TableNames.year(name, "/data/" + name, null));
    assertEquals("/data/" + name, e.source());
    assertTrue(e.rule().startsWith("implausible year " + year + " in file name " + name), e.getMessage());
    assertTrue(e.rule().contains("1950-2100"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> IcioCsv.yearFromFileName(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ICIO2023_2999.csv", "ICIO2016_1800.csv"})
  void theEditionIsNeverTakenForTheYear(String name) {
    // the old rule took the last plausible 4-digit number anywhere: 2023 / 2016 here
    assertThrows(InvalidInputException.class, () -> TableNames.year(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2999.csv", "sub/ICIO2023_2999.csv"})
  void zipMemberNamesAreNamedInTheError(String member) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TableNames.year(member, "/data/ICIO.zip", "member " + member));
    assertEquals("/data/ICIO.zip", e.source());
    assertEquals("member " + member, e.where());
    assertTrue(e.rule().contains("implausible year 2999"), e.getMessage());
  }
}
