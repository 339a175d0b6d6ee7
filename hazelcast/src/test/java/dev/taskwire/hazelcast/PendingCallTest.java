package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.remote.RemoteCall;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * When a call the run no longer wants cancels the work on its member: its cancels are sent on the
 * calling thread here, so that a cancel not sent is not merely one sent late.
 */
class PendingCallTest {
  /** What carries the calls to the member; records whether it was cancelled. */
  private final CompletableFuture<byte[]> carrier = new CompletableFuture<>();

  private PendingCall sent() {
    return sent(Runnable::run);
  }

  /** A call whose cancels are sent on {@code canceller}. */
  private PendingCall sent(Executor canceller) {
    PendingCall call =
        new PendingCall(
            new RemoteCall("app.Pipeline", "fingerprint", "task", 1, "pipeline", new Object[0]),
            null,
            getClass().getClassLoader(),
            canceller);
    var unused = call.result.whenComplete(call); // as HazelcastDispatcher.dispatch registers it
    return call;
  }

  private void submit(List<PendingCall> calls) {
    if (calls.size() > 1) {
      calls.forEach(call -> call.sentWith(calls));
    }
    calls.forEach(call -> call.submitted(carrier));
  }

  @Test
  void aLoneCallCancelledCancelsItsWorkOnTheMember() {
    PendingCall call = sent();
    submit(List.of(call));

    call.result.cancel(false);

    assertTrue(carrier.isCancelled());
  }

  @Test
  void aBatchGoesOnWhileAnyOfItsCallsIsWantedAndIsCancelledWithTheLast() {
    PendingCall first = sent();
    PendingCall second = sent();
    submit(List.of(first, second));

    first.result.cancel(false);
    assertFalse(carrier.isCancelled(), "cancelled while the second call was still wanted");

    second.result.cancel(false);
    assertTrue(carrier.isCancelled());
  }

  @Test
  void aBatchWhoseOtherCallsEndedOtherwiseIsCancelledWithTheLastWanted() {
    PendingCall first = sent();
    PendingCall second = sent();
    submit(List.of(first, second));

    first.result.completeExceptionally(new IllegalStateException("failed before it was sent"));
    assertFalse(carrier.isCancelled());

    second.result.cancel(false);
    assertTrue(carrier.isCancelled());
  }

  @Test
  void aCallCancelledBeforeItWasSubmittedIsCancelledOnTheMemberWhenItIs() {
    PendingCall call = sent();
    call.result.cancel(false);

    submit(List.of(call));

    assertTrue(carrier.isCancelled());
  }

  @Test
  void anAnsweredCallHasNothingLeftToCancel() {
    PendingCall first = sent();
    PendingCall second = sent();
    submit(List.of(first, second));

    first.answered();
    second.answered();
    first.result.cancel(false);
    second.result.cancel(false);

    assertFalse(carrier.isCancelled());
  }

  @Test
  void aCancelThatFailsIsDroppedQuietly() {
    // What escapes the cancel's task would reach the thread's uncaught-exception handler.
    List<Throwable> escaped = new CopyOnWriteArrayList<>();
    Executor recording =
        command -> {
          try {
            command.run();
          } catch (Throwable thrown) {
            escaped.add(thrown);
          }
        };
    PendingCall call = sent(recording);
    AtomicBoolean tried = new AtomicBoolean();
    CompletableFuture<byte[]> closing =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            tried.set(true);
            throw new IllegalStateException("the client is shutting down");
          }
        };
    call.submitted(closing);

    call.result.cancel(false);

    assertTrue(tried.get());
    assertEquals(List.of(), escaped);
  }
}
