package dev.taskwire.runtime.remote;

/**
 * A worker was asked to run a task of a pipeline that it has from a different build: its graph
 * fingerprint differs from the driver's. Deploy the same build of the pipeline to the driver and
 * every worker.
 */
public final class FingerprintMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String pipeline;
  private final String driverFingerprint;
  private final String workerFingerprint;

  /**
   * @param worker who found the mismatch, for the message (a member's address, say)
   */
  public FingerprintMismatchException(
      String pipeline, String driverFingerprint, String workerFingerprint, String worker) {
    super(
        "pipeline "
            + pipeline
            + " on "
            + worker
            + " is a different build from the driver's:"
            + " the driver's graph fingerprint is "
            + driverFingerprint
            + ", the worker's is "
            + workerFingerprint
            + "; deploy the same build of "
            + pipeline
            + " to the driver and every worker");
    this.pipeline = pipeline;
    this.driverFingerprint = driverFingerprint;
    this.workerFingerprint = workerFingerprint;
  }

  public String pipeline() {
    return pipeline;
  }

  public String driverFingerprint() {
    return driverFingerprint;
  }

  public String workerFingerprint() {
    return workerFingerprint;
  }
}
