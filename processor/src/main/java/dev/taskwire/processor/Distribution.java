package dev.taskwire.processor;

import com.palantir.javapoet.ClassName;
import java.util.Set;

/**
 * Which tasks of a pipeline a run with a dispatcher sends to other JVMs, decided at compile time by
 * {@code @Distributed}.
 *
 * @param dispatched the names of the dispatched tasks; empty for an ordinary pipeline
 * @param fingerprint the graph's {@link Fingerprint}; null when nothing is dispatched
 * @param remoteTasks the generated {@code FooRemoteTasks}, which workers call the tasks through
 */
record Distribution(Set<String> dispatched, String fingerprint, ClassName remoteTasks) {
  static final Distribution NONE = new Distribution(Set.of(), null, null);

  boolean any() {
    return !dispatched.isEmpty();
  }

  boolean isDispatched(String task) {
    return dispatched.contains(task);
  }

  static ClassName remoteTasksName(ClassName pipeline) {
    return ClassName.get(
        pipeline.packageName(), String.join("_", pipeline.simpleNames()) + "RemoteTasks");
  }
}
