package dev.taskwire.samples.automl.server;

import dev.taskwire.samples.automl.ml.Regressor;
import dev.taskwire.samples.automl.ml.Score;
import java.util.List;
import java.util.Map;

/**
 * A model an experiment fitted on all of its data set's rows, with the score cross-validation gave
 * its algorithm and hyper-parameters, and the feature columns it needs (in order) to predict the
 * target.
 *
 * @param datasetId the data set it was fitted on
 */
record StoredModel(
    String id,
    String algorithm,
    Map<String, Double> parameters,
    String datasetId,
    List<String> features,
    String target,
    Regressor regressor,
    Score score) {
  JsonViews.ModelView view() {
    return new JsonViews.ModelView(id, algorithm, parameters, score.rmse(), score.r2());
  }
}
