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
 * <p>The stages, each its own class: {@link PipelineCollector} (class, methods, parameters) ->
 * {@link PipelineModel} -> {@link GraphValidator} (names, types, cycles) -> {@link RunnerWriter}.
 * auto-common's {@link BasicAnnotationProcessor} defers a class to a later round while a type it
 * uses does not exist yet. The processor never claims the annotations.
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
