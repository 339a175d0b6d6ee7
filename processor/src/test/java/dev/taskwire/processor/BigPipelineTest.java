package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.CompiledClasses.call;
import static dev.taskwire.processor.Sources.compile;
import static dev.taskwire.processor.Sources.contents;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.taskwire.runtime.remote.RemoteTasks;
import java.lang.reflect.Array;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Pipelines far larger than one method or one class could hold compile without warnings, load and
 * run: the runner splits what grows with the tasks into classes of a chunk of tasks each ({@link
 * Chunks}), sized by what the tasks cost in code, and declares its {@code Target} constants in
 * groups ({@link TargetWriter}). Beyond what the class-file format allows, the pipeline class gets
 * an error of its own ({@link ClassFileLimits}).
 */
class BigPipelineTest {
  private static final int TASKS = 10_000;

  /**
   * HotSpot compiles no method whose bytecode is longer ({@code -XX:HugeMethodLimit}, which {@code
   * DontCompileHugeMethods}, on by default, applies): such a method is interpreted for ever.
   */
  private static final int HOTSPOT_HUGE_METHOD_LIMIT = 8_000;

  /** Task i depends on task i - 1 and on task i / 2 (task 0 twice for task 1): chain and fan-in. */
  private static final IntFunction<int[]> CHAIN_AND_HALF =
      task -> task == 0 ? new int[0] : new int[] {task - 1, task / 2};

  /** The 10,000-task pipeline, and a class that names one of its targets, compiled once. */
  private static final class TenThousand {
    static final Compilation COMPILATION =
        compile(
            JavaFileObjects.forSourceString(
                "test.Big", pipeline("class Big {", TASKS, CHAIN_AND_HALF)),
            JavaFileObjects.forSourceString(
                "test.RunsOne",
                """
                package test;

                public class RunsOne {
                  public static int t5000() {
                    return new BigRunner(new Big()).runOnly(BigRunner.Target.t5000).t5000();
                  }
                }
                """));
  }

  @Test
  void tenThousandTaskPipelineCompilesWithoutWarningsAndRuns() {
    assertThat(TenThousand.COMPILATION).succeededWithoutWarnings();
    String runner = contents(TenThousand.COMPILATION, "test.BigRunner");
    // 100 tasks of weight 4 (two for the task, one per parameter) to a chunk of at most 400.
    assertThat(runner).contains("  public static final TaskGraph GRAPH = graph();\n");
    assertThat(runner).contains("    return switch (task / 100) {\n");
    assertThat(runner).contains("      case 99 -> Tasks9900To9999.invoke(pipeline, task, run);\n");
    assertThat(runner).contains("  private static final class Tasks9900To9999 {\n");
    assertThat(runner).contains("  public static final class Target implements Targets0To999,\n");
    assertThat(runner).contains("    Target t9999 = Target.VALUES[9999];\n");

    CompiledClasses classes = new CompiledClasses(TenThousand.COMPILATION);
    Object results = classes.run("test.BigRunner", classes.construct("test.Big"));
    int[] expected = values(TASKS, CHAIN_AND_HALF);
    assertThat(call(results, "t" + (TASKS - 1))).isEqualTo(expected[TASKS - 1]);
  }

