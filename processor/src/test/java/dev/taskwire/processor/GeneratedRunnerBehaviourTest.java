package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.taskwire.processor.CompiledClasses.call;
import static dev.taskwire.processor.Sources.compile;
import static dev.taskwire.processor.Sources.contents;
import static dev.taskwire.processor.Sources.source;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs generated runners, loaded from the in-memory compilation: the generated code not only
 * compiles but passes each task the right upstream result and returns each result with its exact
 * type.
 */
class GeneratedRunnerBehaviourTest {
  @Test
  void primitiveAndArrayResults() throws Exception {
    CompiledClasses classes = load("Primitives");
    Object results = classes.run("test.PrimitivesRunner", classes.construct("test.Primitives"));
    assertThat(call(results, "answer")).isEqualTo(42);
    assertThat(results.getClass().getMethod("answer").getReturnType()).isEqualTo(int.class);
    assertThat(call(results, "boxed")).isEqualTo(7);
    assertThat(results.getClass().getMethod("boxed").getReturnType()).isEqualTo(Integer.class);
    assertThat((int[]) call(results, "numbers")).asList().containsExactly(1, 2, 3).inOrder();
    assertThat(call(results, "widen")).isEqualTo(42L + 42 + 42 + Integer.hashCode(42) + 7);
    assertThat(call(results, "sum")).isEqualTo(4);
  }

  @Test
  void genericResults() throws Exception {
    CompiledClasses classes = load("GenericResults");
    Object results =
        classes.run("test.GenericResultsRunner", classes.construct("test.GenericResults"));
    assertThat(call(results, "names")).isEqualTo(List.of("a", "b"));
    assertThat(results.getClass().getMethod("names").getGenericReturnType().getTypeName())
        .isEqualTo("java.util.List<java.lang.String>");
    assertThat(call(results, "report")).isEqualTo("report:[a, b][c]{a=[1]}");
  }

  @Test
  void asyncResultsReachTheirDependents() {
    CompiledClasses classes = load("AsyncTasks");
    Object results = classes.run("test.AsyncTasksRunner", classes.construct("test.AsyncTasks"));
    assertThat(call(results, "summary")).isEqualTo("page32[a, b]");
  }

  @Test
  void voidTasksRunButHaveNoResultAccessor() throws Exception {
    CompiledClasses classes = load("VoidTasks");
    Object pipeline = classes.construct("test.VoidTasks");
    Object results = classes.run("test.VoidTasksRunner", pipeline);
    Field log = pipeline.getClass().getDeclaredField("log");
    log.setAccessible(true);
    assertThat(log.get(pipeline)).isEqualTo(List.of("audit rows"));
    assertThat(methodNames(results.getClass())).containsExactly("load");
    Class<?> execution = classes.loadClass("test.VoidTasksRunner$Execution");
    assertThat(execution.getMethod("audit").getReturnType()).isEqualTo(CompletableFuture.class);
  }

  @Test
  void instanceAndStaticTasks() {
    CompiledClasses classes = load("InstanceAndStaticTasks");
    Object results =
        classes.run(
            "test.InstanceAndStaticTasksRunner",
            classes.construct("test.InstanceAndStaticTasks", "hello"));
    assertThat(call(results, "greet")).isEqualTo("hello, world");
    assertThat(call(results, "length")).isEqualTo(12);
  }

  @Test
  void tasksNamedLikeMembersOfTheRunner() {
    CompiledClasses classes = load("RunnerMemberNames");
    Object results =
        classes.run("test.RunnerMemberNamesRunner", classes.construct("test.RunnerMemberNames"));
    List<String> tasks =
        List.of("run", "start", "invoke", "value", "future", "pipeline", "options", "task");
    for (int i = 0; i < tasks.size(); i++) {
      assertThat(call(results, tasks.get(i))).isEqualTo(i + 1);
    }
  }

  @Test
  void sameUpstreamIntoTwoParameters() {
    CompiledClasses classes = load("SameUpstreamTwice");
    Object results =
        classes.run("test.SameUpstreamTwiceRunner", classes.construct("test.SameUpstreamTwice"));
    assertThat(call(results, "twice")).isEqualTo("echo echo");
  }

  @Test
  void recordPipeline() {
    CompiledClasses classes = load("RecordPipeline");
    Object results =
        classes.run("test.RecordPipelineRunner", classes.construct("test.RecordPipeline", 5));
    assertThat(call(results, "plusOne")).isEqualTo(11);
  }

  @Test
  void enumPipeline() throws Exception {
    CompiledClasses classes = load("EnumPipeline");
    Object instance = classes.loadClass("test.EnumPipeline").getEnumConstants()[0];
    assertThat(call(classes.run("test.EnumPipelineRunner", instance), "length")).isEqualTo(5);
  }

