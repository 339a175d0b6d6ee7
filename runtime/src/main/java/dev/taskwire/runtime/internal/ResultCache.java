package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.ContextPropagator;
import dev.taskwire.runtime.store.ResultKey;
import dev.taskwire.runtime.store.ResultStore;
import dev.taskwire.runtime.store.StoreDecision;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A run's cache of task results, kept in the {@link ResultStore} of its options: fingerprints a
 * task's inputs, looks the task up before it runs and saves its result after. An exception from the
 * store, or a StackOverflowError (serializing a deeply nested input overflows the stack), is a
 * broken store: it is logged, never thrown, and the task then simply runs (its result is still
 * offered to the store, which may have failed to read only this entry), or its result is not kept.
 * A stored value of another type than the task's is a miss too, and so is one the store refuses to
 * read (a class outside the key's allow-list, see {@link ResultKey#allowList()}). Any other Error
 * (an OutOfMemoryError, a NoClassDefFoundError) says the JVM or the class path is broken, not the
 * store: it is thrown, and the scheduler fails the task with it, as it fails a task whose own code
 * throws one.
 */
final class ResultCache {
  /** Marks what is not a prerequisite's value, so no value can be mistaken for it. */
  private static final byte NULL = 0;

  private static final byte VALUE = 1;

  private static final byte ELEMENTS = 2;

  private final ResultStore store;
  private final GraphTable graph;
  private final RunTemplate template;

  /** Per task, its key once computed; null where its inputs cannot be fingerprinted. */
  private final ResultKey[] keys;

  /**
   * Per task, whether its last look-up found a result. Written and read by the thread that runs the
   * task: a task found in the store ends on the thread that looked it up.
   */
  private final boolean[] loaded;

  /**
   * Per task, its last look-up's decision, for {@code taskLookedUp}. Written and read by the thread
   * that runs the task, like {@link #loaded}.
   */
  private final StoreDecision[] decisions;

  /** The run's context, restored around calls of the store; null if it carries none. */
  private final RunContext context;

  ResultCache(RunTemplate template, RunContext context) {
    this.context = context;
    this.decisions = new StoreDecision[template.graph.size()];
    this.store = template.resultStore;
    this.graph = template.graph;
    this.template = template;
    this.keys = new ResultKey[graph.size()];
    this.loaded = new boolean[graph.size()];
  }

  /**
   * The stored result of {@code task} in {@code run}, looked up under the fingerprint of its
   * prerequisites' results (in {@link GraphTable#dependenciesOf} order), or empty; {@link
   * #decision} then says why. With {@code explain}, a miss asks the store why it missed. Throws
   * only an Error that is not the store's to hide (see above).
   */
  Optional<Object> lookUp(PipelineRun run, int task, boolean explain) {
    keys[task] = null;
    loaded[task] = false;
    Object[] inputs = inputsOf(run, task);
    if (inputs == null) {
      decisions[task] = StoreDecision.INPUT_FAILED;
      return Optional.empty();
    }
    // Fingerprinting serializes the inputs, and the store is the user's: both in the run's context.
    ContextPropagator.Scope[] scopes = context == null ? null : context.enter();
    try {
      return lookUp(run.parent(), task, inputs, explain);
    } finally {
      if (scopes != null) {
        context.exit(scopes);
      }
    }
  }

  /**
   * The results {@code task} receives, or null if one of its prerequisites did not succeed. An
   * element of a fan-out receives those of its fan-out task, its own element in place of the
   * collection.
   */
  private static Object[] inputsOf(PipelineRun run, int task) {
    FanOut.Parent parent = run.parent();
    PipelineRun owner = parent == null ? run : parent.run;
    int ownTask = parent == null ? task : parent.task;
    int[] prerequisites = owner.graph.dependenciesOf(ownTask);
    int source = parent == null ? -1 : owner.graph.forEachSource(ownTask);
    Object[] inputs = new Object[prerequisites.length];
    for (int i = 0; i < prerequisites.length; i++) {
      if (TaskStatus.get(owner.status, prerequisites[i]) != TaskStatus.SUCCEEDED) {
        return null; // an Outcome of a failure: run it rather than file it
      }
      inputs[i] =
          prerequisites[i] == source ? parent.elements[task] : owner.slots[prerequisites[i]];
    }
    return inputs;
  }

  /**
   * A hit is used and not saved again. Anything else is a miss, whose result is saved under the key
   * after the task runs: no entry, or a look-up that threw (the store could not be asked, or could
   * not read this entry; saving replaces it).
   */
  private Optional<Object> lookUp(
      FanOut.Parent parent, int task, Object[] inputs, boolean explain) {
    ResultKey key;
    try {
      key =
          parent == null
              ? keyOf(graph, task, task, inputs)
              : keyOf(parent.run.graph, parent.task, task, inputs);
    } catch (Exception | StackOverflowError broken) {
      warn(task, "could not fingerprint the inputs of", broken);
      decisions[task] = StoreDecision.INPUT_NOT_SERIALIZABLE; // its own serialization failed
      return Optional.empty();
    }
    if (key == null) {
      decisions[task] = StoreDecision.INPUT_NOT_SERIALIZABLE;
      return Optional.empty();
    }
    keys[task] = key;
    Optional<Object> stored;
    try {
      stored = store.load(key);
    } catch (Exception | StackOverflowError broken) {
      warn(task, "could not look up", broken);
      decisions[task] = StoreDecision.STORE_ERROR;
      return Optional.empty();
    }
    if (stored.isEmpty()) {
      decisions[task] = explain ? whyMissed(key, parent != null) : StoreDecision.NO_ENTRY;
      return stored;
    }
    if (!isOfDeclaredType(task, stored)) {
      decisions[task] = StoreDecision.STORE_ERROR;
      return Optional.empty();
    }
    keys[task] = null; // a hit is not saved again
    loaded[task] = true;
    decisions[task] = StoreDecision.HIT;
    return stored;
  }

  /**
   * What the store says of a miss; a store that cannot be asked counts as having no entry. For an
   * element, entries of the same code are its siblings' rather than earlier calls with other
   * inputs: it has no entry.
   */
  private StoreDecision whyMissed(ResultKey key, boolean element) {
    try {
      StoreDecision why = store.explainMiss(key);
      return why == null
              || why == StoreDecision.HIT
              || (element && why == StoreDecision.INPUTS_CHANGED)
          ? StoreDecision.NO_ENTRY
          : why;
    } catch (Exception | StackOverflowError broken) {
      return StoreDecision.NO_ENTRY; // only an explanation is lost; the look-up is logged if broken
    }
  }

  /** The decision of {@code task}'s last look-up. */
  StoreDecision decision(int task) {
    return decisions[task];
  }

  private void warn(int task, String failed, Throwable broken) {
    Warnings.warn(
        () ->
            "result store " + store + " " + failed + " task '" + graph.name(task) + "'; running it",
        broken);
  }

  /**
   * Whether what the store returned stands for the task's result. A stored value of another type
   * than the task's result is a miss, and is saved over: whatever put it there (a store of your own
   * without an allow-list, a file from another build), it must never reach a dependent as a
   * ClassCastException.
   */
  private boolean isOfDeclaredType(int task, Optional<Object> stored) {
    Class<?> type = graph.storedType(task);
    if (type == null || type.isInstance(stored.get())) {
      return true;
    }
    String found = stored.get().getClass().getName();
    Warnings.warn(
        () ->
            "result store "
                + store
                + " holds a "
                + found
                + " for task '"
                + graph.name(task)
                + "', which returns a "
                + type.getName()
                + "; running it",
        null);
    return false;
  }

  /** Whether {@code task}'s last look-up found its result, so that its method was not called. */
  boolean wasLoaded(int task) {
    return loaded[task];
  }

  /**
   * Keeps the result of {@code task}, if it has a key and the result is serializable. Throws only
   * an Error that is not the store's to hide (see above).
   */
  void save(int task, Object result) {
    ResultKey key = keys[task];
    if (key == null || !(result instanceof Serializable)) {
      return;
    }
    ContextPropagator.Scope[] scopes = context == null ? null : context.enter();
    try {
      store.save(key, result);
    } catch (Exception | StackOverflowError broken) {
      Warnings.warn(
          () -> "result store " + store + " could not save task '" + graph.name(task) + "'",
          broken);
    } finally {
      if (scopes != null) {
        context.exit(scopes);
      }
    }
  }

  /**
   * The key of a call of task {@code called} of {@code owner} with {@code inputs}: a task of this
   * run's graph, or the fan-out task that element {@code task} of this run belongs to. An element
   * is filed under its fan-out task's name, as that task's call for its own element; its place in
   * the collection is not part of the key, so a collection that grew or was reordered reuses the
   * results of the elements it kept. Null if an input is not serializable.
   *
   * @param task the task of this run, whose allow-list the key carries
   * @throws IOException if an input's own serialization fails
   */
  private ResultKey keyOf(GraphTable owner, int called, int task, Object[] inputs)
      throws IOException {
    MessageDigest digest = sha256();
    update(digest, owner.pipeline());
    update(digest, owner.name(called));
    update(digest, owner.kind(called).name());
    if (owner != graph) {
      update(digest, "element"); // one call of a fan-out task, never the whole of one
    }
    String code = owner.codeFingerprint(called);
    if (code != null) {
      update(digest, code); // edited code files its results anew: none is stale
    }
    int[] prerequisites = owner.dependenciesOf(called);
    int element = owner == graph ? -1 : owner.forEachSource(called); // replaced by one element
    try (ObjectOutputStream values =
        new ObjectOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), digest))) {
      for (int i = 0; i < prerequisites.length; i++) {
        update(digest, owner.name(prerequisites[i]));
        boolean fanOutList = owner.isFanOut(prerequisites[i]) && prerequisites[i] != element;
        if (!(fanOutList
            ? updateEach(digest, values, inputs[i])
            : update(digest, values, inputs[i]))) {
          return null;
        }
      }
    } catch (NotSerializableException partly) {
      return null; // something inside a Serializable value is not
    }
    return new ResultKey(
        owner.pipeline(),
        owner.name(called),
        code == null ? "" : code,
        HexFormat.of().formatHex(digest.digest()),
        template.resultAllowList(task));
  }

  /**
   * Digests one value whole, not as a back-reference to an earlier one; false if it is not
   * serializable.
   */
  private static boolean update(MessageDigest digest, ObjectOutputStream values, Object value)
      throws IOException {
    if (value == null) {
      digest.update(NULL);
      return true;
    }
    if (!(value instanceof Serializable)) {
      return false;
    }
    digest.update(VALUE);
    values.writeObject(value);
    values.reset();
    values.flush();
    return true;
  }

  /**
   * Digests a fan-out's result element by element, as the store keeps them: elements loaded from it
   * one by one share no objects with each other, where those of a run may (the same parameters
   * object, the same string), and Java serialization writes a shared object differently the second
   * time. False if an element is not serializable.
   */
  private static boolean updateEach(MessageDigest digest, ObjectOutputStream values, Object result)
      throws IOException {
    if (!(result instanceof List<?> elements)) {
      return update(digest, values, result); // a void fan-out's null
    }
    digest.update(ELEMENTS);
    update(digest, Integer.toString(elements.size()));
    for (Object value : elements) {
      if (!update(digest, values, value)) {
        return false;
      }
    }
    return true;
  }

  private static void update(MessageDigest digest, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    digest.update((byte) (bytes.length >>> 24));
    digest.update((byte) (bytes.length >>> 16));
    digest.update((byte) (bytes.length >>> 8));
    digest.update((byte) bytes.length);
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException everyJavaHasIt) {
      throw new IllegalStateException(everyJavaHasIt);
    }
  }
}
