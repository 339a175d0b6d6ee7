package dev.taskwire.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.taskwire.samples.automl.data.Csv;
import dev.taskwire.samples.automl.data.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class HousingDataTest {
  @Test
  void shippedFilesAreExactlyWhatTheGeneratorWrites() {
    HousingData data = HousingData.load();
    assertEquals(HousingDataGenerator.train(), data.input().trainCsv());
    assertEquals(HousingDataGenerator.forecast(), data.input().forecastCsv());
  }

  @Test
  void trainingSetHasTheTargetAndTheForecastSetDoesNot() {
    HousingData data = HousingData.load();
    assertEquals(
        List.of("area_m2", "rooms", "age_years", "distance_km", "price_eur"),
        data.train().columns());
    assertEquals(
        List.of("area_m2", "rooms", "age_years", "distance_km"), data.forecast().columns());
    assertEquals(HousingDataGenerator.TRAIN_ROWS, data.train().rowCount());
    assertEquals(HousingDataGenerator.FORECAST_ROWS, data.forecast().rowCount());
    assertFalse(data.forecast().hasColumn(HousingData.TARGET));
  }

  @Test
  void customersGetDifferentSlicesOfTheRequestedSize() {
    HousingData data = HousingData.load();
    Table first = Csv.parse(data.customer(0, 50, 5).trainCsv());
    Table second = Csv.parse(data.customer(1, 50, 5).trainCsv());
    assertEquals(50, first.rowCount());
    assertEquals(5, Csv.parse(data.customer(0, 50, 5).forecastCsv()).rowCount());
    assertFalse(first.equals(second));
  }
}
