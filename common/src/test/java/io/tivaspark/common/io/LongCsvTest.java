package io.tivaspark.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LongCsvTest {
  @TempDir
  Path tmp;

  static final Layout L = new Layout(List.of("AUS", "CHN"), List.of("A", "B"), List.of("HFCE", "GFCF"),
      Map.of("CHN", List.of("CN1", "CN2")));

  Path file(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void readsAnyColumnOrderBomCrlfAndQuotes() throws IOException {
    Path p = file("intermediate.csv", "\uFEFFvalue,year,from_country,from_industry,to_country,to_industry\r\n"
        + "1.5,2010,AUS,A,CN1,B\r\n\"2e3\",2010,\"CN2\",B,AUS,A\r\n\r\n-0.25,2011,AUS,A,CN1,B\r\n");
    List<String> got = new ArrayList<>();
    long rows = LongCsv.read(IcioCsv.Source.of(p), LongCsv.Kind.INTERMEDIATE, L,
        (y, k, v) -> got.add(y + " " + String.join("/", k) + " " + v));
    assertEquals(3, rows);
    assertEquals(List.of("2010 AUS/A/CN1/B 1.5", "2010 CN2/B/AUS/A 2000.0", "2011 AUS/A/CN1/B -0.25"), got);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "duplicate key in a year|year,country,industry,value\\n2010,AUS,A,1\\n2010,AUS,A,2\\n|year 2010, line 3, country=AUS industry=A: duplicate key",
      "unknown country|year,country,industry,value\\n2010,XXX,A,1\\n|line 2, country=XXX industry=A: unknown country code XXX",
      "merged code of a split country|year,country,industry,value\\n2010,CHN,A,1\\n|country CHN is split",
      "unknown industry|year,country,industry,value\\n2010,AUS,Z,1\\n|unknown industry code Z",
      "NaN|year,country,industry,value\\n2010,AUS,A,NaN\\n|value is NaN",
      "infinity|year,country,industry,value\\n2010,AUS,A,-Infinity\\n|value is infinite",
      "overflow|year,country,industry,value\\n2010,AUS,A,1e999\\n|overflows",
      "text|year,country,industry,value\\n2010,AUS,A,12abc\\n|value '12abc' is not a number",
      "empty value|year,country,industry,value\\n2010,AUS,A,\\n|empty value",
      "bad year|year,country,industry,value\\n20x0,AUS,A,1\\n|year '20x0' is not a 4-digit year",
      "short row|year,country,industry,value\\n2010,AUS,1\\n|row has 3 cells, header has 4",
      "semicolons|year;country;industry;value\\n2010;AUS;A;1\\n|the delimiter must be a comma",
      "missing column|year,country,value\\n2010,AUS,1\\n|missing column(s) industry",
      "extra column|year,country,industry,value,unit\\n2010,AUS,A,1,USD\\n|unexpected column",
      "empty|\\n\\n|empty file",
  })
  void rejects(String name, String text, String fragment) throws IOException {
    Path p = file("output.csv", text.replace("\\n", "\n"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> LongCsv.read(IcioCsv.Source.of(p), LongCsv.Kind.OUTPUT, L, (y, k, v) -> { }));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertTrue(e.getMessage().contains("output.csv"), e.getMessage());
  }

  @Test
  void finalDemandIsByReportingCountry() throws IOException {
    Path p = file("final_demand.csv", "year,from_country,from_industry,to_country,category,value\n2010,CN1,A,CN1,HFCE,1\n");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> LongCsv.read(IcioCsv.Source.of(p), LongCsv.Kind.FINAL_DEMAND, L, (y, k, v) -> { }));
    assertTrue(e.getMessage().contains("not split entity"), e.getMessage());
  }

  @Test
  void infersLayoutWithSplits() throws IOException {
    Path i = file("intermediate.csv", "year,from_country,from_industry,to_country,to_industry,value\n"
        + "2010,AUS,A,CN1,B,1\n2010,CN2,B,MEX,A,1\n");
    Path f = file("final_demand.csv", "year,from_country,from_industry,to_country,category,value\n"
        + "2010,AUS,A,CHN,HFCE,1\n2010,CN1,A,AUS,GFCF,1\n2010,MEX,B,MEX,HFCE,2\n");
    Layout l = LongCsv.inferLayout(IcioCsv.Source.of(i), IcioCsv.Source.of(f));
    assertEquals(List.of("AUS", "CHN", "MEX"), l.countries());
    assertEquals(List.of("A", "B"), l.industries());
    assertEquals(List.of("HFCE", "GFCF"), l.categories());
    assertEquals(Map.of("CHN", List.of("CN1", "CN2")), l.splits());
    Path bad = file("final_demand2.csv", "year,from_country,from_industry,to_country,category,value\n2010,AUS,A,JPN,HFCE,1\n");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> LongCsv.inferLayout(IcioCsv.Source.of(i), IcioCsv.Source.of(bad)));
    assertTrue(e.getMessage().contains("to_country=JPN"), e.getMessage());
  }

  @Test
  void kindFromFileName() {
    assertEquals(LongCsv.Kind.FINAL_DEMAND, LongCsv.Kind.ofFileName("final_demand.csv.gz"));
    assertEquals(LongCsv.Kind.VALUE_ADDED, LongCsv.Kind.ofFileName("VALUE_ADDED.CSV"));
    assertEquals(LongCsv.Kind.EXTENSIONS, LongCsv.Kind.ofFileName("extensions.csv"));
    assertEquals(LongCsv.Kind.EXTENSIONS_FINAL_DEMAND, LongCsv.Kind.ofFileName("extensions_final_demand.csv.gz"));
    assertEquals(LongCsv.Kind.POPULATION, LongCsv.Kind.ofFileName("population.csv"));
    assertTrue(!LongCsv.Kind.POPULATION.required() && LongCsv.Kind.POPULATION.emptyWhenAbsent());
    assertTrue(!LongCsv.Kind.OUTPUT.required() && !LongCsv.Kind.OUTPUT.emptyWhenAbsent());
  }

  @Test
  void populationIsByReportingCountryInPersons() throws IOException {
    Path ok = file("population.csv", "country,year,value\nAUS,2010,25000000\nCHN,2010,1.4e9\nAUS,2011,25300000\n");
    List<String> got = new ArrayList<>();
    LongCsv.read(IcioCsv.Source.of(ok), LongCsv.Kind.POPULATION, L, (y, k, v) -> got.add(y + " " + k[0] + " " + v));
    assertEquals(List.of("2010 AUS 2.5E7", "2010 CHN 1.4E9", "2011 AUS 2.53E7"), got);
    String[][] bad = {
        {"year,country,value\n2010,CN1,5\n", "population is by reporting country, not split entity"},
        {"year,country,value\n2010,XXX,5\n", "unknown country code XXX"},
        {"year,country,value\n2010,AUS,-5\n", "negative population"},
        {"year,country,value\n2010,AUS,5\n2010,AUS,6\n", "duplicate key"},
        {"year,country,persons\n2010,AUS,5\n", "unexpected column"},
    };
    for (String[] b : bad) {
      Path p = file("population.csv", b[0]);
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> LongCsv.read(IcioCsv.Source.of(p), LongCsv.Kind.POPULATION, L, (y, k, v) -> { }));
      assertTrue(e.getMessage().contains(b[1]) && e.getMessage().contains("population.csv"), e.getMessage());
    }
  }
}
