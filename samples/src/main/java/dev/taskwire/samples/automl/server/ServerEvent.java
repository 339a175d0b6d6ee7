package dev.taskwire.samples.automl.server;

/**
 * One thing that happened to a job on the server, for tests and reports: which job, what happened,
 * when ({@code nanos} from {@link System#nanoTime()}) and in which global order ({@code sequence},
 * strictly increasing across all jobs).
 *
 * @param label what the job works on: an upload's data set name, a training's data set id, a
 *     prediction's "model-id on data-set-id"
 * @param detail a failed job's error, otherwise empty
 */
public record ServerEvent(
    long sequence, long nanos, Type type, String jobId, JobKind kind, String label, String detail) {

  /** The steps of a job's life the server records. */
  public enum Type {
    /** The request that starts the job was accepted. */
    CREATED,
    /** A worker started the job's computation. */
    RUNNING,
    DONE,
    FAILED
  }
}
