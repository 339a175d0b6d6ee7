package dev.taskwire.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes helpers lazily. A thread taking a run's ready tasks (a pool thread in {@code help()}, the
 * caller of {@code run()} or of {@code start()}) holds a seat here while it does. When it makes
 * more tasks ready than it runs next, it leaves them on the stack without handing a helper to the
 * executor: it takes them itself as soon as its current task returns, so a graph of quick tasks
 * runs on one thread with no hand-off, which on a small machine costs more than the tasks. Work is
 * never stranded, since a seated thread takes from its run's stack until it is empty before it
 * leaves its seat.
 *
 * <p>Parallelism is not lost either: one daemon thread, the watch, looks at the seats every {@link
 * #TICK_NANOS} while any seated run has tasks waiting, and wakes a worker for a run (its parked
 * caller, or a helper) that had tasks waiting at two looks in a row: work that waits a tick or more
 * gets a thread of its own (and the seated thread hands one over itself when it takes a task while
 * work has waited since before the watch's latest look). So tasks of 50 µs and more run in parallel
 * as before, a tick or so late, while a graph of quick tasks is mostly done before the watch looks;
 * and a task that blocks until a sibling has started (which it should not, but may) gets its
 * sibling started. With nothing waiting the watch parks until a thread leaves work on a stack.
 *
 * <p>The watch runs bookkeeping only, like the {@link Timer}: a helper that an executor runs on the
 * thread handing it over runs elsewhere ({@link Timer#runOffTimer}).
 */
final class HelperWatch {
  /**
   * How often the watch looks while work waits: work waiting this long or twice as long gets a
   * worker.
   */
  static final long TICK_NANOS = 50_000;

  /** After this many ticks without waiting work, the watch parks until work waits again. */
  private static final int IDLE_TICKS = 200;

  /** Seats: more threads at once than this take tasks the eager way, a helper per push. */
  private static final int SEATS = 128;

  /** Longs between two seats' entries in {@link #waitingSince}: each on cache lines of its own. */
  private static final int STRIDE = 16;

  /** What {@link #waitingSince} holds while a seat's thread found no work waiting. */
  private static final long NOTHING_WAITING = Long.MIN_VALUE;

  private static final VarHandle RUNS = MethodHandles.arrayElementVarHandle(ReadyStack[].class);

  /** Per seat, the run its thread takes tasks from; null if the seat is free. */
  private static final ReadyStack[] runs = new ReadyStack[SEATS];

  /**
   * Per seat, at {@code seat * STRIDE}, since which of the watch's looks its thread has found work
   * waiting each time it took a task; the seated thread's own.
   */
  private static final long[] waitingSince = new long[SEATS * STRIDE];

  /** Per seat, the run the watch saw with work waiting at its last look; the watch's own. */
  private static final ReadyStack[] waitingAtLastLook = new ReadyStack[SEATS];

  /**
   * Per seat, the thread holding it; null if the seat is free. Written by that thread alone, and
   * compared by each thread with itself only, so a stale entry never misleads: a thread sees its
   * own writes. Not a thread-local: with a virtual thread per task every helper is a new thread,
   * and its first thread-local would cost it a map of its own (and the collector a weak reference).
   */
  private static final Thread[] holders = new Thread[SEATS];

  /** Seats up to this one (exclusive) have been taken at some time: the watch looks no further. */
  private static final AtomicInteger seatsUsed = new AtomicInteger();

  /** The watch's looks so far: a clock for the seated threads that costs a field read. */
  private static volatile int looks;

  /** True while the watch is parked without a time limit: a thread leaving work unparks it. */
  private static volatile boolean idle = true;

  private HelperWatch() {}

  /**
   * The watch's thread. Written once, before the thread starts, so the thread itself always sees
   * it; another thread that sees null is not the watch either.
   */
  private static Thread watchThread;

  /** Started with the first work left waiting. */
  private static final class Holder {
    static final Thread WATCH = start();

    private static Thread start() {
      Thread thread = new Thread(HelperWatch::watch, "taskwire-helper-watch");
      thread.setDaemon(true);
      watchThread = thread;
      thread.start();
      return thread;
    }
  }

  static boolean isWatchThread() {
    return Thread.currentThread() == watchThread;
  }

  /**
   * Seats this thread for taking {@code run}'s tasks; returns the seat, or -1 if it already holds
   * one (it takes tasks of a run inside a task of another, and wakes helpers the eager way) or all
   * are taken.
   */
  static int sit(ReadyStack run) {
    Thread me = Thread.currentThread();
    if (seatOf(me) >= 0) {
      return -1;
    }
    for (int seat = 0; seat < SEATS; seat++) {
      if (runs[seat] == null && RUNS.compareAndSet(runs, seat, null, run)) {
        holders[seat] = me;
        waitingSince[seat * STRIDE] = NOTHING_WAITING;
        if (seatsUsed.get() <= seat) {
          seatsUsed.accumulateAndGet(seat + 1, Math::max);
        }
        return seat;
      }
    }
    return -1;
  }

  /** Gives up a seat from {@link #sit}; -1 is no seat. */
  static void leave(int seat) {
    if (seat >= 0) {
      holders[seat] = null; // before the seat is free: the next holder's entry comes after this
      RUNS.setRelease(runs, seat, null);
    }
  }

  /** Whether this thread is seated for {@code run}: it will take what it leaves on the stack. */
  static boolean seatedFor(ReadyStack run) {
    int seat = seatOf(Thread.currentThread());
    return seat >= 0 && runs[seat] == run;
  }

  /**
   * The seat {@code thread} holds, or -1. A scan of the seats taken so far: a few on a pool of a
   * few threads, and cheaper than a thread-local's first use on a new thread.
   */
  private static int seatOf(Thread thread) {
    for (int seat = 0, used = seatsUsed.get(); seat < used; seat++) {
      if (holders[seat] == thread) {
        return seat;
      }
    }
    return -1;
  }

  /**
   * The thread in {@code seat} takes a task while others wait: returns whether they have waited
   * since before the watch's latest look, so that it should hand a helper over now. A clock read
   * per task would cost more than a quick task; the watch's looks are 50 to 125 µs apart, so this
   * hands a helper over for work that has waited that long or (by chance) less, and quicker than
   * the watch, which waits for a second look.
   */
  static boolean waitedLong(int seat) {
    int entry = seat * STRIDE;
    long now = looks;
    long since = waitingSince[entry];
    if (since == NOTHING_WAITING) {
      waitingSince[entry] = now;
      return false;
    }
    if (now == since) {
      return false;
    }
    waitingSince[entry] = now; // the helper takes what waits; later work waits anew
    return true;
  }

  /** The thread in {@code seat} takes a task and no other waits. */
  static void nothingWaits(int seat) {
    waitingSince[seat * STRIDE] = NOTHING_WAITING;
  }

  /** A seated thread left work on its run's stack: the watch must look. */
  static void workWaits() {
    if (idle) {
      idle = false;
      LockSupport.unpark(Holder.WATCH);
    }
  }

  /** The watch's loop: wakes a worker for each run whose waiting work is held up. */
  @SuppressWarnings("InfiniteLoopStatement") // a daemon thread, for the life of the JVM
  private static void watch() {
    int quiet = 0;
    for (; ; ) {
      if (lookAtSeats()) {
        quiet = 0;
      } else if (++quiet >= IDLE_TICKS) {
        // A thread that leaves work after this sees idle and unparks us, or we see its work.
        idle = true;
        if (!lookAtSeats()) {
          LockSupport.park();
        }
        idle = false;
        quiet = 0;
        continue;
      }
      LockSupport.parkNanos(TICK_NANOS);
    }
  }

  /**
   * Wakes a worker for each seated run that had work waiting at the last look too; returns whether
   * any seated run has work waiting.
   */
  private static boolean lookAtSeats() {
    @SuppressWarnings("NonAtomicVolatileUpdate") // the watch's thread alone writes it
    int look = looks + 1;
    looks = look;
    boolean waiting = false;
    for (int seat = 0, used = seatsUsed.get(); seat < used; seat++) {
      ReadyStack run = (ReadyStack) RUNS.getAcquire(runs, seat);
      if (run == null || !run.hasReady()) {
        waitingAtLastLook[seat] = null;
        continue;
      }
      waiting = true;
      if (waitingAtLastLook[seat] != run) {
        waitingAtLastLook[seat] = run;
        continue;
      }
      waitingAtLastLook[seat] = null; // the next wake for this run two looks from now at most
      try {
        run.wakeNow();
      } catch (Throwable broken) { // the watch must go on for every other run
        Warnings.warn(() -> "taskwire could not wake a helper", broken);
      }
    }
    return waiting;
  }
}
