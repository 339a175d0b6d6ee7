import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A pipeline in the default package, used from the default package as a user would. */
class DefaultPackagePipelineTest {
  @Test
  void runnerInTheDefaultPackage() {
    DefaultPackagePipelineRunner.Results results =
        new DefaultPackagePipelineRunner(new DefaultPackagePipeline()).run();
    assertEquals("unnamed", results.word());
    assertEquals(7, results.length());
    assertEquals("DefaultPackagePipeline", DefaultPackagePipelineRunner.GRAPH.pipeline());
  }
}
