package dev.taskwire.benchmarks.dispatch;

import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A local source of {@link #ELEMENTS} arrays of 1 KB, a dispatched checksum of each (a fan-out),
 * and their sum: one round trip per element, or per batch of elements.
 */
@Distributed
public class FanOutTrip {
  static final int ELEMENTS = 64;

  private final List<byte[]> payloads =
      IntStream.range(0, ELEMENTS)
          .mapToObj(
              element -> {
                byte[] payload = new byte[1024];
                for (int i = 0; i < payload.length; i++) {
                  payload[i] = (byte) (i + element);
                }
                return payload;
              })
          .toList();

  @Task
  @Distributed(false)
  List<byte[]> payloads() {
    return payloads;
  }

  @Task
  static int checksum(@ForEach("payloads") byte[] payload) {
    int sum = 0;
    for (byte b : payload) {
      sum = 31 * sum + b;
    }
    return sum;
  }

  @Task
  @Distributed(false)
  static int total(@DependsOn("checksum") List<Integer> checksums) {
    return checksums.stream().mapToInt(Integer::intValue).sum();
  }
}
