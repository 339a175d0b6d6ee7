package dev.taskwire.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import java.util.List;

/**
 * A cluster of one member whose factory for taskwire's serialization id is not taskwire's (another,
 * or none), and a client of it: a member misconfigured, out of date or faulty.
 */
final class OddMember implements AutoCloseable {
  final HazelcastInstance member;
  final HazelcastInstance client;

  private OddMember(HazelcastInstance member, HazelcastInstance client) {
    this.member = member;
    this.client = client;
  }

  /**
   * Starts one in a cluster named after {@code name}, with {@code factory} for taskwire's id, or
   * without any if null.
   */
  static OddMember start(String name, DataSerializableFactory factory) {
    String cluster = "taskwire-" + name + "-" + ProcessHandle.current().pid();
    int port = LoopbackConfig.freePort();
    Config config = LoopbackConfig.member(cluster, port, List.of(port));
    var factories = config.getSerializationConfig().getDataSerializableFactories();
    if (factory == null) {
      factories.remove(TaskwireSerializerFactory.FACTORY_ID);
    } else {
      factories.put(TaskwireSerializerFactory.FACTORY_ID, factory);
    }
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    return new OddMember(
        member, HazelcastClient.newHazelcastClient(LoopbackConfig.client(cluster, List.of(port))));
  }

  /** The member's address, as failures name it. */
  Address address() {
    return member.getCluster().getLocalMember().getAddress();
  }

  @Override
  public void close() {
    client.shutdown();
    member.getLifecycleService().terminate();
  }
}
