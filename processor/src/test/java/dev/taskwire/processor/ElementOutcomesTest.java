package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.taskwire.processor.CompiledClasses.call;
import static dev.taskwire.processor.Sources.compile;
import static dev.taskwire.processor.Sources.compileCleanly;
import static dev.taskwire.processor.Sources.compileFailing;
import static dev.taskwire.processor.Sources.source;

import com.google.testing.compile.Compilation;
import dev.taskwire.runtime.Outcome;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.remote.RemoteCall;
import dev.taskwire.runtime.remote.RemoteTasks;
import dev.taskwire.runtime.remote.TaskDispatcher;
import dev.taskwire.runtime.serial.AllowList;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Parameters of type {@code List<Outcome<X>>} on a fan-out task: they take the outcome of each
 * element, X checked against the element's result; on any other task they stay a plain value.
 */
class ElementOutcomesTest {
  @Test
  void anElementOutcomeOfTheWrongType() {
    assertError(
        "ElementOutcomeTypeMismatch",
        "parameter scores of task compare has type"
            + " java.util.List<dev.taskwire.runtime.Outcome<java.lang.String>>, which cannot accept"
            + " the outcome of each element of task train (test.ElementOutcomeTypeMismatch.Score);"
            + " declare it as List<Outcome<test.ElementOutcomeTypeMismatch.Score>> or a List of"
            + " Outcomes of a supertype of it",
        "List<Outcome<String>> scores");
  }

  /** A fan-out's result is a List of boxes, and the advice names the box. */
  @Test
  void anElementOutcomeOfAPrimitiveResult() {
    assertError(
        "ElementOutcomeOfPrimitiveResult",
        "parameter lengths of task report has type"
            + " java.util.List<dev.taskwire.runtime.Outcome<java.lang.Long>>, which cannot accept"
            + " the outcome of each element of task length (java.lang.Integer); declare it as"
            + " List<Outcome<java.lang.Integer>> or a List of Outcomes of a supertype of it",
        "List<Outcome<Long>> lengths");
  }

  @Test
  void aListOfRawOutcomes() {
    assertError(
        "RawElementOutcome",
        "parameter scores of task compare is a List of raw Outcomes; give the type of the result"
            + " of each element of task train, e.g. List<Outcome<java.lang.Double>>",
        "List<Outcome> scores");
  }

  @Test
  void theElementOutcomesOfAVoidFanOut() {
    assertError(
        "ElementOutcomesOfVoidFanOut",
        "task train has no result (it returns void or a future of Void), so parameter trained of"
            + " task compare has nothing to receive; return a value from train or remove this"
            + " dependency",
        "List<Outcome<Object>> trained");
  }

  /** From a task that is no fan-out, a List of Outcomes is a value like any other. */
  @Test
  void aListOfOutcomesFromATaskThatIsNoFanOutIsAPlainValue() {
    assertError(
        "ListOfOutcomesFromNoFanOut",
        "parameter names of task use has type"
            + " java.util.List<dev.taskwire.runtime.Outcome<java.lang.String>>, which cannot accept"
            + " the result of task names (java.util.List<java.lang.String>); declare it as"
            + " java.util.List<java.lang.String> or a supertype of it",
        "List<Outcome<String>> names");
  }

  @Test
  void aForEachOverAFanOutStillReceivesItsElements() {
    assertError(
        "ForEachOverElementOutcomes",
        "parameter scores of task each has type"
            + " java.util.List<dev.taskwire.runtime.Outcome<java.lang.String>>, which cannot accept"
            + " the elements of task train (java.lang.String); declare it as java.lang.String or a"
            + " supertype of it",
        "@ForEach(\"train\") List<Outcome<String>> scores");
  }

  /**
   * {@code bad/<file>.java} fails with exactly this one error, with exactly this message, on the
   * line containing {@code line}.
   */
  private static void assertError(String file, String message, String line) {
    JavaFileObject source = source("bad/" + file + ".java");
    Compilation compilation = compileFailing(source, 1);
    com.google.testing.compile.CompilationSubject.assertThat(compilation)
        .hadErrorContaining(message)
        .inFile(source)
        .onLineContaining(line);
    assertThat(compilation.errors().get(0).getMessage(Locale.ROOT)).isEqualTo(message);
  }

