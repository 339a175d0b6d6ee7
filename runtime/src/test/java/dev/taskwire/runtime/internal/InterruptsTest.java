package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class InterruptsTest {
  private final Thread me = Thread.currentThread();

  @AfterEach
  void leaveTheTestThreadUninterrupted() {
    Thread.interrupted();
  }

  @Test
  void interruptInterruptsTheThreadThatRunsTheTask() throws Exception {
    Object[] slots = new Object[1];
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch registered = new CountDownLatch(1);
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread task =
        new Thread(
            () -> {
              try {
                registered.countDown();
                never.await(30, SECONDS);
                outcome.set("not interrupted");
              } catch (InterruptedException interrupted) {
                outcome.set(interrupted);
              }
            });
    slots[0] = task;
    task.start();
    registered.await(30, SECONDS);
    Interrupts.interrupt(slots, 0, task);
    task.join(SECONDS.toMillis(30));
    assertFalse(task.isAlive());
    assertTrue(outcome.get() instanceof InterruptedException, "" + outcome.get());
    assertNull(slots[0], "the slot is empty once the interrupt was delivered");
  }

  @Test
  void interruptLeavesAThreadAloneThatNoLongerRunsTheTask() {
    Object[] slots = new Object[2];
    // Slot 0 is empty: the task ended. Slot 1 holds another thread: the task ran again elsewhere.
    Thread previous = new Thread(() -> {});
    slots[1] = previous;
    Interrupts.interrupt(slots, 0, me);
    Interrupts.interrupt(slots, 1, me);
    assertFalse(me.isInterrupted());
    assertFalse(previous.isInterrupted());
    assertNull(slots[0]);
    assertSame(previous, slots[1]);
  }

  @Test
  void releaseAfterAnInterruptClearsTheInterruptSoItCannotLeakIntoTheNextTask() {
    Object[] slots = {me};
    Interrupts.interrupt(slots, 0, me);
    assertTrue(me.isInterrupted(), "the interrupt arrived");
    Interrupts.release(slots, 0, me);
    assertFalse(Thread.interrupted(), "the interrupt leaked past release");
    assertNull(slots[0]);
  }

  @Test
  void releaseWithoutAnInterruptEmptiesTheSlot() {
    Object[] slots = {me};
    Interrupts.release(slots, 0, me);
    assertNull(slots[0]);
    assertFalse(me.isInterrupted());
  }

  @Test
  void releaseClearsAnInterruptTheRunDidNotSendAndSaysSo() {
    // A task that set its own interrupt status (or kept one from elsewhere) must not hand it to
    // the next task on this thread; release reports it, so the scheduler can restore it where the
    // status belongs to the caller (see Scheduler and InterruptStatusTest).
    Object[] slots = {me};
    me.interrupt();
    assertTrue(Interrupts.release(slots, 0, me));
    assertFalse(Thread.interrupted());
  }

  @Test
  void releaseAfterTheRunsOwnInterruptReportsNothingToRestore() {
    Object[] slots = {me};
    Interrupts.interrupt(slots, 0, me);
    assertFalse(Interrupts.release(slots, 0, me));
    assertFalse(Thread.interrupted());
  }

  @Test
  void interruptAfterReleaseDoesNothing() {
    Object[] slots = {me};
    Interrupts.release(slots, 0, me);
    Interrupts.interrupt(slots, 0, me);
    assertFalse(me.isInterrupted());
    assertNull(slots[0]);
  }

  // ---- races ---------------------------------------------------------------------------------

  /** Tasks per round: the two threads meet on each slot in turn. */
  private static final int SLOTS = 500;

  private static final int WORKER_AT = 0;
  private static final int INTERRUPTER_AT = 1;
  private static final int INTERRUPTER_DONE = 2;

  /**
   * Up to how long each side waits, in spins, before its move once they met; one bound per round in
   * turn. Which side goes first, and how often release finds the interrupter halfway, varies a lot
   * from one JVM to the next; a spread of waits keeps both common.
   */
  private static final int[] JITTERS = {0, 4, 8, 16, 64};

  private int round;
  private Object[] slots;
  private Thread worker;

  /** How far each side got this round; see the race below. */
  private AtomicIntegerArray progress;

  /**
   * Party 0 runs a task in each slot in turn and releases it; party 1 interrupts it. For each slot
   * the two meet (each spins until the other got there too), then race: release against interrupt.
   * Once both are done with the slot, the worker's flag must be clear, whichever came first: an
   * interrupt either arrived before release returned, and release cleared it, or it did nothing to
   * the thread.
   */
  @Test
  void releaseRacingWithInterruptNeverLeavesTheFlagSet() throws Exception {
    Race.rounds(
        200,
        2,
        parties -> {
          round++;
          worker = parties[0];
          slots = new Object[SLOTS];
          Arrays.fill(slots, worker);
          progress = new AtomicIntegerArray(new int[] {-1, -1, -1});
        },
        party -> {
          SplittableRandom random = new SplittableRandom(party);
          int jitter = JITTERS[round % JITTERS.length];
          for (int slot = 0; slot < SLOTS; slot++) {
            if (party == 0) {
              meet(WORKER_AT, INTERRUPTER_AT, slot);
              pause(random.nextInt(jitter + 1));
              Interrupts.release(slots, slot, worker);
              awaitProgress(INTERRUPTER_DONE, slot);
              if (worker.isInterrupted()) {
                throw new AssertionError("the worker is interrupted after releasing slot " + slot);
              }
            } else {
              meet(INTERRUPTER_AT, WORKER_AT, slot);
              pause(random.nextInt(jitter + 1));
              Interrupts.interrupt(slots, slot, worker);
              progress.set(INTERRUPTER_DONE, slot);
            }
          }
        },
        () -> {
          assertFalse(worker.isInterrupted());
          for (int slot = 0; slot < SLOTS; slot++) {
            assertNull(slots[slot], "slot " + slot);
          }
        });
  }

  /** A short wait before a move, so that neither side goes first systematically. */
  private static void pause(int spins) {
    for (int i = 0; i < spins; i++) {
      Thread.onSpinWait();
    }
  }

  /** Says this side reached {@code slot}, then waits until the other side has too. */
  private void meet(int mine, int other, int slot) {
    progress.set(mine, slot);
    awaitProgress(other, slot);
  }

  private void awaitProgress(int which, int slot) {
    long deadline = System.nanoTime() + SECONDS.toNanos(30);
    for (int spins = 0; progress.get(which) < slot; spins++) {
      if (spins % 1024 == 1023) {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("the other side hangs before slot " + slot);
        }
        Thread.yield();
      } else {
        Thread.onSpinWait();
      }
    }
  }
}
