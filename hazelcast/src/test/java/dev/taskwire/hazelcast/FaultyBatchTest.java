package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import java.io.StreamCorruptedException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Batches that fail as a whole, on a faulty member or before they leave: each call of the batch
 * fails with an exception of its own (naming the member, if the batch reached one), since the calls
 * of a batch may belong to different runs, and a run adds to its task's failure (earlier attempts'
 * failures, as suppressed).
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES) // a lost call would hang the test, not fail it
class FaultyBatchTest {
  private static OddMember cluster;

  /** How the member's batches fail. */
  private enum Fault {
    /** Answer that nine replies follow, and send none. */
    MALFORMED,
    THROW,
    ANSWER_NULL
  }

  private static volatile Fault fault;

  /** What the member's batches answer, as {@link #fault} says. */
  private static Object answer() {
    return switch (fault) {
      case MALFORMED -> new byte[] {0, 0, 0, 9};
      case THROW -> throw new UnsupportedOperationException("this member runs no batches");
      case ANSWER_NULL -> null;
    };
  }

  @BeforeAll
  static void startAFaultyMember() {
    cluster =
        OddMember.start(
            "faulty-batch",
            classId ->
                new StandIn(TaskwireSerializerFactory.DISPATCHED_BATCH, FaultyBatchTest::answer));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  /** How the failures name the batch of two calls of {@link OverflowPipeline}'s task. */
  private static final String BATCH =
      "a batch of 2 calls (task 'depth' of " + OverflowPipeline.class.getCanonicalName() + ")";

  @Test
  void aMalformedAnswerFailsEachCallWithItsOwnExceptionNamingTheMember() throws Exception {
    fault = Fault.MALFORMED;
    assertEachFailed(
        failTwoRunsInOneBatch(),
        IllegalStateException.class,
        "member "
            + cluster.address()
            + " answered "
            + BATCH
            + " with replies taskwire cannot read: a batch of 2 calls was answered with 9 replies",
        StreamCorruptedException.class);
  }

  @Test
  void aBatchThatThrowsFailsEachCallWithItsOwnExceptionNamingTheMember() throws Exception {
    fault = Fault.THROW;
    assertEachFailed(
        failTwoRunsInOneBatch(),
        IllegalStateException.class,
        BATCH
            + " to member "
            + cluster.address()
            + " failed: java.lang.UnsupportedOperationException: this member runs no batches",
        UnsupportedOperationException.class);
  }

  @Test
  void aNullAnswerFailsEachCallWithItsOwnExceptionNamingTheMember() throws Exception {
    fault = Fault.ANSWER_NULL;
    assertEachFailed(
        failTwoRunsInOneBatch(),
        IllegalStateException.class,
        "member " + cluster.address() + " answered " + BATCH + " with null, not their replies",
        null);
  }

  @Test
  void callsThatCannotBeSentAreEachRefusedWithAnExceptionOfTheirOwn() throws Exception {
    Throwable[] causes =
        failTwoRunsInOneBatch(HazelcastDispatcher.builder(cluster.client).members(member -> false));

    String refusal =
        BATCH
            + " could not be sent: java.util.concurrent.RejectedExecutionException: none of the 1"
            + " members of the cluster is selected by ";
    for (Throwable cause : causes) {
      assertInstanceOf(RejectedExecutionException.class, cause);
      assertTrue(cause.getMessage().startsWith(refusal), cause.getMessage());
      assertInstanceOf(RejectedExecutionException.class, cause.getCause());
    }
  }

  /** Each of {@code causes} is a {@code type} saying {@code message}, caused by a {@code cause}. */
  private static void assertEachFailed(
      Throwable[] causes,
      Class<? extends Throwable> type,
      String message,
      Class<? extends Throwable> cause) {
    for (Throwable failure : causes) {
      assertInstanceOf(type, failure);
      assertEquals(message, failure.getMessage());
      if (cause == null) {
        assertNull(failure.getCause());
      } else {
        assertInstanceOf(cause, failure.getCause());
      }
    }
  }

  private static Throwable[] failTwoRunsInOneBatch() throws InterruptedException {
    return failTwoRunsInOneBatch(HazelcastDispatcher.builder(cluster.client));
  }

  /**
   * Starts two runs whose one call each goes in one batch; returns the two runs' failures, checked
   * to be two exceptions with one cause (if any): what went wrong, once for the batch.
   */
  private static Throwable[] failTwoRunsInOneBatch(HazelcastDispatcher.Builder builder)
      throws InterruptedException {
    HeldSender sender = new HeldSender();
    HazelcastDispatcher dispatcher = builder.batchSize(2).dispatcherThreads(sender).build();
    RunOptions options = RunOptions.defaults().dispatcher(dispatcher);
    OverflowPipelineRunner.Execution first =
        new OverflowPipelineRunner(new OverflowPipeline(false), options).start();
    OverflowPipelineRunner.Execution second =
        new OverflowPipelineRunner(new OverflowPipeline(false), options).start();
    HeldSender.awaitWaiting(dispatcher, 2);
    sender.release();

    Throwable firstCause = assertThrows(PipelineException.class, first::await).getCause();
    Throwable secondCause = assertThrows(PipelineException.class, second::await).getCause();
    assertNotSame(firstCause, secondCause);
    assertSame(firstCause.getCause(), secondCause.getCause());
    return new Throwable[] {firstCause, secondCause};
  }
}
