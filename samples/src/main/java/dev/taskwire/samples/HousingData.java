package dev.taskwire.samples;

import dev.taskwire.samples.automl.data.Csv;
import dev.taskwire.samples.automl.data.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The sample's data, shipped under {@code src/main/resources/automl}: 3,000 house sales with their
 * price ({@code houses-train.csv}) and 300 houses to price ({@code houses-forecast.csv}). Generated
 * from a fixed seed by the tests' {@code HousingDataGenerator}: the price is a linear function of
 * the four features plus noise, so a straight line should win the experiment.
 */
public final class HousingData {
  public static final String TARGET = "price_eur";
  public static final String TRAIN_FILE = "houses-train.csv";
  public static final String FORECAST_FILE = "houses-forecast.csv";

  private final String trainCsv;
  private final String forecastCsv;
  private final Table train;
  private final Table forecast;

  private HousingData(String trainCsv, String forecastCsv) {
    this.trainCsv = trainCsv;
    this.forecastCsv = forecastCsv;
    this.train = Csv.parse(trainCsv);
    this.forecast = Csv.parse(forecastCsv);
  }

  public static HousingData load() {
    return new HousingData(resource(TRAIN_FILE), resource(FORECAST_FILE));
  }

  /** The whole data set, as shipped: the main sample's input. */
  public PipelineInput input() {
    return new PipelineInput("train", trainCsv, "forecast", forecastCsv, TARGET);
  }

  /**
   * A smaller, different data set for customer {@code customer}: {@code trainRows} and {@code
   * forecastRows} consecutive rows, starting at an offset that depends on the customer.
   */
  public PipelineInput customer(int customer, int trainRows, int forecastRows) {
    Table customerTrain = train.slice(customer * 37, trainRows);
    Table customerForecast = forecast.slice(customer * 7, forecastRows);
    return new PipelineInput(
        "train", Csv.format(customerTrain), "forecast", Csv.format(customerForecast), TARGET);
  }

  public Table train() {
    return train;
  }

  public Table forecast() {
    return forecast;
  }

  private static String resource(String file) {
    String path = "/automl/" + file;
    try (InputStream in = HousingData.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("resource " + path + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException("cannot read resource " + path, unreadable);
    }
  }
}
