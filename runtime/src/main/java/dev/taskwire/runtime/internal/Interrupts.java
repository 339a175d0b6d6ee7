package dev.taskwire.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Interrupting the thread that runs a task, without the interrupt ever leaking into the next task
 * that thread runs (a pool thread moves on). A slot holds the running thread; the canceller swaps
 * it for {@link #INTERRUPTING} while it interrupts, and the task's thread, on its way out, waits
 * for that to finish and then clears its interrupt status. The same protocol as {@code
 * FutureTask}'s. An interrupt status a task sets on itself is cleared after the task by the thread
 * that ran it (see {@code Scheduler.runFrom}).
 */
final class Interrupts {
  private static final Object INTERRUPTING = new Object();
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

  private Interrupts() {}

  /** Interrupts {@code thread} if it still runs the task of slot {@code index}. */
  static void interrupt(Object[] slots, int index, Thread thread) {
    if (SLOTS.compareAndSet(slots, index, thread, INTERRUPTING)) {
      try {
        thread.interrupt();
      } finally {
        SLOTS.setVolatile(slots, index, null);
      }
    }
  }

  /**
   * Called by the task's own thread when the task's code is over: after it, no interrupt of the run
   * can arrive. Clears the thread's interrupt status; true if it was set and the run had not
   * interrupted the thread, so that the task set it (on itself, or kept one from outside the run).
   */
  static boolean release(Object[] slots, int index, Thread thread) {
    if (SLOTS.compareAndSet(slots, index, thread, null)) {
      return Thread.interrupted();
    }
    while (SLOTS.getVolatile(slots, index) == INTERRUPTING) {
      Thread.onSpinWait();
    }
    Thread.interrupted();
    return false;
  }
}
