package dev.taskwire.processor;

import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a pipeline's values may hold when a JVM reads them back from Java serialization, for the
 * writers: the graph's {@code .returning(Model.class, "app.Weights")} per task, and the {@code
 * callClasses} of its {@code FooRemoteTasks}. Each list names binary class names beyond the JDK's
 * values and collections, which the runtime's {@code AllowList} always admits.
 *
 * @param resultTypes per task with a result, the boxed raw type its method produces (the future's
 *     value for an async task, one element's result for a fan-out)
 * @param resultHolds per task with a result, what that result may hold besides the result type's
 *     own class, sorted
 * @param callClasses per dispatched task, what its pipeline object and arguments may hold, sorted
 */
record SerialTypes(
    Map<String, TypeName> resultTypes,
    Map<String, List<String>> resultHolds,
    Map<String, Set<String>> callClasses) {
  static final SerialTypes NONE = new SerialTypes(Map.of(), Map.of(), Map.of());
}
