package dev.taskwire.samples.automl.server;

import dev.taskwire.samples.automl.data.Csv;
import dev.taskwire.samples.automl.data.Table;
import dev.taskwire.samples.automl.ml.Configurations;
import dev.taskwire.samples.automl.ml.Regressor;
import dev.taskwire.samples.automl.ml.Score;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where a service started with {@link ServerConfig#keepDataIn} keeps its data sets and models, so
 * that a service started later on the same directory has them under the same ids, as a real AutoML
 * service keeps an account's data between a client's sessions. A client that kept the ids (in a
 * result store, say) can then use them again.
 *
 * <p>A data set is two files, {@code ds-1.csv} and {@code ds-1.properties} (its name); a model is
 * {@code model-3.properties}: its algorithm, hyper-parameters, data set, features, target and
 * score. Its fitted state is not written: fitting is deterministic, so it is fitted again from its
 * data set when the directory is opened. Each file is written whole and then moved into place, the
 * properties last, so a data set or model is there completely or not at all. Jobs and experiments
 * are not kept (a new service numbers its experiments from {@code exp-1} again). One service uses a
 * directory at a time: opening one that another service (in this JVM or another) has open fails,
 * naming it.
 */
final class DataDirectory implements AutoCloseable {
  private static final String DATASET = "ds-";
  private static final String MODEL = "model-";
  private static final String PROPERTIES = ".properties";

  private final Path directory;
  private final FileChannel lockFile;
  private final FileLock lock;

  private DataDirectory(Path directory, FileChannel lockFile, FileLock lock) {
    this.directory = directory;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /** Creates {@code directory} if need be and takes it for this service. */
  static DataDirectory open(Path directory) throws IOException {
    Files.createDirectories(directory);
    FileChannel channel =
        FileChannel.open(
            directory.resolve("service.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      lock = null;
    } catch (IOException | RuntimeException failed) {
      channel.close();
      throw failed;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("another AutoML service is using " + directory);
    }
    return new DataDirectory(directory, channel, lock);
  }

  /** Every data set kept here, in no particular order. */
  List<StoredDataset> datasets() throws IOException {
    List<StoredDataset> datasets = new ArrayList<>();
    for (Path file : files(DATASET)) {
      String id = idOf(file);
      Properties properties = read(file);
      Table table;
      try {
        table = Csv.parse(Files.readString(directory.resolve(id + ".csv")));
      } catch (IOException | RuntimeException unreadable) {
        throw new IOException("cannot read data set " + id + " in " + directory, unreadable);
      }
      datasets.add(new StoredDataset(id, required(properties, "name", file), table));
    }
    return datasets;
  }

  /** Every model kept here, each fitted again on its data set, found with {@code datasets}. */
  List<StoredModel> models(Function<String, StoredDataset> datasets) throws IOException {
    List<StoredModel> models = new ArrayList<>();
    for (Path file : files(MODEL)) {
      Properties properties = read(file);
      try {
        String datasetId = required(properties, "dataset", file);
        StoredDataset dataset = datasets.apply(datasetId);
        if (dataset == null) {
          throw new IOException(file + " names data set " + datasetId + ", which is not kept");
        }
        String algorithm = required(properties, "algorithm", file);
        Map<String, Double> parameters = parameters(properties.getProperty("params", ""));
        List<String> features = List.of(required(properties, "features", file).split(",", -1));
        String target = required(properties, "target", file);
        Table table = dataset.table();
        Regressor regressor =
            Configurations.configure(algorithm, parameters)
                .fit(table.columns(features), table.column(target));
        Score score =
            new Score(
                Double.parseDouble(required(properties, "rmse", file)),
                Double.parseDouble(required(properties, "r2", file)));
        models.add(
            new StoredModel(
                idOf(file), algorithm, parameters, datasetId, features, target, regressor, score));
      } catch (RuntimeException unusable) {
        throw new IOException("cannot read model " + file, unusable);
      }
    }
    return models;
  }

  void save(StoredDataset dataset) throws IOException {
    write(dataset.id() + ".csv", Csv.format(dataset.table()));
    Properties properties = new Properties();
    properties.setProperty("name", dataset.name());
    write(dataset.id() + PROPERTIES, properties);
  }

  void save(StoredModel model) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("algorithm", model.algorithm());
    StringBuilder parameters = new StringBuilder();
    model
        .parameters()
        .forEach(
            (name, value) ->
                parameters
                    .append(parameters.length() == 0 ? "" : ",")
                    .append(name)
                    .append('=')
                    .append(value));
    properties.setProperty("params", parameters.toString());
    properties.setProperty("dataset", model.datasetId());
    properties.setProperty("features", String.join(",", model.features()));
    properties.setProperty("target", model.target());
    // Double.toString gives back the same double when parsed.
    properties.setProperty("rmse", Double.toString(model.score().rmse()));
    properties.setProperty("r2", Double.toString(model.score().r2()));
    write(model.id() + PROPERTIES, properties);
  }

  /** Releases the directory for the next service. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockFile.close();
    }
  }

  private List<Path> files(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(
              file -> {
                String name = file.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(PROPERTIES);
              })
          .sorted()
          .toList();
    }
  }

  private static String idOf(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - PROPERTIES.length());
  }

  private static Properties read(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }

  private static String required(Properties properties, String key, Path file) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException(file + " has no '" + key + "'");
    }
    return value;
  }

  private static Map<String, Double> parameters(String text) {
    Map<String, Double> parameters = new HashMap<>();
    if (!text.isEmpty()) {
      for (String pair : text.split(",", -1)) {
        String[] nameAndValue = pair.split("=", 2);
        if (nameAndValue.length != 2) {
          throw new IllegalArgumentException("malformed parameter '" + pair + "'");
        }
        parameters.put(nameAndValue[0], Double.parseDouble(nameAndValue[1]));
      }
    }
    return Map.copyOf(parameters);
  }

  private void write(String name, Properties properties) throws IOException {
    StringWriter text = new StringWriter();
    properties.store(text, null);
    write(name, text.toString());
  }

  /** Writes the whole file beside its place, then moves it there. */
  private void write(String name, String text) throws IOException {
    Path target = directory.resolve(name);
    Path partial = directory.resolve(name + ".partial");
    try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      writer.write(text);
    }
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
