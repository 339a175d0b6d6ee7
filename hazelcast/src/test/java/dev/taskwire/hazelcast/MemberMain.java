package dev.taskwire.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A cluster member in a process of its own, for {@link MemberProcesses}: {@code MemberMain
 * clusterName port memberPorts(comma-separated) build}. It prints {@code READY <uuid>} once it has
 * joined, and ends when its standard input closes (the test JVM ended) or it is killed.
 */
public final class MemberMain {
  private MemberMain() {}

  public static void main(String[] args) throws IOException {
    List<Integer> ports = Arrays.stream(args[2].split(",")).map(Integer::valueOf).toList();
    Config config = LoopbackConfig.member(args[0], Integer.parseInt(args[1]), ports);
    config.getMemberAttributeConfig().setAttribute("build", args[3]);
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    System.out.println("READY " + member.getCluster().getLocalMember().getUuid());
    System.out.flush();
    while (System.in.read() >= 0) {
      // Nothing to read: this only waits for the end of the stream.
    }
    member.getLifecycleService().terminate();
  }
}
