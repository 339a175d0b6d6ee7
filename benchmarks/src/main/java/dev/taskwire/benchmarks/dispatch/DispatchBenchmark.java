package dev.taskwire.benchmarks.dispatch;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.benchmarks.BenchmarkThreads;
import dev.taskwire.hazelcast.HazelcastDispatcher;
import dev.taskwire.hazelcast.LoopbackConfig;
import dev.taskwire.runtime.RunOptions;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What dispatching one task costs: a run of {@link RoundTrip} (a local source, one dispatched task
 * taking 1 KB) called locally, and sent to a Hazelcast member in this JVM over loopback TCP from a
 * lite-member driver and from a client driver. The difference to {@code local} is the round trip:
 * serializing the call, the network hop both ways, the member's executor, and the result's way
 * back. {@code gc.alloc.rate.norm} counts the driver's and the member's allocations together.
 *
 * <p>On a JVM whose common pool has a parallelism of 1 (a machine of two cores or fewer), Hazelcast
 * 5 runs each callback of its futures on a new thread, and each dispatched task pays for one (from
 * a client) or two (from a member) threads started; {@code -jvmArgsPrepend
 * -Djava.util.concurrent.ForkJoinPool.common.parallelism=2} measures it as on a larger machine,
 * where they go to the common pool.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    jvmArgsAppend = {
      "-Djava.net.preferIPv4Stack=true",
      "-Dhazelcast.logging.type=none",
      "--add-opens",
      "java.base/java.lang=ALL-UNNAMED",
      "--add-opens",
      "java.base/sun.nio.ch=ALL-UNNAMED"
    })
public class DispatchBenchmark {
  @Param("2")
  public int threads;

  private final RoundTrip pipeline = new RoundTrip();
  private ExecutorService pool;
  private HazelcastInstance member;
  private HazelcastInstance liteMember;
  private HazelcastInstance client;
  private RoundTripRunner local;
  private RoundTripRunner fromLiteMember;
  private RoundTripRunner fromClient;

  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchmarkThreads.fixedPool(threads);
    String cluster = "taskwire-benchmark-" + ProcessHandle.current().pid();
    List<Integer> ports = List.of(LoopbackConfig.freePort());
    member = Hazelcast.newHazelcastInstance(LoopbackConfig.member(cluster, ports.get(0), ports));
    liteMember =
        Hazelcast.newHazelcastInstance(
            LoopbackConfig.member(cluster, LoopbackConfig.freePort(), ports).setLiteMember(true));
    client = HazelcastClient.newHazelcastClient(LoopbackConfig.client(cluster, ports));
    RunOptions options = RunOptions.defaults().executor(pool);
    local = new RoundTripRunner(pipeline, options);
    fromLiteMember =
        new RoundTripRunner(
            pipeline, options.dispatcher(HazelcastDispatcher.builder(liteMember).build()));
    fromClient =
        new RoundTripRunner(
            pipeline, options.dispatcher(HazelcastDispatcher.builder(client).build()));
    int expected = local.run().checksum();
    if (fromLiteMember.run().checksum() != expected || fromClient.run().checksum() != expected) {
      throw new IllegalStateException("a dispatched run disagrees with the local one");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.shutdown();
    liteMember.getLifecycleService().terminate();
    member.getLifecycleService().terminate();
    pool.shutdownNow();
  }

  @Benchmark
  public int local() {
    return local.run().checksum();
  }

  @Benchmark
  public int fromLiteMember() {
    return fromLiteMember.run().checksum();
  }

  @Benchmark
  public int fromClient() {
    return fromClient.run().checksum();
  }
}
