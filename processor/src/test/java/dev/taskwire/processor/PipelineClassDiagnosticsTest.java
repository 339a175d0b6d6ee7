package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compile;
import static dev.taskwire.processor.Sources.compileFailing;
import static dev.taskwire.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Problems with the class that declares the tasks: reported once, on the class. */
class PipelineClassDiagnosticsTest {
  @Test
  void taskInAnInterfaceIsReportedOnTheMethod() {
    JavaFileObject file = source("bad/TaskInInterface.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "@Task methods must be declared in a class, and test.TaskInInterface is an interface;"
                + " move the task into a class")
        .inFile(file)
        .onLineContaining("default String load()");
  }

  @Test
  void taskInANonStaticInnerClass() {
    JavaFileObject file = source("bad/TaskInInnerClass.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "pipeline class test.TaskInInnerClass.Inner is an inner class, but pipelines must be"
                + " top-level or static nested classes; make it static")
        .inFile(file)
        .onLineContaining("class Inner {");
  }

  /**
   * javac gives annotation processors no element for a class declared in a method body (it is
   * entered only when the body is attributed, after processing), so the processor never sees this
   * {@code @Task} cannot be reported. This test pins that limitation: no error, no runner. Make it
   * assert an error if the processor learns to find local classes (e.g. with a javac {@code
   * TaskListener}).
   */
  @Test
  void taskInALocalClassIsInvisibleToTheProcessor() {
    Compilation compilation = compile(source("bad/TaskInLocalClass.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).isEmpty();
  }

  /**
   * As a local class: javac enters an anonymous class, in a field's initializer or a method's body,
   * only when it attributes that code, after annotation processing, so the processor never sees
   * these {@code @Task}s (README, Things worth knowing): no error, no warning, no runner.
   */
  @Test
  void taskInAnAnonymousClassIsInvisibleToTheProcessor() {
    Compilation compilation = compile(source("bad/TaskInAnonymousClass.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).isEmpty();
    // Nor anything else of the processor's (a graph picture, a service file): javac's classes only.
    assertThat(compilation.generatedFiles().stream().map(file -> file.toUri().getPath()).toList())
        .containsExactly(
            "/CLASS_OUTPUT/test/TaskInAnonymousClass.class",
            "/CLASS_OUTPUT/test/TaskInAnonymousClass$1.class",
            "/CLASS_OUTPUT/test/TaskInAnonymousClass$2.class");
  }

  @Test
  void privateNestedPipelineClass() {
    JavaFileObject file = source("bad/PrivateNestedPipeline.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "pipeline class test.PrivateNestedPipeline.Steps must not be private (nor nested in a"
                + " private class): the generated PrivateNestedPipeline_StepsRunner in the same"
                + " package calls it")
        .inFile(file)
        .onLineContaining("private static class Steps");
  }

  @Test
  void genericPipelineClass() {
    JavaFileObject file = source("bad/GenericPipeline.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "pipeline class test.GenericPipeline must not declare type parameters: the generated"
                + " runner needs every task's exact result type")
        .inFile(file)
        .onLineContaining("class GenericPipeline<T>");
  }

  @Test
  void runnerNameTakenByAnotherClassIsAnErrorNotAnInternalError() {
    JavaFileObject file = source("bad/RunnerNameTaken.java");
    Compilation compilation = compile(file, source("bad/RunnerNameTakenRunner.java"));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "cannot generate test.RunnerNameTakenRunner for pipeline class test.RunnerNameTaken:"
                + " a class of that name is already part of this compilation (written by hand, or"
                + " the runner of another pipeline); rename that class or test.RunnerNameTaken")
        .inFile(file)
        .onLineContaining("class RunnerNameTaken {");
  }
}
