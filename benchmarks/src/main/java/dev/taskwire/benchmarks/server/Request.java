package dev.taskwire.benchmarks.server;

/**
 * One request to the simulated server: an id and a seed. The seed (a hash of the id) chooses the
 * latency of each remote call the request makes, so every contender sees the same latencies.
 */
public record Request(int id, long seed) {
  /** Request {@code id}, with its seed derived from the id alone. */
  public static Request of(int id) {
    return new Request(id, mix(0x5DEECE66DL + id));
  }

  /** SplitMix64's finalizer: a well-spread 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
