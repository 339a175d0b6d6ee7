package dev.taskwire.processor;

import com.palantir.javapoet.ClassName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * A pipeline class that passed the collector's checks: its tasks in declaration order.
 *
 * @param runner the generated class: {@code FooRunner}, or {@code Outer_FooRunner} for a nested
 *     {@code Outer.Foo}
 * @param indexByName each task's index in {@code tasks}, the first one for a duplicated name
 */
record PipelineModel(
    TypeElement type,
    ClassName pipeline,
    ClassName runner,
    List<TaskModel> tasks,
    Map<String, Integer> indexByName) {

  static PipelineModel of(
      TypeElement type, ClassName pipeline, ClassName runner, List<TaskModel> tasks) {
    Map<String, Integer> indexByName = new HashMap<>();
    for (int index = 0; index < tasks.size(); index++) {
      indexByName.putIfAbsent(tasks.get(index).name(), index);
    }
    return new PipelineModel(type, pipeline, runner, List.copyOf(tasks), Map.copyOf(indexByName));
  }

  static ClassName runnerName(ClassName pipeline) {
    return ClassName.get(
        pipeline.packageName(), String.join("_", pipeline.simpleNames()) + "Runner");
  }

  /** The index of the task called {@code name}, or null if there is none. */
  Integer indexOf(String name) {
    return indexByName.get(name);
  }
}
