package io.tivaspark.common.model;

import java.util.List;

/**
 * Satellite accounts of one year (environmental or employment extensions): m stressors, each with
 * its unit, by industry (F, m×n column-major: {@code f[s + k*m]}) and by final-demand column
 * (direct emissions of final users, F_Y, m×(G·F): {@code fy[s + c*m]}). Arrays are shared.
 */
public record Satellite(List<String> stressors, List<String> units, double[] f, double[] fy) {
  public Satellite {
    stressors = List.copyOf(stressors);
    units = List.copyOf(units);
    Preconditions.checkArgument(stressors.size() == units.size(), "%d stressors but %d units",
        stressors.size(), units.size());
    Preconditions.checkArgument(f.length % Math.max(1, stressors.size()) == 0 && fy.length % Math.max(1, stressors.size()) == 0,
        "satellite arrays do not divide by %d stressors", stressors.size());
  }

  public int m() { return stressors.size(); }
}
