package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compileCleanly;
import static dev.taskwire.processor.Sources.compileFailing;
import static dev.taskwire.processor.Sources.source;

import com.google.testing.compile.Compilation;
import java.util.Arrays;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Dependency cycles: each reported once, on the {@code @DependsOn} that makes the cycle's first
 * task (in source order) wait for the second, with one {@code x -> y} edge per line.
 */
class CycleDiagnosticsTest {
  @Test
  void cycleOfThreeIsReportedOnceStartingAtTheFirstTask() {
    JavaFileObject file = source("bad/CycleOfThree.java");
    Compilation compilation = compileFailing(file, 1);
    assertThat(compilation)
        .hadErrorContaining("dependency cycle: a -> b -> c -> a")
        .inFile(file)
        .onLineContaining("String a(@DependsOn(\"b\")");
    assertThat(edgeLines(compilation.errors().get(0)))
        .containsExactly("a -> b", "b -> c", "c -> a")
        .inOrder();
  }

  @Test
  void cycleOfTwo() {
    JavaFileObject file = source("bad/CycleOfTwo.java");
    Compilation compilation = compileFailing(file, 1);
    assertThat(compilation)
        .hadErrorContaining("dependency cycle: first -> second -> first")
        .inFile(file)
        .onLineContaining("@DependsOn(\"second\") String second");
    assertThat(edgeLines(compilation.errors().get(0)))
        .containsExactly("first -> second", "second -> first")
        .inOrder();
  }

  @Test
  void twoSeparateCyclesAreEachReportedOnceInSourceOrder() {
    JavaFileObject file = source("bad/TwoCycles.java");
    Compilation compilation = compileFailing(file, 2);
    assertThat(compilation)
        .hadErrorContaining("dependency cycle: a -> b -> a\n")
        .inFile(file)
        .onLineContaining("@DependsOn(\"b\") String b");
    assertThat(compilation)
        .hadErrorContaining("dependency cycle: x -> y -> z -> x\n")
        .inFile(file)
        .onLineContaining("@DependsOn(\"y\") String y");
    assertThat(compilation.errors().get(0).getMessage(null)).startsWith("dependency cycle: a ->");
    assertThat(compilation.errors().get(1).getMessage(null)).startsWith("dependency cycle: x ->");
  }

  @Test
  void taskThatOnlyDependsOnACycleIsNotReportedAsPartOfIt() {
    JavaFileObject file = source("bad/CycleWithDependent.java");
    Compilation compilation = compileFailing(file, 1);
    assertThat(compilation)
        .hadErrorContaining("dependency cycle: ping -> pong -> ping\n")
        .inFile(file)
        .onLineContaining("@DependsOn(\"pong\") String pong");
    assertThat(compilation.errors().get(0).getMessage(null)).doesNotContain("report");
  }

  @Test
  void diamondIsNotACycle() {
    compileCleanly(source("good/Diamond.java"), "test.DiamondRunner");
  }

  @Test
  void selfDependencyIsReportedAsSuchNotAsACycle() {
    JavaFileObject file = source("bad/SelfDependency.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "task counter depends on itself through @DependsOn(\"counter\"); a task cannot"
                + " receive its own result")
        .inFile(file)
        .onLineContaining("@DependsOn(\"counter\") int previous");
  }

  /** The message's {@code x -> y} lines, which javac prints indented under the source line. */
  private static List<String> edgeLines(Diagnostic<?> error) {
    return Arrays.stream(error.getMessage(null).split("\n"))
        .skip(1)
        .map(String::strip)
        .filter(line -> line.matches("\\w+ -> \\w+"))
        .toList();
  }
}
