package dev.taskwire.runtime.remote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker's side of dispatching: finds the {@link RemoteTasks} of a pipeline among those listed
 * in {@code META-INF/services} of a class loader, and checks that it is the driver's build.
 * Thread-safe; each class loader is scanned once. A listed provider that cannot be loaded (a stale
 * services file, a class missing from the deployment) costs only itself: the others are still
 * found, its error is logged, and a pipeline that is not found reports it.
 */
public final class RemoteTaskLookup {
  private static final System.Logger LOG = System.getLogger("dev.taskwire.runtime");

  /** After this many providers in a row fail to load, the scan stops: the list cannot be read. */
  private static final int BROKEN_IN_A_ROW = 100;

  /** The pipelines a class loader lists, and the errors of the providers it could not load. */
  private record Listed(
      Map<String, RemoteTasks> pipelines, List<ServiceConfigurationError> broken) {}

  /**
   * Kept for the JVM's life, like the classes they name: a worker has one application class loader,
   * or a few.
   */
  private static final Map<ClassLoader, Listed> BY_LOADER = new ConcurrentHashMap<>();

  private RemoteTaskLookup() {}

  /**
   * The tasks of pipeline {@code pipeline} built with graph fingerprint {@code fingerprint}.
   *
   * @param worker names this JVM in messages, e.g. a cluster member's address
   * @throws IllegalStateException if {@code loader} has no such pipeline (with the errors of any
   *     listed provider it could not load as suppressed exceptions)
   * @throws FingerprintMismatchException if it has the pipeline from a different build
   */
  public static RemoteTasks find(
      ClassLoader loader, String pipeline, String fingerprint, String worker) {
    Listed listed = BY_LOADER.computeIfAbsent(loader, RemoteTaskLookup::load);
    RemoteTasks tasks = listed.pipelines().get(pipeline);
    if (tasks == null) {
      IllegalStateException missing =
          new IllegalStateException(
              worker
                  + " has no taskwire pipeline "
                  + pipeline
                  + " on its class path (it has "
                  + new TreeSet<>(listed.pipelines().keySet())
                  + (listed.broken().isEmpty()
                      ? ""
                      : ", and could not load "
                          + listed.broken().size()
                          + " more listed in META-INF/services/"
                          + RemoteTasks.class.getName()
                          + ": see the suppressed errors")
                  + "); deploy the driver's build to every worker");
      listed.broken().forEach(missing::addSuppressed);
      throw missing;
    }
    if (!tasks.fingerprint().equals(fingerprint)) {
      throw new FingerprintMismatchException(pipeline, fingerprint, tasks.fingerprint(), worker);
    }
    return tasks;
  }

  private static Listed load(ClassLoader loader) {
    Map<String, RemoteTasks> pipelines = new HashMap<>();
    List<ServiceConfigurationError> broken = new ArrayList<>();
    Iterator<RemoteTasks> providers = ServiceLoader.load(RemoteTasks.class, loader).iterator();
    // The first on the class path wins, as it would for the pipeline classes themselves. After a
    // provider fails, the iterator goes on with the next one listed.
    for (int inARow = 0; inARow < BROKEN_IN_A_ROW; ) {
      try {
        if (!providers.hasNext()) {
          break;
        }
        RemoteTasks tasks = providers.next();
        pipelines.putIfAbsent(tasks.pipeline(), tasks);
        inARow = 0;
      } catch (ServiceConfigurationError error) {
        broken.add(error);
        inARow++;
      }
    }
    for (ServiceConfigurationError error : broken) {
      LOG.log(
          System.Logger.Level.WARNING,
          "taskwire could not load a pipeline listed in META-INF/services/"
              + RemoteTasks.class.getName()
              + "; the others are found",
          error);
    }
    return new Listed(Map.copyOf(pipelines), List.copyOf(broken));
  }
}
