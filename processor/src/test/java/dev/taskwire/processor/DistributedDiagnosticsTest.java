package dev.taskwire.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compileFailing;
import static dev.taskwire.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What a {@code @Distributed} task sends or receives must be serializable: each offending element
 * gets its own error, and async or opted-out tasks are not checked.
 */
class DistributedDiagnosticsTest {
  private final JavaFileObject file = source("bad/NotSerializable.java");
  private final Compilation compilation = compileFailing(file, 5);

  @Test
  void aDistributedClassWithoutTasks() {
    JavaFileObject stray = source("bad/DistributedWithoutTasks.java");
    assertThat(compileFailing(stray, 1))
        .hadErrorContaining(
            "@Distributed on test.DistributedWithoutTasks has no effect: the class has no @Task"
                + " methods to dispatch; remove @Distributed or add @Task methods")
        .inFile(stray)
        .onLineContaining("@Distributed");
  }

  @Test
  void thePipelineClassOfDispatchedInstanceTasks() {
    assertThat(compilation)
        .hadErrorContaining(
            "pipeline class test.NotSerializable is sent to the worker that runs its @Distributed"
                + " instance tasks (parse), but it is not Serializable; make test.NotSerializable"
                + " implement java.io.Serializable (fields those tasks do not need can be"
                + " transient), or make the tasks static")
        .inFile(file)
        .onLineContaining("class NotSerializable {");
  }

  @Test
  void aResult() {
    assertThat(compilation)
        .hadErrorContaining(
            "the result of @Distributed task parse has type test.NotSerializable.Rows, which"
                + " cannot be sent back from another JVM: test.NotSerializable.Rows is not"
                + " Serializable; make it implement java.io.Serializable, or keep parse on the"
                + " driver with @Distributed(false)")
        .inFile(file)
        .onLineContaining("Rows parse(");
  }

  @Test
  void aParameter() {
    assertThat(compilation)
        .hadErrorContaining(
            "parameter parsed of @Distributed task count has type java.lang.Object, which cannot"
                + " be sent to another JVM: java.lang.Object is not Serializable; make it"
                + " implement java.io.Serializable, or keep count on the driver with"
                + " @Distributed(false)")
        .inFile(file)
        .onLineContaining("Object parsed");
  }

  @Test
  void aTypeArgument() {
    assertThat(compilation)
        .hadErrorContaining(
            "the result of @Distributed task wrapped has type"
                + " java.util.List<test.NotSerializable.Rows>, which cannot be sent back from"
                + " another JVM: test.NotSerializable.Rows is not Serializable; make it implement"
                + " java.io.Serializable, or keep wrapped on the driver with @Distributed(false)")
        .inFile(file)
        .onLineContaining("List<Rows> wrapped(");
  }

  @Test
  void distributedOnAMethodThatIsNoTask() {
    assertThat(compilation)
        .hadErrorContaining(
            "@Distributed is only read on @Task methods and pipeline classes, and helper is not a"
                + " @Task method; add @Task to it or remove @Distributed")
        .inFile(file)
        .onLineContaining("@Distributed Rows helper()");
  }
}
