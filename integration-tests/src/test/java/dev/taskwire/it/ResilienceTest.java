package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ResilienceTest {
  @Test
  void keepingGoingATimeoutFailsOnlyItsBranchAndRetriesRescueTheFlakyTask() {
    ResilientPipeline pipeline = new ResilientPipeline();
    ResilientPipelineRunner runner =
        new ResilientPipelineRunner(
            pipeline, RunOptions.defaults().onFailure(FailurePolicy.KEEP_GOING));
    PipelineException failure = assertThrows(PipelineException.class, runner::run);
    assertEquals("stuck", failure.failedTask());
    TimeoutException timeout = assertInstanceOf(TimeoutException.class, failure.getCause());
    assertEquals("task 'stuck' timed out after 0.05s (attempt 1)", timeout.getMessage());
    assertEquals(1, failure.failures().size());

    ResilientPipelineRunner.Results partial = ResilientPipelineRunner.partialResults(failure);
    assertEquals("data", partial.flaky());
    assertEquals(3, pipeline.flakyCalls.get());
    assertEquals("ok", partial.independent());
    IllegalStateException skipped = assertThrows(IllegalStateException.class, partial::afterStuck);
    assertTrue(
        skipped.getMessage().contains("did not run because task 'stuck' failed"),
        skipped.getMessage());
  }

  @Test
  void theGraphCarriesEachTasksPolicy() {
    var graph = ResilientPipelineRunner.GRAPH;
    assertEquals(2, graph.policy(graph.indexOf("flaky")).retries());
    assertEquals(50_000_000L, graph.policy(graph.indexOf("stuck")).timeoutNanos());
    assertEquals(0, graph.policy(graph.indexOf("independent")).retries());
  }

  @Test
  void partialResultsRefuseAnotherPipelinesFailure() {
    PipelineException foreign =
        new PipelineException("x.Other", java.util.Map.of("a", new IOException("x")));
    assertThrows(
        IllegalArgumentException.class, () -> ResilientPipelineRunner.partialResults(foreign));
  }
}
