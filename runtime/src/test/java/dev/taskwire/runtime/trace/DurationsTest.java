package dev.taskwire.runtime.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void durationsReadLikeAPersonWroteThem() {
    assertEquals("0 s", Durations.readable(0));
    assertEquals("999 ns", Durations.readable(999));
    assertEquals("850 µs", Durations.readable(850_000));
    assertEquals("4.2 ms", Durations.readable(4_200_000));
    assertEquals("35 ms", Durations.readable(35_000_000));
    assertEquals("4.21 s", Durations.readable(4_213_000_000L));
    assertEquals("42.1 s", Durations.readable(42_130_000_000L));
    assertEquals("2 min 5 s", Durations.readable(125_000_000_000L));
  }
}
