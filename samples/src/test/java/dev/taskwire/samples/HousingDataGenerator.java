package dev.taskwire.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Generates the sample's data set, {@code houses-train.csv} and {@code houses-forecast.csv}:
 * made-up house sales whose price is a linear function of the features plus noise, from a fixed
 * seed. The files are shipped under src/main/resources; {@link HousingDataTest} checks that they
 * are exactly what this class generates. To regenerate them, run {@link #main} with the resources
 * folder as its argument.
 */
final class HousingDataGenerator {
  static final int TRAIN_ROWS = 3000;
  static final int FORECAST_ROWS = 300;
  private static final long SEED = 20240611L;
  private static final String FEATURES = "area_m2,rooms,age_years,distance_km";

  private HousingDataGenerator() {}

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    Files.writeString(folder.resolve("houses-train.csv"), train(), StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("houses-forecast.csv"), forecast(), StandardCharsets.UTF_8);
  }

  static String train() {
    return generate(TRAIN_ROWS, true, new Random(SEED));
  }

  static String forecast() {
    return generate(FORECAST_ROWS, false, new Random(SEED + 1));
  }

  private static String generate(int count, boolean withPrice, Random random) {
    StringBuilder csv = new StringBuilder(FEATURES).append(withPrice ? ",price_eur\n" : "\n");
    for (int i = 0; i < count; i++) {
      double area = round(clamp(Math.exp(Math.log(90) + 0.35 * random.nextGaussian()), 25, 320), 1);
      int rooms = (int) clamp(Math.round(area / 28 + 0.7 * random.nextGaussian()), 1, 9);
      int age = random.nextInt(81);
      double distance =
          round(clamp(Math.exp(Math.log(8) + 0.6 * random.nextGaussian()), 0.3, 30), 2);
      csv.append(String.format(Locale.ROOT, "%.1f,%d,%d,%.2f", area, rooms, age, distance));
      if (withPrice) {
        double price =
            120_000
                + 2_350 * area
                + 6_200 * rooms
                - 780 * age
                - 2_600 * distance
                + 18_000 * random.nextGaussian();
        csv.append(',').append(Math.round(clamp(price, 15_000, Double.MAX_VALUE) / 100) * 100);
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
