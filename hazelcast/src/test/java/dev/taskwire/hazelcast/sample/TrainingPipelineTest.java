package dev.taskwire.hazelcast.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.hazelcast.HazelcastCluster;
import dev.taskwire.hazelcast.HazelcastDispatcher;
import dev.taskwire.runtime.RunOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sample's pipeline on a three-member cluster scores the models exactly as a local run. */
class TrainingPipelineTest {
  @RegisterExtension static final HazelcastCluster cluster = HazelcastCluster.ofMembers(3);

  @Test
  void theClusterScoresTheModelsAsALocalRunDoes() {
    List<Trained> local = new TrainingPipelineRunner(new TrainingPipeline()).run().leaderboard();
    List<Trained> remote =
        new TrainingPipelineRunner(
                new TrainingPipeline(),
                RunOptions.defaults()
                    .dispatcher(HazelcastDispatcher.builder(cluster.newClient()).build()))
            .run()
            .leaderboard();

    assertEquals(
        List.of("linear", "knn10", "knn5", "knn25", "mean"),
        remote.stream().map(Trained::model).toList());
    assertEquals(
        local.stream().map(Trained::rmse).toList(), remote.stream().map(Trained::rmse).toList());
    assertTrue(local.stream().allMatch(trained -> trained.member().equals("driver")));
    assertTrue(
        remote.stream().allMatch(trained -> trained.member().startsWith("[127.0.0.1]:")),
        remote::toString);
  }
}
