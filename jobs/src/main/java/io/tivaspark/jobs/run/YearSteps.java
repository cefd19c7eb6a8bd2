package io.tivaspark.jobs.run;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where a year task's time goes, step by step (read the store, build the system, each family with
 * its rows, commit the staged files): one INFO line per year, {@code year Y steps: read 3.1 s, ...}
 * (docs/performance.md, "The run path (issue 17)"). Not thread-safe: one per task.
 */
final class YearSteps {
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private long last = System.nanoTime();

  /** Ends the current step under {@code name} and starts the next one. */
  void lap(String name) {
    long now = System.nanoTime();
    seconds.merge(name, (now - last) / 1e9, Double::sum);
    last = now;
  }

  Map<String, Double> seconds() {
    return seconds;
  }

  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ");
    seconds.forEach((k, v) -> j.add(String.format(Locale.ROOT, "%s %.2f s", k, v)));
    return j.toString();
  }
}
