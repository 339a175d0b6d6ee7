package dev.taskwire.processor;

import com.google.auto.common.BasicAnnotationProcessor.Step;
import com.google.auto.common.MoreElements;
import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSetMultimap;
import com.google.common.collect.ListMultimap;
import com.palantir.javapoet.ClassName;
import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Handles every class that has {@code @Task} methods or {@code @DependsOn} parameters: collect,
 * validate, then write its runner only if the class raised no error. auto-common has already
 * deferred classes whose types are not complete yet (a type another processor has yet to generate),
 * so each class here is whole. This step defers in the same way a class where a {@code @Task} or
 * {@code @DependsOn} itself did not resolve ({@link UnresolvedAnnotations}). One class's problem
 * never stops another's runner, and an unexpected exception becomes an error on that class, never a
 * crash of javac.
 */
final class PipelineStep implements Step {
  private final ProcessingEnvironment env;
  private final ServiceRegistrations services;

  PipelineStep(ProcessingEnvironment env, ServiceRegistrations services) {
    this.env = env;
    this.services = services;
  }

  @Override
  public Set<String> annotations() {
    return ImmutableSet.of(
        Task.class.getCanonicalName(), DependsOn.class.getCanonicalName(),
        ForEach.class.getCanonicalName(), Distributed.class.getCanonicalName());
  }

  @Override
  public Set<? extends Element> process(ImmutableSetMultimap<String, Element> elements) {
    Map<String, TypeElement> classes = new LinkedHashMap<>();
    ListMultimap<String, Element> elementsByClass = ArrayListMultimap.create();
    for (Element element : elements.values()) {
      TypeElement type = MoreElements.asType(enclosingType(element));
      String name = type.getQualifiedName().toString();
      classes.putIfAbsent(name, type);
      elementsByClass.put(name, element);
    }
    UnresolvedAnnotations unresolved = UnresolvedAnnotations.of(env);
    ImmutableSet.Builder<Element> deferred = ImmutableSet.builder();
    for (TypeElement type : classes.values()) {
      if (!processClass(type, unresolved)) {
        deferred.addAll(elementsByClass.get(type.getQualifiedName().toString()));
      }
    }
    return deferred.build();
  }

  /** Returns false to defer {@code type} to the next round. */
  private boolean processClass(TypeElement type, UnresolvedAnnotations unresolved) {
    Diagnostics diagnostics = new Diagnostics(env.getMessager());
    try {
      if (unresolved.in(type)) {
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
      if (graph.isPresent() && !diagnostics.hadErrors()) {
        new RunnerWriter(
                env.getFiler(),
                env.getElementUtils(),
                env.getTypeUtils(),
                env.getSourceVersion(),
                distribution)
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

  /** The class that declares a task method, or the method of a {@code @DependsOn} parameter. */
  private static Element enclosingType(Element element) {
    Element current = element;
    while (!MoreElements.isType(current)) {
      current = current.getEnclosingElement();
    }
    return current;
  }
}