  @Test
  void staticNestedPipeline() {
    CompiledClasses classes = load("Outer");
    Object results = classes.run("test.Outer_FooRunner", classes.construct("test.Outer$Foo"));
    assertThat(call(results, "length")).isEqualTo(5);
  }

  @Test
  void defaultPackagePipeline() {
    CompiledClasses classes = load("DefaultPackagePipeline");
    Object results =
        classes.run("DefaultPackagePipelineRunner", classes.construct("DefaultPackagePipeline"));
    assertThat(call(results, "length")).isEqualTo(5);
  }

  @Test
  void boxedResultsIntoPrimitiveParametersAreUnboxedAndWidened() {
    CompiledClasses classes = load("BoxedIntoPrimitive");
    Object results =
        classes.run("test.BoxedIntoPrimitiveRunner", classes.construct("test.BoxedIntoPrimitive"));
    assertThat(call(results, "all")).isEqualTo("97,5,3.0,3.0,a,true");
    assertThat(call(results, "code")).isEqualTo(List.of(97, 98));
  }

  /**
   * A boxed result that is null cannot fill a primitive parameter: the consumer fails, and its
   * exception names the producing task, the parameter and its type, not the runtime's accessor.
   */
  @Test
  void nullIntoAPrimitiveParameterFailsTheConsumerNamingBothTasks() {
    CompiledClasses classes = load("NullIntoPrimitive");
    Object runner =
        classes.construct(
            "test.NullIntoPrimitiveRunner",
            classes.construct("test.NullIntoPrimitive"),
            RunOptions.defaults().onFailure(FailurePolicy.KEEP_GOING));
    PipelineException failure = assertThrows(PipelineException.class, () -> invokeRun(runner));
    assertThat(failure.failures().keySet()).containsExactly("use", "widen", "twice[1]");
    assertThat(failure.failures().get("use")).isInstanceOf(NullPointerException.class);
    assertThat(failure.failures().get("use"))
        .hasMessageThat()
        .isEqualTo("task 'count' returned null, but parameter n of task 'use' is an int");
    assertThat(failure.failures().get("widen"))
        .hasMessageThat()
        .isEqualTo("task 'count' returned null, but parameter n of task 'widen' is a long");
    assertThat(failure.failures().get("twice[1]"))
        .hasMessageThat()
        .isEqualTo(
            "an element of the result of task 'sizes' is null, but parameter size of task"
                + " 'twice' is an int");
  }

  /**
   * {@code @Task(oneAttemptAtATime = true)} reaches the runner's policy: the timed-out first
   * attempt's future is not cancelled, and the retry sees it completed. Without the setting the
   * second attempt would see it cancelled.
   */
  @org.junit.jupiter.api.RepeatedTest(30)
  void oneAttemptAtATimeLeavesTheTimedOutFutureAloneAndTheRetryWaitsForIt() throws Exception {
    Compilation compilation = compile(source("good/OneAttemptAtATime.java"));
    assertThat(contents(compilation, "test.OneAttemptAtATimeRunner"))
        .contains("              .oneAttemptAtATime(true))");
    CompiledClasses classes = new CompiledClasses(compilation);
    Object pipeline = classes.construct("test.OneAttemptAtATime");
    CompletableFuture<String> first = field(pipeline, "first");
    CountDownLatch retried = new CountDownLatch(1);
    TaskListener listener =
        new TaskListener() {
          @Override
          public void taskRetried(TaskEvent event) {
            retried.countDown();
          }
        };
    Object runner =
        classes.construct(
            "test.OneAttemptAtATimeRunner", pipeline, RunOptions.defaults().listener(listener));
    Object execution = call(runner, "start");
    assertThat(retried.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.isCancelled()).isFalse();
    first.complete("late"); // disregarded: the second attempt's result counts
    assertThat(call(call(execution, "await"), "fetch")).isEqualTo("second");
    List<String> seen = field(pipeline, "seen");
    assertThat(seen).containsExactly("first done true, cancelled false");
  }

  @SuppressWarnings("unchecked")
  private static <T> T field(Object target, String name) throws ReflectiveOperationException {
    Field field = target.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return (T) field.get(target);
  }

  private static void invokeRun(Object runner) throws Throwable {
    try {
      runner.getClass().getMethod("run").invoke(runner);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static CompiledClasses load(String pipeline) {
    return new CompiledClasses(compile(source("good/" + pipeline + ".java")));
  }

  private static List<String> methodNames(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(method -> Modifier.isPublic(method.getModifiers()))
        .map(Method::getName)
        .toList();
  }
}