  @Test
  void theGraphAcceptsTheElementOutcomesAndTheRunnerReadsThem() {
    String runner =
        compileCleanly(source("good/ElementOutcomes.java"), "test.ElementOutcomesRunner");
    assertThat(runner)
        .contains(
            ".task(\"lengths\", TaskKind.VALUE, \"length\").returning(String.class)\n"
                + "          .acceptingElementOutcomesOf(\"length\")\n");
    // Also the Outcome of the whole result: named once, in acceptingElementOutcomesOf.
    assertThat(runner)
        .contains(
            ".task(\"numbers\", TaskKind.VALUE, \"length\", \"length\").returning(String.class)\n"
                + "          .acceptingElementOutcomesOf(\"length\")\n");
    assertThat(runner).doesNotContain("acceptingFailureOf");
    assertThat(runner).contains("case 2 -> pipeline.lengths(run.<Integer>elementOutcomes(1));");
    // No List<Outcome<T>> is a List<Outcome<? extends Number>>: List.copyOf types it.
    assertThat(runner.replaceAll("\\s+", " "))
        .contains(
            "case 3 -> pipeline.numbers(List.copyOf(run.<Number>elementOutcomes(1)),"
                + " run.<List<Integer>>outcome(1));");
    // A List of Outcomes from a task that is no fan-out, or from a fan-out whose elements are
    // Outcomes, is the result whole.
    assertThat(runner).contains("case 5 -> pipeline.checked(run.<List<Outcome<String>>>value(4));");
    assertThat(runner)
        .contains("case 7 -> pipeline.triedAll(run.<List<Outcome<String>>>value(6));");
    assertThat(runner)
        .contains(
            "    public List<Outcome<Integer>> lengthOutcomes() {\n"
                + "      return run.elementOutcomes(1);\n"
                + "    }\n");
    assertThat(runner).contains("public List<Outcome<Outcome<String>>> triedOutcomes() {");
    // A fan-out reads them for each of its own elements.
    assertThat(runner.replaceAll("\\s+", " "))
        .contains(
            "case 8 -> pipeline.relabel(PipelineRun.<String>element(element),"
                + " run.<Integer>elementOutcomes(1));");
    assertThat(runner)
        .contains(
            "          .acceptingElementOutcomesOf(\"length\")\n"
                + "          .forEach(\"names\", 0)\n");
  }

  /**
   * Every dependent of length takes its elements' outcomes, so its failed element fails nothing.
   */
  @Test
  void theDependentsReceiveEveryElementsOutcomeAndTheRunSucceeds() {
    CompiledClasses classes = new CompiledClasses(compile(source("good/ElementOutcomes.java")));
    Object results =
        classes.run("test.ElementOutcomesRunner", classes.construct("test.ElementOutcomes"));
    assertThat(call(results, "lengths")).isEqualTo("[1, no bb, 3]");
    assertThat(call(results, "numbers")).isEqualTo("[1, no bb, 3] false");
    assertThat(call(results, "checked")).isEqualTo("[ok, bad]");
    assertThat(call(results, "triedAll")).isEqualTo("[A, BB, CCC]");
    assertThat(call(results, "relabel")).isEqualTo(List.of("a2", "bb2", "ccc2"));
    List<?> outcomes = (List<?>) call(results, "lengthOutcomes");
    assertThat(outcomes.stream().map(outcome -> ((Outcome<?>) outcome).isSuccess()).toList())
        .containsExactly(true, false, true)
        .inOrder();
  }

  @Test
  void aTaskNamedLikeTheOutcomesAccessorKeepsIt() {
    String runner =
        compileCleanly(source("good/OutcomesNameTaken.java"), "test.OutcomesNameTakenRunner");
    assertThat(runner).contains("public String trainOutcomes() {");
    assertThat(runner).doesNotContain("elementOutcomes(");
  }

  @Test
  void aDispatchedTaskGetsTheOutcomesAcrossTheWire() throws Exception {
    Compilation compilation = compile(source("good/DistributedElementOutcomes.java"));
    com.google.testing.compile.CompilationSubject.assertThat(compilation)
        .succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    RemoteTasks remote =
        (RemoteTasks) classes.construct("test.DistributedElementOutcomesRemoteTasks");
    assertThat(remote.callClasses("summary"))
        .containsExactly("dev.taskwire.runtime.Outcome", AllowList.EXCEPTIONS);
    Worker worker = new Worker(remote);
    Object results =
        call(
            classes.construct(
                "test.DistributedElementOutcomesRunner",
                classes.construct("test.DistributedElementOutcomes"),
                RunOptions.defaults().dispatcher(worker)),
            "run");
    assertThat(call(results, "summary")).isEqualTo("[100, not two, 25]");
    assertThat(call(results, "bounded")).isEqualTo("[100, not two, 25]");
    assertThat(worker.tasks).containsAtLeast("summary", "bounded");
  }

  /**
   * Calls each task as a member would: the call written out, read back through the allow-list of
   * the generated {@code callClasses}, then made through the generated {@code RemoteTasks}.
   */
  private static final class Worker implements TaskDispatcher {
    final RemoteTasks remote;
    final List<String> tasks = new CopyOnWriteArrayList<>();

    Worker(RemoteTasks remote) {
      this.remote = remote;
    }

    @Override
    public CompletionStage<Object> dispatch(RemoteCall call) {
      tasks.add(call.task());
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
          out.writeObject(call.instance());
          out.writeObject(call.arguments());
        }
        Object[] read =
            AllowList.of("a call of " + call.task(), remote.callClasses(call.task()))
                .read(bytes.toByteArray(), 2, remote.getClass().getClassLoader());
        return CompletableFuture.completedFuture(
            remote.call(read[0], call.task(), (Object[]) read[1]));
      } catch (Throwable thrown) { // the task's own failure, or one to read the call
        return CompletableFuture.failedFuture(thrown);
      }
    }
  }
}
