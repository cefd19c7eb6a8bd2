package io.tivaspark.common.math;

import io.tivaspark.common.math.YearSystem.Economy;

/**
 * Every core quantity of one economy of one year, unit by unit (docs/methods.md §3): what
 * {@link EconomyWriter} writes and {@link CoreIdentities} checks.
 *
 * @param kww the KWW terms 1+2+3 of s, v_s B_s· Σ_{r∉s} Y_·r (J1's independent side)
 */
record EconomyResults(Economy eco, GrossTrade trade, ExportValueAdded exportVa, DomesticContent domestic,
    ReexportedImports reexported, ForwardValueAdded forward, FinalDemandValueAdded finalDemand, double kww) {}
