package dev.taskwire.samples.automl.server;

/** A request the service refuses: the HTTP status (4xx) and a message for the client. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
