package dev.taskwire.hazelcast;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waits for the mark a {@link VictimPipeline} task puts when its first attempt is running. */
final class Marks {
  private Marks() {}

  /** Listens before the run starts, so the mark cannot be missed; completes with the UUID. */
  static CompletableFuture<String> awaitMark(HazelcastInstance driver, String runId) {
    IMap<String, String> marks = driver.getMap(VictimPipeline.MARKS);
    CompletableFuture<String> marked = new CompletableFuture<>();
    UUID registration =
        marks.addEntryListener(
            (EntryAddedListener<String, String>)
                (EntryEvent<String, String> event) -> {
                  if (event.getKey().equals(runId)) {
                    marked.complete(event.getValue());
                  }
                },
            runId,
            true);
    return marked.whenComplete((uuid, failure) -> marks.removeEntryListener(registration));
  }

  /** Completes with the next value put under {@code key}, which already holds one. */
  static CompletableFuture<String> awaitUpdate(HazelcastInstance driver, String key) {
    IMap<String, String> marks = driver.getMap(VictimPipeline.MARKS);
    CompletableFuture<String> updated = new CompletableFuture<>();
    UUID registration =
        marks.addEntryListener(
            (EntryUpdatedListener<String, String>)
                (EntryEvent<String, String> event) -> updated.complete(event.getValue()),
            key,
            true);
    return updated.whenComplete((value, failure) -> marks.removeEntryListener(registration));
  }

  static String await(CompletableFuture<String> mark, Duration limit) throws Exception {
    return mark.get(limit.toMillis(), TimeUnit.MILLISECONDS);
  }
}
