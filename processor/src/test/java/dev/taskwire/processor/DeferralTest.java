package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.CompiledClasses.call;
import static dev.taskwire.processor.Sources.compile;
import static dev.taskwire.processor.Sources.compileFailing;
import static dev.taskwire.processor.Sources.compileWith;
import static dev.taskwire.processor.Sources.contents;
import static dev.taskwire.processor.Sources.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A pipeline whose types another processor generates: the processor waits for a later round instead
 * of failing on a type that does not exist yet.
 */
class DeferralTest {
  /** Generates {@code test.GeneratedModel} in the first round, as AutoValue or protoc would. */
  @SupportedAnnotationTypes("*")
  static final class ModelGenerator extends AbstractProcessor {
    private boolean generated;

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!generated) {
        generated = true;
        try (Writer source =
            processingEnv.getFiler().createSourceFile("test.GeneratedModel").openWriter()) {
          source.write("package test;\n\npublic record GeneratedModel(String name) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }
  }

  @Test
  void pipelineUsingAGeneratedTypeIsProcessedOnceTheTypeExists() {
    // The generator runs first, but its file only becomes a type in the next round.
    Compilation compilation =
        compileWith(
            List.of(new ModelGenerator(), new TaskProcessor()),
            source("good/UsesGeneratedModel.java"));
    assertThat(compilation).succeededWithoutWarnings();
    String runner = contents(compilation, "test.UsesGeneratedModelRunner");
    assertThat(runner).contains("public GeneratedModel build() {");
    assertThat(runner).contains("case 1 -> pipeline.describe(run.<GeneratedModel>value(0));");

    CompiledClasses classes = new CompiledClasses(compilation);
    Object results =
        classes.run("test.UsesGeneratedModelRunner", classes.construct("test.UsesGeneratedModel"));
    assertThat(call(results, "describe")).isEqualTo("model");
  }

  /**
   * Only the task signatures must be complete: a field or another method that names the runner
   * itself (which this processor is about to generate) is no reason to wait.
   */
  @Test
  void pipelineThatNamesItsOwnRunnerOutsideItsTasksCompilesAndRuns() {
    Compilation compilation = compile(source("good/HoldsItsOwnRunner.java"));
    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    Object pipeline = classes.construct("test.HoldsItsOwnRunner");
    assertThat(call(pipeline, "startAndAwait")).isEqualTo(2);
  }

  @Test
  void typeThatNeverAppearsIsACompileErrorNotACrash() {
    JavaFileObject file = source("bad/MissingType.java");
    Compilation compilation = compileFailing(file, 2);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(file)
        .onLineContaining("NeverGenerated build()");
    assertThat(compilation)
        .hadErrorContaining(neverResolved("test.MissingType", "MissingTypeRunner"))
        .inFile(file)
        .onLineContaining("class MissingType {");
    assertThat(compilation.errors().toString()).doesNotContain("internal error");
  }

  /** The error on a class still waiting at the last round. */
  static String neverResolved(String type, String runner) {
    return "no "
        + runner
        + " was generated: a name in the declaration of "
        + type
        + " or in the signature of one of its @Task methods never resolved, so taskwire waited"
        + " for it until the last round; fix the error javac reports for that name (if another"
        + " annotation processor generates the type, check that it runs)";
  }
}
