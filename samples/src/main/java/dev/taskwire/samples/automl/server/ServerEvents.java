package dev.taskwire.samples.automl.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The server's log of job events, in the order they happened. Tests read it to check ordering and
 * overlap from the server's point of view, never from the client's clock.
 */
public final class ServerEvents {
  private final List<ServerEvent> events = new ArrayList<>();

  synchronized void record(ServerEvent.Type type, Job job, String detail) {
    events.add(
        new ServerEvent(
            events.size(), System.nanoTime(), type, job.id(), job.kind(), job.label(), detail));
  }

  /** Every event so far, oldest first. */
  public synchronized List<ServerEvent> snapshot() {
    return List.copyOf(events);
  }
}
