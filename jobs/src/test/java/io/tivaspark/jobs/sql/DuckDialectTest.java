package io.tivaspark.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** DuckEngine.dialect: Spark SQL quoting mapped to DuckDB's, or left to Spark where they differ. */
class DuckDialectTest {
  @Test
  void backquotedNamesBecomeDoubleQuoted() throws SQLException {
    assertEquals("SELECT \"check\", max(v) FROM quality_checks WHERE scope = 'a`b' GROUP BY \"check\"",
        DuckEngine.dialect("SELECT `check`, max(v) FROM quality_checks WHERE scope = 'a`b' GROUP BY `check`"));
    assertEquals("SELECT 'it''s'", DuckEngine.dialect("SELECT 'it''s'"));
  }

  @Test
  void doubleQuotedTextAndBackslashEscapesAreLeftToSpark() {
    // "USA" is a string in Spark SQL and a column name in DuckDB; \' an escape in Spark only
    assertThrows(SQLException.class, () -> DuckEngine.dialect("SELECT * FROM indicators WHERE country = \"USA\""));
    assertThrows(SQLException.class, () -> DuckEngine.dialect("SELECT 'it\\'s'"));
  }
}
