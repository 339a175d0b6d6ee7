package dev.taskwire.runtime;

import java.util.Objects;
import java.util.function.Function;

/**
 * How an upstream task ended, for a task that wants to handle its failure instead of being skipped.
 * Declare the parameter as {@code @DependsOn("train") Outcome<Model> trained}: the task then runs
 * when {@code train} succeeds <em>or fails</em>, and decides for itself.
 *
 * <pre>{@code
 * @Task Model model(@DependsOn("train") Outcome<Model> trained) {
 *   return trained.orElseGet(failure -> cache.lastGoodModel());
 * }
 * }</pre>
 *
 * <p>If every dependent of a task takes its {@code Outcome}, that task's failure is handled: it is
 * reported to listeners but does not fail the run. An upstream task that never ran (because a task
 * before it failed, or the run stopped) gives no outcome, and the dependent does not run either.
 */
public final class Outcome<T> implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final T value;
  private final Throwable failure;

  private Outcome(T value, Throwable failure) {
    this.value = value;
    this.failure = failure;
  }

  public static <T> Outcome<T> success(T value) {
    return new Outcome<>(value, null);
  }

  public static <T> Outcome<T> failure(Throwable failure) {
    return new Outcome<>(null, Objects.requireNonNull(failure, "failure"));
  }

  public boolean isSuccess() {
    return failure == null;
  }

  /**
   * The upstream task's result.
   *
   * @throws IllegalStateException if it failed, with that failure as the cause
   */
  public T value() {
    if (failure != null) {
      throw new IllegalStateException("the task failed: " + failure, failure);
    }
    return value;
  }

  /** The upstream task's failure, or null if it succeeded. */
  public Throwable failure() {
    return failure;
  }

  public T orElse(T fallback) {
    return failure == null ? value : fallback;
  }

  public T orElseGet(Function<? super Throwable, ? extends T> fallback) {
    return failure == null ? value : fallback.apply(failure);
  }

  @Override
  public String toString() {
    return failure == null ? "Outcome.success(" + value + ")" : "Outcome.failure(" + failure + ")";
  }
}
