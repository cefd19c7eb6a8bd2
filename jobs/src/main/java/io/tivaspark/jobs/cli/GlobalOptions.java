package io.tivaspark.jobs.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The options every command takes ({@code --conf FILE}, {@code --show-config}, {@code --help}) may
 * come before the command too: {@code bin/tiva --conf my.conf run ...} is
 * {@code bin/tiva run ... --conf my.conf}.
 */
public final class GlobalOptions {
  private GlobalOptions() {}

  /**
   * The words with the command first: leading common options are moved after the command (its
   * other words keep their order). Without a command word the words are returned as given. A
   * leading option that is not a common one is left where it is (the parser then names it).
   */
  public static String[] commandFirst(String[] argv) {
    List<String> leading = new ArrayList<>();
    int i = 0;
    while (i < argv.length) {
      String w = argv[i];
      if (w.equals("--show-config") || w.equals("--help") || w.startsWith("--conf=")) {
        leading.add(w);
        i++;
      } else if (w.equals("--conf") && i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
        leading.add(w);
        leading.add(argv[i + 1]);
        i += 2;
      } else {
        break;
      }
    }
    if (leading.isEmpty() || i >= argv.length || argv[i].startsWith("--")) {
      return argv;
    }
    List<String> out = new ArrayList<>();
    out.add(argv[i]);
    out.addAll(leading);
    for (int j = i + 1; j < argv.length; j++) {
      out.add(argv[j]);
    }
    return out.toArray(String[]::new);
  }
}
