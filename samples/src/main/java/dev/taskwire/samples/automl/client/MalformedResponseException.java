package dev.taskwire.samples.automl.client;

/** The server answered, but not with the JSON the API promises: bad syntax or a missing field. */
public final class MalformedResponseException extends AutoMlException {
  private static final long serialVersionUID = 1L;

  MalformedResponseException(String call, String problem, Throwable cause) {
    super(call, "malformed response: " + problem, cause);
  }
}
