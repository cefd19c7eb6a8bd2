package io.tivaspark.common.math;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time per named step of a family's year (the summary's step table); {@link #lap} adds the time since the last lap. */
public final class StepTimer {
  private final Map<String, Double> steps = new LinkedHashMap<>();
  private long lapStart = System.nanoTime();

  /** Records a step timed elsewhere (e.g. the system's build). */
  public void put(String step, double seconds) {
    steps.put(step, seconds);
  }

  /** Adds the seconds since the previous lap (or construction) to {@code step}. */
  public void lap(String step) {
    long now = System.nanoTime();
    steps.merge(step, (now - lapStart) / 1e9, Double::sum);
    lapStart = now;
  }

  /** The steps in first-lap order (live view). */
  public Map<String, Double> steps() {
    return steps;
  }
}
