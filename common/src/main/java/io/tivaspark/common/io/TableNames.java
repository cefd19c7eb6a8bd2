package io.tivaspark.common.io;

import io.tivaspark.common.model.InvalidInputException;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The year of a table from its file (or zip member) name, read from the <em>year position</em>
 * of the naming patterns of the published editions, never from any other number in the name
 * (an edition such as the 2023 in {@code ICIO2023_2003.csv} is not a year of data).
 *
 * <p>After dropping the directory and the extensions ({@code .csv}, {@code .txt}, {@code .zip},
 * each optionally {@code .gz}), the year position is:
 *
 * <ul>
 *   <li>WIOD style {@code WIOT2003_Nov16_ROW}: the four digits right after {@code WIOT};
 *   <li>otherwise the last {@code _}-separated part made of exactly four digits:
 *       {@code ICIO2016_2003}, {@code ICIO2023_2003_SML}, {@code 2003_SML}, {@code 2003},
 *       {@code wiot_1995}, {@code anything_2003}.
 * </ul>
 *
 * <p>A name without a year position ({@code industries.csv}, {@code ICIO2023.csv}) has no year.
 * A year position holding a year outside {@value #MIN_YEAR}–{@value #MAX_YEAR} is an input
 * error naming the file: it is never replaced by another number of the name.
 */
public final class TableNames {
  /** The plausible years of a table. */
  public static final int MIN_YEAR = 1950;
  public static final int MAX_YEAR = 2100;

  private static final Pattern EXTENSIONS = Pattern.compile("(?i)(\\.(csv|txt|zip))?(\\.gz)?$");
  private static final Pattern WIOT = Pattern.compile("(?i)WIOT([0-9]{4})(_.*)?");
  private static final Pattern FOUR_DIGITS = Pattern.compile("[0-9]{4}");

  private TableNames() {}

  /** The name without directory and extensions: {@code ICIO2023_2003} for {@code x/ICIO2023_2003.csv.gz}. */
  static String stem(String name) {
    String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    return EXTENSIONS.matcher(base).replaceFirst("");
  }

  /** The digits at the year position, or null when the name has none. */
  static String yearPosition(String name) {
    String stem = stem(name);
    Matcher w = WIOT.matcher(stem);
    if (w.matches()) {
      return w.group(1);
    }
    String[] parts = stem.split("_", -1);
    for (int i = parts.length - 1; i >= 0; i--) {
      if (FOUR_DIGITS.matcher(parts[i]).matches()) {
        return parts[i];
      }
    }
    return null;
  }

  /**
   * The year of a table name, or empty when the name has no year position.
   *
   * @param name the file or member name (a directory part is ignored)
   * @param source how an error names the file, e.g. its path or the zip archive
   * @param where where in the source, e.g. {@code member 2999.csv}, or null
   * @throws InvalidInputException when the year position holds an implausible year
   */
  public static OptionalInt year(String name, String source, String where) {
    String digits = yearPosition(name);
    if (digits == null) {
      return OptionalInt.empty();
    }
    int y = Integer.parseInt(digits);
    if (y < MIN_YEAR || y > MAX_YEAR) {
      throw new InvalidInputException(source, null, where, String.format(Locale.ROOT,
          "implausible year %d in file name %s (the year position must hold a year in %d-%d)",
          y, name.substring(name.lastIndexOf('/') + 1), MIN_YEAR, MAX_YEAR));
    }
    return OptionalInt.of(y);
  }

  /** {@link #year(String, String, String)} for a name that is its own source. */
  public static OptionalInt year(String name) {
    return year(name, name, null);
  }
}
