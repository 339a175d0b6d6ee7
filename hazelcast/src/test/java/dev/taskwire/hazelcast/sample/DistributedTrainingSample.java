package dev.taskwire.hazelcast.sample;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.hazelcast.HazelcastDispatcher;
import dev.taskwire.hazelcast.LoopbackConfig;
import dev.taskwire.runtime.RunOptions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Starts a three-member Hazelcast cluster on 127.0.0.1 in this JVM, connects a client to it as the
 * driver, and runs {@link TrainingPipeline}: five models trained at once on the members, printed
 * with the member that trained each. Run it with {@code mvn -q -pl hazelcast -am -DskipTests
 * -Dexec.skip package exec:java}.
 */
public final class DistributedTrainingSample {
  private DistributedTrainingSample() {}

  public static void main(String[] args) {
    // Quiet, before the first instance: Hazelcast would log its start-up to the console.
    System.setProperty("hazelcast.logging.type", "none");
    String cluster = "taskwire-sample-" + ProcessHandle.current().pid();
    List<Integer> ports = IntStream.range(0, 3).mapToObj(i -> LoopbackConfig.freePort()).toList();
    System.out.println("Starting 3 Hazelcast members on 127.0.0.1, ports " + ports + " ...");
    List<HazelcastInstance> members =
        ports.stream()
            .map(
                port ->
                    CompletableFuture.supplyAsync(
                        () ->
                            Hazelcast.newHazelcastInstance(
                                LoopbackConfig.member(cluster, port, ports))))
            .toList()
            .stream()
            .map(CompletableFuture::join)
            .toList();
    HazelcastInstance client =
        HazelcastClient.newHazelcastClient(LoopbackConfig.client(cluster, ports));
    try {
      RunOptions options =
          RunOptions.defaults().dispatcher(HazelcastDispatcher.builder(client).build());
      long start = System.nanoTime();
      List<Trained> leaderboard =
          new TrainingPipelineRunner(new TrainingPipeline(), options).run().leaderboard();
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println();
      System.out.println("Five models cross-validated on the cluster (the driver is a client):");
      System.out.printf(
          Locale.ROOT, "  %-8s %-18s %10s %7s %8s%n", "model", "trained on", "RMSE", "R2", "time");
      for (Trained trained : leaderboard) {
        System.out.printf(
            Locale.ROOT,
            "  %-8s %-18s %10.0f %7.3f %6d ms%n",
            trained.model(),
            trained.member(),
            trained.rmse(),
            trained.r2(),
            trained.millis());
      }
      System.out.printf(
          Locale.ROOT, "Best: %s. The whole run took %d ms.%n", leaderboard.get(0).model(), millis);
    } finally {
      client.shutdown();
      members.forEach(member -> member.getLifecycleService().terminate());
    }
  }
}
