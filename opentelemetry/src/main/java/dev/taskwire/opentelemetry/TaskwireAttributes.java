package dev.taskwire.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;

/** The attributes taskwire sets on its spans. */
public final class TaskwireAttributes {
  /** The pipeline class's name, on every span. */
  public static final AttributeKey<String> PIPELINE = AttributeKey.stringKey("taskwire.pipeline");

  /** The task's name (for an element of a fan-out task: the task's, without the element). */
  public static final AttributeKey<String> TASK = AttributeKey.stringKey("taskwire.task");

  /** The attempt, 1 for the first. */
  public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("taskwire.attempt");

  /** The element's position, on the span of one element of a fan-out task ({@code train[3]}). */
  public static final AttributeKey<Long> ELEMENT = AttributeKey.longKey("taskwire.element");

  /**
   * How an attempt or run ended: {@code succeeded}, {@code failed}, {@code retried} (failed, and
   * another attempt follows) or {@code cancelled}.
   */
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("taskwire.outcome");

  /** On a succeeded attempt: whether its result came from the run's result store. */
  public static final AttributeKey<Boolean> CACHE_HIT =
      AttributeKey.booleanKey("taskwire.cache_hit");

  /**
   * In a run with a result store, on a task's first attempt: whether its stored result was used and
   * why or why not, as {@link dev.taskwire.runtime.store.StoreDecision#words()}: {@code hit},
   * {@code no entry}, {@code inputs changed}, {@code code changed}, ...
   */
  public static final AttributeKey<String> RESULT_STORE =
      AttributeKey.stringKey("taskwire.result_store");

  /** On a run's span: how many tasks it set out to run. */
  public static final AttributeKey<Long> TASKS = AttributeKey.longKey("taskwire.tasks");

  /** On a link: why the spans are linked, {@code prerequisite} or {@code previous attempt}. */
  public static final AttributeKey<String> LINK = AttributeKey.stringKey("taskwire.link");

  private TaskwireAttributes() {}
}
