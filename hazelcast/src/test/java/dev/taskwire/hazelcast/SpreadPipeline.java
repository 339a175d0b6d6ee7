package dev.taskwire.hazelcast;

import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.Task;
import java.io.Serializable;
import java.util.stream.IntStream;

/** Six independent dispatched parts of one sum, a local source, and a dispatched total. */
@Distributed
public class SpreadPipeline implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int PARTS = 6;

  private final int size;

  public SpreadPipeline(int size) {
    this.size = size;
  }

  @Task
  @Distributed(false)
  int[] data() {
    return IntStream.range(0, size).map(i -> i * 7 % 1000).toArray();
  }

  @Task
  Part part0(@DependsOn int[] data) {
    return part(data, 0);
  }

  @Task
  Part part1(@DependsOn int[] data) {
    return part(data, 1);
  }

  @Task
  Part part2(@DependsOn int[] data) {
    return part(data, 2);
  }

  @Task
  Part part3(@DependsOn int[] data) {
    return part(data, 3);
  }

  @Task
  Part part4(@DependsOn int[] data) {
    return part(data, 4);
  }

  @Task
  Part part5(@DependsOn int[] data) {
    return part(data, 5);
  }

  @Task
  static Part total(
      @DependsOn Part part0,
      @DependsOn Part part1,
      @DependsOn Part part2,
      @DependsOn Part part3,
      @DependsOn Part part4,
      @DependsOn Part part5) {
    return Part.computed(
        part0.value()
            + part1.value()
            + part2.value()
            + part3.value()
            + part4.value()
            + part5.value());
  }

  private static Part part(int[] data, int part) {
    long sum = 0;
    for (int i = part; i < data.length; i += PARTS) {
      sum += (long) data[i] * data[i];
    }
    return Part.computed(sum);
  }
}
