package dev.taskwire.processor;

import com.google.auto.common.MoreElements;
import com.google.auto.service.AutoService;
import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The taskwire annotation processor: for each class with {@code @Task} methods, checks the
 * dependency graph and generates {@code FooRunner}.
 *
 * <p>{@link PipelineStep} takes each class through the stages, each its own class:
 *
 * <ol>
 *   <li>{@link PipelineCollector} reads the class, its methods and parameters ({@link
 *       TaskSettingsReader} the {@code @Task} attributes) into a {@link PipelineModel} of {@link
 *       TaskModel}s and {@link DependencyModel}s, whose dependencies are names;
 *   <li>{@link GraphValidator} checks names, types and cycles ({@link CycleFinder}) and returns the
 *       {@link ResolvedPipeline} of {@link ResolvedTask}s and {@link ResolvedDependency}s, in which
 *       every name is resolved;
 *   <li>{@link DistributionReader} decides which tasks are {@code @Distributed} ({@link
 *       SerializableCheck}, {@link Fingerprint}) into a {@link Distribution};
 *   <li>{@link ClassFileLimits} checks that the generated classes will fit the class-file format;
 *   <li>if the class raised no error, the writers: {@link RunnerWriter} ({@code FooRunner}, with
 *       {@link GraphWriter}, {@link InvokerWriter}, {@link ResultsWriter} and {@link TargetWriter},
 *       split by {@link Chunks} when large), {@link GraphPictureWriter} ({@code FooRunner.mmd}) and
 *       {@link RemoteTasksWriter} ({@code FooRemoteTasks}), and at the end of processing {@link
 *       ServiceRegistrations}.
 * </ol>
 *
 * <p>{@link Diagnostics} reports each error on its element with the wording of {@link Messages};
 * generated code names runtime classes through {@link RuntimeNames}. A class waits for a later
 * round, by name, while a type in its task signatures does not exist yet, e.g. one that another
 * processor generates ({@link PipelineStep} checks them with auto-common's {@code
 * SuperficialValidation}, {@link UnresolvedAnnotations} the annotations javac dropped). Only the
 * signatures count, not the whole class as auto-common's {@code BasicAnnotationProcessor} would
 * have it: a field or method that names the runner itself must not wait for the runner. The
 * processor never claims the annotations.
 */
@AutoService(Processor.class)
public final class TaskProcessor extends AbstractProcessor {
  private static final Set<String> ANNOTATIONS =
      Stream.of(Task.class, DependsOn.class, ForEach.class, Distributed.class)
          .map(Class::getCanonicalName)
          .collect(Collectors.toUnmodifiableSet());

  private final ServiceRegistrations services = new ServiceRegistrations();

  /**
   * Classes waiting for a later round, by name: an element is never kept from one round to the
   * next.
   */
  private final Set<String> deferred = new LinkedHashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return ANNOTATIONS;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    PipelineStep step = new PipelineStep(processingEnv, services);
    if (round.processingOver()) {
      // No round follows: what still waits never resolved, and javac has said where.
      deferred.stream()
          .map(processingEnv.getElementUtils()::getTypeElement)
          .filter(Objects::nonNull)
          .forEach(step::reportNeverResolved);
      writeServices();
      return false;
    }
    Map<String, TypeElement> classes = new LinkedHashMap<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        classes.put(name, type);
      }
    }
    deferred.clear();
    for (TypeElement annotation : annotations) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        enclosingType(element)
            .ifPresent(type -> classes.putIfAbsent(type.getQualifiedName().toString(), type));
      }
    }
    classes.forEach(
        (name, type) -> {
          if (!step.process(type)) {
            deferred.add(name);
          }
        });
    return false; // never claims the annotations
  }

  /** The service file lists every pipeline's remote tasks, so it is written once, at the end. */
  private void writeServices() {
    try {
      services.write(processingEnv.getFiler());
    } catch (IOException | RuntimeException failed) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              "taskwire cannot write " + ServiceRegistrations.FILE + ": " + failed);
    }
  }

  /**
   * The class that declares a task method, or the method of a {@code @DependsOn} parameter; empty
   * for an annotation javac found on no class member (it reports that itself).
   */
  private static Optional<TypeElement> enclosingType(Element element) {
    for (Element current = element; current != null; current = current.getEnclosingElement()) {
      if (MoreElements.isType(current)) {
        return Optional.of(MoreElements.asType(current));
      }
    }
    return Optional.empty();
  }
}
