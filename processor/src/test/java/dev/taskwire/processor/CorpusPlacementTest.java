package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.CompiledClasses.call;

import com.google.testing.compile.Compilation;
import dev.taskwire.processor.Corpus.Compiled;
import dev.taskwire.processor.Corpus.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Corpus scenarios about where {@code @Task} and {@code @DependsOn} are written. Where their
 * targets forbid a place, javac rejects it before annotation processing, so the processor never
 * runs (and the message text is javac's: JDK 17 says "annotation type", later JDKs "annotation
 * interface", so the tests match the part both share).
 */
class CorpusPlacementTest {
  private static final String NOT_APPLICABLE = "not applicable to this kind of declaration";

  @Test
  @Scenario("TaskOnField")
  void taskOnAFieldIsRejectedByJavac() {
    Compiled scenario = Corpus.compile("TaskOnField");
    assertRejectedByJavac(scenario, NOT_APPLICABLE, "@Task String name");
  }

  @Test
  @Scenario("TaskOnConstructor")
  void taskOnAConstructorIsRejectedByJavac() {
    Compiled scenario = Corpus.compile("TaskOnConstructor");
    assertRejectedByJavac(scenario, NOT_APPLICABLE, "@Task TaskOnConstructor()");
  }

  @Test
  @Scenario("TaskOnClass")
  void taskOnAClassIsRejectedByJavac() {
    Compiled scenario = Corpus.compile("TaskOnClass");
    assertRejectedByJavac(scenario, NOT_APPLICABLE, "@Task class TaskOnClass");
  }

  @Test
  @Scenario("TaskOnPackage")
  void taskOnAPackageIsRejectedByJavac() {
    Compiled scenario = Corpus.compile("TaskOnPackage");
    assertThat(scenario.compilation()).failed();
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(NOT_APPLICABLE)
        .inFile(scenario.file("package-info.java"))
        .onLineContaining("@Task package corpus.taskonpackage;");
  }

  @Test
  @Scenario("DependsOnOnMethod")
  void dependsOnOnAMethodIsRejectedByJavac() {
    Compiled scenario = Corpus.compile("DependsOnOnMethod");
    assertRejectedByJavac(scenario, NOT_APPLICABLE, "@Task @DependsOn(\"load\") int count()");
  }

  /** The second annotation of a parameter is the error; the first would be fine. */
  @Test
  @Scenario("DependsOnTwiceOnOneParameter")
  void dependsOnTwiceOnOneParameterIsRejectedByJavac() {
    Compiled scenario = Corpus.compile("DependsOnTwiceOnOneParameter");
    assertRejectedByJavac(
        scenario, "DependsOn is not a repeatable annotation", "@DependsOn(\"clean\") String rows");
  }

  @Test
  @Scenario("DependsOnOnConstructorParameter")
  void dependsOnOnAConstructorParameterSaysItIsAConstructor() {
    Compiled scenario = Corpus.compile("DependsOnOnConstructorParameter");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "@DependsOn is only read on parameters of @Task methods, and this is a parameter of a"
                + " constructor of corpus.DependsOnOnConstructorParameter; remove @DependsOn")
        .inFile(scenario.file())
        .onLineContaining("@DependsOn(\"load\") String prefix) {");
  }

  /** The component's annotation lands on the implicit canonical constructor's parameter. */
  @Test
  @Scenario("DependsOnOnRecordComponent")
  void dependsOnOnARecordComponentSaysItIsOne() {
    Compiled scenario = Corpus.compile("DependsOnOnRecordComponent");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "@DependsOn is only read on parameters of @Task methods, and this is a parameter of"
                + " the canonical constructor of record corpus.DependsOnOnRecordComponent (a"
                + " record component's annotations land on it); remove @DependsOn")
        .inFile(scenario.file())
        .onLineContaining("@DependsOn(\"load\") String prefix) {");
  }

  /**
   * A lambda's parameters are inside a method body, which javac never shows to processors (as with
   * a local class): the annotation is ignored, and the pipeline around it works.
   */
  @Test
  @Scenario("DependsOnOnLambdaParameter")
  void dependsOnOnALambdaParameterIsInvisibleAndHarmless() {
    Compiled scenario = Corpus.compile("DependsOnOnLambdaParameter");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results =
        scenario.run(
            "corpus.DependsOnOnLambdaParameterRunner", "corpus.DependsOnOnLambdaParameter");
    assertThat(call(results, "count")).isEqualTo(4);
  }

  @Test
  @Scenario("TaskInInterfaceStaticMethod")
  void taskOnAStaticInterfaceMethod() {
    Compiled scenario = Corpus.compile("TaskInInterfaceStaticMethod");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "@Task methods must be declared in a class, and corpus.TaskInInterfaceStaticMethod is"
                + " an interface; move the task into a class")
        .inFile(scenario.file())
        .onLineContaining("static String load()");
  }

  /** An annotation interface is an interface: not "abstract", which asks for a body. */
  @Test
  @Scenario("TaskInAnnotationType")
  void taskOnAnAnnotationElementSaysItIsInAnInterface() {
    Compiled scenario = Corpus.compile("TaskInAnnotationType");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "@Task methods must be declared in a class, and corpus.TaskInAnnotationType is an"
                + " interface; move the task into a class")
        .inFile(scenario.file())
        .onLineContaining("String load();");
  }

  /** A package-info.java with a package annotation is one more root element, and no trouble. */
  @Test
  @Scenario("PackageInfo")
  void pipelineInAPackageWithAPackageInfo() {
    Compiled scenario = Corpus.compile("PackageInfo");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    assertThat(scenario.compilation().generatedSourceFiles()).hasSize(1);
    Object results = scenario.run("corpus.packageinfo.StepsRunner", "corpus.packageinfo.Steps");
    assertThat(call(results, "count")).isEqualTo(4);
  }

  private static void assertRejectedByJavac(Compiled scenario, String message, String line) {
    Compilation compilation = scenario.compilation();
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(message)
        .inFile(scenario.file())
        .onLineContaining(line);
  }
}
