package dev.taskwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.internal.GraphTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGraphTest {
  private final TaskGraph diamond =
      GraphTable.builder("test.Diamond")
          .task("top", TaskKind.VALUE)
          .task("left", TaskKind.ASYNC, "top")
          .task("right", TaskKind.VALUE, "top")
          .task("bottom", TaskKind.VOID, "left", "right")
          .build();

  @Test
  void exposesTasksKindsAndEdgesInDeclarationOrder() {
    assertEquals("test.Diamond", diamond.pipeline());
    assertEquals(List.of("top", "left", "right", "bottom"), diamond.taskNames());
    assertEquals(TaskKind.ASYNC, diamond.kind(1));
    assertEquals(List.of("left", "right"), diamond.dependencies("bottom"));
    assertEquals(
        List.of(
            List.of("left", "top"),
            List.of("right", "top"),
            List.of("bottom", "left"),
            List.of("bottom", "right")),
        diamond.edges());
    assertEquals(3, diamond.indexOf("bottom"));
    assertEquals(-1, diamond.indexOf("missing"));
    assertEquals(
        "test.Diamond { top, left <- [top], right <- [top], bottom <- [left, right] }",
        diamond.toString());
  }

  @Test
  void drawsItselfAsMermaidAndDot() {
    assertEquals(
        "flowchart LR\n"
            + "  t0[\"top\"]\n"
            + "  t1([\"left (async)\"])\n"
            + "  t2[\"right\"]\n"
            + "  t3[\"bottom\"]\n"
            + "  t0 --> t1\n"
            + "  t0 --> t2\n"
            + "  t1 --> t3\n"
            + "  t2 --> t3\n",
        diamond.toMermaid());
    assertEquals(
        "digraph \"test.Diamond\" {\n"
            + "  rankdir=LR;\n"
            + "  node [shape=box, style=rounded];\n"
            + "  t0 [label=\"top\"];\n"
            + "  t1 [label=\"left (async)\", style=\"rounded,dashed\"];\n"
            + "  t2 [label=\"right\"];\n"
            + "  t3 [label=\"bottom\"];\n"
            + "  t0 -> t1;\n"
            + "  t0 -> t2;\n"
            + "  t1 -> t3;\n"
            + "  t2 -> t3;\n"
            + "}\n",
        diamond.toDot());
  }

  @Test
  void aFanOutIsDrawnAsManyWithAnEachEdge() {
    TaskGraph graph =
        GraphTable.builder("test.Tuning")
            .task("grid", TaskKind.VALUE)
            .task("train", TaskKind.ASYNC, "grid")
            .forEach("grid", 3)
            .task("best", TaskKind.VALUE, "train")
            .build();
    assertEquals(
        "flowchart LR\n"
            + "  t0[\"grid\"]\n"
            + "  t1([\"train [each] (async)\"])\n"
            + "  t2[\"best\"]\n"
            + "  t0 -- each --> t1\n"
            + "  t1 --> t2\n",
        graph.toMermaid());
    assertTrue(graph.toDot().contains("  t0 -> t1 [label=\"each\"];\n"), graph.toDot());
    assertTrue(graph.isFanOut(1));
    assertEquals(0, graph.forEachSource(1));
    assertEquals(3, graph.maxConcurrency(1));
  }

  @Test
  void aFanOutMustRunOverOneOfItsDependencies() {
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GraphTable.builder("test.Bad")
                    .task("grid", TaskKind.VALUE)
                    .task("train", TaskKind.VALUE)
                    .forEach("grid", 0)
                    .build());
    assertEquals(
        "task 'train' runs for each element of 'grid', which it does not depend on",
        thrown.getMessage());
  }

  @Test
  void dependenciesMayNameTasksDeclaredLater() {
    TaskGraph graph =
        GraphTable.builder("test.Late")
            .task("b", TaskKind.VALUE, "a")
            .task("a", TaskKind.VALUE)
            .build();
    assertEquals(List.of("a"), graph.dependencies("b"));
  }

  @Test
  void rejectsACycle() {
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GraphTable.builder("test.Cycle")
                    .task("a", TaskKind.VALUE, "b")
                    .task("b", TaskKind.VALUE, "a")
                    .task("c", TaskKind.VALUE)
                    .build());
    assertEquals("dependency cycle among tasks [a, b] of test.Cycle", thrown.getMessage());
  }

  @Test
  void rejectsASelfDependencyDuplicateNamesAndUnknownTasks() {
    assertThrows(
        IllegalArgumentException.class,
        () -> GraphTable.builder("p").task("a", TaskKind.VALUE, "a").build());
    IllegalArgumentException duplicate =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GraphTable.builder("p").task("a", TaskKind.VALUE).task("a", TaskKind.VOID).build());
    assertTrue(duplicate.getMessage().contains("two tasks named 'a'"));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> GraphTable.builder("p").task("a", TaskKind.VALUE, "nope").build());
    assertTrue(unknown.getMessage().contains("depends on 'nope'"));
  }

  @Test
  void unknownTaskNameInAQueryIsAClearError() {
    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> diamond.dependencies("nope"));
    assertEquals("no task named 'nope' in test.Diamond", thrown.getMessage());
  }
}