  /**
   * A chain declared from its end: each task depends on the one declared after it, so that every
   * walk in declaration order must go 10,000 tasks deep (the code fingerprints' walk among them).
   */
  @Test
  void aTenThousandTaskChainDeclaredFromItsEndCompiles() {
    Compilation compilation =
        compile(
            JavaFileObjects.forSourceString(
                "test.Backwards",
                pipeline(
                    "class Backwards {",
                    TASKS,
                    task -> task == TASKS - 1 ? new int[0] : new int[] {task + 1})));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void runOnlyTakesATargetConstantOfABigPipelineThatActsAsAnEnumConstant() throws Exception {
    CompiledClasses classes = new CompiledClasses(TenThousand.COMPILATION);
    // User code: runOnly(BigRunner.Target.t5000), exactly as with an enum.
    assertThat(classes.loadClass("test.RunsOne").getDeclaredMethod("t5000").invoke(null))
        .isEqualTo(values(TASKS, CHAIN_AND_HALF)[5000]);

    Class<?> target = classes.loadClass("test.BigRunner$Target");
    Object t9999 = target.getField("t9999").get(null);
    assertThat(call(t9999, "ordinal")).isEqualTo(9999);
    assertThat(call(t9999, "name")).isEqualTo("t9999");
    assertThat(t9999.toString()).isEqualTo("t9999");
    Object values = target.getMethod("values").invoke(null);
    assertThat(Array.getLength(values)).isEqualTo(TASKS);
    assertThat(Array.get(values, 9999)).isSameInstanceAs(t9999);
    assertThat(target.getMethod("valueOf", String.class).invoke(null, "t9999"))
        .isSameInstanceAs(t9999);
  }

  /**
   * Tasks of 64 parameters: a chunk of a hundred of them would be too large a method, so a chunk
   * holds six (six times 65 is at most 400). A fan-out task has its calls in its chunk too.
   */
  @Test
  void manyParameterTasksAndAFanOutCompileWithoutWarningsAndRun() {
    int tasks = 300;
    IntFunction<int[]> upstream =
        task ->
            task == 0
                ? new int[0]
                : IntStream.range(0, 64).map(k -> Math.max(0, task - 1 - k)).toArray();
    Compilation compilation =
        compile(
            JavaFileObjects.forSourceString(
                "test.Wide",
                pipeline(
                    """
                    class Wide {
                      @Task java.util.List<Integer> numbers() {
                        return java.util.List.of(1, 2, 3);
                      }

                      @Task int doubled(@dev.taskwire.ForEach("numbers") int number) {
                        return 2 * number;
                      }
                    """,
                    tasks,
                    upstream)));
    assertThat(compilation).succeededWithoutWarnings();
    assertEveryMethodCompilable(compilation, "test.WideRunner");
    String runner = contents(compilation, "test.WideRunner");
    assertThat(runner).contains("    return switch (task / 6) {\n");
    assertThat(runner)
        .contains("      case 0 -> Tasks0To5.invokeEach(pipeline, task, element, run);\n");

    CompiledClasses classes = new CompiledClasses(compilation);
    Object results = classes.run("test.WideRunner", classes.construct("test.Wide"));
    assertThat(call(results, "t" + (tasks - 1))).isEqualTo(values(tasks, upstream)[tasks - 1]);
    assertThat(call(results, "doubled")).isEqualTo(java.util.List.of(2, 4, 6));
  }

  /**
   * 2,000 {@code @Distributed} tasks: one switch on their names would be too large a method, so the
   * remote tasks class finds the task's chunk by its number in the runner's graph.
   */
  @Test
  void bigDistributedPipelineCompilesAndItsRemoteTasksCallEachByNameAndListItsClasses()
      throws Throwable {
    int tasks = 2_000;
    Compilation compilation =
        compile(
            JavaFileObjects.forSourceString(
                "test.Spread",
                pipeline(
                    """
                    @dev.taskwire.Distributed
                    class Spread implements java.io.Serializable {
                      private static final long serialVersionUID = 1L;

                      @Task @dev.taskwire.Distributed(false) int local(@DependsOn("t0") int t0) {
                        return t0;
                      }
                    """,
                    tasks,
                    CHAIN_AND_HALF)));
    assertThat(compilation).succeededWithoutWarnings();
    assertEveryMethodCompilable(compilation, "test.SpreadRunner", "test.SpreadRemoteTasks");
    assertThat(contents(compilation, "test.SpreadRemoteTasks"))
        .contains("    int index = SpreadRunner.GRAPH.indexOf(task);\n");

    CompiledClasses classes = new CompiledClasses(compilation);
    Object pipeline = classes.construct("test.Spread");
    RemoteTasks remote = (RemoteTasks) classes.construct("test.SpreadRemoteTasks");
    assertThat(remote.call(pipeline, "t1999", new Object[] {40, 2})).isEqualTo(43);
    assertThat(remote.call(pipeline, "t0", new Object[0])).isEqualTo(1);
    assertThat(remote.callClasses("t1999")).contains("test.Spread");
    assertThat(remote.callClasses("t0")).contains("test.Spread");
    for (String notDistributed : new String[] {"local", "t2000"}) {
      IllegalArgumentException thrown =
          assertThrows(
              IllegalArgumentException.class,
              () -> remote.call(pipeline, notDistributed, new Object[1]));
      assertThat(thrown)
          .hasMessageThat()
          .isEqualTo("no @Distributed task '" + notDistributed + "' in test.Spread");
      IllegalArgumentException noClasses =
          assertThrows(IllegalArgumentException.class, () -> remote.callClasses(notDistributed));
      assertThat(noClasses).hasMessageThat().isEqualTo(thrown.getMessage());
    }
    Object results = classes.run("test.SpreadRunner", pipeline);
    assertThat(call(results, "t1999")).isEqualTo(values(tasks, CHAIN_AND_HALF)[tasks - 1]);
  }

  /**
   * The chunks keep every method of the runner within the 8,000 bytes of code that HotSpot compiles
   * (README, Size), as the class files say; here in the 10,000-task pipeline, whose tasks have two
   * parameters (100 to a chunk). The tests below and above do the same for tasks that cost other
   * amounts of code for their weight.
   */
  @Test
  void noMethodOfTheTenThousandTaskRunnerIsTooLargeForHotSpotToCompile() {
    Map<String, Integer> big = MethodSizes.of(TenThousand.COMPILATION, "test.Big");
    // The reader reads javac's code: t0 is iconst_1, ireturn; t1 adds up its two parameters.
    assertThat(big).containsEntry("test.Big.t0()I", 2);
    assertThat(big).containsEntry("test.Big.t1(II)I", 6);
    assertEveryMethodCompilable(TenThousand.COMPILATION, "test.BigRunner");
  }

  /** Tasks without parameters weigh 2: 200 to a chunk. */
  @Test
  void noMethodOfARunnerOfTasksWithoutParametersIsTooLargeForHotSpotToCompile() {
    assertChunksOf200Compilable(
        "NoParameters", pipeline("class NoParameters {", 1_200, task -> new int[0]));
  }

  @Test
  void noMethodOfARunnerOfVoidTasksIsTooLargeForHotSpotToCompile() {
    assertChunksOf200Compilable(
        "Voids", tasks("class Voids {", 1_200, "  @Task void t%1$d() {}\n"));
  }

  /**
   * That pipeline {@code test.<name>} compiles into chunks of 200 tasks, none of them too large.
   */
  private static void assertChunksOf200Compilable(String name, String source) {
    Compilation compilation = compile(JavaFileObjects.forSourceString("test." + name, source));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(contents(compilation, "test." + name + "Runner"))
        .contains("  private static final class Tasks0To199 {\n");
    assertEveryMethodCompilable(compilation, "test." + name + "Runner");
  }

  /** {@code @Distributed} tasks with every setting of a policy, in the runner and remote tasks. */
  @Test
  void noMethodOfARunnerOfDistributedTasksWithPoliciesIsTooLargeForHotSpotToCompile() {
    Compilation compilation =
        compile(
            JavaFileObjects.forSourceString(
                "test.Policies",
                tasks(
                    """
                    @dev.taskwire.Distributed
                    class Policies implements java.io.Serializable {
                      private static final long serialVersionUID = 1L;

                      @Task @dev.taskwire.Distributed(false) static int source() {
                        return 1;
                      }
                    """,
                    1_200,
                    """
                      @Task(timeout = "1s", retries = 2, backoff = "10ms", maxBackoff = "1s",
                          retryOn = {IllegalStateException.class, java.io.UncheckedIOException.class})
                      int t%1$d(@DependsOn("source") int a, @DependsOn("source") int b) {
                        return a + b + %1$d;
                      }
                    """)));
    assertThat(compilation).succeededWithoutWarnings();
    assertEveryMethodCompilable(compilation, "test.PoliciesRunner", "test.PoliciesRemoteTasks");
  }

  /**
   * Fails if a method of a class file of {@code compilation} whose binary name starts with one of
   * {@code generated} has more than {@link #HOTSPOT_HUGE_METHOD_LIMIT} bytes of code, naming each,
   * static initializers excepted; also if no method of a chunk ({@code $Tasks...}) has 1,000, which
   * would mean the sizes were not read.
   */
  private static void assertEveryMethodCompilable(Compilation compilation, String... generated) {
    Map<String, Integer> sizes = MethodSizes.of(compilation, generated);
    assertThat(
            sizes.entrySet().stream()
                .filter(entry -> entry.getKey().contains("$Tasks"))
                .mapToInt(Map.Entry::getValue)
                .max()
                .orElse(0))
        .isGreaterThan(1_000);
    Map<String, Integer> tooLarge = new TreeMap<>();
    sizes.forEach(
        (method, size) -> {
          // A static initializer runs once, and interpreted: a Targets interface's sets a thousand
          // constants in some 10,000 bytes.
          if (size > HOTSPOT_HUGE_METHOD_LIMIT && !method.contains(".<clinit>(")) {
            tooLarge.put(method, size);
          }
        });
    assertThat(tooLarge).isEmpty();
  }

  /**
   * The largest pipeline of tasks that return nothing that the README says fits (Size) compiles:
   * {@link ClassFileLimits}' estimates are upper bounds of what javac writes.
   */
  @Test
  void theLargestPipelineOfVoidTasksCompiles() {
    assertCompilesWithoutADiagnostic(49_120, "  @Task void t%1$d() {}\n");
  }

  /** As above, for the README's 48,033 tasks that all return {@code int}. */
  @Test
  void theLargestPipelineOfIntTasksCompiles() {
    assertCompilesWithoutADiagnostic(48_033, "  @Task int t%1$d() { return 1; }\n");
  }

  private static void assertCompilesWithoutADiagnostic(int tasks, String task) {
    Compilation compilation =
        compile(JavaFileObjects.forSourceString("test.Huge", tasks("class Huge {", tasks, task)));
    // Diagnostics first: a failed compilation's report would print the 10 MB runner.
    assertThat(compilation.diagnostics()).isEmpty();
    assertThat(compilation).succeededWithoutWarnings();
  }

  /**
   * {@code Execution} has a method per task, which costs its constant pool an entry, and a second
   * one from task number 32,768 on: 49,120 tasks are the most that fit in its 65,534 entries.
   */
  @Test
  void pipelineTooLargeForTheClassFileFormatIsAnErrorOnItsClass() {
    int tasks = 49_121;
    StringBuilder source =
        new StringBuilder("package test;\n\nimport dev.taskwire.Task;\n\nclass Huge {\n");
    for (int i = 0; i < tasks; i++) {
      source.append("  @Task void t").append(i).append("() {}\n");
    }
    JavaFileObject huge =
        JavaFileObjects.forSourceString("test.Huge", source.append("}\n").toString());
    Compilation compilation = compile(huge);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "pipeline test.Huge has 49121 tasks, too many for one runner: HugeRunner.Execution,"
                + " which has a method per task, would need about 65536 constant pool entries,"
                + " more than the 65534 a class file can hold; split the tasks over two or more"
                + " pipeline classes")
        .inFile(huge)
        .onLine(5);
  }

