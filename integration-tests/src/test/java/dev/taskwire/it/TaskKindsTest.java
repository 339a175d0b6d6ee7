package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each kind of task, through the generated runner's typed {@code Results}. */
class TaskKindsTest {
  @Test
  void instanceAndStaticTasks() {
    InstanceAndStaticTasksRunner.Results results =
        new InstanceAndStaticTasksRunner(new InstanceAndStaticTasks("hello")).run();
    assertEquals("world", results.name());
    assertEquals("hello, world", results.greet());
    assertEquals(12, results.length());
  }

  @Test
  void voidTasksRunAndHaveNoResultAccessor() {
    VoidTasks pipeline = new VoidTasks();
    VoidTasksRunner.Results results = new VoidTasksRunner(pipeline).run();
    assertEquals("rows", results.load());
    assertEquals(List.of("audit rows"), pipeline.log);
    // Reflection only to prove what the typed API leaves out.
    Class<?> resultsType = VoidTasksRunner.Results.class;
    assertThrows(NoSuchMethodException.class, () -> resultsType.getMethod("audit"));
    assertThrows(NoSuchMethodException.class, () -> resultsType.getMethod("ping"));
  }

  @Test
  void voidTaskHasAFutureOfVoid() throws Exception {
    VoidTasks pipeline = new VoidTasks();
    VoidTasksRunner.Execution execution = new VoidTasksRunner(pipeline).start();
    CompletableFuture<Void> audit = execution.audit();
    assertNull(audit.get(5, TimeUnit.SECONDS));
    assertEquals(List.of("audit rows"), pipeline.log);
    execution.await();
  }

  @Test
  void genericResults() {
    GenericResultsRunner.Results results = new GenericResultsRunner(new GenericResults()).run();
    List<String> upperCase = results.upperCase();
    assertEquals(List.of("ADA", "GRACE"), upperCase);
    assertEquals(List.of("ada", "grace"), results.names());
    assertEquals(4, results.titleLength());
  }

  @Test
  void intResultIntoIntIntegerAndLong() {
    PrimitivesRunner.Results results = new PrimitivesRunner(new Primitives()).run();
    int answer = results.answer();
    assertEquals(42, answer);
    assertEquals(84, results.doubled());
    assertEquals("Integer 42", results.boxed());
    long widened = results.widened();
    assertEquals(42_000_000_000L, widened);
  }

  @Test
  void staticNestedPipeline() {
    Outer_FooRunner.Results results = new Outer_FooRunner(new Outer.Foo()).run();
    assertEquals("hello", results.hello());
    assertEquals(5, results.length());
  }
}
