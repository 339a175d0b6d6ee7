package dev.taskwire.runtime.internal;

import static dev.taskwire.runtime.internal.TaskStatus.CANCELLED;
import static dev.taskwire.runtime.internal.TaskStatus.COMPLETING;
import static dev.taskwire.runtime.internal.TaskStatus.FAILED;
import static dev.taskwire.runtime.internal.TaskStatus.LEFT_OUT;
import static dev.taskwire.runtime.internal.TaskStatus.RETRY_WAIT;
import static dev.taskwire.runtime.internal.TaskStatus.RUNNING;
import static dev.taskwire.runtime.internal.TaskStatus.SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every transition in TaskStatus's list, the ones that must fail too, and the races between them.
 */
@Timeout(60)
class TaskStatusTest {
  private static final int TASK = 1;

  /** A status array of three tasks whose middle one, {@link #TASK}, has {@code value}. */
  private static int[] cell(int value) {
    return new int[] {7, value, 7};
  }

  // ---- values ----------------------------------------------------------------------------------

  @Test
  void everyValueFromZeroUpIsNotStartedAndEveryNegativeOneIsStarted() {
    for (int value : new int[] {0, 1, 2, 1000, LEFT_OUT}) {
      assertTrue(TaskStatus.notStarted(value), "" + value);
      assertFalse(TaskStatus.isInAttempt(value), "" + value);
    }
    for (int value : new int[] {RUNNING, COMPLETING, RETRY_WAIT}) {
      assertFalse(TaskStatus.notStarted(value), "" + value);
      assertTrue(TaskStatus.isInAttempt(value), "" + value);
    }
    for (int value : new int[] {SUCCEEDED, FAILED, CANCELLED}) {
      assertFalse(TaskStatus.notStarted(value), "" + value);
      assertFalse(TaskStatus.isInAttempt(value), "" + value);
    }
  }

  // ---- n -> n - 1 ------------------------------------------------------------------------------

  @Test
  void countDownIsTrueOnlyForTheCallThatReachesZero() {
    int[] status = cell(3);
    assertFalse(TaskStatus.countDown(status, TASK));
    assertEquals(2, TaskStatus.get(status, TASK));
    assertFalse(TaskStatus.countDown(status, TASK));
    assertTrue(TaskStatus.countDown(status, TASK));
    assertEquals(0, TaskStatus.get(status, TASK));
    assertEquals(7, status[0]);
    assertEquals(7, status[2]);
  }

  @Test
  void aLeftOutTaskIsNeverMadeReadyByCountingDown() {
    int[] status = cell(LEFT_OUT);
    for (int i = 0; i < 1000; i++) {
      assertFalse(TaskStatus.countDown(status, TASK));
    }
    assertTrue(TaskStatus.notStarted(TaskStatus.get(status, TASK)));
  }

  // ---- 0 -> link -> RUNNING --------------------------------------------------------------------

  @Test
  void linkAndBelowRoundTripForEveryTaskBelowIncludingTheEndMarker() {
    int[] status = cell(0);
    for (int below : new int[] {ReadyStack.EMPTY, 0, 2, 12345, Integer.MAX_VALUE - 2}) {
      TaskStatus.link(status, TASK, below);
      assertEquals(below, TaskStatus.below(status, TASK));
      // While linked, the task still reads as not started, and as no attempt.
      int linked = TaskStatus.get(status, TASK);
      assertTrue(linked > 0, "a link is positive: " + linked);
      assertTrue(TaskStatus.notStarted(linked));
      assertFalse(TaskStatus.isInAttempt(linked));
    }
  }

  @Test
  void claimStartsAReadyTask() {
    int[] status = cell(0);
    assertTrue(TaskStatus.claim(status, TASK));
    assertEquals(RUNNING, TaskStatus.get(status, TASK));
  }

  @Test
  void claimStartsALinkedTask() {
    int[] status = cell(0);
    TaskStatus.link(status, TASK, 2);
    assertTrue(TaskStatus.claim(status, TASK));
    assertEquals(RUNNING, TaskStatus.get(status, TASK));
  }

  @ParameterizedTest
  @ValueSource(ints = {RUNNING, COMPLETING, RETRY_WAIT, SUCCEEDED, FAILED, CANCELLED})
  void claimFailsForATaskThatIsNoLongerReadyAndLeavesItAlone(int value) {
    int[] status = cell(value);
    assertFalse(TaskStatus.claim(status, TASK));
    assertEquals(value, TaskStatus.get(status, TASK));
  }

