package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.remote.WorkerLostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls sent in batches ({@link HazelcastDispatcher.Builder#batchSize}): the batches are counted on
 * the members, as their executors' started tasks. The sender is held until every call of the burst
 * waits, so that which calls go together does not depend on timing.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // a lost call would hang a test, not fail it
class BatchingTest {
  @RegisterExtension static final HazelcastCluster cluster = HazelcastCluster.ofMembers(3);

  @Test
  void aBurstOfCallsGoesInBatchesSpreadOverTheMembersAndEachGetsItsOwnResult() throws Exception {
    HeldSender sender = new HeldSender();
    HazelcastDispatcher dispatcher =
        HazelcastDispatcher.builder(cluster.newLiteMember())
            .batchSize(8)
            .dispatcherThreads(sender)
            .build();
    long messagesBefore = messagesRun();
    BatchPipelineRunner.Execution execution =
        new BatchPipelineRunner(
                new BatchPipeline("batches", 40, -1), RunOptions.defaults().dispatcher(dispatcher))
            .start();
    HeldSender.awaitWaiting(dispatcher, 40);
    sender.release();
    BatchPipelineRunner.Results results = execution.await();

    assertEquals(
        LongStream.range(0, 40).map(n -> n * n).boxed().toList(),
        results.square().stream().map(Part::value).toList());
    assertEquals(LongStream.range(0, 40).map(n -> n * n).sum(), results.total());
    // 40 calls in batches of at most 8: five messages, handed to the three members in turn.
    assertEquals(5, messagesRun() - messagesBefore);
    Set<String> ranOn = results.square().stream().map(Part::member).collect(Collectors.toSet());
    assertEquals(memberIds(), ranOn);
  }

  @Test
  void aFewCallsStillRunSideBySideOnAsManyMembers() throws Exception {
    HeldSender sender = new HeldSender();
    HazelcastDispatcher dispatcher =
        HazelcastDispatcher.builder(cluster.newClient())
            .batchSize(16)
            .dispatcherThreads(sender)
            .build();
    long messagesBefore = messagesRun();
    BatchPipelineRunner.Execution execution =
        new BatchPipelineRunner(
                new BatchPipeline("few", 6, -1), RunOptions.defaults().dispatcher(dispatcher))
            .start();
    HeldSender.awaitWaiting(dispatcher, 6);
    sender.release();
    BatchPipelineRunner.Results results = execution.await();

    assertEquals(
        List.of(0L, 1L, 4L, 9L, 16L, 25L), results.square().stream().map(Part::value).toList());
    // Six calls, three members: three batches of two, not one of six (two of three if a member
    // was lost in a test before).
    assertEquals(cluster.members().size(), messagesRun() - messagesBefore);
    assertEquals(
        memberIds(), results.square().stream().map(Part::member).collect(Collectors.toSet()));
  }

  @Test
  void aThrottledFanOutsBatchesHoldAtMostItsConcurrency() throws Exception {
    HeldSender sender = new HeldSender();
    HazelcastDispatcher dispatcher =
        HazelcastDispatcher.builder(cluster.newClient())
            .batchSize(8)
            .dispatcherThreads(sender)
            .build();
    long messagesBefore = messagesRun();
    ThrottledPipelineRunner.Execution execution =
        new ThrottledPipelineRunner(
                new ThrottledPipeline(), RunOptions.defaults().dispatcher(dispatcher))
            .start();
    HeldSender.awaitWaiting(dispatcher, 2);
    // The run holds the other four back until these two are answered.
    assertEquals(2, dispatcher.callsWaiting());
    sender.release();
    ThrottledPipelineRunner.Results results = execution.await();

    assertEquals(
        List.of(0L, 1L, 4L, 9L, 16L, 25L), results.square().stream().map(Part::value).toList());
    // Six calls, at most two in a message.
    assertTrue(messagesRun() - messagesBefore >= 3, () -> (messagesRun() - messagesBefore) + "");
  }

  @Test
  void callsOfDifferentTasksShareABatchAndEachRunsItsOwnTask() throws Exception {
    String target = cluster.members().get(0).getCluster().getLocalMember().getUuid().toString();
    HeldSender sender = new HeldSender();
    HazelcastDispatcher dispatcher =
        HazelcastDispatcher.builder(cluster.newClient())
            .members(member -> member.getUuid().toString().equals(target))
            .batchSize(6)
            .dispatcherThreads(sender)
            .build();
    SpreadPipeline pipeline = new SpreadPipeline(1_000);
    long messagesBefore = messagesRun();
    SpreadPipelineRunner.Execution execution =
        new SpreadPipelineRunner(pipeline, RunOptions.defaults().dispatcher(dispatcher)).start();
    // part0 to part5 become ready together; total waits for them.
    HeldSender.awaitWaiting(dispatcher, 6);
    sender.release();
    SpreadPipelineRunner.Results results = execution.await();

    SpreadPipelineRunner.Results local = new SpreadPipelineRunner(pipeline).run();
    assertEquals(
        List.of(
            local.part0().value(),
            local.part1().value(),
            local.part2().value(),
            local.part3().value(),
            local.part4().value(),
            local.part5().value()),
        List.of(
            results.part0().value(),
            results.part1().value(),
            results.part2().value(),
            results.part3().value(),
            results.part4().value(),
            results.part5().value()));
    assertEquals(local.total().value(), results.total().value());
    assertEquals(target, results.part3().member());
    // One batch of the six parts, then total alone.
    assertEquals(2, messagesRun() - messagesBefore);
  }

  @Test
  void aBatchWhoseMemberIsLostHasEachOfItsCallsReRunElsewhere() throws Exception {
    HazelcastInstance driver = cluster.newLiteMember();
    HeldSender sender = new HeldSender();
    HazelcastDispatcher dispatcher =
        HazelcastDispatcher.builder(driver).batchSize(6).dispatcherThreads(sender).build();
    String runId = "batch-victim-" + System.nanoTime();
    CompletableFuture<String> mark = Marks.awaitMark(driver, runId);
    RecordingListener listener = new RecordingListener();
    BatchPipelineRunner.Execution execution =
        new BatchPipelineRunner(
                new BatchPipeline(runId, 6, 0),
                RunOptions.defaults().listener(listener).dispatcher(dispatcher))
            .start();
    HeldSender.awaitWaiting(dispatcher, 6);
    sender.release();

    // Element 0 shares a batch with one other (six calls over three members) and blocks it.
    int batchOfVictim = 6 / cluster.members().size();
    String victim = Marks.await(mark, Duration.ofMinutes(1));
    cluster.members().stream()
        .filter(member -> member.getCluster().getLocalMember().getUuid().toString().equals(victim))
        .findFirst()
        .orElseThrow()
        .getLifecycleService()
        .terminate();
    BatchPipelineRunner.Results results = execution.await();

    assertEquals(55, results.total());
    assertNotEquals(victim, results.square().get(0).member());
    // The whole batch is lost with its member: each of its calls is re-run.
    List<TaskEvent> retried = listener.retried;
    assertEquals(batchOfVictim, retried.size(), retried::toString);
    retried.forEach(event -> assertInstanceOf(WorkerLostException.class, event.error()));
  }

  /**
   * The batch's call that was running when the run stopped ends it, whether it throws the interrupt
   * or returns with its thread's interrupt status set (then the batch's own check stops it before
   * its next call).
   */
  @ParameterizedTest(name = "the running call returns when interrupted: {0}")
  @ValueSource(booleans = {false, true})
  void aStoppedRunCancelsItsBatchOnTheMember(boolean returnsInterrupted) throws Exception {
    HazelcastInstance driver = cluster.newClient();
    String target = cluster.members().get(0).getCluster().getLocalMember().getUuid().toString();
    HeldSender sender = new HeldSender();
    // One selected member: both calls go in one batch, one behind the other (which goes first
    // depends on which of the run's threads dispatched first).
    HazelcastDispatcher dispatcher =
        HazelcastDispatcher.builder(driver)
            .members(member -> member.getUuid().toString().equals(target))
            .batchSize(4)
            .dispatcherThreads(sender)
            .build();
    String runId = "stuck-" + System.nanoTime();
    IMap<String, String> marks = driver.getMap(VictimPipeline.MARKS);
    List<CompletableFuture<String>> started =
        List.of(Marks.awaitMark(driver, runId + ":0"), Marks.awaitMark(driver, runId + ":1"));
    long messagesBefore = messagesRun();
    StuckPipelineRunner.Execution execution =
        new StuckPipelineRunner(
                new StuckPipeline(runId, returnsInterrupted),
                RunOptions.defaults().dispatcher(dispatcher))
            .start();
    HeldSender.awaitWaiting(dispatcher, 2);
    sender.release();
    CompletableFuture.anyOf(started.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
    int first = started.get(0).isDone() ? 0 : 1;
    CompletableFuture<String> interrupted = Marks.awaitUpdate(driver, runId + ":" + first);

    assertTrue(execution.cancel());
    assertEquals("interrupted", Marks.await(interrupted, Duration.ofMinutes(1)));
    assertThrows(CancellationException.class, execution::await);
    // The batch stopped with its first call: the second never started.
    assertFalse(marks.containsKey(runId + ":" + (1 - first)));
    assertEquals(1, messagesRun() - messagesBefore);
  }

  @Test
  void batchesLeaveWhileEveryThreadOfTheCommonPoolIsBusy() throws Exception {
    HazelcastDispatcher dispatcher =
        HazelcastDispatcher.builder(cluster.newClient()).batchSize(8).build();
    // Every thread of the common pool waits, and one more task waits in its queue: nothing given to
    // the pool now runs until the test ends. (A plain wait adds no thread to the pool.)
    ForkJoinPool common = ForkJoinPool.commonPool();
    AtomicInteger waiting = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    Runnable waiter =
        () -> {
          waiting.incrementAndGet();
          try {
            done.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    try {
      long limit = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (waiting.get() < common.getPoolSize() || !common.hasQueuedSubmissions()) {
        assertTrue(System.nanoTime() < limit, "the common pool never filled");
        if (!common.hasQueuedSubmissions()) {
          common.execute(waiter); // the pool may start a thread for it, or have one idle
        }
        Thread.sleep(1);
      }

      BatchPipelineRunner.Results results =
          assertTimeoutPreemptively(
              Duration.ofMinutes(1),
              () ->
                  new BatchPipelineRunner(
                          new BatchPipeline("busy-common-pool", 6, -1),
                          RunOptions.defaults().dispatcher(dispatcher))
                      .run());

      assertEquals(55, results.total());
    } finally {
      done.countDown();
    }
  }

  /** A stack overflow is the failure of the call that overflowed, not of its batch. */
  @Test
  void aCallThatOverflowsItsStackFailsAloneInItsBatch() throws Exception {
    String target = cluster.members().get(0).getCluster().getLocalMember().getUuid().toString();
    HeldSender sender = new HeldSender();
    HazelcastDispatcher dispatcher =
        HazelcastDispatcher.builder(cluster.newClient())
            .members(member -> member.getUuid().toString().equals(target))
            .batchSize(2)
            .dispatcherThreads(sender)
            .build();
    RunOptions options = RunOptions.defaults().dispatcher(dispatcher);
    OverflowPipelineRunner.Execution overflowing =
        new OverflowPipelineRunner(new OverflowPipeline(true), options).start();
    OverflowPipelineRunner.Execution fine =
        new OverflowPipelineRunner(new OverflowPipeline(false), options).start();
    HeldSender.awaitWaiting(dispatcher, 2);
    long messagesBefore = messagesRun();
    sender.release();

    assertEquals(1, fine.await().depth());
    PipelineException failure = assertThrows(PipelineException.class, overflowing::await);
    assertEquals("depth", failure.failedTask());
    assertInstanceOf(StackOverflowError.class, failure.getCause());
    assertEquals(1, messagesRun() - messagesBefore);
  }

  @Test
  void batchSizeMustBePositive() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> HazelcastDispatcher.builder(cluster.members().get(0)).batchSize(0));
    assertEquals("batchSize must be at least 1: 0", refused.getMessage());
  }

  /** Every message the members' taskwire executors have run: lone calls and batches. */
  private static long messagesRun() {
    return cluster.members().stream()
        .mapToLong(
            member ->
                member.getExecutorService("taskwire").getLocalExecutorStats().getStartedTaskCount())
        .sum();
  }

  private static Set<String> memberIds() {
    return cluster.members().stream()
        .map(member -> member.getCluster().getLocalMember().getUuid().toString())
        .collect(Collectors.toSet());
  }
}
