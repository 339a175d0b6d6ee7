package dev.taskwire.samples.automl.server;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Failures the server injects on purpose, to show what a client sees when a remote service
 * misbehaves. Immutable: each setting returns a changed copy. {@link #none()} injects nothing.
 */
public final class Faults {
  private static final Faults NONE = new Faults(Set.of(), Set.of(), null, Set.of());

  private final Set<JobKind> failedKinds;
  private final Set<String> rejectedUploads;
  private final JobKind silentFrom;
  private final Set<JobKind> garbledKinds;

  private Faults(
      Set<JobKind> failedKinds, Set<String> rejectedUploads, JobKind silentFrom,
      Set<JobKind> garbledKinds) {
    this.failedKinds = failedKinds;
    this.rejectedUploads = rejectedUploads;
    this.silentFrom = silentFrom;
    this.garbledKinds = garbledKinds;
  }

  public static Faults none() {
    return NONE;
  }

  /** Every job of {@code kind} runs its full latency, then fails with a server-side error. */
  public Faults failJobs(JobKind kind) {
    return new Faults(with(failedKinds, kind), rejectedUploads, silentFrom, garbledKinds);
  }

  /** An upload of a data set named {@code name} is refused at once with HTTP 422. */
  public Faults rejectUploadsNamed(String name) {
    Set<String> names = new HashSet<>(rejectedUploads);
    names.add(name);
    return new Faults(failedKinds, Set.copyOf(names), silentFrom, garbledKinds);
  }

  /**
   * The server stops answering, as if it hung: from the first request that would start a job of
   * {@code kind}, that request and every later one get no response at all.
   */
  public Faults goSilentFrom(JobKind kind) {
    return new Faults(failedKinds, rejectedUploads, kind, garbledKinds);
  }

  /** Status responses for jobs of {@code kind} come back as truncated, malformed JSON. */
  public Faults garbleStatusOf(JobKind kind) {
    return new Faults(failedKinds, rejectedUploads, silentFrom, with(garbledKinds, kind));
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

  public boolean isNone() {
    return failedKinds.isEmpty() && rejectedUploads.isEmpty() && silentFrom == null
        && garbledKinds.isEmpty();
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
      text.append("stop answering at the first ").append(silentFrom.wireName())
          .append(" request; ");
    }
    garbledKinds.forEach(
        kind -> text.append("garble ").append(kind.wireName()).append(" job status; "));
    return text.substring(0, text.length() - 2);
  }
}
