package dev.taskwire.samples.automl.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A remote job as last reported: {@code result} is the raw JSON result once done (null before),
 * {@code error} the server's message once failed (null otherwise).
 */
public record JobStatus(
    String id, String kind, State state, double progress, JsonNode result, String error) {

  /** The job states of the API. */
  public enum State {
    PENDING,
    RUNNING,
    DONE,
    FAILED
  }
}
