package dev.taskwire.samples;

import dev.taskwire.samples.automl.data.Csv;
import dev.taskwire.samples.automl.data.Table;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The downloaded predictions: the forecast rows with one more column, the predicted value.
 *
 * @param table every row, features first, the prediction last
 * @param column the name of the predicted column, e.g. {@code predicted_price_eur}
 */
public record Predictions(Table table, String column) implements Serializable {
  /** Parses the CSV the service returns. */
  public static Predictions parse(String csv, String column) {
    Table table = Csv.parse(csv);
    table.columnIndex(column); // fails early, naming the columns, if the service left it out
    return new Predictions(table, column);
  }

  public int count() {
    return table.rowCount();
  }

  /** The predicted values, in row order. */
  public double[] values() {
    return table.column(column);
  }

  /** The feature columns, without the prediction. */
  public List<String> features() {
    List<String> features = new ArrayList<>(table.columns());
    features.remove(column);
    return features;
  }
}
