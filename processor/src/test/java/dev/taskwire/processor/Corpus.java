package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * The corpus under src/test/resources/corpus/: malformed or unusual pipelines, one scenario per
 * file, or per directory when a scenario needs several files or a file of a particular name (a
 * {@code package-info.java}, a class named {@code Results}). A file's or directory's name is the
 * scenario's.
 *
 * <p>Every compilation of a scenario goes through {@link #compile(String)}, which asserts what
 * holds for all of them: the processor never threw, and the code it generated raised neither an
 * error nor a warning.
 */
final class Corpus {
  private static final String ROOT = "corpus";

  private Corpus() {}

  /** Marks the test of one scenario; {@link CorpusTest} checks that every scenario has one. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Scenario {
    String value();
  }

  /** A compiled scenario: its source files and the compilation. */
  record Compiled(String name, List<JavaFileObject> files, Compilation compilation) {
    /** The scenario's only file. */
    JavaFileObject file() {
      assertWithMessage("files of %s", name).that(files).hasSize(1);
      return files.get(0);
    }

    /** The file called {@code fileName} (e.g. {@code Results.java}) of a directory scenario. */
    JavaFileObject file(String fileName) {
      return files.stream()
          .filter(file -> file.toUri().getPath().endsWith("/" + name + "/" + fileName))
          .findFirst()
          .orElseThrow(() -> new AssertionError(name + " has no file " + fileName));
    }

    /**
     * The generated sources, also of a failed compilation (which compile-testing does not show):
     * the scenario compiled once more, to {@code output}.
     */
    List<String> generatedSources(Path output) {
      try {
        return Sources.generatedSources(output, files.toArray(JavaFileObject[]::new));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The classes of a successful compilation, to run the generated runners. */
    CompiledClasses classes() {
      return new CompiledClasses(compilation);
    }

    /**
     * {@code new Runner(new Pipeline(arguments)).run()}: the results of one run.
     *
     * @param runner the runner's binary name, e.g. {@code corpus.Outer_FooRunner}
     * @param pipeline the pipeline's binary name, e.g. {@code corpus.Outer$Foo}
     */
    Object run(String runner, String pipeline, Object... arguments) {
      CompiledClasses classes = classes();
      return classes.run(runner, classes.construct(pipeline, arguments));
    }
  }

  /** Every scenario's name, sorted: the corpus directory's entries. */
  static List<String> scenarios() {
    try (Stream<Path> entries = Files.list(root())) {
      return entries
          .map(entry -> entry.getFileName().toString().replaceFirst("\\.java$", ""))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compiles scenario {@code name} with the processor and asserts that the processor did not throw
   * and that no generated file has an error or a warning.
   */
  static Compiled compile(String name) {
    List<JavaFileObject> files = files(name);
    Compilation compilation;
    try {
      compilation = Sources.compile(files.toArray(JavaFileObject[]::new));
    } catch (RuntimeException thrown) {
      throw new AssertionError("compiling corpus scenario " + name + " threw", thrown);
    }
    assertProcessorDidNotThrow(name, compilation);
    assertGeneratedCodeIsClean(name, compilation);
    return new Compiled(name, files, compilation);
  }

  /**
   * The processor turns an exception into an "internal error" diagnostic on the class instead of
   * crashing javac (and javac reports a processor that throws anyway); neither may happen.
   */
  static void assertProcessorDidNotThrow(String name, Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
      String message = diagnostic.getMessage(null);
      assertWithMessage("a diagnostic of corpus scenario %s", name)
          .that(message)
          .doesNotContain("internal error in the taskwire processor");
      assertWithMessage("a diagnostic of corpus scenario %s", name)
          .that(message)
          .doesNotContain("threw an uncaught exception");
    }
  }

  /**
   * A runner written for a class of the scenario compiles, and without a warning, whether or not
   * the scenario as a whole compiles. compile-testing keeps generated sources in memory under
   * {@code SOURCE_OUTPUT}.
   */
  private static void assertGeneratedCodeIsClean(String name, Compilation compilation) {
    List<String> inGenerated =
        compilation.diagnostics().stream()
            .filter(diagnostic -> diagnostic.getKind() != Diagnostic.Kind.NOTE)
            .filter(diagnostic -> diagnostic.getSource() != null)
            .filter(diagnostic -> isGenerated(diagnostic.getSource()))
            .map(Object::toString)
            .toList();
    assertWithMessage("errors and warnings in code generated for corpus scenario %s", name)
        .that(inGenerated)
        .isEmpty();
  }

  private static boolean isGenerated(JavaFileObject file) {
    return file.toUri().getPath().contains("/" + StandardLocation.SOURCE_OUTPUT.getName() + "/");
  }

  private static List<JavaFileObject> files(String name) {
    Path single = root().resolve(name + ".java");
    if (Files.isRegularFile(single)) {
      return List.of(JavaFileObjects.forResource(ROOT + "/" + name + ".java"));
    }
    Path directory = root().resolve(name);
    assertWithMessage("corpus scenario %s", name).that(Files.isDirectory(directory)).isTrue();
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .map(entry -> entry.getFileName().toString())
          .filter(fileName -> fileName.endsWith(".java"))
          .sorted()
          .map(fileName -> JavaFileObjects.forResource(ROOT + "/" + name + "/" + fileName))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    URL url = Corpus.class.getClassLoader().getResource(ROOT);
    if (url == null) {
      throw new AssertionError(ROOT + "/ is not on the test class path");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
