package dev.taskwire.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compileFailing;
import static dev.taskwire.processor.Sources.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Problems with one {@code @Task} method: reported on the method, the caret on its name. */
class TaskMethodDiagnosticsTest {
  @Test
  void twoTasksWithOneNameAreReportedOnTheSecond() {
    JavaFileObject file = source("bad/DuplicateTask.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "two @Task methods are named load; a task's name is its method name, so overloads"
                + " are not allowed: rename one")
        .inFile(file)
        .onLineContaining("String load(@DependsOn(\"other\")");
  }

  @Test
  void privateTask() {
    JavaFileObject file = source("bad/PrivateTask.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "@Task method hidden must not be private: the generated PrivateTaskRunner calls it;"
                + " make it package-private or wider")
        .inFile(file)
        .onLineContaining("private String hidden()");
  }

  @Test
  void abstractTask() {
    JavaFileObject file = source("bad/AbstractTask.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "@Task method missingBody is abstract; a task needs a body the runner can call")
        .inFile(file)
        .onLineContaining("abstract String missingBody()");
  }

  @Test
  void genericTask() {
    JavaFileObject file = source("bad/GenericTask.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "@Task method anything must not declare type parameters: the runner needs the task's"
                + " exact result type")
        .inFile(file)
        .onLineContaining("<T> T anything()");
  }

  @Test
  void rawFutureReturnType() {
    JavaFileObject file = source("bad/RawFuture.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "async task fetch returns the raw type java.util.concurrent.CompletableFuture; give"
                + " its result type, e.g. CompletableFuture<String>")
        .inFile(file)
        .onLineContaining("CompletableFuture fetch()");
  }

  @Test
  void resultTypeNotVisibleToTheRunner() {
    JavaFileObject file = source("bad/InaccessibleResult.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "the result type test.InaccessibleResult.Secret of task hide is not visible to the"
                + " generated InaccessibleResultRunner in this package; make it public or"
                + " package-private")
        .inFile(file)
        .onLineContaining("Secret hide()");
  }

  @ParameterizedTest
  @CsvSource({
    "ReservedNameAwait, await, Execution.await()",
    "ReservedNameCancel, cancel, Execution.cancel()",
    "ReservedNameToString, toString, Object.toString()",
  })
  void taskNameThatClashesWithAGeneratedMember(String pipeline, String task, String member) {
    JavaFileObject file = source("bad/" + pipeline + ".java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "task name \""
                + task
                + "\" clashes with "
                + member
                + " of the generated runner; rename the method")
        .inFile(file)
        .onLineContaining("public String " + task + "()");
  }
}
