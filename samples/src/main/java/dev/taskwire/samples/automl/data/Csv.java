package dev.taskwire.samples.automl.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes the CSV the AutoML service speaks: a header line of column names, then one line
 * of numbers per row, comma-separated, no quoting. Numbers are written with {@link
 * Double#toString(double)} so that a value survives a round trip exactly.
 */
public final class Csv {
  private Csv() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the line and what is wrong with it
   */
  public static Table parse(String text) {
    String[] lines = text.strip().split("\r?\n", -1);
    if (lines.length == 0 || lines[0].isBlank()) {
      throw new IllegalArgumentException("empty CSV: no header line");
    }
    List<String> columns = Arrays.stream(lines[0].split(",", -1)).map(String::strip).toList();
    for (String column : columns) {
      if (column.isEmpty()) {
        throw new IllegalArgumentException("line 1: empty column name in header " + columns);
      }
    }
    List<double[]> rows = new ArrayList<>(lines.length - 1);
    for (int line = 1; line < lines.length; line++) {
      if (lines[line].isBlank()) {
        continue;
      }
      String[] cells = lines[line].split(",", -1);
      if (cells.length != columns.size()) {
        throw new IllegalArgumentException(
            "line "
                + (line + 1)
                + ": expected "
                + columns.size()
                + " values, found "
                + cells.length);
      }
      double[] row = new double[cells.length];
      for (int i = 0; i < cells.length; i++) {
        try {
          row[i] = Double.parseDouble(cells[i].strip());
        } catch (NumberFormatException notANumber) {
          throw new IllegalArgumentException(
              "line "
                  + (line + 1)
                  + ": column '"
                  + columns.get(i)
                  + "' is not a number: '"
                  + cells[i].strip()
                  + "'");
        }
        if (!Double.isFinite(row[i])) {
          throw new IllegalArgumentException(
              "line " + (line + 1) + ": column '" + columns.get(i) + "' is not finite");
        }
      }
      rows.add(row);
    }
    try {
      return Table.of(columns, rows);
    } catch (IllegalArgumentException duplicate) {
      throw new IllegalArgumentException("line 1: " + duplicate.getMessage());
    }
  }

  /** Writes {@code table} so that {@link #parse} gives it back exactly. */
  public static String format(Table table) {
    StringBuilder text = new StringBuilder(String.join(",", table.columns())).append('\n');
    for (int i = 0; i < table.rowCount(); i++) {
      double[] row = table.row(i);
      for (int j = 0; j < row.length; j++) {
        if (j > 0) {
          text.append(',');
        }
        appendNumber(text, row[j]);
      }
      text.append('\n');
    }
    return text.toString();
  }

  /** Whole numbers without ".0", so that integer columns look like integers. */
  private static void appendNumber(StringBuilder text, double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      text.append((long) value);
    } else {
      text.append(value);
    }
  }
}
