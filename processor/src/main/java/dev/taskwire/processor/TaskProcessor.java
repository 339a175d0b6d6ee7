package dev.taskwire.processor;

import com.google.auto.common.BasicAnnotationProcessor;
import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
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
 *   <li>if the class raised no error, the writers: {@link RunnerWriter} ({@code FooRunner}, with
 *       {@link GraphWriter}, {@link InvokerWriter} and {@link ResultsWriter}), {@link
 *       GraphPictureWriter} ({@code FooRunner.mmd}) and {@link RemoteTasksWriter} ({@code
 *       FooRemoteTasks}), and at the end of processing {@link ServiceRegistrations}.
 * </ol>
 *
 * <p>{@link Diagnostics} reports each error on its element with the wording of {@link Messages};
 * generated code names runtime classes through {@link RuntimeNames}. auto-common's {@link
 * BasicAnnotationProcessor} defers a class to a later round while a type it uses does not exist yet
 * ({@link UnresolvedAnnotations} does the same for an annotation that did not resolve). The
 * processor never claims the annotations.
 */
@AutoService(Processor.class)
public final class TaskProcessor extends BasicAnnotationProcessor {
  private final ServiceRegistrations services = new ServiceRegistrations();

  @Override
  protected Iterable<? extends Step> steps() {
    return List.of(new PipelineStep(processingEnv, services));
  }

  /** The service file lists every pipeline's remote tasks, so it is written once, at the end. */
  @Override
  protected void postRound(RoundEnvironment round) {
    if (round.processingOver()) {
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
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }
}
