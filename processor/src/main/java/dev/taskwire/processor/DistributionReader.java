package dev.taskwire.processor;

import static com.google.auto.common.MoreElements.getAnnotationMirror;
import static com.google.auto.common.MoreElements.isAnnotationPresent;

import com.google.auto.common.AnnotationMirrors;
import dev.taskwire.Distributed;
import dev.taskwire.Task;
import dev.taskwire.runtime.TaskKind;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Stage two and a half: decides which tasks are dispatched, by the rule documented on {@link
 * Distributed} (the method's own {@code @Distributed} decides; else a {@code @Distributed} class
 * dispatches its sync tasks), then has {@link SerializableCheck} check what crosses the wire. An
 * ordinary pipeline gets {@link Distribution#NONE} and no further checks.
 */
final class DistributionReader {
  private final SerializableCheck serializable;
  private final Diagnostics diagnostics;

  DistributionReader(SerializableCheck serializable, Diagnostics diagnostics) {
    this.serializable = serializable;
    this.diagnostics = diagnostics;
  }

  Distribution read(PipelineModel model) {
    reportStrayAnnotations(model);
    boolean classDefault = distributed(model.type()).orElse(false);
    Set<String> dispatched = new LinkedHashSet<>();
    for (TaskModel task : model.tasks()) {
      boolean byDefault = classDefault && task.kind() != TaskKind.ASYNC;
      if (distributed(task.method()).orElse(byDefault)) {
        dispatched.add(task.name());
      }
    }
    if (dispatched.isEmpty()) {
      return Distribution.NONE;
    }
    serializable.checkPipeline(model, dispatched);
    return new Distribution(
        Set.copyOf(dispatched),
        Fingerprint.of(model, dispatched),
        Distribution.remoteTasksName(model.pipeline()),
        SerialTypes.NONE);
  }

  /** The element's {@code @Distributed} value, if it has the annotation. */
  private static Optional<Boolean> distributed(Element element) {
    return getAnnotationMirror(element, Distributed.class)
        .toJavaUtil()
        .map(
            annotation ->
                (Boolean) AnnotationMirrors.getAnnotationValue(annotation, "value").getValue());
  }

  private void reportStrayAnnotations(PipelineModel model) {
    for (ExecutableElement method : ElementFilter.methodsIn(model.type().getEnclosedElements())) {
      if (!isAnnotationPresent(method, Task.class)) {
        Optional<AnnotationMirror> stray =
            getAnnotationMirror(method, Distributed.class).toJavaUtil();
        stray.ifPresent(
            annotation ->
                diagnostics.error(
                    method,
                    annotation,
                    Messages.distributedWithoutTask(method.getSimpleName().toString())));
      }
    }
  }
}
