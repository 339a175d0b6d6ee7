package dev.taskwire.samples.automl.client;

/** A remote job ended in the failed state; carries the job's id and the server's error. */
public final class JobFailedException extends AutoMlException {
  private static final long serialVersionUID = 1L;

  private final String jobId;
  private final String serverMessage;

  JobFailedException(String call, String jobId, String what, String serverMessage) {
    super(call, what + " (job " + jobId + ") failed on the server: " + serverMessage, null);
    this.jobId = jobId;
    this.serverMessage = serverMessage;
  }

  public String jobId() {
    return jobId;
  }

  public String serverMessage() {
    return serverMessage;
  }
}