  // ---- RUNNING -> COMPLETING -> ended ----------------------------------------------------------

  @Test
  void beginEndingMovesARunningTaskToCompletingOnce() {
    int[] status = cell(RUNNING);
    assertTrue(TaskStatus.beginEnding(status, TASK));
    assertEquals(COMPLETING, TaskStatus.get(status, TASK));
    assertFalse(TaskStatus.beginEnding(status, TASK), "the second caller lost");
    assertEquals(COMPLETING, TaskStatus.get(status, TASK));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, LEFT_OUT, COMPLETING, RETRY_WAIT, SUCCEEDED, FAILED, CANCELLED})
  void beginEndingFailsForATaskThatIsNotRunning(int value) {
    int[] status = cell(value);
    assertFalse(TaskStatus.beginEnding(status, TASK));
    assertEquals(value, TaskStatus.get(status, TASK));
  }

  @ParameterizedTest
  @ValueSource(ints = {SUCCEEDED, FAILED, CANCELLED})
  void theWinnerOfBeginEndingEndsTheTask(int outcome) {
    int[] status = cell(RUNNING);
    assertTrue(TaskStatus.beginEnding(status, TASK));
    TaskStatus.end(status, TASK, outcome);
    assertEquals(outcome, TaskStatus.get(status, TASK));
    assertFalse(TaskStatus.beginEnding(status, TASK), "an ended task stays ended");
    assertFalse(TaskStatus.waitForRetry(status, TASK));
    assertFalse(TaskStatus.claim(status, TASK));
    assertEquals(outcome, TaskStatus.get(status, TASK));
  }

  @ParameterizedTest
  @ValueSource(ints = {SUCCEEDED, FAILED, CANCELLED})
  void aSyncTaskWithoutRivalsEndsStraightFromRunning(int outcome) {
    int[] status = cell(RUNNING);
    TaskStatus.end(status, TASK, outcome);
    assertEquals(outcome, TaskStatus.get(status, TASK));
  }

  // ---- RUNNING -> RETRY_WAIT -> 0 | COMPLETING -------------------------------------------------

  @Test
  void aFailedAttemptWaitsForItsRetryThenIsReadyAgain() {
    int[] status = cell(RUNNING);
    assertTrue(TaskStatus.waitForRetry(status, TASK));
    assertEquals(RETRY_WAIT, TaskStatus.get(status, TASK));
    assertTrue(TaskStatus.readyForRetry(status, TASK));
    assertEquals(0, TaskStatus.get(status, TASK));
    // Ready again: it goes round once more, through the stack to RUNNING.
    TaskStatus.link(status, TASK, ReadyStack.EMPTY);
    assertTrue(TaskStatus.claim(status, TASK));
    assertEquals(RUNNING, TaskStatus.get(status, TASK));
  }

  @Test
  void waitForRetryFailsOnceATimeoutOrStopBeganEndingTheAttempt() {
    int[] status = cell(RUNNING);
    assertTrue(TaskStatus.beginEnding(status, TASK));
    assertFalse(TaskStatus.waitForRetry(status, TASK));
    assertEquals(COMPLETING, TaskStatus.get(status, TASK));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, COMPLETING, RETRY_WAIT, SUCCEEDED, FAILED, CANCELLED})
  void waitForRetryFailsForATaskThatIsNotRunning(int value) {
    int[] status = cell(value);
    assertFalse(TaskStatus.waitForRetry(status, TASK));
    assertEquals(value, TaskStatus.get(status, TASK));
  }

  @Test
  void readyForRetryFailsOnceAStopBeganEndingTheWaitingTask() {
    int[] status = cell(RETRY_WAIT);
    assertTrue(TaskStatus.beginEndingRetry(status, TASK));
    assertEquals(COMPLETING, TaskStatus.get(status, TASK));
    assertFalse(TaskStatus.readyForRetry(status, TASK));
    assertEquals(COMPLETING, TaskStatus.get(status, TASK));
    TaskStatus.end(status, TASK, CANCELLED);
    assertEquals(CANCELLED, TaskStatus.get(status, TASK));
  }

  @Test
  void beginEndingRetryFailsOnceTheBackoffMadeTheTaskReady() {
    int[] status = cell(RETRY_WAIT);
    assertTrue(TaskStatus.readyForRetry(status, TASK));
    assertFalse(TaskStatus.beginEndingRetry(status, TASK));
    assertEquals(0, TaskStatus.get(status, TASK));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, RUNNING, COMPLETING, SUCCEEDED, FAILED, CANCELLED})
  void readyForRetryAndBeginEndingRetryFailForATaskThatIsNotWaitingForItsRetry(int value) {
    int[] status = cell(value);
    assertFalse(TaskStatus.readyForRetry(status, TASK));
    assertFalse(TaskStatus.beginEndingRetry(status, TASK));
    assertEquals(value, TaskStatus.get(status, TASK));
  }

  @Test
  void aTransitionChangesOnlyItsOwnTasksCell() {
    int[] status = {RUNNING, RUNNING, RUNNING};
    assertTrue(TaskStatus.beginEnding(status, TASK));
    assertTrue(TaskStatus.waitForRetry(status, 0));
    assertEquals(RETRY_WAIT, status[0]);
    assertEquals(COMPLETING, status[1]);
    assertEquals(RUNNING, status[2]);
  }

  // ---- races ---------------------------------------------------------------------------------

  // Each round races for many cells one after another, so that the parties meet on the same cell
  // often: a race on a single cell per round is over before the second thread arrives.
  private static final int ROUNDS = 200;
  private static final int CELLS = 1000;

  private int[] status;

  /**
   * Per party, the cells whose transition it won this round; each party writes only its own row.
   */
  private boolean[][] won;

  private void prepare(int parties, int value) {
    status = new int[CELLS];
    Arrays.fill(status, value);
    won = new boolean[parties][CELLS];
  }

  /** The parties that won the cell's transition this round. */
  private int winners(int cell) {
    int winners = 0;
    for (boolean[] row : won) {
      winners += row[cell] ? 1 : 0;
    }
    return winners;
  }

  @Test
  void ofThreadsRacingBeginEndingOnARunningTaskExactlyOneWins() throws Exception {
    int parties = 4;
    Race.rounds(
        ROUNDS,
        parties,
        threads -> prepare(parties, RUNNING),
        party -> {
          for (int cell = 0; cell < CELLS; cell++) {
            won[party][cell] = TaskStatus.beginEnding(status, cell);
          }
        },
        () -> {
          for (int cell = 0; cell < CELLS; cell++) {
            assertEquals(1, winners(cell), "winners for cell " + cell);
            assertEquals(COMPLETING, TaskStatus.get(status, cell));
          }
        });
  }

  @Test
  void aRetryThatIsDueAndAStopRacingForAWaitingTaskHaveOneWinner() throws Exception {
    Race.rounds(
        ROUNDS,
        2,
        threads -> prepare(2, RETRY_WAIT),
        party -> {
          // Party 0 is the timer making the task ready; party 1 a stop ending it as cancelled.
          for (int cell = 0; cell < CELLS; cell++) {
            won[party][cell] =
                party == 0
                    ? TaskStatus.readyForRetry(status, cell)
                    : TaskStatus.beginEndingRetry(status, cell);
          }
        },
        () -> {
          for (int cell = 0; cell < CELLS; cell++) {
            assertEquals(1, winners(cell), "winners for cell " + cell);
            assertEquals(won[0][cell] ? 0 : COMPLETING, TaskStatus.get(status, cell));
          }
        });
  }

  @Test
  void aFailedAttemptAndItsTimeoutAndAStopRacingForARunningTaskHaveOneWinner() throws Exception {
    Race.rounds(
        ROUNDS,
        3,
        threads -> prepare(3, RUNNING),
        party -> {
          // Party 0 is the attempt's thread asking for a retry; 1 and 2 a timeout and a stop.
          for (int cell = 0; cell < CELLS; cell++) {
            won[party][cell] =
                party == 0
                    ? TaskStatus.waitForRetry(status, cell)
                    : TaskStatus.beginEnding(status, cell);
          }
        },
        () -> {
          for (int cell = 0; cell < CELLS; cell++) {
            assertEquals(1, winners(cell), "winners for cell " + cell);
            assertEquals(won[0][cell] ? RETRY_WAIT : COMPLETING, TaskStatus.get(status, cell));
          }
        });
  }
}