  /**
   * A pipeline class that opens with {@code header} and has {@code tasks} more int tasks, {@code
   * t0} to {@code t<tasks - 1>}: task i adds up the results of the tasks {@code upstream} gives,
   * plus one.
   */
  private static String pipeline(String header, int tasks, IntFunction<int[]> upstream) {
    StringBuilder source = opening(header);
    for (int i = 0; i < tasks; i++) {
      int[] prerequisites = upstream.apply(i);
      source.append("  @Task int t").append(i).append('(');
      StringBuilder sum = new StringBuilder();
      for (int k = 0; k < prerequisites.length; k++) {
        source
            .append(k == 0 ? "" : ", ")
            .append("@DependsOn(\"t" + prerequisites[k] + "\") int p" + k);
        sum.append('p').append(k).append(" + ");
      }
      source.append(") { return ").append(sum).append("1; }\n");
    }
    return source.append("}\n").toString();
  }

  /** A pipeline class's source up to and including {@code header}, its class declaration. */
  private static StringBuilder opening(String header) {
    return new StringBuilder("package test;\n\nimport dev.taskwire.DependsOn;\n")
        .append("import dev.taskwire.Task;\n\n")
        .append(header)
        .append('\n');
  }

  /**
   * A pipeline class that opens with {@code header} and has {@code tasks} more tasks, task {@code
   * i} written as {@code String.format(task, i)}.
   */
  private static String tasks(String header, int tasks, String task) {
    StringBuilder source = opening(header);
    for (int i = 0; i < tasks; i++) {
      source.append(String.format(task, i));
    }
    return source.append("}\n").toString();
  }

  /** What the pipeline computes, by a plain loop (int overflow wraps the same way in both). */
  private static int[] values(int tasks, IntFunction<int[]> upstream) {
    int[] values = new int[tasks];
    for (int i = 0; i < tasks; i++) {
      values[i] = 1;
      for (int prerequisite : upstream.apply(i)) {
        values[i] += values[prerequisite];
      }
    }
    return values;
  }
}
