package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import java.io.StreamCorruptedException;
import java.util.concurrent.Callable;
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

  /** Read where a batch should be; fails as {@link #fault} says. */
  static final class FaultyBatch implements IdentifiedDataSerializable, Callable<Object> {
    @Override
    public Object call() {
      return switch (fault) {
        case MALFORMED -> new byte[] {0, 0, 0, 9};
        case THROW -> throw new UnsupportedOperationException("this member runs no batches");
        case ANSWER_NULL -> null;
      };
    }

    @Override
    public int getFactoryId() {
      return TaskwireSerializerFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
      return TaskwireSerializerFactory.DISPATCHED_BATCH;
    }

    @Override
    public void writeData(ObjectDataOutput out) {}

    @Override
    public void readData(ObjectDataInput in) {}
  }

  @BeforeAll
  static void startAFaultyMember() {
    cluster = OddMember.start("faulty-batch", classId -> new FaultyBatch());
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aMalformedAnswerFailsEachCallWithItsOwnExceptionNamingTheMember() throws Exception {
    fault = Fault.MALFORMED;
    Throwable[] causes = failTwoRunsInOneBatch();

    for (Throwable cause : causes) {
      assertInstanceOf(IllegalStateException.class, cause);
      assertEquals(
          "member "
              + memberAddress()
              + " answered a batch of 2 calls (task 'depth' of "
              + OverflowPipeline.class.getCanonicalName()
              + ") with replies taskwire cannot read: a batch of 2 calls was answered with 9"
              + " replies",
          cause.getMessage());
      assertInstanceOf(StreamCorruptedException.class, cause.getCause());
    }
  }

  @Test
  void aBatchThatThrowsFailsEachCallWithItsOwnExceptionNamingTheMember() throws Exception {
    fault = Fault.THROW;
    Throwable[] causes = failTwoRunsInOneBatch();

    for (Throwable cause : causes) {
      assertInstanceOf(IllegalStateException.class, cause);
      assertEquals(
          "a batch of 2 calls (task 'depth' of "
              + OverflowPipeline.class.getCanonicalName()
              + ") to member "
              + memberAddress()
              + " failed: java.lang.UnsupportedOperationException: this member runs no batches",
          cause.getMessage());
      assertInstanceOf(UnsupportedOperationException.class, cause.getCause());
    }
  }

  @Test
  void aNullAnswerFailsEachCallWithItsOwnExceptionNamingTheMember() throws Exception {
    fault = Fault.ANSWER_NULL;
    Throwable[] causes = failTwoRunsInOneBatch();

    for (Throwable cause : causes) {
      assertInstanceOf(IllegalStateException.class, cause);
      assertEquals(
          "member "
              + memberAddress()
              + " answered a batch of 2 calls (task 'depth' of "
              + OverflowPipeline.class.getCanonicalName()
              + ") with null, not their replies",
          cause.getMessage());
    }
  }

  @Test
  void callsThatCannotBeSentAreEachRefusedWithAnExceptionOfTheirOwn() throws Exception {
    Throwable[] causes =
        failTwoRunsInOneBatch(HazelcastDispatcher.builder(cluster.client).members(member -> false));

    for (Throwable cause : causes) {
      assertInstanceOf(RejectedExecutionException.class, cause);
      assertTrue(
          cause
              .getMessage()
              .startsWith(
                  "a batch of 2 calls (task 'depth' of "
                      + OverflowPipeline.class.getCanonicalName()
                      + ") could not be sent: java.util.concurrent.RejectedExecutionException:"
                      + " none of the 1 members of the cluster is selected by "),
          cause.getMessage());
      assertInstanceOf(RejectedExecutionException.class, cause.getCause());
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

  private static String memberAddress() {
    return cluster.member.getCluster().getLocalMember().getAddress().toString();
  }
}
