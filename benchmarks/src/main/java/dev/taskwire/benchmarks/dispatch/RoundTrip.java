package dev.taskwire.benchmarks.dispatch;

import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.Task;

/** A local source of 1 KB and one dispatched task that reads it: one round trip per run. */
@Distributed
public class RoundTrip {
  private final byte[] payload = new byte[1024];

  public RoundTrip() {
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i;
    }
  }

  @Task
  @Distributed(false)
  byte[] payload() {
    return payload;
  }

  @Task
  static int checksum(@DependsOn byte[] payload) {
    int sum = 0;
    for (byte b : payload) {
      sum = 31 * sum + b;
    }
    return sum;
  }
}
