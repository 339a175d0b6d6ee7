package dev.taskwire.samples.automl.server;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Failures the server injects on purpose, to show what a client sees when a remote service
 * misbehaves. Immutable: each setting returns a changed copy. {@link #none()} injects nothing.
 */
public final class Faults {
  private static final Faults NONE = new Faults(Set.of(), Set.of(), null, Set.of(), Map.of());

  /** One model configuration: an algorithm's name and its hyper-parameters. */
  private record Configuration(String algorithm, Map<String, Double> parameters) {}

  private final Set<JobKind> failedKinds;
  private final Set<String> rejectedUploads;
  private final JobKind silentFrom;
  private final Set<JobKind> garbledKinds;
  private final Map<Configuration, Integer> failedTrainings;

  private Faults(
      Set<JobKind> failedKinds,
      Set<String> rejectedUploads,
      JobKind silentFrom,
      Set<JobKind> garbledKinds,
      Map<Configuration, Integer> failedTrainings) {
    this.failedKinds = failedKinds;
    this.rejectedUploads = rejectedUploads;
    this.silentFrom = silentFrom;
    this.garbledKinds = garbledKinds;
    this.failedTrainings = failedTrainings;
  }

  public static Faults none() {
    return NONE;
  }

  /** Every job of {@code kind} runs its full latency, then fails with a server-side error. */
  public Faults failJobs(JobKind kind) {
    return new Faults(
        with(failedKinds, kind), rejectedUploads, silentFrom, garbledKinds, failedTrainings);
  }

  /** An upload of a data set named {@code name} is refused at once with HTTP 422. */
  public Faults rejectUploadsNamed(String name) {
    Set<String> names = new HashSet<>(rejectedUploads);
    names.add(name);
    return new Faults(failedKinds, Set.copyOf(names), silentFrom, garbledKinds, failedTrainings);
  }

  /**
   * The server stops answering, as if it hung: from the first request that would start a job of
   * {@code kind}, that request and every later one get no response at all.
   */
  public Faults goSilentFrom(JobKind kind) {
    return new Faults(failedKinds, rejectedUploads, kind, garbledKinds, failedTrainings);
  }

  /** Status responses for jobs of {@code kind} come back as truncated, malformed JSON. */
  public Faults garbleStatusOf(JobKind kind) {
    return new Faults(
        failedKinds, rejectedUploads, silentFrom, with(garbledKinds, kind), failedTrainings);
  }

  /**
   * The first {@code times} training jobs of one configuration (a training of that one algorithm
   * with exactly these hyper-parameters) run their full latency, then fail; later ones succeed. A
   * tuning run with retries then sees a trial fail as many times as it is told.
   */
  public Faults failTrainingsOf(String algorithm, Map<String, Double> parameters, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    Map<Configuration, Integer> failing = new HashMap<>(failedTrainings);
    failing.put(new Configuration(algorithm, Map.copyOf(parameters)), times);
    return new Faults(failedKinds, rejectedUploads, silentFrom, garbledKinds, Map.copyOf(failing));
  }

  public boolean failsJobsOf(JobKind kind) {
    return failedKinds.contains(kind);
  }

  public boolean rejectsUpload(String name) {
    return rejectedUploads.contains(name);
  }

  public Optional<JobKind> silentFrom() {
    return Optional.ofNullable(silentFrom);
  }

  public boolean garblesStatusOf(JobKind kind) {
    return garbledKinds.contains(kind);
  }

  /** How many of the first training jobs of this configuration fail; 0 for none. */
  public int failingTrainingsOf(String algorithm, Map<String, Double> parameters) {
    return failedTrainings.getOrDefault(new Configuration(algorithm, parameters), 0);
  }

  public boolean isNone() {
    return failedKinds.isEmpty()
        && rejectedUploads.isEmpty()
        && silentFrom == null
        && garbledKinds.isEmpty()
        && failedTrainings.isEmpty();
  }

  private static Set<JobKind> with(Set<JobKind> kinds, JobKind kind) {
    EnumSet<JobKind> copy = EnumSet.noneOf(JobKind.class);
    copy.addAll(kinds);
    copy.add(kind);
    return Collections.unmodifiableSet(copy);
  }

  @Override
  public String toString() {
    if (isNone()) {
      return "no faults";
    }
    StringBuilder text = new StringBuilder();
    failedKinds.forEach(kind -> text.append("fail ").append(kind.wireName()).append(" jobs; "));
    rejectedUploads.forEach(name -> text.append("reject upload '").append(name).append("'; "));
    if (silentFrom != null) {
      text.append("stop answering at the first ")
          .append(silentFrom.wireName())
          .append(" request; ");
    }
    garbledKinds.forEach(
        kind -> text.append("garble ").append(kind.wireName()).append(" job status; "));
    failedTrainings.forEach(
        (configuration, times) ->
            text.append("fail the first ")
                .append(times)
                .append(" trainings of ")
                .append(configuration.algorithm())
                .append(' ')
                .append(configuration.parameters())
                .append("; "));
    return text.substring(0, text.length() - 2);
  }
}
