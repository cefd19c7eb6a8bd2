package io.tivaspark.common.io.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A publisher's MRIO release as downloaded (docs/ingest.md §5): the reader of one {@code bin/tiva
 * ingest --format} (WIOD 2016, ADB MRIO, FIGARO, Eora26, EXIOBASE 3, GLORIA). Narrow on purpose:
 * the job plans the year units on the driver ({@link #plan}), reads each unit in its own Spark task
 * ({@link #read}, which must not need anything but the unit and local files), and writes the store.
 * Implementations are stateless and serializable-free: a task builds its own instance from
 * {@link MrioSources#of}.
 *
 * <p>Errors: bad input is an {@link io.tivaspark.common.model.InvalidInputException} naming the
 * file (and zip member or sheet), the year, the row or cell and the rule, raised by {@link #plan}
 * or {@link #read}; nothing is written by a reader.
 */
public interface MrioSource {
  /** The {@code --format} code, e.g. {@code exiobase3}. */
  String format();

  /** One line for {@code ingest --help}: what is read, and an example command. */
  String help();

  /**
   * The units of the inputs (files, directories, zip archives), one per year, sorted by year. A
   * unit whose name carries no year takes {@code year} ({@code --year}); without it that is an
   * {@link io.tivaspark.common.model.InvalidInputException} naming the file. Two units of one year
   * are an error naming both.
   */
  List<SourceUnit> plan(List<Path> inputs, OptionalInt year) throws IOException;

  /** Reads one unit: the year's table in the store's model, its codes, names, unit and notes. */
  SourceYear read(SourceUnit unit) throws IOException;

  /**
   * For {@code --format auto}: if {@code input} (a file, directory or zip archive) looks like this
   * format from its content (names of members, header cells), a short description of what was found
   * (e.g. "EXIOBASE 3 pxp, A.txt + Y.txt + satellite/"), else empty. Must be cheap (read names and
   * the first lines only).
   */
  Optional<String> recognise(Path input) throws IOException;
}
