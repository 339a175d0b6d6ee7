package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FallbackTest {
  @Test
  void aFailedTrainingFallsBackAndTheRunSucceeds() {
    FallbackPipelineRunner.Results results =
        new FallbackPipelineRunner(new FallbackPipeline(true)).run();
    assertEquals("predictions with cached model", results.predict());
    IllegalStateException failed = assertThrows(IllegalStateException.class, results::train);
    assertTrue(failed.getMessage().contains("the training service is down"), failed.getMessage());
  }

  @Test
  void aSuccessfulTrainingIsUsed() {
    assertEquals(
        "predictions with fresh model",
        new FallbackPipelineRunner(new FallbackPipeline(false)).run().predict());
  }
}
