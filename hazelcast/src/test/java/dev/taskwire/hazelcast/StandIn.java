package dev.taskwire.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.util.concurrent.Callable;

/**
 * What a faulty member ({@link OddMember}) reads where one of taskwire's calls or batches should be
 * (its class id), reading none of the bytes sent: when run, it answers whatever {@code answer}
 * gives, or throws what it throws.
 */
final class StandIn implements IdentifiedDataSerializable, Callable<Object> {
  private final int classId;
  private final Callable<Object> answer;

  StandIn(int classId, Callable<Object> answer) {
    this.classId = classId;
    this.answer = answer;
  }

  @Override
  public Object call() throws Exception {
    return answer.call();
  }

  @Override
  public int getFactoryId() {
    return TaskwireSerializerFactory.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return classId;
  }

  @Override
  public void writeData(ObjectDataOutput out) {}

  @Override
  public void readData(ObjectDataInput in) {}
}
