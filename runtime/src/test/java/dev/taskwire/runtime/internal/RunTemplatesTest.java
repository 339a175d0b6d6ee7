package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.RunOptions;
import org.junit.jupiter.api.Test;

/** One template per options instance, whichever order the options come in. */
class RunTemplatesTest {
  private final TestPipeline pipeline = new TestPipeline().value("a", r -> "a");
  private final RunTemplates templates = new RunTemplates(pipeline.graph(), pipeline.invoker());

  @Test
  void theSameOptionsGetTheSameTemplateAndOthersTheirOwn() {
    RunOptions first = RunOptions.defaults();
    RunOptions second = first.onFailure(FailurePolicy.KEEP_GOING);
    RunTemplate ofFirst = templates.forOptions(first);
    assertSame(ofFirst, templates.forOptions(first));
    RunTemplate ofSecond = templates.forOptions(second);
    assertNotSame(ofFirst, ofSecond);
    assertSame(ofFirst, templates.forOptions(first), "not only the last one asked for");
    assertSame(ofSecond, templates.forOptions(second));
  }

  @Test
  void optionsAreRequired() {
    assertThrows(NullPointerException.class, () -> templates.forOptions(null));
  }
}
