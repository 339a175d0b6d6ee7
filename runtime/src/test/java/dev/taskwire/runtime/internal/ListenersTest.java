package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A run makes only the events some listener overrides the method of: a listener that ignores an
 * event does not pay for building it.
 */
class ListenersTest {
  /** Overrides one method. */
  static class OnlyFailures implements TaskListener {
    @Override
    public void taskFailed(TaskEvent event) {}
  }

  /** Inherits the override, and adds one. */
  static final class FailuresAndStarts extends OnlyFailures {
    @Override
    public void taskStarted(TaskEvent event) {}
  }

  @Test
  void theEventsWantedAreTheMethodsOverridden() {
    assertNull(
        Listeners.of(List.of(new TaskListener() {})),
        "a listener that overrides nothing is no listener: its runs make no event at all");
    Listeners failures = Listeners.of(List.of(new OnlyFailures()));
    assertTrue(failures.want(Listeners.FAILED));
    assertFalse(failures.want(Listeners.STARTED));
    Listeners both = Listeners.of(List.of(new TaskListener() {}, new FailuresAndStarts()));
    assertTrue(both.want(Listeners.FAILED));
    assertTrue(both.want(Listeners.STARTED));
    assertFalse(both.want(Listeners.SUCCEEDED));
  }

  /** A proxy declares every method of the interface, so it hears every event. */
  @Test
  void aProxyWantsEveryEvent() {
    AtomicInteger calls = new AtomicInteger();
    TaskListener proxy =
        (TaskListener)
            Proxy.newProxyInstance(
                TaskListener.class.getClassLoader(),
                new Class<?>[] {TaskListener.class},
                (self, method, args) -> {
                  if (method.getName().equals("forRun")) {
                    return self;
                  }
                  if (method.getDeclaringClass() == Object.class) {
                    return method.getName().equals("toString") ? "proxy" : null;
                  }
                  calls.incrementAndGet();
                  return null;
                });
    new TestPipeline().value("a", r -> "a").run(RunOptions.defaults().listener(proxy));
    // runStarted, scheduled, started, succeeded, runFinished
    assertEquals(5, calls.get());
  }
}
