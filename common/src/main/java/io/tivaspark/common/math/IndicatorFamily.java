package io.tivaspark.common.math;

import io.tivaspark.common.model.Family;
import io.tivaspark.common.model.ResultSink;
import java.util.function.BiFunction;

/**
 * A family of results computed from one year's solved system: the core TiVA indicators, the gvc
 * decompositions and measures, the footprints. The run computes {@link YearSystem} once per year
 * and loops over the selected families; each family reads the shared quantities from the system
 * and writes its rows and checks to the sink.
 */
public interface IndicatorFamily {
  /** Which family this is (its code, tables and checks). */
  Family family();

  /**
   * Whether the family has anything to compute for the year: footprints need satellite accounts
   * (a year without them writes no footprints rows).
   */
  boolean appliesTo(YearSystem system);

  /** Computes the family's rows and checks for the year. */
  TivaSummary compute(YearSystem system, ResultSink sink);

  /** The implementation of a family. */
  static IndicatorFamily of(Family f) {
    return switch (f) {
      case CORE -> new Simple(f, TivaCore::compute);
      case GVC -> new Simple(f, Decompositions::compute);
      case FOOTPRINTS -> Footprints.FAMILY; // years with satellite accounts and at least one stressor
    };
  }

  /** A family given by its compute function, with something to compute in every year. */
  record Simple(Family family, BiFunction<YearSystem, ResultSink, TivaSummary> fn) implements IndicatorFamily {
    @Override
    public boolean appliesTo(YearSystem system) {
      return true;
    }

    @Override
    public TivaSummary compute(YearSystem system, ResultSink sink) {
      return fn.apply(system, sink);
    }
  }
}
