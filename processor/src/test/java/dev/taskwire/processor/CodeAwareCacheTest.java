package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.CompiledClasses.call;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.store.FileResultStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edit and recompile: a pipeline compiled twice, with a change between, runs against one result
 * store directory, as a data scientist's edit-and-re-run does. A task whose code changed runs
 * again, and so does everything downstream of it; a task whose code did not change, or changed only
 * in comments and layout, comes from the store.
 */
class CodeAwareCacheTest {
  /**
   * {@code load -> features -> train}, where {@code train} calls a helper of the class. Each
   * placeholder is replaced by a variant's code.
   */
  private static final String PIPELINE =
      """
      package test;

      import dev.taskwire.DependsOn;
      import dev.taskwire.Task;

      public class Model {
        @Task
        public String load() {
          return LOAD;
        }

        @Task
        public String features(@DependsOn("load") String rows) {
          return FEATURES;
        }

        @Task
        public String train(@DependsOn("features") String features) {
          return fit(features);
        }

        private String fit(String features) {
          return FIT;
        }
      }
      """;

  private static final Map<String, String> ORIGINAL =
      Map.of(
          "LOAD", "\"rows\"",
          "FEATURES", "rows + \"+features\"",
          "FIT", "\"model of \" + features");

  @TempDir Path store;

  // Listeners hear tasks on the threads that end them.
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
  private final List<String> fromStore = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void firstBuildFillsTheStore() {
    assertThat(run(compile(ORIGINAL))).isEqualTo("model of rows+features");
    assertThat(ran).containsExactly("load", "features", "train");
    ran.clear();
    fromStore.clear();
  }

  @Test
  void theSameCodeRebuiltComesFromTheStore() {
    assertThat(run(compile(ORIGINAL))).isEqualTo("model of rows+features");
    assertThat(ran).isEmpty();
    assertThat(fromStore).containsExactly("load", "features", "train");
  }

  @Test
  void commentsAndLayoutAreNotCode() {
    Map<String, String> reformatted = new TreeMap<>(ORIGINAL);
    reformatted.put("FEATURES", "/* the same */ rows\n        +   \"+features\" /* really */");
    assertThat(run(compile(reformatted))).isEqualTo("model of rows+features");
    assertThat(ran).isEmpty();
  }

  @Test
  void anEditedTaskAndItsDependentsRunAgain() {
    Map<String, String> edited = new TreeMap<>(ORIGINAL);
    edited.put("FEATURES", "rows + \"+scaled features\"");
    assertThat(run(compile(edited))).isEqualTo("model of rows+scaled features");
    assertThat(fromStore).containsExactly("load");
    assertThat(ran).containsExactly("features", "train");
  }

  @Test
  void anEditedHelperIsTheTasksCode() {
    Map<String, String> edited = new TreeMap<>(ORIGINAL);
    edited.put("FIT", "\"better model of \" + features");
    assertThat(run(compile(edited))).isEqualTo("better model of rows+features");
    assertThat(fromStore).containsExactly("load", "features");
    assertThat(ran).containsExactly("train");
  }

  /**
   * An edit upstream runs a dependent again even when the upstream result is the same: the
   * fingerprint follows code, and a task cannot know what an edit upstream meant.
   */
  @Test
  void anEditUpstreamRunsEverythingDownstream() {
    Map<String, String> edited = new TreeMap<>(ORIGINAL);
    edited.put("LOAD", "\" rows \".strip()");
    assertThat(run(compile(edited))).isEqualTo("model of rows+features");
    assertThat(ran).containsExactly("load", "features", "train");
  }

  private static Compilation compile(Map<String, String> variant) {
    String source = PIPELINE;
    for (Map.Entry<String, String> placeholder : variant.entrySet()) {
      source = source.replace(placeholder.getKey(), placeholder.getValue());
    }
    Compilation compilation =
        Sources.compile(JavaFileObjects.forSourceString("test.Model", source));
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  /** Runs the compiled pipeline against the store; records what ran and what was reused. */
  private Object run(Compilation compilation) {
    TaskListener recorder =
        new TaskListener() {
          @Override
          public void taskSucceeded(TaskEvent event) {
            (event.fromStore() ? fromStore : ran).add(event.task());
          }
        };
    RunOptions options =
        RunOptions.defaults().resultStore(FileResultStore.in(store)).listener(recorder);
    CompiledClasses classes = new CompiledClasses(compilation);
    Object runner = classes.construct("test.ModelRunner", classes.construct("test.Model"), options);
    return call(call(runner, "run"), "train");
  }
}
