package dev.taskwire.samples.automl.server;

import java.util.Locale;

/** What a job does. Each kind has its own latency and can have its own injected faults. */
public enum JobKind {
  UPLOAD,
  TRAINING,
  PREDICTION;

  /** The name used in JSON and on the command line: {@code upload}, {@code training}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; the task-like {@code train} and {@code predict} are accepted too. */
  public static JobKind parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "upload" -> UPLOAD;
      case "train", "training" -> TRAINING;
      case "predict", "prediction" -> PREDICTION;
      default ->
          throw new IllegalArgumentException(
              "unknown job kind '" + text + "' (expected upload, training or prediction)");
    };
  }
}
