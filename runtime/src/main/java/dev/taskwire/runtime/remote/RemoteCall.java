package dev.taskwire.runtime.remote;

import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.serial.AllowList;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One attempt of a dispatched task, as a {@link TaskDispatcher} receives it: what a worker needs to
 * find the task ({@link #pipeline()}, {@link #task()}), to check that it runs the same build
 * ({@link #fingerprint()}), and to call it ({@link #instance()}, {@link #arguments()}).
 */
public final class RemoteCall {
  private final String pipeline;
  private final String fingerprint;
  private final String task;
  private final int attempt;
  private final Object instance;
  private final Object[] arguments;
  private final Class<?> resultType;
  private final AllowList resultAllowList;
  private final Map<String, String> context;

  /**
   * A call whose result may hold only the JDK's values and collections, of any type.
   *
   * @param instance the pipeline object whose method is called, or null for a static task
   * @param arguments the task's arguments in parameter order; the call keeps the array
   */
  public RemoteCall(
      String pipeline,
      String fingerprint,
      String task,
      int attempt,
      Object instance,
      Object[] arguments) {
    this(
        pipeline,
        fingerprint,
        task,
        attempt,
        instance,
        arguments,
        null,
        AllowList.of("the result of task '" + task + "' of " + pipeline, Set.of()),
        Map.of());
  }

  /**
   * @param resultType what the task method produces (boxed), or null if not known
   * @param resultAllowList the classes its result may hold, which a dispatcher reads it through
   * @param context the fields of the run's context that travel with the call ({@link
   *     dev.taskwire.runtime.ContextPropagator.Remote}), possibly empty; copied
   */
  public RemoteCall(
      String pipeline,
      String fingerprint,
      String task,
      int attempt,
      Object instance,
      Object[] arguments,
      Class<?> resultType,
      AllowList resultAllowList,
      Map<String, String> context) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    this.task = Objects.requireNonNull(task, "task");
    this.attempt = attempt;
    this.instance = instance;
    this.arguments = Objects.requireNonNull(arguments, "arguments");
    this.resultType = resultType;
    this.resultAllowList = Objects.requireNonNull(resultAllowList, "resultAllowList");
    this.context = Map.copyOf(context);
  }

  /** The pipeline class's canonical name, as in {@link TaskGraph#pipeline()}. */
  public String pipeline() {
    return pipeline;
  }

  /** The driver's graph fingerprint, which a worker compares with its own build's. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The task's name: its method's name, unique in the pipeline and stable across builds. */
  public String task() {
    return task;
  }

  /** 1 for the first attempt; retries and re-runs after a lost worker count up. */
  public int attempt() {
    return attempt;
  }

  /** The pipeline object, or null when the task method is static. */
  public Object instance() {
    return instance;
  }

  /** The arguments in parameter order. Shared, not copied: do not modify. */
  public Object[] arguments() {
    return arguments;
  }

  /**
   * The type the task method produces (boxed; for an async task, its future's value), or null if
   * not known. A dispatcher that reads a result of another type back fails the call.
   */
  public Class<?> resultType() {
    return resultType;
  }

  /**
   * The classes the result may hold: a dispatcher that reads the result from bytes reads it through
   * this list ({@link AllowList#read}), and a failure's exception through this list {@link
   * AllowList#and and} {@link AllowList#EXCEPTIONS}.
   */
  public AllowList resultAllowList() {
    return resultAllowList;
  }

  /**
   * The fields of the driver's context that travel with the call, for the worker to restore with
   * its {@link dev.taskwire.runtime.ContextPropagator.Remote}s around the task; empty if none.
   */
  public Map<String, String> context() {
    return context;
  }

  @Override
  public String toString() {
    return "RemoteCall{" + pipeline + "." + task + ", attempt " + attempt + "}";
  }
}
