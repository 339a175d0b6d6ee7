package dev.taskwire.processor;

import com.palantir.javapoet.ClassName;
import java.util.Set;

/**
 * Which tasks of a pipeline a run with a dispatcher sends to other JVMs, decided at compile time by
 * {@code @Distributed}, and what every value that leaves the JVM (to another one, or to a result
 * store) may hold when it is read back.
 *
 * @param dispatched the names of the dispatched tasks; empty for an ordinary pipeline
 * @param fingerprint the graph's {@link Fingerprint}; null when nothing is dispatched
 * @param remoteTasks the generated {@code FooRemoteTasks}, which workers call the tasks through
 * @param serialTypes what results and dispatched calls may hold; see {@link SerialTypesReader}
 */
record Distribution(
    Set<String> dispatched, String fingerprint, ClassName remoteTasks, SerialTypes serialTypes) {
  static final Distribution NONE = new Distribution(Set.of(), null, null, SerialTypes.NONE);

  /** This distribution, with what its values may hold. */
  Distribution with(SerialTypes serialTypes) {
    return new Distribution(dispatched, fingerprint, remoteTasks, serialTypes);
  }

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
