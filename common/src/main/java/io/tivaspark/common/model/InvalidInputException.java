package io.tivaspark.common.model;

/**
 * Bad input: the message is one line naming the source (file, dataset or table), the year,
 * where (row/column label, key) and the rule broken. The CLI maps it to exit code 3.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final Integer year;
  private final String where;
  private final String rule;

  /**
   * @param source file, dataset or table, e.g. "intermediate/" or "/data/ICIO2023_2019.csv"
   * @param year the year, or null when the problem is not tied to a year
   * @param where row/column label, key or line, or null
   * @param rule the rule broken, e.g. "duplicate key" or "value is NaN"
   */
  public InvalidInputException(String source, Integer year, String where, String rule) {
    super(format(source, year, where, rule));
    this.source = source;
    this.year = year;
    this.where = where;
    this.rule = rule;
  }

  public InvalidInputException(String source, Integer year, String where, String rule, Throwable cause) {
    super(format(source, year, where, rule), cause);
    this.source = source;
    this.year = year;
    this.where = where;
    this.rule = rule;
  }

  private static String format(String source, Integer year, String where, String rule) {
    StringBuilder sb = new StringBuilder("invalid input: ").append(source);
    if (year != null) {
      sb.append(", year ").append(year);
    }
    if (where != null && !where.isEmpty()) {
      sb.append(", ").append(where);
    }
    sb.append(": ").append(rule);
    return sb.toString().replace('\n', ' ').replace('\r', ' ');
  }

  public String source() { return source; }
  public Integer year() { return year; }
  public String where() { return where; }
  public String rule() { return rule; }
}
