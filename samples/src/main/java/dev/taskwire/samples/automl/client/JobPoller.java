package dev.taskwire.samples.automl.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Follows a remote job to its end: polls its status after a delay that grows with each poll, using
 * a timer, so no thread waits between polls. Cancelling the returned future stops polling and asks
 * the server to stop the job, and so does giving up on a job (a poll that timed out or got
 * malformed JSON), so that a failed or cancelled pipeline leaves no work running remotely.
 */
final class JobPoller {
  private final ScheduledExecutorService timer;
  private final ClientConfig config;
  private final Function<String, CompletableFuture<JobStatus>> fetch;
  private final Function<String, CompletableFuture<JobStatus>> stop;
  private final Function<String, String> pollCall;

  /** Jobs being followed, so that closing the client can fail them instead of leaving them hung. */
  private final Set<Followed<?>> following = ConcurrentHashMap.newKeySet();

  /**
   * @param fetch one status request for a job id
   * @param stop one stop request for a job id
   * @param pollCall names the poll call for a job id, for error messages
   */
  JobPoller(
      ScheduledExecutorService timer,
      ClientConfig config,
      Function<String, CompletableFuture<JobStatus>> fetch,
      Function<String, CompletableFuture<JobStatus>> stop,
      Function<String, String> pollCall) {
    this.timer = timer;
    this.config = config;
    this.fetch = fetch;
    this.stop = stop;
    this.pollCall = pollCall;
  }

  /**
   * Follows the job that {@code submitted} creates until it is done, then converts its result.
   *
   * @param what the job in words, for messages: "upload of 'train'"
   * @param resultOf reads the done job's result; may throw {@link MalformedResponseException}
   */
  <T> CompletableFuture<T> follow(
      String what, CompletableFuture<JobStatus> submitted, Function<JobStatus, T> resultOf) {
    Followed<T> job = new Followed<>(what, resultOf);
    following.add(job);
    // Clean-up that throws nothing (stopRemote catches what the stop request throws).
    var unused =
        job.result.whenComplete(
            (value, failure) -> {
              following.remove(job);
              if (failure != null && !(unwrap(failure) instanceof JobFailedException)) {
                job.stopRemote(); // cancelled, or given up on: leave nothing running on the server
              }
            });
    job.onStatus(
        submitted,
        status -> {
          job.jobId = status.id();
          if (job.result.isCompletedExceptionally()) {
            job.stopRemote(); // cancelled before the server told us the job's id
            return;
          }
          job.handle(status, config.firstPollDelay());
        });
    return job.result;
  }

  /** Fails every job still being followed: the client is closing and will poll no more. */
  void abandonAll() {
    for (Followed<?> job : Set.copyOf(following)) {
      job.result.completeExceptionally(
          new IllegalStateException("the AutoML client was closed while following a job"));
    }
  }

  /** One job being followed: its result future, its id once known, and its next delay. */
  private final class Followed<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    final String what;
    final Function<JobStatus, T> resultOf;
    final AtomicBoolean stopSent = new AtomicBoolean();
    volatile String jobId;

    Followed(String what, Function<JobStatus, T> resultOf) {
      this.what = what;
      this.resultOf = resultOf;
    }

    void handle(JobStatus status, Duration nextDelay) {
      if (result.isDone()) {
        return;
      }
      switch (status.state()) {
        case DONE -> {
          try {
            result.complete(resultOf.apply(status));
          } catch (RuntimeException malformed) {
            result.completeExceptionally(malformed);
          }
          return;
        }
        case FAILED -> {
          result.completeExceptionally(
              new JobFailedException(pollCall.apply(jobId), jobId, what, status.error()));
          return;
        }
        default -> schedulePoll(nextDelay);
      }
    }

    private void schedulePoll(Duration delay) {
      Duration after = next(delay);
      try {
        // poll() hands every failure to the job, so the timer's future never holds one.
        var unused =
            timer.schedule(
                () -> {
                  if (!result.isDone()) {
                    poll(after);
                  }
                },
                delay.toNanos(),
                TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closed) {
        result.completeExceptionally(
            new IllegalStateException("the AutoML client was closed while following " + what));
      }
    }

    private void poll(Duration nextDelay) {
      CompletableFuture<JobStatus> status;
      try {
        status = fetch.apply(jobId);
      } catch (RuntimeException notSent) {
        result.completeExceptionally(notSent);
        return;
      }
      onStatus(status, polled -> handle(polled, nextDelay));
    }

    /**
     * Runs {@code next} with the status {@code answer} brings; if the answer fails, or {@code next}
     * throws, the job fails with that instead of hanging unfinished.
     */
    void onStatus(CompletableFuture<JobStatus> answer, Consumer<JobStatus> next) {
      var unused = // every failure ends in result; this stage's own outcome adds nothing
          answer
              .thenAccept(next)
              .exceptionally(
                  failure -> {
                    result.completeExceptionally(unwrap(failure));
                    return null;
                  });
    }

    /** Best effort: the stop request's own outcome changes nothing for the caller. */
    void stopRemote() {
      String id = jobId;
      if (id != null && stopSent.compareAndSet(false, true)) {
        try {
          var unused = stop.apply(id); // its outcome changes nothing here
        } catch (RuntimeException closed) {
          // The client is closing; the server fails its open jobs when it closes too.
        }
      }
    }
  }

  private Duration next(Duration delay) {
    long grown = (long) (delay.toNanos() * config.backoff());
    return Duration.ofNanos(Math.min(Math.max(grown, 1), config.maxPollDelay().toNanos()));
  }

  static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
