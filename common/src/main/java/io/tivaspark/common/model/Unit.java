package io.tivaspark.common.model;

/** Units of the {@code indicators} table's {@code unit} column. */
public enum Unit {
  /** The input table's money unit (e.g. USD million); written as the store's unit code, e.g. USD_M. */
  MONEY,
  /** Percent (shares are published in percent, as OECD does). */
  PCT,
  /** A dimensionless ratio (VAX ratio, multipliers). */
  RATIO
}
