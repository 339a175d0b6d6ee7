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
 * javac's "cannot find symbol" is the error. Where the missing name is in the class's declaration
 * or a task signature, the processor defers the class from round to round in case another processor
 * generates the type; at the last round it reports, on the class, that no runner was generated (see
 * {@link DeferralTest}). The processor adds nothing else: no runner, and none of its other
 * messages, which would be about a class javac has not finished (the error counts prove it). A
 * missing name elsewhere in the class does not hold the runner back.
 */
class CorpusMissingTypesTest {
  private static final String CANNOT_FIND_SYMBOL = "cannot find symbol";

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

  /**
   * Only the task signatures count: a field whose type never exists does not hold the runner back
   * (it might be the runner itself), so the runner is written and javac reports the field alone.
   */
  @Test
  @Scenario("UnknownTypeInOtherMember")
  void unknownTypeOfAFieldBesideValidTasksOnlyFailsTheField(@TempDir Path output) {
    Compiled scenario = Corpus.compile("UnknownTypeInOtherMember");
    assertThat(scenario.compilation()).failed();
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(CANNOT_FIND_SYMBOL)
        .inFile(scenario.file())
        .onLineContaining("NoSuchService service;");
    assertThat(scenario.generatedSources(output))
        .containsExactly("corpus/UnknownTypeInOtherMemberRunner.java");
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
    String name = classLine.substring("class ".length(), classLine.length() - " {".length());
    assertThat(compilation)
        .hadErrorContaining(DeferralTest.neverResolved("corpus." + name, name + "Runner"))
        .inFile(scenario.file())
        .onLineContaining(classLine);
  }
}
