package dev.taskwire.benchmarks;

import java.util.Map;

/**
 * The check every benchmark makes once per trial, before it measures anything: each contender
 * computes the same graph once, and all answers must equal the expected one. A contender that skips
 * work or wires a dependency wrongly fails the trial instead of posting a fast time.
 */
public final class Answers {
  private Answers() {}

  /** Throws unless every answer equals {@code expected}. */
  public static void requireAll(
      String shape, long expected, Map<String, ? extends Number> answers) {
    for (Map.Entry<String, ? extends Number> answer : answers.entrySet()) {
      if (answer.getValue().longValue() != expected) {
        throw new IllegalStateException(
            shape
                + ": contender "
                + answer.getKey()
                + " answered "
                + answer.getValue()
                + ", expected "
                + expected
                + "; all answers: "
                + answers);
      }
    }
  }
}
