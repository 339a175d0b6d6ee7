package dev.taskwire.samples.automl.client;

/** The server refused a request with an HTTP error status; carries the server's own message. */
public final class RequestRejectedException extends AutoMlException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String serverMessage;

  RequestRejectedException(String call, int status, String serverMessage) {
    super(call, "HTTP " + status + ": " + serverMessage, null);
    this.status = status;
    this.serverMessage = serverMessage;
  }

  public int status() {
    return status;
  }

  public String serverMessage() {
    return serverMessage;
  }
}
