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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What dispatching costs per element of a fan-out: a run of {@link FanOutTrip} (64 elements of 1
 * KB, each checksummed by a dispatched task) sent from a client to one member in this JVM over
 * loopback TCP, each call alone ({@code batchSize} 1) or in batches ({@link
 * HazelcastDispatcher.Builder#batchSize}), against the same run without a dispatcher. Times and
 * {@code gc.alloc.rate.norm} are per element; bytes count the driver's and the member's allocations
 * together. See {@link DispatchBenchmark} for the common pool's parallelism on small machines.
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
public class DispatchFanOutBenchmark {
  @Param("2")
  public int threads;

  private final FanOutTrip pipeline = new FanOutTrip();
  private ExecutorService pool;
  private HazelcastInstance member;
  private HazelcastInstance client;
  private RunOptions options;
  private FanOutTripRunner local;

  /** The runner that dispatches, per batch size: a state of its own, so that local runs once. */
  @State(Scope.Benchmark)
  public static class Dispatching {
    @Param({"1", "8", "16"})
    public int batchSize;

    private FanOutTripRunner fromClient;

    @Setup(Level.Trial)
    public void setUp(DispatchFanOutBenchmark cluster) {
      fromClient =
          new FanOutTripRunner(
              cluster.pipeline,
              cluster.options.dispatcher(
                  HazelcastDispatcher.builder(cluster.client).batchSize(batchSize).build()));
      if (fromClient.run().total() != cluster.local.run().total()) {
        throw new IllegalStateException("a dispatched fan-out disagrees with the local one");
      }
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchmarkThreads.fixedPool(threads);
    String cluster = "taskwire-benchmark-" + ProcessHandle.current().pid();
    List<Integer> ports = List.of(LoopbackConfig.freePort());
    member = Hazelcast.newHazelcastInstance(LoopbackConfig.member(cluster, ports.get(0), ports));
    client = HazelcastClient.newHazelcastClient(LoopbackConfig.client(cluster, ports));
    options = RunOptions.defaults().executor(pool);
    local = new FanOutTripRunner(pipeline, options);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.shutdown();
    member.getLifecycleService().terminate();
    pool.shutdownNow();
  }

  @Benchmark
  @OperationsPerInvocation(FanOutTrip.ELEMENTS)
  public int local() {
    return local.run().total();
  }

  @Benchmark
  @OperationsPerInvocation(FanOutTrip.ELEMENTS)
  public int fromClient(Dispatching dispatching) {
    return dispatching.fromClient.run().total();
  }
}
