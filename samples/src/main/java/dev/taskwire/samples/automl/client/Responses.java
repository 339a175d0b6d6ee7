package dev.taskwire.samples.automl.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the service's JSON into the client's types, field by field. A missing or mistyped field is
 * a {@link MalformedResponseException} naming the call and the field, never a silent null.
 */
final class Responses {
  private Responses() {}

  static JobStatus jobStatus(String call, JsonNode job) {
    String status = text(call, job, "status");
    JobStatus.State state;
    try {
      state = JobStatus.State.valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new MalformedResponseException(call, "unknown job status '" + status + "'", null);
    }
    JsonNode result = job.get("result");
    if (state == JobStatus.State.DONE && (result == null || !result.isObject())) {
      throw new MalformedResponseException(call, "a done job without a 'result' object", null);
    }
    String error = state == JobStatus.State.FAILED ? text(call, job, "error") : null;
    return new JobStatus(
        text(call, job, "id"),
        text(call, job, "kind"),
        state,
        number(call, job, "progress"),
        result,
        error);
  }

  static DatasetRef dataset(String call, JsonNode result) {
    JsonNode dataset = object(call, result, "dataset");
    List<String> columns = new ArrayList<>();
    for (JsonNode column : array(call, dataset, "columns")) {
      if (!column.isTextual()) {
        throw new MalformedResponseException(
            call, "a column name that is not text: " + column, null);
      }
      columns.add(column.asText());
    }
    return new DatasetRef(
        text(call, dataset, "id"),
        text(call, dataset, "name"),
        (int) number(call, dataset, "rows"),
        List.copyOf(columns));
  }

  static Experiment experiment(String call, JsonNode result) {
    JsonNode experiment = object(call, result, "experiment");
    List<ModelScore> models = new ArrayList<>();
    for (JsonNode model : array(call, experiment, "models")) {
      models.add(
          new ModelScore(
              text(call, model, "id"),
              text(call, model, "algorithm"),
              number(call, model, "rmse"),
              number(call, model, "r2")));
    }
    return new Experiment(
        text(call, experiment, "id"),
        text(call, experiment, "datasetId"),
        text(call, experiment, "target"),
        (int) number(call, experiment, "folds"),
        List.copyOf(models));
  }

  /** A one-configuration training's result: an experiment with exactly that one model. */
  static TrialScore trial(String call, JsonNode result, HyperParams params) {
    List<ModelScore> models = experiment(call, result).models();
    if (models.size() != 1) {
      throw new MalformedResponseException(
          call, "a training of one configuration returned " + models.size() + " models", null);
    }
    return new TrialScore(params, models.get(0));
  }

  static PredictionRef prediction(String call, JsonNode result) {
    JsonNode prediction = object(call, result, "prediction");
    return new PredictionRef(
        text(call, prediction, "datasetId"),
        text(call, prediction, "modelId"),
        (int) number(call, prediction, "rows"),
        text(call, prediction, "column"));
  }

  /** The message of an error body {@code {"error":{"message":...}}}, or the raw body. */
  static String errorMessage(JsonNode body, String raw) {
    JsonNode message = body == null ? null : body.path("error").get("message");
    if (message != null && message.isTextual()) {
      return message.asText();
    }
    return raw.isBlank() ? "(empty body)" : abbreviate(raw);
  }

  static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }

  private static String text(String call, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw missing(call, field, "text", node);
    }
    return value.asText();
  }

  private static double number(String call, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw missing(call, field, "number", node);
    }
    return value.asDouble();
  }

  private static JsonNode object(String call, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw missing(call, field, "object", node);
    }
    return value;
  }

  private static JsonNode array(String call, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw missing(call, field, "array", node);
    }
    return value;
  }

  private static MalformedResponseException missing(
      String call, String field, String type, JsonNode node) {
    return new MalformedResponseException(
        call,
        "expected " + type + " field '" + field + "' in " + abbreviate(node.toString()),
        null);
  }
}
