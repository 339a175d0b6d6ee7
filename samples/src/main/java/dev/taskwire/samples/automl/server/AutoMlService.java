package dev.taskwire.samples.automl.server;

import dev.taskwire.samples.automl.data.Csv;
import dev.taskwire.samples.automl.data.Table;
import dev.taskwire.samples.automl.ml.Algorithm;
import dev.taskwire.samples.automl.ml.Configurations;
import dev.taskwire.samples.automl.ml.CrossValidation;
import dev.taskwire.samples.automl.ml.Regressor;
import dev.taskwire.samples.automl.ml.Score;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the service does, apart from HTTP: accepts data sets, trains and scores models on them,
 * applies a model to a data set. Cheap checks answer at once with an {@link ApiException}; the real
 * work runs as a {@link Job}. With a {@link DataDirectory}, it starts with the data sets and models
 * kept there and keeps each new one there before its job ends.
 */
final class AutoMlService {
  /** Fixed, so that the same data always gets the same folds and scores. */
  private static final long FOLD_SEED = 42;

  private final ServerConfig config;
  private final JobRunner jobs;
  private final Store<StoredDataset> datasets = new Store<>("ds");
  private final Store<StoredModel> models = new Store<>("model");
  private final Store<JsonViews.ExperimentView> experiments = new Store<>("exp");

  /** Per configuration (see {@link Algorithm#describe()}), how many of its trainings started. */
  private final Map<String, AtomicInteger> trainingsOf = new ConcurrentHashMap<>();

  /** Where data sets and models are kept beyond this service; null for nowhere. */
  private final DataDirectory kept;

  AutoMlService(ServerConfig config, JobRunner jobs, DataDirectory kept) throws IOException {
    this.config = config;
    this.jobs = jobs;
    this.kept = kept;
    if (kept != null) {
      for (StoredDataset dataset : kept.datasets()) {
        datasets.restore(dataset.id(), dataset);
      }
      for (StoredModel model : kept.models(id -> datasets.find(id).orElse(null))) {
        models.restore(model.id(), model);
      }
    }
  }

  /** Starts an upload job that parses and stores {@code csv} as a data set named {@code name}. */
  Job upload(String name, String csv) {
    if (name == null || name.isBlank()) {
      throw new ApiException(400, "an upload needs a data set name: POST /datasets?name=...");
    }
    if (csv.isBlank()) {
      throw new ApiException(400, "upload of '" + name + "' has an empty body; send CSV text");
    }
    if (config.faults().rejectsUpload(name)) {
      throw new ApiException(
          422, "data set '" + name + "' rejected: storage quota exceeded (injected fault)");
    }
    return jobs.submit(
        JobKind.UPLOAD,
        name,
        () -> {
          failIfInjected(JobKind.UPLOAD);
          Table table;
          try {
            table = Csv.parse(csv);
          } catch (IllegalArgumentException malformed) {
            throw new JobFailure(
                "data set '" + name + "' is not valid CSV: " + malformed.getMessage());
          }
          StoredDataset stored = keep(datasets.add(id -> new StoredDataset(id, name, table)));
          return new JsonViews.UploadResult(stored.view());
        });
  }

  /** Starts an experiment: every candidate algorithm, scored by cross-validation, then fitted. */
  Job train(String datasetId, String target) {
    StoredDataset dataset = trainable(datasetId, target);
    return jobs.submit(
        JobKind.TRAINING,
        datasetId,
        () -> {
          failIfInjected(JobKind.TRAINING);
          return new JsonViews.TrainingResult(experiment(dataset, target, Algorithm.candidates()));
        });
  }

  /**
   * Starts a training of one configuration, as a tuning run asks for each of its trials: the
   * algorithm {@code name} with {@code parameters} (see {@link Configurations}), scored by the same
   * cross-validation as an experiment's candidates, then fitted. Its result is an experiment with
   * that one model.
   */
  Job train(String datasetId, String target, String name, Map<String, Double> parameters) {
    StoredDataset dataset = trainable(datasetId, target);
    Algorithm algorithm;
    try {
      algorithm = Configurations.configure(required(name, "algorithm"), parameters);
    } catch (IllegalArgumentException unusable) {
      throw new ApiException(422, unusable.getMessage());
    }
    String configuration = algorithm.describe();
    return jobs.submit(
        JobKind.TRAINING,
        datasetId + " " + configuration,
        () -> {
          failIfInjected(JobKind.TRAINING);
          int failing =
              config.faults().failingTrainingsOf(algorithm.name(), algorithm.hyperParameters());
          int started =
              trainingsOf
                  .computeIfAbsent(configuration, key -> new AtomicInteger())
                  .incrementAndGet();
          if (started <= failing) {
            throw new JobFailure(
                "the training of "
                    + configuration
                    + " crashed (injected fault, "
                    + started
                    + " of "
                    + failing
                    + ")");
          }
          return new JsonViews.TrainingResult(experiment(dataset, target, List.of(algorithm)));
        });
  }

