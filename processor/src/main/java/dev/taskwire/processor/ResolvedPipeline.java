package dev.taskwire.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A pipeline whose graph {@link GraphValidator} has checked, as the writers read it: every
 * dependency already knows its upstream task's number and the type the runner reads from it, so no
 * writer looks up a name or asks a type question again.
 *
 * @param runner the generated class: {@code FooRunner}, or {@code Outer_FooRunner} for a nested
 *     {@code Outer.Foo}
 * @param tasks in declaration order: a task's {@link ResolvedTask#index()} is its position here
 */
record ResolvedPipeline(
    TypeElement type, ClassName pipeline, ClassName runner, List<ResolvedTask> tasks) {

  /** The pipeline class's canonical name, which the graph and the fingerprint are known by. */
  String canonicalName() {
    return type.getQualifiedName().toString();
  }

  /** Whether a task runs once per element of another's result. */
  boolean hasFanOut() {
    return tasks.stream().anyMatch(ResolvedTask::isFanOut);
  }
}
