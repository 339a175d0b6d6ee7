package dev.taskwire.runtime.internal;

import static dev.taskwire.runtime.internal.ReadyStack.EMPTY;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ReadyStackTest {
  /** A ready stack that records what it is asked to do instead of running tasks. */
  private static final class Stack extends ReadyStack {
    final List<Runnable> helpers = new CopyOnWriteArrayList<>();
    final List<Integer> ran = new CopyOnWriteArrayList<>();

    /** Per task run, how many helpers were taking tasks on its thread's stack when it ran. */
    final List<Long> nesting = new CopyOnWriteArrayList<>();

    final List<Throwable> refusals = new CopyOnWriteArrayList<>();

    /** Keeps each helper without running it; a test runs one to play a pool thread. */
    Executor executor = helpers::add;

    Stack(int tasks) {
      super(new int[tasks]);
    }

    @Override
    Executor executor() {
      return executor;
    }

    @Override
    Runnable helper() {
      return this::help;
    }

    @Override
    void runFrom(int task) {
      ran.add(task);
      nesting.add(
          StackWalker.getInstance()
              .walk(
                  frames ->
                      frames
                          .filter(
                              frame ->
                                  frame.getClassName().equals(ReadyStack.class.getName())
                                      && frame.getMethodName().equals("takeTasks"))
                          .count()));
    }

    @Override
    void failReadyTasks(Throwable rejected) {
      refusals.add(rejected);
    }

    @Override
    void wakeOuterCaller() {
      // a stack of its own: no outer run
    }

    List<Integer> popAll() {
      List<Integer> popped = new ArrayList<>();
      for (int task = pop(); task != EMPTY; task = pop()) {
        popped.add(task);
      }
      return popped;
    }
  }

  // ---- the stack -------------------------------------------------------------------------------

  @Test
  void anEmptyStackHasNothingToTake() {
    Stack stack = new Stack(3);
    assertFalse(stack.hasReady());
    assertEquals(EMPTY, stack.peek());
    assertEquals(EMPTY, stack.pop());
    assertFalse(stack.popIf(0));
  }

  @Test
  void tasksComeOffInTheReverseOrderOfTheirPushes() {
    Stack stack = new Stack(4);
    stack.push(2);
    stack.push(0);
    stack.push(3);
    assertTrue(stack.hasReady());
    assertEquals(List.of(3, 0, 2), stack.popAll());
    assertFalse(stack.hasReady());
  }

  @Test
  void theLinksLiveInTheStatusCellsAndReadAsNotStarted() {
    Stack stack = new Stack(3);
    stack.push(1);
    stack.push(2);
    assertEquals(ReadyStack.EMPTY, TaskStatus.below(stack.status, 1));
    assertEquals(1, TaskStatus.below(stack.status, 2));
    assertTrue(TaskStatus.notStarted(stack.status[1]));
    assertTrue(TaskStatus.notStarted(stack.status[2]));
    assertEquals(0, stack.status[0], "a task not on the stack is untouched");
  }

  @Test
  void aChainGoesOnTopOfTheStackInOnePushWithItsLastChainedTaskOnTop() {
    Stack stack = new Stack(6);
    stack.push(5);
    int chain = stack.chain(1, EMPTY);
    int bottom = chain;
    chain = stack.chain(3, chain);
    chain = stack.chain(2, chain);
    assertEquals(5, stack.peek(), "a chain is private until pushed");
    stack.pushChain(chain, bottom);
    assertEquals(List.of(2, 3, 1, 5), stack.popAll());
  }

  @Test
  void aChainCanBePushedOnAnEmptyStackAndAChainOfOneIsAPush() {
    Stack stack = new Stack(3);
    int single = stack.chain(0, EMPTY);
    stack.pushChain(single, single);
    int chain = stack.chain(1, EMPTY);
    chain = stack.chain(2, chain);
    stack.pushChain(chain, 1);
    assertEquals(List.of(2, 1, 0), stack.popAll());
  }

  @Test
  void peekLeavesTheTopOnTheStack() {
    Stack stack = new Stack(2);
    stack.push(0);
    stack.push(1);
    assertEquals(1, stack.peek());
    assertEquals(1, stack.peek());
    assertEquals(List.of(1, 0), stack.popAll());
  }

  @Test
  void popIfTakesTheTopOnlyIfItIsStillTheTop() {
    Stack stack = new Stack(3);
    stack.push(0);
    stack.push(1);
    assertFalse(stack.popIf(0), "0 is not on top");
    assertEquals(1, stack.peek());
    assertTrue(stack.popIf(1));
    assertFalse(stack.popIf(1), "1 was taken already");
    assertEquals(0, stack.peek());
    assertTrue(stack.popIf(0));
    assertFalse(stack.hasReady());
  }

  @Test
  void aTaskPoppedAndStartedCanBePushedAgainForItsRetry() {
    Stack stack = new Stack(2);
    stack.push(0);
    stack.push(1);
    assertEquals(1, stack.pop());
    assertTrue(TaskStatus.claim(stack.status, 1));
    assertTrue(TaskStatus.waitForRetry(stack.status, 1));
    assertTrue(TaskStatus.readyForRetry(stack.status, 1));
    stack.push(1);
    assertEquals(List.of(1, 0), stack.popAll());
  }

  // ---- ABA -------------------------------------------------------------------------------------

  private static final VarHandle READY_HEAD;

  /** ReadyStack's own arithmetic for the next head, so the stale CAS below is the one pop makes. */
  private static final MethodHandle NEXT_HEAD;

  static {
    try {
      MethodHandles.Lookup lookup =
          MethodHandles.privateLookupIn(ReadyStack.class, MethodHandles.lookup());
      READY_HEAD = lookup.findVarHandle(ReadyStack.class, "readyHead", long.class);
      NEXT_HEAD =
          lookup.findStatic(
              ReadyStack.class, "head", MethodType.methodType(long.class, long.class, int.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Test
  void aPopThatReadTheHeadBeforeItsTopWasPoppedAndPushedAgainFailsItsCas() throws Throwable {
    int a = 0;
    int b = 1;
    int c = 2;
    Stack stack = new Stack(3);
    stack.push(c);
    stack.push(b);
    stack.push(a);
    // A thread in pop() reads the head (a on top) and the link below a (b), then loses the CPU.
    long staleHead = (long) READY_HEAD.getVolatile(stack);
    int staleTop = (int) staleHead;
    int staleBelow = TaskStatus.below(stack.status, staleTop);
    assertEquals(a, staleTop);
    assertEquals(b, staleBelow);
    // Meanwhile another thread takes a and b and starts them; a fails and its retry pushes it.
    Thread other =
        new Thread(
            () -> {
              assertEquals(a, stack.pop());
              assertTrue(TaskStatus.claim(stack.status, a));
              assertEquals(b, stack.pop());
              assertTrue(TaskStatus.claim(stack.status, b));
              assertTrue(TaskStatus.waitForRetry(stack.status, a));
              assertTrue(TaskStatus.readyForRetry(stack.status, a));
              stack.push(a);
            });
    AtomicReference<Throwable> failed = new AtomicReference<>();
    other.setUncaughtExceptionHandler((thread, thrown) -> failed.set(thrown));
    other.start();
    other.join(SECONDS.toMillis(30));
    assertFalse(other.isAlive());
    if (failed.get() != null) {
      throw failed.get();
    }
    long head = (long) READY_HEAD.getVolatile(stack);
    assertEquals(a, (int) head, "the same task is on top again");
    // The stale thread resumes: its CAS would make b, which is running, the top again.
    long staleNext = (long) NEXT_HEAD.invokeExact(staleHead, staleBelow);
    assertFalse(
        READY_HEAD.compareAndSet(stack, staleHead, staleNext),
        "the stale pop's CAS succeeded and put running task b back on the stack");
    assertNotEquals(staleHead, head, "the head's version moved on");
    assertEquals(TaskStatus.RUNNING, TaskStatus.get(stack.status, b));
    // So it reads the head again and takes a, the true top, leaving c.
    assertEquals(List.of(a, c), stack.popAll());
  }

  @Test
  void everyPushAndPopChangesTheHeadEvenWhenTheTopStaysTheSame() {
    Stack stack = new Stack(1);
    List<Long> heads = new ArrayList<>();
    heads.add((long) READY_HEAD.getVolatile(stack));
    for (int i = 0; i < 3; i++) {
      stack.push(0);
      heads.add((long) READY_HEAD.getVolatile(stack));
      assertEquals(0, stack.pop());
      heads.add((long) READY_HEAD.getVolatile(stack));
    }
    assertEquals(heads.size(), heads.stream().distinct().count(), "heads " + heads);
  }

  // ---- stress ----------------------------------------------------------------------------------

  /** More threads than cores, so that some lose the CPU halfway through a push or a pop. */
  private static final int THREADS = 6;

  /** Few tasks per thread, so that the same tasks go round the stack again and again. */
  private static final int TASKS_PER_THREAD = 4;

  private static final int OPERATIONS = 200_000;

  /**
   * Threads that each start with their own tasks push them (alone or chained), pop whatever is on
   * top, start it and push it again later as a retry would, so tasks change hands all the time.
   * Every pop must take a task that is on the stack (never one twice), and at the end every task is
   * either held by one thread or still on the stack, once.
   */
  @RepeatedTest(10)
  void concurrentPushesAndPopsNeitherLoseNorDuplicateATask() throws Exception {
    int tasks = THREADS * TASKS_PER_THREAD;
    Stack stack = new Stack(tasks);
    AtomicIntegerArray onStack = new AtomicIntegerArray(tasks);
    List<List<Integer>> held = new ArrayList<>();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    long[] pushes = new long[THREADS];
    long[] pops = new long[THREADS];
    Thread[] threads = new Thread[THREADS];
    for (int t = 0; t < THREADS; t++) {
      List<Integer> mine = new ArrayList<>();
      for (int task = t * TASKS_PER_THREAD; task < (t + 1) * TASKS_PER_THREAD; task++) {
        mine.add(task);
      }
      held.add(mine);
      int thread = t;
      threads[t] =
          new Thread(
              () -> {
                try {
                  start.await(30, SECONDS);
                  SplittableRandom random = new SplittableRandom(thread);
                  for (int op = 0; op < OPERATIONS; op++) {
                    int dice = random.nextInt(8);
                    if (!mine.isEmpty() && dice < 3) {
                      pushes[thread] += push(stack, onStack, mine, dice + 1);
                    } else {
                      int task = dice == 7 ? popIfTop(stack) : stack.pop();
                      if (task != EMPTY) {
                        took(stack, onStack, task);
                        mine.add(task);
                        pops[thread]++;
                      }
                    }
                  }
                } catch (Throwable thrown) {
                  failed.compareAndSet(null, thrown);
                }
              },
              "stack-stress-" + t);
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join(SECONDS.toMillis(60));
      assertFalse(thread.isAlive(), "hangs: " + thread);
    }
    if (failed.get() != null) {
      throw new AssertionError("a thread failed", failed.get());
    }
    List<Integer> drained = new ArrayList<>();
    for (int task = stack.pop(); task != EMPTY; task = stack.pop()) {
      took(stack, onStack, task);
      drained.add(task);
      assertTrue(drained.size() <= tasks, "the stack has a cycle: " + drained);
    }
    boolean[] seen = new boolean[tasks];
    List<Integer> everywhere = new ArrayList<>(drained);
    held.forEach(everywhere::addAll);
    for (int task : everywhere) {
      assertFalse(seen[task], "task " + task + " twice");
      seen[task] = true;
    }
    assertEquals(tasks, everywhere.size(), "lost tasks");
    for (int task = 0; task < tasks; task++) {
      assertEquals(0, onStack.get(task), "task " + task + " still on the stack");
    }
    long pushed = 0;
    long popped = drained.size();
    for (int t = 0; t < THREADS; t++) {
      pushed += pushes[t];
      popped += pops[t];
    }
    assertEquals(pushed, popped);
  }

  /** Pushes up to {@code count} of this thread's tasks as one chain; returns how many. */
  private static int push(Stack stack, AtomicIntegerArray onStack, List<Integer> mine, int count) {
    int chain = EMPTY;
    int bottom = EMPTY;
    int pushed = 0;
    while (pushed < count && !mine.isEmpty()) {
      int task = mine.remove(mine.size() - 1);
      if (onStack.getAndSet(task, 1) != 0) {
        fail("task " + task + " was pushed while on the stack");
      }
      if (pushed++ == 0) {
        bottom = task;
      }
      chain = stack.chain(task, chain);
    }
    stack.pushChain(chain, bottom);
    return pushed;
  }

  private static int popIfTop(Stack stack) {
    int top = stack.peek();
    return top != EMPTY && stack.popIf(top) ? top : EMPTY;
  }

  /** Checks a popped task was on the stack and starts it, as the scheduler does. */
  private static void took(Stack stack, AtomicIntegerArray onStack, int task) {
    if (task < 0 || task >= onStack.length()) {
      fail("popped " + task + ", which is no task");
    }
    if (onStack.getAndSet(task, 0) != 1) {
      fail("popped task " + task + ", which was not on the stack");
    }
    if (!TaskStatus.claim(stack.status, task)) {
      fail("popped task " + task + " whose status is " + stack.status[task]);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  @Test
  void aHelperIsHandedToTheExecutorOnlyIfNoneIsPending() {
    Stack stack = new Stack(1);
    stack.signalHelper();
    stack.signalHelper();
    stack.signalHelper();
    assertEquals(1, stack.helpers.size());
  }

  @Test
  void onceTheHelperStartsTheNextSignalHandsOverAnother() {
    Stack stack = new Stack(1);
    stack.signalHelper();
    stack.helpers.get(0).run(); // a pool thread starts the helper; nothing is ready
    assertEquals(List.of(), stack.ran);
    stack.signalHelper();
    assertEquals(2, stack.helpers.size());
  }

  @Test
  void aSeatedHelperRunsEveryReadyTaskItself() {
    Stack stack = new Stack(3);
    stack.push(0);
    stack.push(1);
    stack.push(2);
    stack.signalHelper();
    stack.helpers.get(0).run();
    // Seated in the HelperWatch, it leaves the waiting tasks for itself and takes each in turn.
    // Whether it also hands a helper over depends on the watch's clock (see HelperWatchTest).
    assertEquals(List.of(2, 1, 0), stack.ran);
    assertFalse(stack.hasReady());
  }

  @Test
  void aHelperWithoutASeatSignalsAnotherWhileMoreAreWaiting() {
    Stack stack = new Stack(3);
    stack.push(0);
    stack.push(1);
    stack.push(2);
    stack.signalHelper();
    SeatedElsewhere.run(stack.helpers.get(0));
    assertEquals(List.of(2, 1, 0), stack.ran);
    // When it took 2, more were waiting: it signalled a second helper, still pending when it took
    // 1.
    assertEquals(2, stack.helpers.size());
    assertFalse(stack.hasReady());
  }

  @Test
  void aHelperTheExecutorRunsInlineTakesTheTasksWithoutNestingAnother() {
    Stack stack = new Stack(3);
    stack.executor = Runnable::run; // every hand-off runs where it is made
    stack.push(0);
    stack.push(1);
    stack.push(2);
    // Seated elsewhere, the helper hands over another before each task while more wait; that one
    // runs inline, on the thread whose helper is already taking the tasks, and must return at once.
    SeatedElsewhere.run(stack::signalHelper);
    assertEquals(List.of(2, 1, 0), stack.ran);
    assertEquals(List.of(1L, 1L, 1L), stack.nesting, "helpers taking tasks when each task ran");
  }

  @Test
  void aHelperRunInlineIsKnownAsSuchWhileAnotherThreadIsStillHandingOneOver() throws Exception {
    Stack stack = new Stack(3);
    Thread first = Thread.currentThread();
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    stack.executor =
        helper -> {
          if (Thread.currentThread() != first) {
            helper.run(); // the second thread's hand-offs run inline
            return;
          }
          // The first hand-off: this thread stays inside execute(), so the run's own mark of the
          // thread handing over is this one's while the second thread hands over and runs inline.
          Thread second =
              new Thread(
                  () -> {
                    try {
                      helper.run(); // started: no helper is pending any more; nothing is ready
                      stack.push(0);
                      stack.push(1);
                      stack.push(2);
                      SeatedElsewhere.run(stack::signalHelper);
                    } catch (Throwable e) {
                      failure.set(e);
                    } finally {
                      done.countDown();
                    }
                  });
          second.start();
          try {
            assertTrue(done.await(10, SECONDS), "the second thread did not finish");
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        };
    stack.signalHelper();
    assertNull(failure.get());
    assertEquals(List.of(2, 1, 0), stack.ran);
    assertEquals(List.of(1L, 1L, 1L), stack.nesting, "helpers taking tasks when each task ran");
  }

  @Test
  void aHelperThatTakesTheLastReadyTaskSignalsNoOther() {
    Stack stack = new Stack(1);
    stack.push(0);
    stack.help();
    assertEquals(List.of(0), stack.ran);
    assertEquals(List.of(), stack.helpers);
  }

  @Test
  void anExecutorThatRefusesTheHelperFailsTheReadyTasksWithItsRefusal() {
    Stack stack = new Stack(2);
    RejectedExecutionException refusal = new RejectedExecutionException("shut down");
    stack.executor =
        helper -> {
          throw refusal;
        };
    stack.push(0);
    stack.signalHelper();
    assertEquals(1, stack.refusals.size());
    assertSame(refusal, stack.refusals.get(0));
    // No helper is left pending: the next signal asks the executor again.
    stack.signalHelper();
    assertEquals(2, stack.refusals.size());
  }

  @Test
  void anErrorFromTheExecutorFailsTheReadyTasksToo() {
    Stack stack = new Stack(1);
    Error error = new OutOfMemoryError("unable to create native thread");
    stack.executor =
        helper -> {
          throw error;
        };
    stack.signalHelper();
    assertEquals(List.of(error), stack.refusals);
  }

  @Test
  void aPushWakesTheParkedCallerInsteadOfSignallingAHelper() {
    Stack stack = new Stack(1);
    stack.caller = Thread.currentThread();
    stack.markParked(ReadyStack.CALLER_PARKED);
    stack.push(0);
    stack.wakeWorker();
    assertEquals(List.of(), stack.helpers);
    // The unpark left a permit: this returns at once (the test's timeout guards a hang).
    LockSupport.park(this);
    assertFalse(Thread.interrupted());
    stack.clearParked(ReadyStack.CALLER_PARKED);
    stack.wakeWorker();
    assertEquals(1, stack.helpers.size());
  }

  private static final int STACKS = 1000;
  private Stack[] stacks;
  private AtomicIntegerArray executed;

  @Test
  void threadsSignallingAtOnceHandOverOneHelper() throws Exception {
    Race.rounds(
        100,
        4,
        threads -> {
          stacks = new Stack[STACKS];
          executed = new AtomicIntegerArray(STACKS);
          for (int s = 0; s < STACKS; s++) {
            int index = s;
            stacks[s] = new Stack(1);
            stacks[s].executor = helper -> executed.incrementAndGet(index);
          }
        },
        party -> {
          for (Stack stack : stacks) {
            stack.signalHelper();
          }
        },
        () -> {
          for (int s = 0; s < STACKS; s++) {
            assertEquals(1, executed.get(s), "helpers of stack " + s);
          }
        });
  }
}
