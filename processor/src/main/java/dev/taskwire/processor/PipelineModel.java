package dev.taskwire.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A pipeline class that passed the collector's checks: its tasks in declaration order.
 *
 * @param runner the generated class: {@code FooRunner}, or {@code Outer_FooRunner} for a nested
 *     {@code Outer.Foo}
 */
record PipelineModel(TypeElement type, ClassName pipeline, ClassName runner, List<TaskModel> tasks) {

  static ClassName runnerName(ClassName pipeline) {
    return ClassName.get(
        pipeline.packageName(), String.join("_", pipeline.simpleNames()) + "Runner");
  }
}
