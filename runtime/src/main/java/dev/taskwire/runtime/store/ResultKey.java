package dev.taskwire.runtime.store;

import dev.taskwire.runtime.serial.AllowList;
import java.util.Objects;
import java.util.Set;

/**
 * What a stored result is filed under: the pipeline, the task, the fingerprint of the task's code,
 * and a fingerprint of everything the task was given; and the classes the result may hold, which a
 * store reads it back through.
 *
 * @param pipeline the pipeline class's name
 * @param task the task's name
 * @param code the fingerprint of the task's code that the processor computed at compile time (its
 *     method, the methods of its class it calls, its prerequisites' code), or {@code ""} if not
 *     known. A store may file results by it to tell {@link StoreDecision#CODE_CHANGED} from {@link
 *     StoreDecision#INPUTS_CHANGED}.
 * @param fingerprint a SHA-256, in hex, of the task's name, kind and code, the names of its
 *     prerequisites and the serialized form of each result it received: the key's identity
 * @param allowList the classes the task's result may hold, derived from its declared result type at
 *     compile time: read a stored result through it ({@link AllowList#read}), never with a bare
 *     {@code ObjectInputStream}. Not part of what the result is filed under.
 */
public record ResultKey(
    String pipeline, String task, String code, String fingerprint, AllowList allowList) {
  public ResultKey {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(allowList, "allowList");
  }

  /** A key whose code is not known and whose result may hold only the JDK's values. */
  public ResultKey(String pipeline, String task, String fingerprint) {
    this(
        pipeline,
        task,
        "",
        fingerprint,
        AllowList.of("the result of task '" + task + "' of " + pipeline, Set.of()));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ResultKey key
        && pipeline.equals(key.pipeline)
        && task.equals(key.task)
        && code.equals(key.code)
        && fingerprint.equals(key.fingerprint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pipeline, task, code, fingerprint);
  }

  @Override
  public String toString() {
    return "ResultKey[" + pipeline + ", " + task + ", " + code + ", " + fingerprint + "]";
  }
}
