package dev.taskwire.runtime.store;

import java.io.IOException;
import java.util.Optional;

/**
 * Keeps task results across runs and processes, so that a run started again after a failure, or
 * after a restart, does not redo tasks whose inputs have not changed. Register one with {@link
 * dev.taskwire.runtime.RunOptions#resultStore(ResultStore)}; {@link FileResultStore} keeps them in
 * files.
 *
 * <p>A run asks the store before it calls a task whose inputs can be fingerprinted (every result it
 * receives is {@link java.io.Serializable}) and uses a stored result instead of calling the task;
 * after the task succeeds it saves a {@code Serializable} result. A store that fails (throws an
 * exception, or a {@code StackOverflowError}, say serializing a deeply nested input) is logged and
 * treated as empty: it can cost time, never a result. Any other {@code Error} from the store, such
 * as an {@code OutOfMemoryError} or a {@code NoClassDefFoundError}, is not hidden: the task fails
 * with it, as if its own code had thrown it.
 *
 * <p>A store that keeps results in Java serialization reads them back through {@link
 * ResultKey#allowList()} ({@code key.allowList().read(in, length, loader)}), never with a bare
 * {@code ObjectInputStream}: then a stored file is data, read only as the classes the task's result
 * may hold. The run counts a refusal, or a value of another type than the task's, as a miss.
 *
 * <p>The key covers the task's inputs and its code as the processor fingerprinted it at compile
 * time (the task method, the methods of its class it calls, its prerequisites' code), not other
 * classes, the pipeline object's fields or anything else the task reads (files, services, the
 * clock): when one of those changes, use another store (or clear this one) so that stale results
 * are not reused.
 */
public interface ResultStore {
  /**
   * The result stored under {@code key}, or empty if there is none.
   *
   * <p>An entry that is there but cannot be read back (truncated, corrupt, or of a class that no
   * longer deserializes) counts as none: return empty rather than throw. The run then calls the
   * task and saves its result under {@code key}, which must replace the unreadable entry; a store
   * may also delete it at once ({@link FileResultStore} does, and logs one line).
   *
   * @throws IOException only if the store itself could not be asked (a disk, a connection or a
   *     permission failed). The run logs it with its stack trace, calls the task, and still saves
   *     the result under {@code key}.
   */
  Optional<Object> load(ResultKey key) throws IOException;

  /**
   * Why {@link #load} found nothing under {@code key}, for listeners and traces: {@link
   * StoreDecision#NO_ENTRY} (the default), {@link StoreDecision#INPUTS_CHANGED} if the store holds
   * results of the task's {@linkplain ResultKey#code() code}, or {@link StoreDecision#CODE_CHANGED}
   * if it holds results of the task only under other code. Asked only after a miss, and only when a
   * listener hears {@code taskLookedUp}; it must be cheap next to running the task. A store that
   * cannot tell keeps the default.
   *
   * @throws IOException if the store could not be asked; the miss is then reported as {@link
   *     StoreDecision#NO_ENTRY}
   */
  default StoreDecision explainMiss(ResultKey key) throws IOException {
    return StoreDecision.NO_ENTRY;
  }

  /**
   * Stores {@code result}, which is {@code Serializable}, under {@code key}, replacing what is
   * there: the run saves after every look-up that found nothing or threw, never after one that
   * found a result.
   */
  void save(ResultKey key, Object result) throws IOException;
}