  /** The data set, if it can train a model to predict {@code target}; else a 4xx. */
  private StoredDataset trainable(String datasetId, String target) {
    StoredDataset dataset = datasets.get(required(datasetId, "datasetId"), "data set");
    Table table = dataset.table();
    if (!table.hasColumn(required(target, "target"))) {
      throw new ApiException(
          422,
          "data set "
              + datasetId
              + " has no column '"
              + target
              + "' to predict (columns: "
              + table.columns()
              + ")");
    }
    if (table.columns().size() < 2) {
      throw new ApiException(
          422, "data set " + datasetId + " has no feature columns besides '" + target + "'");
    }
    if (table.rowCount() < 2 * config.folds()) {
      throw new ApiException(
          422,
          "data set "
              + datasetId
              + " has "
              + table.rowCount()
              + " rows; training needs at least "
              + 2 * config.folds());
    }
    return dataset;
  }

  private JsonViews.ExperimentView experiment(
      StoredDataset dataset, String target, List<Algorithm> algorithms) {
    Table table = dataset.table();
    List<String> features = new ArrayList<>(table.columns());
    features.remove(target);
    double[][] x = table.columns(features);
    double[] y = table.column(target);
    CrossValidation validation = new CrossValidation(config.folds(), FOLD_SEED);
    List<JsonViews.ModelView> fitted = new ArrayList<>();
    for (Algorithm algorithm : algorithms) {
      Score score = validation.score(algorithm, x, y);
      Regressor regressor = algorithm.fit(x, y);
      StoredModel model =
          keep(
              models.add(
                  id ->
                      new StoredModel(
                          id,
                          algorithm.name(),
                          algorithm.hyperParameters(),
                          dataset.id(),
                          List.copyOf(features),
                          target,
                          regressor,
                          score)));
      fitted.add(model.view());
    }
    return experiments.add(
        id ->
            new JsonViews.ExperimentView(
                id, dataset.id(), target, config.folds(), List.copyOf(fitted)));
  }

  /** Starts a prediction job that applies a model to a data set and stores the result. */
  Job predict(String modelId, String datasetId) {
    StoredModel model = models.get(required(modelId, "modelId"), "model");
    StoredDataset dataset = datasets.get(required(datasetId, "datasetId"), "data set");
    for (String feature : model.features()) {
      if (!dataset.table().hasColumn(feature)) {
        throw new ApiException(
            422,
            "data set "
                + datasetId
                + " lacks column '"
                + feature
                + "', which model "
                + modelId
                + " needs");
      }
    }
    return jobs.submit(
        JobKind.PREDICTION,
        modelId + " on " + datasetId,
        () -> {
          failIfInjected(JobKind.PREDICTION);
          Table input = dataset.table();
          double[] predicted = model.regressor().predictAll(input.columns(model.features()));
          String column = "predicted_" + model.target();
          StoredDataset output =
              keep(
                  datasets.add(
                      id ->
                          new StoredDataset(
                              id,
                              dataset.name() + "-predictions",
                              input.withColumn(column, predicted))));
          return new JsonViews.PredictionResult(
              new JsonViews.PredictionView(output.id(), modelId, predicted.length, column));
        });
  }

  Job job(String id) {
    return jobs.find(id).orElseThrow(() -> new ApiException(404, "no job '" + id + "'"));
  }

  /** Stops a job that has not ended; a job that has ended stays as it was. */
  Job stop(String id) {
    Job job = job(id);
    job.fail("stopped at the client's request");
    return job;
  }

  StoredDataset dataset(String id) {
    return datasets.get(id, "data set");
  }

  int openJobs() {
    int open = 0;
    for (JobKind kind : JobKind.values()) {
      open += jobs.openJobs(kind);
    }
    return open;
  }

  /** Keeps {@code dataset} in the data directory, if there is one; a job's work calls it. */
  private StoredDataset keep(StoredDataset dataset) {
    if (kept != null) {
      try {
        kept.save(dataset);
      } catch (IOException failed) {
        throw new JobFailure("could not keep data set " + dataset.id() + ": " + failed);
      }
    }
    return dataset;
  }

  /** Keeps {@code model} in the data directory, if there is one; a job's work calls it. */
  private StoredModel keep(StoredModel model) {
    if (kept != null) {
      try {
        kept.save(model);
      } catch (IOException failed) {
        throw new JobFailure("could not keep model " + model.id() + ": " + failed);
      }
    }
    return model;
  }

  private void failIfInjected(JobKind kind) {
    if (config.faults().failsJobsOf(kind)) {
      throw new JobFailure("the " + kind.wireName() + " worker crashed (injected fault)");
    }
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new ApiException(400, "missing field '" + field + "'");
    }
    return value;
  }
}
