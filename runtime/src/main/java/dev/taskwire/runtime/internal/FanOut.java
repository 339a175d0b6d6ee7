package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.TaskKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Fan-out tasks: a task that runs once per element of a collection runs its elements as a run of
 * their own (one independent task per element) on its parent's executor and listeners, under the
 * parent's failure policy and the task's concurrency limit. The task holds no thread meanwhile; it
 * ends, in the parent, when its elements have all ended.
 */
final class FanOut {
  private FanOut() {}

  /** What an element run knows of the fan-out task it belongs to; plain runs have none. */
  static final class Parent {
    private static final VarHandle NEXT_SOURCE;

    static {
      try {
        NEXT_SOURCE = MethodHandles.lookup().findVarHandle(Parent.class, "nextSource", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    /** The run the fan-out task belongs to. */
    final Scheduler run;

    /** The fan-out task's index in that run. */
    final int task;

    /** The elements, each the argument of one task of the element run, in the same order. */
    final Object[] elements;

    /** How many elements may be in the run at once; 0 for no limit. */
    final int throttle;

    /** With a throttle: the next source to release when a task leaves. */
    volatile int nextSource;

    Parent(Scheduler run, int task, Object[] elements, int throttle) {
      this.run = run;
      this.task = task;
      this.elements = elements;
      this.throttle = throttle;
    }

    int releaseNext() {
      return (int) NEXT_SOURCE.getAndAdd(this, 1);
    }
  }

  /**
   * Starts the elements of fan-out task {@code task} of {@code run}; returns EMPTY or the next
   * task.
   */
  static int startElements(Scheduler run, int task, Thread thread) {
    Scheduler elementRun;
    try {
      elementRun = elementRun(run, task);
    } catch (Throwable failed) { // whatever a user's Iterable throws; an OutOfMemoryError too
      run.release(task, thread);
      return run.finish(task, null, failed);
    }
    run.release(task, thread);
    if (elementRun == null) {
      return run.finish(task, run.graph.kind(task) == TaskKind.VOID ? null : List.of(), null);
    }
    run.setInFlight(task, elementRun);
    // stop() sets the phase, then scans in-flight slots: it either sees the elements or we see it.
    if (!run.isActive()) {
      elementRun.cancel();
    }
    elementRun.startHere();
    return ReadyStack.EMPTY;
  }

  /**
   * The run of the elements of fan-out task {@code task}, not started; null if there are none.
   * Calls the user's Iterable, and allocates in proportion to the elements.
   */
  private static Scheduler elementRun(Scheduler run, int task) {
    GraphTable graph = run.graph;
    int source = graph.forEachSource(task);
    Object[] elements = elementsOf(run.slots[source], graph.name(source));
    if (elements.length == 0) {
      return null;
    }
    GraphTable elementGraph = graph.elementGraph(task, elements.length);
    TaskInvoker invoker = run.template.invoker;
    // Resuming with the same elements: those that succeeded keep their results.
    Scheduler before = Resumption.resumedElements(run, task);
    RunPlan plan =
        before != null && before.graph.size() == elements.length
            ? Resumption.remainder(before)
            : null;
    return new Scheduler(
        run.template.forElements(
            elementGraph,
            ContextInvoker.forElements(invoker, task, elements, run),
            graph.elementsKeepGoing(task)),
        run.pipeline(),
        plan,
        new Parent(run, task, elements, graph.maxConcurrency(task)));
  }

  static Object[] elementsOf(Object collection, String source) {
    if (collection == null) {
      throw new NullPointerException(
          "task '" + source + "' returned null instead of elements to run for");
    }
    if (collection instanceof Collection<?> list) {
      return list.toArray();
    }
    if (collection instanceof Iterable<?> iterable) {
      List<Object> list = new ArrayList<>();
      iterable.forEach(list::add);
      return list.toArray();
    }
    if (collection.getClass().isArray()) {
      Object[] elements = new Object[Array.getLength(collection)];
      Arrays.setAll(elements, i -> Array.get(collection, i));
      return elements;
    }
    throw new IllegalArgumentException(
        "task '"
            + source
            + "' returned a "
            + collection.getClass().getName()
            + ", which is neither an Iterable nor an array");
  }

  /**
   * For the thread in {@code run()}, which has no task of its own run to take: takes one ready
   * element of a fan-out in flight and runs it; false if there was none. On a small pool the
   * helpers of the elements may wait behind that very thread (a task that calls {@code run()} of a
   * pipeline with a fan-out), so it must work the elements too.
   */
  static boolean runReadyElement(Scheduler run) {
    for (int task : run.graph.fanOuts()) {
      if (run.inFlight(task) instanceof Scheduler elements) {
        int element = elements.pop();
        if (element != ReadyStack.EMPTY) {
          elements.runPopped(element, -1);
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a fan-out in flight has an element ready to run. */
  static boolean hasReadyElement(Scheduler run) {
    for (int task : run.graph.fanOuts()) {
      if (run.inFlight(task) instanceof Scheduler elements && elements.hasReady()) {
        return true;
      }
    }
    return false;
  }

  /** On the thread that ended the last element: the fan-out task ends the same way. */
  static void elementsSettled(Parent parent, Scheduler elements) {
    Scheduler run = parent.run;
    int task = parent.task;
    Object result = null;
    Throwable failure;
    try { // the result list is as long as the elements: building it may run out of memory
      failure = outcomeOf(parent, elements);
      if (failure == null && run.graph.kind(task) != TaskKind.VOID) {
        result =
            Collections.unmodifiableList(
                Arrays.asList(Arrays.copyOf(elements.slots, elements.graph.size())));
      }
    } catch (Throwable failed) {
      failure = failed;
    }
    run.pushIfReady(run.finish(task, result, failure));
    run.setInFlight(task, null);
  }

  /** Null if every element succeeded; else what the fan-out task fails with. */
  private static Throwable outcomeOf(Parent parent, Scheduler elements) {
    switch (elements.phase()) {
      case PipelineRun.SUCCEEDED -> {
        return null;
      }
      case PipelineRun.FAILED -> {
        Resumption.keepUnfinished(parent.run, parent.task, elements);
        return elements.failures.snapshot().values().iterator().next();
      }
      default -> {
        Resumption.keepUnfinished(parent.run, parent.task, elements);
        return new CancellationException(
            "the elements of task '" + parent.run.graph.name(parent.task) + "' were cancelled");
      }
    }
  }
}
