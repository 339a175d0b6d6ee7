package dev.taskwire.hazelcast;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Creates the objects Hazelcast reads for taskwire: a dispatched call travels as an {@link
 * IdentifiedDataSerializable} of this factory, so every member that runs tasks needs it in its
 * serialization config under {@link #FACTORY_ID}. {@link HazelcastConfigs#member} and {@link
 * HazelcastConfigs#client} register it; for a configuration of your own call {@link
 * HazelcastConfigs#configureSerialization}, or in XML:
 *
 * <pre>{@code
 * <serialization>
 *   <data-serializable-factories>
 *     <data-serializable-factory factory-id="1953981297">
 *       dev.taskwire.hazelcast.TaskwireSerializerFactory</data-serializable-factory>
 *   </data-serializable-factories>
 * </serialization>
 * }</pre>
 *
 * A member without it cannot read a call, and the task fails with an {@link IllegalStateException}
 * that names the member and says so.
 */
public final class TaskwireSerializerFactory implements DataSerializableFactory {
  /** taskwire's factory id, out of the way of the small ids of your own factories. */
  public static final int FACTORY_ID = 1_953_981_297;

  /** The class id of a dispatched call. */
  static final int DISPATCHED_TASK = 1;

  /** The class id of several calls sent to one member together. */
  static final int DISPATCHED_BATCH = 2;

  @Override
  public IdentifiedDataSerializable create(int classId) {
    return switch (classId) {
      case DISPATCHED_TASK -> new DispatchedTask();
      case DISPATCHED_BATCH -> new DispatchedBatch();
      default -> null;
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TaskwireSerializerFactory;
  }

  @Override
  public int hashCode() {
    return FACTORY_ID;
  }

  @Override
  public String toString() {
    return "TaskwireSerializerFactory";
  }
}
