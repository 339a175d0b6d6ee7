package dev.taskwire.samples.automl.client;

/**
 * A call to the AutoML service went wrong. The message always names the call (e.g. {@code GET
 * /api/v1/jobs/job-3}) and says what the server said or did; subclasses tell apart a refused
 * request, a failed job, a malformed answer and no answer at all.
 */
public class AutoMlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String call;

  AutoMlException(String call, String message, Throwable cause) {
    super(call + ": " + message, cause);
    this.call = call;
  }

  /** The HTTP method and path of the call that failed, e.g. {@code POST /api/v1/trainings}. */
  public String call() {
    return call;
  }
}
