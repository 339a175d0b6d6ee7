package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.taskwire.processor.CompiledClasses.call;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Eclipse's compiler (ECJ) runs annotation processors its own way; the processor works there too,
 * the runners it generates compile without a warning (unused imports included), and they run. ECJ
 * reads generated sources back from disk, so this compiles into a directory rather than through
 * compile-testing's in-memory files.
 */
class EclipseCompilerTest {
  @TempDir Path directory;

  /** The notes of the last compilation, as "line message". */
  private List<String> notes = List.of();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Primitives, answer, 42",
    "AsyncTasks, , ",
    "VoidTasks, , ",
    "GenericResults, , ",
    "SameUpstreamTwice, , ",
  })
  void ecjCompilesThePipelineAndItsRunnerWithoutWarningsAndItRuns(
      String pipeline, String accessor, String expected) throws Exception {
    Path source =
        Files.createDirectories(directory.resolve("src/test")).resolve(pipeline + ".java");
    try (InputStream in = resource("good/" + pipeline + ".java")) {
      Files.copy(in, source);
    }
    Path classes = compileWithEcj(List.of(source));
    assertThat(Files.exists(directory.resolve("generated/test/" + pipeline + "Runner.java")))
        .isTrue();

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Object instance = construct(loader.loadClass("test." + pipeline));
      Class<?> runner = loader.loadClass("test." + pipeline + "Runner");
      Object results =
          call(runner.getConstructor(instance.getClass()).newInstance(instance), "run");
      if (accessor != null) {
        assertThat(String.valueOf(call(results, accessor))).isEqualTo(expected);
      }
    }
  }

  /**
   * ECJ gives no javac trees, so no task's code can be fingerprinted: the processor says so once,
   * on the class, and files results under a fingerprint new in every build, so that a result store
   * never serves a result of code that was since edited.
   */
  @Test
  void withoutSourceResultsAreReusedOnlyWithinOneBuild() throws IOException {
    Path source = Files.createDirectories(directory.resolve("src/test")).resolve("Primitives.java");
    try (InputStream in = resource("good/Primitives.java")) {
      Files.copy(in, source);
    }
    Path runner = directory.resolve("generated/test/PrimitivesRunner.java");
    compileWithEcj(List.of(source));
    assertThat(notes)
        .containsExactly(
            "6 this compiler gives taskwire no source to fingerprint the tasks of test.Primitives"
                + " by: a result store reuses their results only within this build, so that none"
                + " is stale after an edit");
    String firstBuild = Files.readString(runner);
    assertThat(firstBuild).contains(".code(\"");

    // A fresh compiler, as the next build: the same source, other fingerprints.
    compileWithEcj(List.of(source));
    String secondBuild = Files.readString(runner);
    assertThat(codeFingerprints(secondBuild)).isNotEmpty();
    assertThat(codeFingerprints(secondBuild)).containsNoneIn(codeFingerprints(firstBuild));
  }

  private static List<String> codeFingerprints(String runner) {
    return Pattern.compile("\\.code\\(\"([0-9a-f]+)\"\\)")
        .matcher(runner)
        .results()
        .map(match -> match.group(1))
        .toList();
  }

  /**
   * The integration tests' pipelines (in {@code integration-tests/src/main/java}), all in one
   * compilation, as a project in Eclipse would have them.
   */
  @Test
  void ecjCompilesTheIntegrationPipelinesWithoutWarnings() throws IOException {
    Path root = Path.of("..", "integration-tests", "src", "main", "java");
    List<Path> sources;
    try (Stream<Path> files = Files.walk(root)) {
      sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
    }
    assertThat(sources.size()).isAtLeast(10);
    Path classes = compileWithEcj(sources);
    assertThat(Files.exists(classes.resolve("dev/taskwire/it/PipelineRunner.class"))).isTrue();
  }

  /**
   * Compiles {@code sources} with ECJ and the processor into {@code classes/} (the runners' sources
   * into {@code generated/}); asserts that it succeeded without an error, and without a warning on
   * a runner.
   */
  private Path compileWithEcj(List<Path> sources) throws IOException {
    Path generated = Files.createDirectories(directory.resolve("generated"));
    Path classes = Files.createDirectories(directory.resolve("classes"));
    JavaCompiler ecj = new EclipseCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled;
    try (StandardJavaFileManager files =
        ecj.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      JavaCompiler.CompilationTask task =
          ecj.getTask(
              null,
              files,
              diagnostics,
              List.of(
                  "--release",
                  "17",
                  "-classpath",
                  System.getProperty("java.class.path"),
                  "-warn:+unusedImport,+unusedPrivate,+deprecation,+rawTypeReference"),
              null,
              files.getJavaFileObjectsFromPaths(sources));
      task.setProcessors(List.of(new TaskProcessor()));
      compiled = task.call();
    }
    // Every error, and any warning on a generated runner (the pipelines' own are their authors').
    String reported =
        diagnostics.getDiagnostics().stream()
            .filter(
                diagnostic ->
                    diagnostic.getKind() == Diagnostic.Kind.ERROR
                        || (diagnostic.getSource() != null
                            && Path.of(diagnostic.getSource().toUri()).startsWith(generated)))
            .map(EclipseCompilerTest::describe)
            .collect(Collectors.joining("\n"));
    assertThat(reported).isEmpty();
    assertThat(compiled).isTrue();
    notes =
        diagnostics.getDiagnostics().stream()
            .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.NOTE)
            .map(
                diagnostic -> diagnostic.getLineNumber() + " " + diagnostic.getMessage(Locale.ROOT))
            .toList();
    return classes;
  }

  private static InputStream resource(String name) {
    InputStream in = EclipseCompilerTest.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new AssertionError("no test resource " + name);
    }
    return in;
  }

  private static Object construct(Class<?> type) throws ReflectiveOperationException {
    Constructor<?> constructor = type.getDeclaredConstructor();
    constructor.setAccessible(true);
    return constructor.newInstance();
  }

  private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
    return diagnostic.getKind()
        + " "
        + (diagnostic.getSource() == null ? "" : diagnostic.getSource().getName())
        + ":"
        + diagnostic.getLineNumber()
        + " "
        + diagnostic.getMessage(Locale.ROOT);
  }
}
