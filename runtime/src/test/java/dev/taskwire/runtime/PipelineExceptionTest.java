package dev.taskwire.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineExceptionTest {
  @Test
  void namesTheFirstFailureAndSuppressesTheRest() {
    IOException first = new IOException("refused");
    IllegalStateException second = new IllegalStateException("late");
    Map<String, Throwable> failures = new LinkedHashMap<>();
    failures.put("upload", first);
    failures.put("train", second);
    PipelineException exception = new PipelineException("demo.Pipeline", failures);
    assertEquals("upload", exception.failedTask());
    assertSame(first, exception.getCause());
    assertArrayEquals(new Throwable[] {second}, exception.getSuppressed());
    assertEquals(List.of("upload", "train"), List.copyOf(exception.failures().keySet()));
    assertEquals(
        "task 'upload' of demo.Pipeline failed: java.io.IOException: refused"
            + " (1 more failed: train; see suppressed exceptions)",
        exception.getMessage());
  }

  @Test
  void needsAFailure() {
    assertThrows(IllegalArgumentException.class, () -> new PipelineException("p", Map.of()));
  }
}
