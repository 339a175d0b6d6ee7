package dev.taskwire.processor;

import static com.google.auto.common.MoreElements.isAnnotationPresent;

import com.google.auto.common.SuperficialValidation;
import com.palantir.javapoet.ClassName;
import dev.taskwire.Task;
import java.util.Optional;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Handles one class that has {@code @Task} methods or {@code @DependsOn} parameters: collect,
 * validate, then write its runner only if the class raised no error. A class whose task signatures
 * are not complete yet (a type another processor has yet to generate, or a {@code @Task} or
 * {@code @DependsOn} that did not resolve, see {@link UnresolvedAnnotations}) waits for a later
 * round. One class's problem never stops another's runner, and an unexpected exception becomes an
 * error on that class, never a crash of javac.
 */
final class PipelineStep {
  private final ProcessingEnvironment env;
  private final ServiceRegistrations services;
  private final UnresolvedAnnotations unresolved;

  PipelineStep(ProcessingEnvironment env, ServiceRegistrations services) {
    this.env = env;
    this.services = services;
    this.unresolved = UnresolvedAnnotations.of(env);
  }

  /**
   * Whether every name the runner depends on has resolved: the class's supertypes and type
   * parameters, and each {@code @Task} method's signature (its annotations, parameters and their
   * annotations, result, exceptions). Not the other members, which may well name the runner this
   * processor is about to write ({@code FooRunner.Execution current;}), and not method bodies,
   * which processors never see.
   */
  private boolean complete(TypeElement type) {
    if (!SuperficialValidation.validateType(type.getSuperclass())
        || !type.getInterfaces().stream().allMatch(SuperficialValidation::validateType)
        || !SuperficialValidation.validateElements(type.getTypeParameters())) {
      return false;
    }
    return ElementFilter.methodsIn(type.getEnclosedElements()).stream()
        .filter(method -> isAnnotationPresent(method, Task.class))
        .allMatch(SuperficialValidation::validateElement);
  }

  /**
   * At the end of the last round, for a class still waiting: javac has reported the name that never
   * resolved; this says that no runner was written, and why.
   */
  void reportNeverResolved(TypeElement type) {
    new Diagnostics(env.getMessager())
        .error(
            type,
            Messages.neverResolved(
                type.getQualifiedName().toString(),
                PipelineModel.runnerName(ClassName.get(type)).simpleName()));
  }

  /** Returns false to defer {@code type} to the next round. */
  boolean process(TypeElement type) {
    Diagnostics diagnostics = new Diagnostics(env.getMessager());
    try {
      if (!complete(type) || unresolved.in(type)) {
        // javac reports the name it cannot find; a later round may generate it.
        return false;
      }
      ResultTypes resultTypes = new ResultTypes(env.getTypeUtils(), env.getElementUtils());
      Optional<PipelineModel> model =
          new PipelineCollector(env.getElementUtils(), resultTypes, diagnostics).collect(type);
      if (model.isEmpty()) {
        return true;
      }
      Optional<ResolvedPipeline> graph =
          new GraphValidator(resultTypes, diagnostics).validate(model.get());
      Distribution distribution =
          new DistributionReader(
                  new SerializableCheck(env.getTypeUtils(), env.getElementUtils(), diagnostics),
                  diagnostics)
              .read(model.get());
      if (graph.isPresent()
          && !diagnostics.hadErrors()
          && new ClassFileLimits(diagnostics).fit(graph.get(), distribution)) {
        distribution =
            distribution.with(
                new SerialTypesReader(env, diagnostics).read(graph.get(), distribution));
        new RunnerWriter(
                env.getFiler(),
                env.getElementUtils(),
                env.getTypeUtils(),
                env.getSourceVersion(),
                distribution,
                CodeFingerprints.in(env, diagnostics).of(graph.get()))
            .write(graph.get());
        new GraphPictureWriter(env.getFiler()).write(graph.get());
        if (distribution.any()) {
          new RemoteTasksWriter(env.getFiler(), env.getElementUtils(), env.getSourceVersion())
              .write(graph.get(), distribution);
          services.add(distribution.remoteTasks().canonicalName());
        }
      }
    } catch (FilerException taken) {
      // javac refuses a runner whose name a class in this compilation already has.
      diagnostics.error(
          type,
          Messages.runnerNameTaken(
              PipelineModel.runnerName(ClassName.get(type)).canonicalName(),
              type.getQualifiedName().toString()));
    } catch (Throwable unexpected) {
      diagnostics.error(
          type, Messages.internalError(type.getQualifiedName().toString(), unexpected));
    }
    return true;
  }
}
