package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compileFailing;
import static dev.taskwire.processor.Sources.generatedSources;
import static dev.taskwire.processor.Sources.source;

import java.io.IOException;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Problems with one parameter's {@code @DependsOn}: reported on that parameter, which the sources
 * put on a line of its own so that the line proves where the caret is.
 */
class DependencyDiagnosticsTest {
  @Test
  void unknownTaskWithATypoSuggestsTheClosestTask() {
    JavaFileObject file = source("bad/UnknownDependencyTypo.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "@DependsOn(\"trian\") names no @Task in UnknownDependencyTypo;"
                + " did you mean \"train\"?")
        .inFile(file)
        .onLineContaining("@DependsOn(\"trian\") String model");
  }

  @Test
  void unknownTaskWithNoCloseMatchListsTheTasks() {
    JavaFileObject file = source("bad/UnknownDependencyNoMatch.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "@DependsOn(\"weatherForecast\") names no @Task in UnknownDependencyNoMatch;"
                + " its tasks are: load, train, predict")
        .inFile(file)
        .onLineContaining("@DependsOn(\"weatherForecast\") String model");
  }

  @Test
  void unknownTaskNeverSuggestsTheDependentTaskItself() {
    JavaFileObject file = source("bad/UnknownDependencyCloseToItself.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "@DependsOn(\"trains\") names no @Task in UnknownDependencyCloseToItself;"
                + " its tasks are: load, train")
        .inFile(file)
        .onLineContaining("@DependsOn(\"trains\") String rows");
  }

  @Test
  void unknownTaskFromAnEmptyDependsOnNamesTheParameter() {
    JavaFileObject file = source("bad/UnknownDependencyFromParameterName.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "@DependsOn on parameter dataset (an empty value means the parameter's name) names no"
                + " @Task in UnknownDependencyFromParameterName; its tasks are: load, train")
        .inFile(file)
        .onLineContaining("@DependsOn String dataset");
  }

  @Test
  void parameterTypeThatCannotAcceptTheResultNamesBothTypes() {
    JavaFileObject file = source("bad/TypeMismatch.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "parameter rows of task count has type java.lang.Integer, which cannot accept the"
                + " result of task load (java.lang.String); declare it as java.lang.String or a"
                + " supertype of it")
        .inFile(file)
        .onLineContaining("@DependsOn(\"load\") Integer rows");
  }

  /** The model of TypeMismatch was complete: only its error kept the writer from it. */
  @Test
  void classWithAnErrorGetsNoRunnerAndOtherClassesStillGetTheirs(@TempDir Path output)
      throws IOException {
    assertThat(
            generatedSources(output, source("bad/TypeMismatch.java"), source("good/Diamond.java")))
        .containsExactly("test/DiamondRunner.java");
  }

  @Test
  void dependingOnAVoidTask() {
    JavaFileObject file = source("bad/DependsOnVoidTask.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "task clean has no result (it returns void or a future of Void), so parameter cleaned"
                + " of task load has nothing to receive; return a value from clean or remove this"
                + " dependency")
        .inFile(file)
        .onLineContaining("@DependsOn(\"clean\") Object cleaned");
  }

  @Test
  void dependingOnAnAsyncTaskWithAFutureOfVoid() {
    JavaFileObject file = source("bad/DependsOnAsyncVoidTask.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "task upload has no result (it returns void or a future of Void), so parameter"
                + " uploaded of task report has nothing to receive")
        .inFile(file)
        .onLineContaining("@DependsOn(\"upload\") Void uploaded");
  }

  @Test
  void parameterDeclaredAsTheFutureOfAnAsyncTask() {
    JavaFileObject file = source("bad/FutureParameter.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "parameter page of task length is declared as"
                + " java.util.concurrent.CompletableFuture<java.lang.String>, but it receives the"
                + " result of async task fetch, not its future; declare it as java.lang.String")
        .inFile(file)
        .onLineContaining("@DependsOn(\"fetch\") CompletableFuture<String> page");
  }

  @Test
  void parameterWithoutDependsOnNamedLikeATask() {
    JavaFileObject file = source("bad/MissingDependsOnNamedLikeTask.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "parameter load of task train has no @DependsOn; every task parameter receives"
                + " another task's result: add @DependsOn (the parameter is named like task load)")
        .inFile(file)
        .onLineContaining("String load) {");
  }

  @Test
  void parameterWithoutDependsOnListsTheOtherTasks() {
    JavaFileObject file = source("bad/MissingDependsOn.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "parameter rows of task train has no @DependsOn; every task parameter receives"
                + " another task's result: add @DependsOn(\"taskName\") naming one of: load, clean")
        .inFile(file)
        .onLineContaining("String rows) {");
  }

  @Test
  void parameterWithoutDependsOnOfTheOnlyTask() {
    JavaFileObject file = source("bad/MissingDependsOnOnlyTask.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "parameter train of task train has no @DependsOn; every task parameter receives"
                + " another task's result: the pipeline has no other task, so remove the"
                + " parameter")
        .inFile(file)
        .onLineContaining("String train) {");
  }

  @Test
  void dependsOnOnAMethodWithoutTask() {
    JavaFileObject file = source("bad/DependsOnWithoutTask.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "@DependsOn is only read on parameters of @Task methods, and helper is not one; add"
                + " @Task to the method or remove @DependsOn")
        .inFile(file)
        .onLineContaining("@DependsOn(\"load\") String rows");
  }
}
