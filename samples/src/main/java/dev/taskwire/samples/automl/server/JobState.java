package dev.taskwire.samples.automl.server;

import java.util.Locale;

/** A job's life: pending (queued), running, then done or failed for good. */
public enum JobState {
  PENDING,
  RUNNING,
  DONE,
  FAILED;

  public boolean isFinal() {
    return this == DONE || this == FAILED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
