package dev.taskwire.samples.automl.data;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable table of numbers with named columns: what a CSV data set holds once parsed. Rows are
 * arrays in column order; nothing hands out a mutable array without copying it. Serializable (so
 * that a result store can keep predictions): a table read back is checked and copied as {@link #of}
 * checks and copies one.
 */
public final class Table implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> columns;
  private final double[][] rows;

  private Table(List<String> columns, double[][] rows) {
    this.columns = columns;
    this.rows = rows;
  }

  /**
   * A table of {@code rows} (each copied) under the names {@code columns}.
   *
   * @throws IllegalArgumentException if a column name repeats or a row has the wrong width
   */
  public static Table of(List<String> columns, List<double[]> rows) {
    List<String> names = List.copyOf(columns);
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("duplicate column names in " + names);
    }
    double[][] copy = new double[rows.size()][];
    for (int i = 0; i < copy.length; i++) {
      double[] row = rows.get(i);
      if (row.length != names.size()) {
        throw new IllegalArgumentException(
            "row " + i + " has " + row.length + " values for " + names.size() + " columns");
      }
      copy[i] = row.clone();
    }
    return new Table(names, copy);
  }

  /** A table read back is rebuilt by {@link #of}: checked, and with rows of its own. */
  private Object readResolve() throws ObjectStreamException {
    if (columns == null || rows == null || Arrays.asList(rows).contains(null)) {
      throw new InvalidObjectException("a table needs its columns and rows");
    }
    try {
      return of(columns, Arrays.asList(rows));
    } catch (RuntimeException invalid) {
      throw new InvalidObjectException("not a valid table: " + invalid.getMessage());
    }
  }

  public List<String> columns() {
    return columns;
  }

  public int rowCount() {
    return rows.length;
  }

  public boolean hasColumn(String name) {
    return columns.contains(name);
  }

  /**
   * The position of column {@code name}, counted from 0.
   *
   * @throws IllegalArgumentException naming the missing column and the ones that exist
   */
  public int columnIndex(String name) {
    int index = columns.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no column '" + name + "' (columns: " + columns + ")");
    }
    return index;
  }

  public double value(int row, String column) {
    return rows[row][columnIndex(column)];
  }

  /** A copy of one row, in column order. */
  public double[] row(int row) {
    return rows[row].clone();
  }

  /** A copy of one column. */
  public double[] column(String name) {
    int index = columnIndex(name);
    double[] values = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      values[i] = rows[i][index];
    }
    return values;
  }

  /** The values of {@code names}, row by row: a feature matrix for a model. */
  public double[][] columns(List<String> names) {
    int[] indexes = names.stream().mapToInt(this::columnIndex).toArray();
    double[][] matrix = new double[rows.length][indexes.length];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < indexes.length; j++) {
        matrix[i][j] = rows[i][indexes[j]];
      }
    }
    return matrix;
  }

  /** This table with one more column on the right. */
  public Table withColumn(String name, double[] values) {
    if (values.length != rows.length) {
      throw new IllegalArgumentException(
          values.length
              + " values for column '"
              + name
              + "' of a table of "
              + rows.length
              + " rows");
    }
    List<String> names = new ArrayList<>(columns);
    names.add(name);
    List<double[]> widened = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      double[] row = Arrays.copyOf(rows[i], rows[i].length + 1);
      row[row.length - 1] = values[i];
      widened.add(row);
    }
    return of(names, widened);
  }

  /** {@code count} rows starting at {@code first}, wrapping around the end of the table. */
  public Table slice(int first, int count) {
    List<double[]> picked = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      picked.add(rows[Math.floorMod(first + i, rows.length)]);
    }
    return of(columns, picked);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Table table
        && columns.equals(table.columns)
        && Arrays.deepEquals(rows, table.rows);
  }

  @Override
  public int hashCode() {
    return Objects.hash(columns, Arrays.deepHashCode(rows));
  }

  @Override
  public String toString() {
    return "Table" + columns + " x " + rows.length + " rows";
  }
}
