package dev.taskwire.samples.automl.server;

import dev.taskwire.samples.automl.DaemonPools;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs jobs: each job's work runs on a small worker pool, and the job ends once its work is done,
 * its configured latency has passed (a timer, not a sleeping thread) and its kind is not held. A
 * job that is waiting therefore holds no thread on the server either.
 */
final class JobRunner implements AutoCloseable {
  private final ServerConfig config;
  private final ServerEvents events;
  private final JobGates gates = new JobGates();
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<JobKind, AtomicInteger> open = new EnumMap<>(JobKind.class);
  private final Map<JobKind, AtomicInteger> peakOpen = new EnumMap<>(JobKind.class);

  JobRunner(ServerConfig config, ServerEvents events) {
    this.config = config;
    this.events = events;
    this.workers = DaemonPools.fixed("automl-server-worker", config.workerThreads());
    this.timer = DaemonPools.timer("automl-server-timer");
    for (JobKind kind : JobKind.values()) {
      open.put(kind, new AtomicInteger());
      peakOpen.put(kind, new AtomicInteger());
    }
  }

  /** Creates a job of {@code kind} that computes {@code work}; returns it at once, pending. */
  Job submit(JobKind kind, String label, Supplier<Object> work) {
    Job job =
        new Job(
            "job-" + ids.incrementAndGet(),
            kind,
            label,
            config.latency(kind),
            System.nanoTime(),
            this::ended);
    jobs.put(job.id(), job);
    int nowOpen = open.get(kind).incrementAndGet();
    peakOpen.get(kind).accumulateAndGet(nowOpen, Math::max);
    events.record(ServerEvent.Type.CREATED, job, "");
    try {
      CompletableFuture<Object> result =
          CompletableFuture.supplyAsync(() -> runWork(job, work), workers);
      CompletableFuture<Void> latency = new CompletableFuture<>();
      // Completing a future throws nothing (dependents' failures stay in their own futures).
      var unusedTimer =
          timer.schedule(
              () -> latency.complete(null), config.latency(kind).toNanos(), TimeUnit.NANOSECONDS);
      // settle ends the job whatever happened, the work's failure included; it throws nothing.
      var unusedSettled =
          CompletableFuture.allOf(result, latency, gates.gate(kind, label))
              .whenComplete((ignored, failure) -> settle(job, result));
    } catch (RejectedExecutionException closing) {
      job.fail("the server is shutting down");
    }
    return job;
  }

  private Object runWork(Job job, Supplier<Object> work) {
    if (!job.markRunning()) {
      return null; // stopped while queued: skip the work, the job has already ended
    }
    events.record(ServerEvent.Type.RUNNING, job, "");
    return work.get();
  }

  private void settle(Job job, CompletableFuture<Object> result) {
    try {
      job.complete(result.join());
    } catch (CompletionException failed) {
      Throwable cause = failed.getCause();
      job.fail(cause instanceof JobFailure ? cause.getMessage() : "internal error: " + cause);
    }
  }

  private void ended(Job job) {
    open.get(job.kind()).decrementAndGet();
    Job.Snapshot end = job.snapshot(System.nanoTime());
    events.record(
        end.state() == JobState.DONE ? ServerEvent.Type.DONE : ServerEvent.Type.FAILED,
        job,
        end.error() == null ? "" : end.error());
  }

  Optional<Job> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  List<Job> all() {
    List<Job> all = new ArrayList<>(jobs.values());
    all.sort((a, b) -> Integer.compare(number(a), number(b)));
    return all;
  }

  private static int number(Job job) {
    return Integer.parseInt(job.id().substring("job-".length()));
  }

  int openJobs(JobKind kind) {
    return open.get(kind).get();
  }

  int peakOpenJobs(JobKind kind) {
    return peakOpen.get(kind).get();
  }

  JobGates gates() {
    return gates;
  }

  /** Fails every job still open and stops the worker and timer threads. */
  @Override
  public void close() {
    DaemonPools.shutdown(timer);
    DaemonPools.shutdown(workers);
    for (Job job : jobs.values()) {
      job.fail("the server shut down");
    }
  }
}
