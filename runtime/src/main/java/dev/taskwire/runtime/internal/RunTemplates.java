package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskGraph;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * The run templates of one generated runner class, one per {@link RunOptions} instance it is built
 * with, so that building a runner costs no work that depends on the graph: a service that builds a
 * runner per request with the same options gets the same template each time, from a field read.
 * Options are held weakly: a template goes when its options are no longer used (the last one asked
 * for stays until another is).
 */
public final class RunTemplates {
  private final TaskGraph graph;
  private final TaskInvoker invoker;

  /** The options asked for last and their template: the common case, one options object. */
  private volatile Last last;

  private final Map<RunOptions, RunTemplate> byOptions =
      Collections.synchronizedMap(new WeakHashMap<>());

  private record Last(WeakReference<RunOptions> options, RunTemplate template) {}

  /** The templates of runs of {@code graph} whose tasks {@code invoker} calls. */
  public RunTemplates(TaskGraph graph, TaskInvoker invoker) {
    this.graph = Objects.requireNonNull(graph, "graph");
    this.invoker = Objects.requireNonNull(invoker, "invoker");
  }

  /** The template of runs with {@code options}, made the first time these options are seen. */
  public RunTemplate forOptions(RunOptions options) {
    Objects.requireNonNull(options, "options");
    Last seen = last;
    if (seen != null && seen.options.get() == options) {
      return seen.template;
    }
    RunTemplate template =
        byOptions.computeIfAbsent(options, key -> RunTemplate.of(graph, invoker, key));
    last = new Last(new WeakReference<>(options), template);
    return template;
  }
}
