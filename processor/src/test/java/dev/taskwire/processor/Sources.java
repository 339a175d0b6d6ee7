package dev.taskwire.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Test sources under src/test/resources ({@code bad/}, {@code good/}, {@code expected/}), compiled
 * with the processor and every lint warning on, as the build compiles its own code.
 */
final class Sources {
  private Sources() {}

  static JavaFileObject source(String path) {
    return JavaFileObjects.forResource(path);
  }

  static Compilation compile(JavaFileObject... sources) {
    return compileWith(List.of(new TaskProcessor()), sources);
  }

  /** Compiles with {@code processors}, which run in this order in every round. */
  static Compilation compileWith(List<? extends Processor> processors, JavaFileObject... sources) {
    return javac()
        .withProcessors(processors)
        .withOptions("-Xlint:all,-processing")
        .compile(sources);
  }

  /** Compiles {@code file} alone and asserts that it failed with exactly {@code errors} errors. */
  static Compilation compileFailing(JavaFileObject file, int errors) {
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(errors);
    return compilation;
  }

  /**
   * Compiles {@code sources} with the processor, writing to {@code output}, and returns the paths
   * of the generated sources relative to it, whether or not the compilation failed. For failed
   * compilations, whose generated files compile-testing does not show.
   */
  static List<String> generatedSources(Path output, JavaFileObject... sources) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, UTF_8)) {
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(output));
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(output));
      JavaCompiler.CompilationTask task =
          javac.getTask(null, files, diagnostic -> {}, null, null, List.of(sources));
      task.setProcessors(List.of(new TaskProcessor()));
      task.call();
    }
    try (Stream<Path> paths = Files.walk(output)) {
      return paths
          .filter(path -> path.toString().endsWith(".java"))
          .map(path -> output.relativize(path).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  /**
   * Compiles {@code file} alone, asserts that it and the runner generated for it compiled without
   * errors or warnings, and returns the runner's source text.
   *
   * @param runner the runner's canonical name, e.g. {@code test.FooRunner}
   */
  static String compileCleanly(JavaFileObject file, String runner) {
    Compilation compilation = compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    return contents(compilation, runner);
  }

  /** The text of generated source {@code runner}, failing if it was not generated. */
  static String contents(Compilation compilation, String runner) {
    JavaFileObject file =
        compilation
            .generatedSourceFile(runner)
            .orElseThrow(() -> new AssertionError(runner + " was not generated"));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
