package io.tivaspark.common.io.source;

/**
 * Receives the cells of one worksheet as {@link ExcelWorkbook#stream} reads them: row by row, in
 * column order within a row (0-based indices; row 6, column 4 is Excel's cell E7). Only cells that
 * exist are reported: an empty cell is simply never seen. A visitor may throw {@link Stop} to end
 * the reading early (e.g. after the header rows, for {@code --format auto}).
 */
interface ExcelCellVisitor {
  /** A cell holding text (a shared or inline string, a boolean, or an error such as {@code #N/A}). */
  void text(int row, int col, String value);

  /** A cell holding a number, with its exact binary value. */
  void number(int row, int col, double value);

  /** Thrown by a visitor to stop reading the sheet; {@link ExcelWorkbook#stream} returns normally. */
  final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super("stop reading the sheet", null, false, false);
    }
  }
}
