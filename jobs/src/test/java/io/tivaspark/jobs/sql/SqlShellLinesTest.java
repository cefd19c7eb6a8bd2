package io.tivaspark.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell's JLine path hands over each line exactly as typed: a backslash command
 * keeps its backslash, {@code !=} is not taken for history expansion, an unclosed quote does not
 * swallow the next line (the shell joins lines until {@code ;} itself). A terminal over byte
 * streams stands in for a real one (no Spark).
 */
class SqlShellLinesTest {
  @TempDir
  Path dir;

  @Test
  void linesArriveAsTyped() throws Exception {
    String typed = "\\d runs\nSELECT 1 WHERE 'a' != 'b\nAND 2 = 2;\n\\q\n";
    // an xterm over byte streams: the line editor runs as on a real terminal (a dumb terminal
    // would skip the expansion that ate backslashes); the input pipe stays open, as a keyboard does
    PipedOutputStream keys = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(keys, 1 << 16);
    keys.write(typed.getBytes(StandardCharsets.UTF_8));
    keys.flush();
    try (Terminal term = new ExternalTerminal("test", "xterm", in, new ByteArrayOutputStream(), StandardCharsets.UTF_8)) {
      SqlShell.LineSource lines = SqlShell.JLineSource.over(term, dir.resolve("history"));
      assertEquals("\\d runs", lines.read("tiva> "));
      assertEquals("SELECT 1 WHERE 'a' != 'b", lines.read("tiva> "));
      assertEquals("AND 2 = 2;", lines.read("   -> "));
      assertEquals("\\q", lines.read("tiva> "));
      keys.close();
      assertNull(lines.read("tiva> "));
    }
  }
}
