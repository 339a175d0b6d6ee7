package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dispatched tasks on a real three-member cluster in this JVM, driven by each kind of driver. */
class HazelcastDispatcherTest {
  @RegisterExtension static final HazelcastCluster cluster = HazelcastCluster.ofMembers(3);

  @ParameterizedTest(name = "driven by a {0}")
  @ValueSource(strings = {"client", "lite member", "full member"})
  void tasksRunOnSeveralMembersAndGiveTheResultsOfALocalRun(String driverKind) {
    HazelcastInstance driver =
        switch (driverKind) {
          case "client" -> cluster.newClient();
          case "lite member" -> cluster.newLiteMember();
          default -> cluster.members().get(0);
        };
    SpreadPipeline pipeline = new SpreadPipeline(10_000);
    SpreadPipelineRunner.Results local = new SpreadPipelineRunner(pipeline).run();
    SpreadPipelineRunner.Results remote =
        new SpreadPipelineRunner(
                pipeline,
                RunOptions.defaults().dispatcher(HazelcastDispatcher.builder(driver).build()))
            .run();

    List<Part> localParts = parts(local);
    List<Part> remoteParts = parts(remote);
    assertEquals(
        localParts.stream().map(Part::value).toList(),
        remoteParts.stream().map(Part::value).toList());
    assertEquals(local.total().value(), remote.total().value());
    assertTrue(localParts.stream().allMatch(part -> part.member().equals("driver")));
    Set<String> members =
        cluster.members().stream()
            .map(member -> member.getCluster().getLocalMember().getUuid().toString())
            .collect(Collectors.toSet());
    Set<String> ranOn = remoteParts.stream().map(Part::member).collect(Collectors.toSet());
    // Seven tasks a run, each on a member the engine picks at random among three: all seven on one
    // member happens about once in 700 runs, so a few more runs decide (three in all: 1 in 10^9).
    for (int run = 0; run < 2 && ranOn.size() < 2; run++) {
      SpreadPipelineRunner.Results again =
          new SpreadPipelineRunner(
                  pipeline,
                  RunOptions.defaults().dispatcher(HazelcastDispatcher.builder(driver).build()))
              .run();
      assertEquals(local.total().value(), again.total().value());
      parts(again).stream().map(Part::member).forEach(ranOn::add);
    }
    assertTrue(members.containsAll(ranOn), () -> ranOn + " are not all members " + members);
    assertTrue(ranOn.size() >= 2, () -> "every task ran on " + ranOn);
  }

  @Test
  void retriesAndTimeoutsOfTheTaskApplyAndItsOwnFailureComesBack() {
    RecordingListener listener = new RecordingListener();
    PipelineException failure =
        assertThrows(
            PipelineException.class,
            () ->
                new PolicyPipelineRunner(
                        new PolicyPipeline("policy-" + System.nanoTime()),
                        RunOptions.defaults()
                            .onFailure(FailurePolicy.KEEP_GOING)
                            .listener(listener)
                            .dispatcher(
                                HazelcastDispatcher.builder(cluster.newLiteMember()).build()))
                    .run());

    assertEquals("flaky succeeded", PolicyPipelineRunner.partialResults(failure).flaky());
    assertEquals(List.of(1, 2), listener.attemptsStarted("flaky"));
    assertEquals(
        "the first attempt of flaky fails",
        listener.retried.stream()
            .filter(event -> event.task().equals("flaky"))
            .findFirst()
            .orElseThrow()
            .error()
            .getMessage());
    assertInstanceOf(TimeoutException.class, failure.failures().get("slow"));
    assertEquals(
        "task 'slow' timed out after 0.3s (attempt 1)",
        failure.failures().get("slow").getMessage());
    Throwable failing = failure.failures().get("failing");
    assertInstanceOf(IllegalStateException.class, failing);
    assertTrue(
        failing.getMessage().startsWith("failing fails on Member [127.0.0.1]:"),
        failing.getMessage());
  }

  private static List<Part> parts(SpreadPipelineRunner.Results results) {
    return Stream.of(
            results.part0(),
            results.part1(),
            results.part2(),
            results.part3(),
            results.part4(),
            results.part5())
        .toList();
  }
}
