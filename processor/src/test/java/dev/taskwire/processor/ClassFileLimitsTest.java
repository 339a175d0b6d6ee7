package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compileWith;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.ClassName;
import dev.taskwire.Task;
import dev.taskwire.runtime.TaskKind;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The README's numbers for the largest pipeline (Size), on {@link ClassFileLimits} itself: 49,120
 * tasks that return nothing fit {@code Execution}, one more is an error on the pipeline class;
 * 48,033 tasks that all return {@code int} fit the runner, whose {@code withX} methods and fixed
 * part make it the larger class, and one more is an error. The pipeline is made up of that many
 * tasks around one real task method, as compiling one takes up to a minute; {@link BigPipelineTest}
 * compiles the largest that the README says fit.
 */
class ClassFileLimitsTest {
  private static final TaskSettings NO_SETTINGS =
      new TaskSettings(null, 0, null, List.of(), 0, false, null);

  private static final JavaFileObject LIMIT =
      JavaFileObjects.forSourceString(
          "test.Limit",
          """
          package test;

          import dev.taskwire.Task;

          class Limit {
            @Task int t0() { return 0; }
          }
          """);

  /**
   * Asks {@link ClassFileLimits} about a pipeline of {@code tasks} tasks, each the one task method
   * of the class it compiles, numbered in order and returning {@code int} or nothing.
   */
  @SupportedAnnotationTypes("dev.taskwire.Task")
  static final class Limits extends AbstractProcessor {
    private final int tasks;
    private final boolean returnInt;
    Boolean fit;

    Limits(int tasks, boolean returnInt) {
      this.tasks = tasks;
      this.returnInt = returnInt;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      for (Element method : round.getElementsAnnotatedWith(Task.class)) {
        TypeElement type = (TypeElement) method.getEnclosingElement();
        TypeMirror result =
            returnInt ? processingEnv.getTypeUtils().getPrimitiveType(TypeKind.INT) : null;
        List<ResolvedTask> resolved =
            IntStream.range(0, tasks)
                .mapToObj(
                    i ->
                        new ResolvedTask(
                            i,
                            (ExecutableElement) method,
                            "t" + i,
                            returnInt ? TaskKind.VALUE : TaskKind.VOID,
                            result,
                            List.of(),
                            NO_SETTINGS))
                .toList();
        ResolvedPipeline pipeline =
            new ResolvedPipeline(
                type, ClassName.get(type), ClassName.get("test", "LimitRunner"), resolved);
        fit =
            new ClassFileLimits(new Diagnostics(processingEnv.getMessager()))
                .fit(pipeline, Distribution.NONE);
      }
      return false;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }
  }

  private static Compilation ask(Limits limits) {
    return compileWith(List.of(limits), LIMIT);
  }

  @Test
  void voidTasksFitUpTo49120() {
    assertFits(49_120, false);
  }

  @Test
  void voidTasks49121AreAnErrorOnThePipelineClassNamingExecution() {
    assertRefused(
        49_121,
        false,
        "pipeline test.Limit has 49121 tasks, too many for one runner: LimitRunner.Execution,"
            + " which has a method per task, would need about 65536 constant pool entries,"
            + " more than the 65534 a class file can hold; split the tasks over two or more"
            + " pipeline classes");
  }

  @Test
  void intTasksFitUpTo48033() {
    assertFits(48_033, true);
  }

  /**
   * A {@code withX} per task with a result, the runner's fixed part and its chunks make it the
   * larger class.
   */
  @Test
  void intTasks48034AreAnErrorOnThePipelineClassNamingTheRunner() {
    assertRefused(
        48_034,
        true,
        "pipeline test.Limit has 48034 tasks, too many for one runner: LimitRunner,"
            + " which has a method per task, would need about 65536 constant pool entries,"
            + " more than the 65534 a class file can hold; split the tasks over two or more"
            + " pipeline classes");
  }

  private static void assertFits(int tasks, boolean returnInt) {
    Limits limits = new Limits(tasks, returnInt);
    assertThat(ask(limits)).succeededWithoutWarnings();
    assertThat(limits.fit).isTrue();
  }

  /** That {@code tasks} tasks are refused with {@code message}, once, on the pipeline class. */
  private static void assertRefused(int tasks, boolean returnInt, String message) {
    Limits limits = new Limits(tasks, returnInt);
    Compilation compilation = ask(limits);
    assertThat(limits.fit).isFalse();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(LIMIT).onLine(5);
  }
}
