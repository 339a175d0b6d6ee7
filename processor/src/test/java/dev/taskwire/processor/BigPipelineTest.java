package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.CompiledClasses.call;
import static dev.taskwire.processor.Sources.compile;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

/**
 * A pipeline of a thousand tasks compiles, loads and runs: the runner splits its graph and its
 * calls into methods of {@link Chunks#SIZE} tasks, each far below the JVM's 64 KB limit on a
 * method's code, which one method for all tasks would exceed.
 */
class BigPipelineTest {
  private static final int SIZE = 1_000;

  @Test
  void thousandTaskPipelineCompilesAndRuns() {
    Compilation compilation = compile(JavaFileObjects.forSourceString("test.Big", bigPipeline()));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.BigRunner")
        .contentsAsUtf8String()
        .contains("case 9 -> invoke900To999(task, run);");

    CompiledClasses classes = new CompiledClasses(compilation);
    Object results = classes.run("test.BigRunner", classes.construct("test.Big"));
    assertThat(call(results, "t" + (SIZE - 1))).isEqualTo(expectedLast());
  }

  /** Task i depends on task i - 1 and on task i / 2 (task 0 twice for task 1): chain and fan-in. */
  private static String bigPipeline() {
    StringBuilder source =
        new StringBuilder("package test;\n\nimport dev.taskwire.DependsOn;\n")
            .append("import dev.taskwire.Task;\n\nclass Big {\n")
            .append("  @Task int t0() { return 1; }\n");
    for (int i = 1; i < SIZE; i++) {
      source.append(
          String.format(
              "  @Task int t%d(@DependsOn(\"t%d\") int previous, @DependsOn(\"t%d\") int half) {"
                  + " return previous + half + 1; }%n",
              i, i - 1, i / 2));
    }
    return source.append("}\n").toString();
  }

  /** What the pipeline computes, by a plain loop (int overflow wraps the same way in both). */
  private static int expectedLast() {
    int[] values = new int[SIZE];
    values[0] = 1;
    for (int i = 1; i < SIZE; i++) {
      values[i] = values[i - 1] + values[i / 2] + 1;
    }
    return values[SIZE - 1];
  }
}
