package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.taskwire.processor.Corpus.Compiled;
import dev.taskwire.processor.Corpus.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpus scenarios with a name that never resolves: a missing import, a type that never exists.
 * javac's "cannot find symbol" is the error. Where the missing name is in the class's signatures,
 * auto-common defers the class from round to round in case another processor generates the type; at
 * the last round it reports, on the class, that it could not process it, and asks to check for
 * compilation errors (see {@link DeferralTest}). The processor itself adds nothing: no runner, and
 * none of its messages, which would be about a class javac has not finished (the error counts prove
 * it).
 */
class CorpusMissingTypesTest {
  private static final String CANNOT_FIND_SYMBOL = "cannot find symbol";
  private static final String DEFERRED_TO_THE_END =
      "TaskProcessor was unable to process this class because not all of its dependencies could"
          + " be resolved. Check for compilation errors or a circular dependency with generated"
          + " code.";

  @Test
  @Scenario("MissingImport")
  void missingImportOfAResultType() {
    Compiled scenario = Corpus.compile("MissingImport");
    assertDeferredToTheEnd(scenario, 2, "class MissingImport {");
    assertThat(scenario.compilation())
        .hadErrorContaining(CANNOT_FIND_SYMBOL)
        .inFile(scenario.file())
        .onLineContaining("List<String> names()");
  }

  /**
   * javac leaves an annotation it cannot resolve out of the element model, so without a look at the
   * source the processor would report "parameter rows has no @DependsOn".
   */
  @Test
  @Scenario("MissingImportOfDependsOn")
  void missingImportOfDependsOnIsNotReportedAsAMissingDependsOn(@TempDir Path output) {
    Compiled scenario = Corpus.compile("MissingImportOfDependsOn");
    assertDeferredToTheEnd(scenario, 2, "class MissingImportOfDependsOn {");
    assertThat(scenario.compilation())
        .hadErrorContaining(CANNOT_FIND_SYMBOL)
        .inFile(scenario.file())
        .onLineContaining("@DependsOn(\"load\") String rows");
    assertThat(scenario.generatedSources(output)).isEmpty();
  }

  /** Not "@DependsOn is only read on parameters of @Task methods": the @Task is there. */
  @Test
  @Scenario("MissingImportOfTask")
  void missingImportOfTaskIsNotReportedAsAStrayDependsOn(@TempDir Path output) {
    Compiled scenario = Corpus.compile("MissingImportOfTask");
    assertDeferredToTheEnd(scenario, 3, "class MissingImportOfTask {");
    assertThat(scenario.compilation())
        .hadErrorContaining(CANNOT_FIND_SYMBOL)
        .inFile(scenario.file())
        .onLineContaining("@Task String load()");
    assertThat(scenario.compilation())
        .hadErrorContaining(CANNOT_FIND_SYMBOL)
        .inFile(scenario.file())
        .onLineContaining("@Task int count(");
    assertThat(scenario.generatedSources(output)).isEmpty();
  }

  @Test
  @Scenario("UnknownParameterType")
  void unknownParameterType() {
    Compiled scenario = Corpus.compile("UnknownParameterType");
    assertDeferredToTheEnd(scenario, 2, "class UnknownParameterType {");
    assertThat(scenario.compilation())
        .hadErrorContaining(CANNOT_FIND_SYMBOL)
        .inFile(scenario.file())
        .onLineContaining("NoSuchRows rows");
  }

  @Test
  @Scenario("UnknownTypeArgument")
  void unknownTypeDeepInAnAsyncResult() {
    Compiled scenario = Corpus.compile("UnknownTypeArgument");
    assertDeferredToTheEnd(scenario, 2, "class UnknownTypeArgument {");
    assertThat(scenario.compilation())
        .hadErrorContaining(CANNOT_FIND_SYMBOL)
        .inFile(scenario.file())
        .onLineContaining("CompletableFuture<List<NoSuchItem>> load()");
  }

  @Test
  @Scenario("UnknownThrownType")
  void unknownThrownType() {
    Compiled scenario = Corpus.compile("UnknownThrownType");
    assertDeferredToTheEnd(scenario, 2, "class UnknownThrownType {");
    assertThat(scenario.compilation())
        .hadErrorContaining(CANNOT_FIND_SYMBOL)
        .inFile(scenario.file())
        .onLineContaining("throws NoSuchException");
  }

  /** A field's type counts too: auto-common validates the whole class before the step runs. */
  @Test
  @Scenario("UnknownTypeInOtherMember")
  void unknownTypeOfAFieldBesideValidTasks() {
    Compiled scenario = Corpus.compile("UnknownTypeInOtherMember");
    assertDeferredToTheEnd(scenario, 2, "class UnknownTypeInOtherMember {");
    assertThat(scenario.compilation())
        .hadErrorContaining(CANNOT_FIND_SYMBOL)
        .inFile(scenario.file())
        .onLineContaining("NoSuchService service;");
  }

  /**
   * Method bodies are not part of what processors see, so nothing is deferred: the runner is
   * written (and compiles; {@link Corpus#compile} checks that) and javac reports the body alone.
   */
  @Test
  @Scenario("UnknownTypeInMethodBody")
  void unknownTypeInAMethodBodyOnlyFailsTheBody(@TempDir Path output) {
    Compiled scenario = Corpus.compile("UnknownTypeInMethodBody");
    assertThat(scenario.compilation()).failed();
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(CANNOT_FIND_SYMBOL)
        .inFile(scenario.file())
        .onLineContaining("NoSuchHelper helper = null;");
    assertThat(scenario.generatedSources(output))
        .containsExactly("corpus/UnknownTypeInMethodBodyRunner.java");
  }

  private static void assertDeferredToTheEnd(Compiled scenario, int errors, String classLine) {
    Compilation compilation = scenario.compilation();
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(errors);
    assertThat(compilation)
        .hadErrorContaining(DEFERRED_TO_THE_END)
        .inFile(scenario.file())
        .onLineContaining(classLine);
  }
}
