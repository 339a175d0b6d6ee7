package dev.taskwire.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.util.Optional;

/**
 * Where the current dispatched task runs: the Hazelcast member that received it. A task can use it
 * to report where it ran or to reach the cluster's data structures; on the driver, or in a run
 * without a dispatcher, both accessors are empty.
 */
public final class MemberContext {
  private static final ThreadLocal<HazelcastInstance> CURRENT = new ThreadLocal<>();

  private MemberContext() {}

  /** The member instance running the current task, if it is a dispatched one. */
  public static Optional<HazelcastInstance> instance() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** The cluster member running the current task, if it is a dispatched one. */
  public static Optional<Member> member() {
    return instance().map(instance -> instance.getCluster().getLocalMember());
  }

  static void enter(HazelcastInstance instance) {
    CURRENT.set(instance);
  }

  static void exit() {
    CURRENT.remove();
  }
}
