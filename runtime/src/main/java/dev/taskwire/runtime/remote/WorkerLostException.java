package dev.taskwire.runtime.remote;

/**
 * The failure a {@link TaskDispatcher} reports when the JVM running a dispatched call was lost (it
 * died, left the cluster, or the connection to it broke) before it answered. The run re-runs the
 * task at once, without counting it against the task's retries, up to {@link
 * TaskDispatcher#rerunsWhenWorkerLost()} times; listeners see each re-run as a retry. The lost
 * attempt may have run partly or wholly, which is why dispatched tasks must be idempotent.
 */
public final class WorkerLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WorkerLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
