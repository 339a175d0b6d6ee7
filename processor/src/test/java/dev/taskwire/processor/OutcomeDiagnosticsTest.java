package dev.taskwire.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compileFailing;
import static dev.taskwire.processor.Sources.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Parameters of type {@code Outcome<T>}: T is checked against the upstream result. */
class OutcomeDiagnosticsTest {
  @Test
  void aRawOutcome() {
    JavaFileObject file = source("bad/RawOutcome.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "parameter trained of task use is a raw Outcome; give the type of the result it"
                + " receives, e.g. Outcome<Model>")
        .inFile(file)
        .onLineContaining("Outcome trained");
  }

  @Test
  void anOutcomeOfTheWrongType() {
    JavaFileObject file = source("bad/OutcomeTypeMismatch.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "parameter trained of task use has type dev.taskwire.runtime.Outcome<java.lang.Integer>,"
                + " which cannot accept the result of task train (java.lang.String);"
                + " declare it as Outcome<java.lang.String> or an Outcome of a supertype of it")
        .inFile(file)
        .onLineContaining("Outcome<Integer> trained");
  }

  /** The advice boxes the result and keeps it inside Outcome: never "declare it as int". */
  @Test
  void anOutcomeOfAPrimitiveResult() {
    JavaFileObject file = source("bad/OutcomeOfPrimitiveResult.java");
    assertThat(compileFailing(file, 1))
        .hadErrorContaining(
            "parameter counted of task use has type"
                + " dev.taskwire.runtime.Outcome<java.lang.String>, which cannot accept the result"
                + " of task count (int); declare it as Outcome<java.lang.Integer> or an Outcome of"
                + " a supertype of it")
        .inFile(file)
        .onLineContaining("Outcome<String> counted");
  }
}
