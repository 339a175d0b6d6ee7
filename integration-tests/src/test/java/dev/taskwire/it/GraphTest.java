package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The graph each runner publishes as {@code GRAPH}: what tools read. */
class GraphTest {
  private static final TaskGraph GRAPH = PipelineRunner.GRAPH;

  @Test
  void namesThePipelineAndItsTasksInDeclarationOrder() {
    assertEquals("dev.taskwire.it.Pipeline", GRAPH.pipeline());
    assertEquals(List.of("uploadTrain", "uploadForecast", "train", "predict"), GRAPH.taskNames());
    assertEquals(4, GRAPH.size());
    assertEquals(2, GRAPH.indexOf("train"));
  }

  @Test
  void dependenciesInTheOrderOfTheParameters() {
    assertEquals(List.of(), GRAPH.dependencies("uploadTrain"));
    assertEquals(List.of("uploadTrain", "uploadForecast"), GRAPH.dependencies("train"));
    assertEquals(List.of("train", "uploadForecast"), GRAPH.dependencies("predict"));
  }

  @Test
  void kindOfEachTask() {
    assertEquals(TaskKind.ASYNC, GRAPH.kind(0));
    assertEquals(TaskKind.ASYNC, GRAPH.kind(1));
    assertEquals(TaskKind.VALUE, GRAPH.kind(2));
    assertEquals(TaskKind.VALUE, GRAPH.kind(3));
    assertEquals(TaskKind.VOID, VoidTasksRunner.GRAPH.kind(VoidTasksRunner.GRAPH.indexOf("audit")));
  }

  @Test
  void nestedPipelineIsNamedByItsCanonicalName() {
    assertEquals("dev.taskwire.it.Outer.Foo", Outer_FooRunner.GRAPH.pipeline());
  }
}
