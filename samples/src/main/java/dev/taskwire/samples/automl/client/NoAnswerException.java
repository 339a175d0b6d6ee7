package dev.taskwire.samples.automl.client;

/**
 * The server did not answer: the request timed out, the connection was refused or it broke. Without
 * a request timeout a hung server would hang the caller; with one, it ends up here.
 */
public final class NoAnswerException extends AutoMlException {
  private static final long serialVersionUID = 1L;

  NoAnswerException(String call, String problem, Throwable cause) {
    super(call, "no answer: " + problem, cause);
  }
}
