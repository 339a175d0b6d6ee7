package dev.taskwire;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as one step of a pipeline.
 *
 * <p>For a class {@code Foo} with {@code @Task} methods, the taskwire annotation processor
 * generates {@code FooRunner} in the same package; it runs every task as soon as the tasks it
 * depends on have finished, independent tasks at the same time.
 *
 * <pre>{@code
 * class Pipeline {
 *   @Task Dataset uploadTrain() { ... }
 *   @Task CompletableFuture<Dataset> uploadForecast() { ... }          // async: holds no thread
 *   @Task Model train(@DependsOn("uploadTrain") Dataset train) { ... }
 *   @Task Predictions predict(@DependsOn("train") Model model,
 *                             @DependsOn("uploadForecast") Dataset rows) { ... }
 * }
 *
 * PipelineRunner.Results results = new PipelineRunner(new Pipeline()).run();
 * Predictions predictions = results.predict();
 * }</pre>
 *
 * <p>Rules, each checked at compile time:
 *
 * <ul>
 *   <li>The task's name is the method's name, so task names are unique: no two {@code @Task}
 *       methods of one class may share a name (overloads).
 *   <li>A task method may be static or an instance method, must not be private, abstract or
 *       generic, and must be declared in a top-level or static nested class.
 *   <li>It may return a value, {@code void}, or a {@code CompletableFuture<T>} / {@code
 *       CompletionStage<T>}. A task returning a future is <em>async</em>: its result is {@code T},
 *       and no thread waits while the future is pending.
 *   <li>Every parameter carries {@link DependsOn} and receives that task's result, or {@link
 *       ForEach} and receives one element of it per run.
 *   <li>The dependencies form no cycle.
 * </ul>
 *
 * <p>{@code @Task(timeout = "30s", retries = 3)} bounds each attempt and retries failed ones with
 * exponential backoff and jitter; no thread waits during a backoff. An async task's attempts may
 * overlap (a timed-out attempt's cancelled future may not stop its work) unless {@code
 * oneAttemptAtATime = true}.
 *
 * <p>A task may declare checked exceptions. If it throws, the run fails with a {@code
 * dev.taskwire.runtime.PipelineException} that names the task and carries the exception as its
 * cause; tasks that depend on it never run.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Task {
  /**
   * How long one attempt may take, e.g. {@code "30s"}, {@code "500ms"}, {@code "2m"}, {@code "1h"}
   * or ISO-8601 {@code "PT1M30S"}; empty (the default) for no limit. An attempt that runs out of
   * time fails with a {@code TimeoutException} naming the task and the limit: a sync task is
   * interrupted (so it must respond to interrupts to end early), an async task's future is
   * cancelled. Checked at compile time.
   */
  String timeout() default "";

  /**
   * How many times a failed attempt is retried; 0 (the default) for none. Only failures of the
   * {@link #retryOn()} types are retried, never an {@code Error}, a cancellation, or anything once
   * the run is stopping. Retried tasks should be idempotent.
   */
  int retries() default 0;

  /** The wait before the first retry; it doubles for each further one. Same syntax as timeout. */
  String backoff() default "100ms";

  /** The longest wait between two attempts. Same syntax as timeout. */
  String maxBackoff() default "30s";

  /** The failures worth retrying, with their subtypes; by default every exception. */
  Class<? extends Exception>[] retryOn() default {Exception.class};

  /**
   * For a task with a {@link ForEach} parameter: how many of its elements may run at once; 0 (the
   * default) for no limit beyond the executor's. An async element counts until its future
   * completes, and one waiting for a retry keeps its place.
   */
  int maxConcurrency() default 0;

  /**
   * The name of a shared limit this task takes a permit of for each call (each element's, for a
   * {@link ForEach} task), or empty (the default) for none. The run's options say how many calls of
   * all the tasks naming it may run at once, across every run that shares them: {@code
   * RunOptions.defaults().limit("automl", 4)}, for a service that takes four requests of an account
   * at a time. A task waiting for a permit holds no thread; a run whose options do not set the
   * limit refuses to start, naming it.
   */
  String limit() default "";

  /**
   * For an async task with a {@link #timeout()} and {@link #retries()}: at most one attempt at a
   * time. An attempt that times out fails with its {@code TimeoutException} as usual (listeners
   * hear {@code taskRetried}), but its future is not cancelled, and the next attempt starts only
   * once that future has completed, however it completes (its outcome is disregarded), and the
   * backoff has passed. By default (false) the timed-out attempt's future is cancelled and the
   * retry follows the backoff; cancelling a future stops only work that watches it, so work started
   * with {@code supplyAsync}, say, keeps running next to the retry.
   *
   * <p>The cost: a future that never completes holds the retry forever; the run's deadline or
   * {@code cancel()} still ends it, and then the future is cancelled and the task ends cancelled.
   * The last attempt's future is cancelled when it times out, as without this setting. Allowed only
   * on an async task (a sync attempt that times out is interrupted, and its retry starts only once
   * it has returned) with a timeout and retries; anything else is a compile error.
   */
  boolean oneAttemptAtATime() default false;
}
