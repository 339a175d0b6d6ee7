package dev.taskwire.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that starts a cluster of N members in the test JVM before the class's tests
 * and shuts it down after them, with every driver the tests created:
 *
 * <pre>{@code
 * @RegisterExtension static final HazelcastCluster cluster = HazelcastCluster.ofMembers(3);
 * }</pre>
 *
 * Members bind to 127.0.0.1 only (see {@link LoopbackConfig}); the cluster name is unique per test
 * class, so clusters of different classes never merge.
 */
public final class HazelcastCluster implements BeforeAllCallback, AfterAllCallback {
  private final int size;
  private final List<Integer> ports = new ArrayList<>();
  private final List<HazelcastInstance> members = new ArrayList<>();
  private final List<HazelcastInstance> drivers = new ArrayList<>();
  private String name;

  private HazelcastCluster(int size) {
    this.size = size;
  }

  public static HazelcastCluster ofMembers(int size) {
    return new HazelcastCluster(size);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    name =
        "taskwire-"
            + context.getRequiredTestClass().getSimpleName()
            + "-"
            + ProcessHandle.current().pid();
    IntStream.range(0, size).forEach(i -> ports.add(LoopbackConfig.freePort()));
    // Started together: each joins as soon as it finds the others.
    List<CompletableFuture<HazelcastInstance>> starting =
        ports.stream()
            .map(
                port ->
                    CompletableFuture.supplyAsync(
                        () ->
                            Hazelcast.newHazelcastInstance(
                                LoopbackConfig.member(name, port, ports))))
            .toList();
    starting.forEach(member -> members.add(member.join()));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    drivers.forEach(HazelcastInstance::shutdown);
    members.forEach(member -> member.getLifecycleService().terminate());
  }

  /** The members still running. */
  public List<HazelcastInstance> members() {
    return members.stream().filter(member -> member.getLifecycleService().isRunning()).toList();
  }

  /** A lite member of the cluster, to drive runs without running tasks itself. */
  public HazelcastInstance newLiteMember() {
    HazelcastInstance member =
        Hazelcast.newHazelcastInstance(
            LoopbackConfig.member(name, LoopbackConfig.freePort(), ports).setLiteMember(true));
    drivers.add(member);
    return member;
  }

  /** A client of the cluster. */
  public HazelcastInstance newClient() {
    HazelcastInstance client =
        HazelcastClient.newHazelcastClient(LoopbackConfig.client(name, ports));
    drivers.add(client);
    return client;
  }
}
