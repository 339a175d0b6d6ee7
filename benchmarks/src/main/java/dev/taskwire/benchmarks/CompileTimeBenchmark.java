package dev.taskwire.benchmarks;

import dev.taskwire.processor.TaskProcessor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * How much compile time the taskwire processor adds, by pipeline size. For 100, 1,000 and 2,000
 * tasks it generates one pipeline class (task {@code i} depends on task {@code i - 1}, a chain, and
 * on task {@code i / 2}, so most tasks have two inputs and the early ones feed many), and compiles
 * it in this JVM with {@code ToolProvider.getSystemJavaCompiler()} twice: with {@code -proc:none},
 * and with a {@link TaskProcessor} handed to javac, which then also compiles the generated runner.
 * After warm-up rounds (javac runs in this JVM and warms up like any Java code) it repeats both a
 * few times and reports medians: the added time, and the added time per task. Finally it loads the
 * largest runner, runs the pipeline and checks its answer, so a runner that javac rejected ("code
 * too large") or that does not work fails the program.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.taskwire.benchmarks.CompileTimeBenchmark \
 *     [--rounds 5] [--warmup 2] [--sizes 100,1000,2000] [--out FILE]
 * </pre>
 *
 * <p>It prints a markdown table, and writes it to {@code --out} if given (benchmarks/run.sh puts it
 * into benchmarks/results.md).
 */
public final class CompileTimeBenchmark {
  private CompileTimeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = 5;
    int warmup = 2;
    int[] sizes = {100, 1_000, 2_000};
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--sizes" ->
            sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }

    Path work = Files.createTempDirectory("taskwire-compile-bench");
    try {
      List<String> rows = new ArrayList<>();
      for (int round = 0; round < warmup; round++) {
        for (int size : sizes) {
          for (Mode mode : Mode.values()) {
            compile(work, size, mode);
          }
        }
        System.err.printf("warm-up round %d of %d done%n", round + 1, warmup);
      }
      for (int size : sizes) {
        long[] without = new long[rounds];
        long[] only = new long[rounds];
        long[] with = new long[rounds];
        Compiled last = null;
        for (int round = 0; round < rounds; round++) {
          without[round] = compile(work, size, Mode.NO_PROCESSOR).nanos;
          only[round] = compile(work, size, Mode.PROCESSOR_ONLY).nanos;
          last = compile(work, size, Mode.FULL);
          with[round] = last.nanos;
        }
        double withoutMs = median(without) / 1e6;
        double onlyMs = median(only) / 1e6;
        double withMs = median(with) / 1e6;
        double addedMs = withMs - withoutMs;
        int checked = runLargest(last, size);
        rows.add(
            String.format(
                Locale.ROOT,
                "| %,d | %,d | %.0f | %.0f | %.0f | **%.0f** | **%.0f** | %,d | %,d | %s |",
                size,
                edges(size),
                withoutMs,
                onlyMs,
                withMs,
                addedMs,
                addedMs * 1000 / size,
                last.runnerLines,
                last.runnerClassBytes,
                "t" + (size - 1) + " = " + checked));
        System.err.println(rows.get(rows.size() - 1));
      }

      StringBuilder table = new StringBuilder();
      table.append(
          String.format(
              Locale.ROOT,
              "Each pipeline compiled in one JVM with javac from"
                  + " `ToolProvider.getSystemJavaCompiler()`,"
                  + " %d warm-up round(s), then the median of %d rounds. *no processor*: `-proc:none`;"
                  + " *-proc:only*: javac stops after annotation processing (no class files); *full*:"
                  + " the processor runs, then javac compiles the pipeline and the generated runner."
                  + " *Added* = full minus no processor.%n%n",
              warmup,
              rounds));
      table.append(
          "| tasks | edges | javac, no processor (ms) | -proc:only (ms) "
              + "| javac + processor, full (ms) | added (ms) | added per task (µs) "
              + "| runner source lines | runner .class bytes | ran, checked |\n");
      table.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
      rows.forEach(row -> table.append(row).append('\n'));
      System.out.print(table);
      if (out != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
      }
    } finally {
      deleteRecursively(work);
    }
  }

  private enum Mode {
    NO_PROCESSOR,
    PROCESSOR_ONLY,
    FULL
  }

  /** One compilation's wall time, and for a full one the runner's size. */
  private record Compiled(long nanos, Path classes, int runnerLines, long runnerClassBytes) {}

  private static Compiled compile(Path work, int size, Mode mode) throws IOException {
    boolean withProcessor = mode != Mode.NO_PROCESSOR;
    String name = "Big" + size;
    Path dir = work.resolve(name + "-" + mode);
    deleteRecursively(dir);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter output = new StringWriter();
    List<String> options =
        new ArrayList<>(
            List.of(
                "--release", "17",
                "-classpath", System.getProperty("java.class.path"),
                "-d", classes.toString(),
                "-s", generated.toString()));
    if (mode == Mode.NO_PROCESSOR) {
      options.add("-proc:none");
    } else if (mode == Mode.PROCESSOR_ONLY) {
      options.add("-proc:only");
    }
    long start;
    boolean ok;
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(output, files, diagnostics, options, null, List.of(source(name, size)));
      if (withProcessor) {
        task.setProcessors(List.of(new TaskProcessor()));
      }
      start = System.nanoTime();
      ok = task.call();
    }
    long nanos = System.nanoTime() - start;
    if (!ok) {
      throw new IllegalStateException(
          "compiling " + name + " (" + mode + ") failed: " + diagnostics.getDiagnostics() + output);
    }
    if (mode != Mode.FULL) {
      return new Compiled(nanos, classes, 0, 0);
    }
    Path runnerSource = generated.resolve("bench/" + name + "Runner.java");
    Path runnerClass = classes.resolve("bench/" + name + "Runner.class");
    if (!Files.exists(runnerClass)) {
      throw new IllegalStateException(
          "no runner class for " + name + ": " + diagnostics.getDiagnostics());
    }
    int lines;
    try (Stream<String> stream = Files.lines(runnerSource)) {
      lines = (int) stream.count();
    }
    return new Compiled(nanos, classes, lines, Files.size(runnerClass));
  }

  /** Task i depends on task i - 1 and, from i = 2 on, on task i / 2. */
  private static JavaFileObject source(String name, int size) {
    StringBuilder source =
        new StringBuilder("package bench;\n\n")
            .append("import dev.taskwire.DependsOn;\nimport dev.taskwire.Task;\n\n")
            .append("public class ")
            .append(name)
            .append(" {\n")
            .append("  @Task public int t0() { return 1; }\n")
            .append("  @Task public int t1(@DependsOn(\"t0\") int a) { return a + 1; }\n");
    for (int i = 2; i < size; i++) {
      source.append(
          String.format(
              Locale.ROOT,
              "  @Task public int t%d(@DependsOn(\"t%d\") int previous, @DependsOn(\"t%d\") int half) {"
                  + " return previous + half + %d; }%n",
              i,
              i - 1,
              i / 2,
              i));
    }
    String text = source.append("}\n").toString();
    return new SimpleJavaFileObject(
        java.net.URI.create("string:///bench/" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
  }

  private static int edges(int size) {
    return size < 2 ? 0 : 1 + 2 * (size - 2);
  }

  /** What the last task returns, by a plain loop with the same wrapping int arithmetic. */
  private static int expected(int size) {
    int[] values = new int[size];
    values[0] = 1;
    if (size > 1) {
      values[1] = 2;
    }
    for (int i = 2; i < size; i++) {
      values[i] = values[i - 1] + values[i / 2] + i;
    }
    return values[size - 1];
  }

  /** Loads the compiled pipeline and runner, runs it, and checks the last task's result. */
  private static int runLargest(Compiled compiled, int size) throws Exception {
    String name = "bench.Big" + size;
    URL[] classes = {compiled.classes().toUri().toURL()};
    try (URLClassLoader loader =
        new URLClassLoader(classes, CompileTimeBenchmark.class.getClassLoader())) {
      Class<?> pipelineClass = loader.loadClass(name);
      Class<?> runnerClass = loader.loadClass(name + "Runner");
      Object pipeline = pipelineClass.getConstructor().newInstance();
      Object runner = runnerClass.getConstructor(pipelineClass).newInstance(pipeline);
      Object results = runnerClass.getMethod("run").invoke(runner);
      Method last = results.getClass().getMethod("t" + (size - 1));
      last.setAccessible(true);
      int value = (Integer) last.invoke(results);
      if (value != expected(size)) {
        throw new IllegalStateException(
            name + "Runner computed " + value + ", expected " + expected(size));
      }
      return value;
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
