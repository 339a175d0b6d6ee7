package dev.taskwire.samples.automl.server;

/** Thrown by a job's work to fail the job; its message is what the client is told. */
final class JobFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JobFailure(String message) {
    super(message);
  }
}
