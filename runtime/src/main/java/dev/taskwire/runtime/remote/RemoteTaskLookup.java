package dev.taskwire.runtime.remote;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker's side of dispatching: finds the {@link RemoteTasks} of a pipeline among those listed
 * in {@code META-INF/services} of a class loader, and checks that it is the driver's build.
 * Thread-safe; each class loader is scanned once.
 */
public final class RemoteTaskLookup {
  /**
   * Kept for the JVM's life, like the classes they name: a worker has one application class loader,
   * or a few.
   */
  private static final Map<ClassLoader, Map<String, RemoteTasks>> BY_LOADER =
      new ConcurrentHashMap<>();

  private RemoteTaskLookup() {}

  /**
   * The tasks of pipeline {@code pipeline} built with graph fingerprint {@code fingerprint}.
   *
   * @param worker names this JVM in messages, e.g. a cluster member's address
   * @throws IllegalStateException if {@code loader} has no such pipeline
   * @throws FingerprintMismatchException if it has the pipeline from a different build
   */
  public static RemoteTasks find(
      ClassLoader loader, String pipeline, String fingerprint, String worker) {
    Map<String, RemoteTasks> pipelines = pipelines(loader);
    RemoteTasks tasks = pipelines.get(pipeline);
    if (tasks == null) {
      throw new IllegalStateException(
          worker
              + " has no taskwire pipeline "
              + pipeline
              + " on its class path (it has "
              + new TreeSet<>(pipelines.keySet())
              + "); deploy the driver's build to every"
              + " worker");
    }
    if (!tasks.fingerprint().equals(fingerprint)) {
      throw new FingerprintMismatchException(pipeline, fingerprint, tasks.fingerprint(), worker);
    }
    return tasks;
  }

  private static Map<String, RemoteTasks> pipelines(ClassLoader loader) {
    return BY_LOADER.computeIfAbsent(loader, RemoteTaskLookup::load);
  }

  private static Map<String, RemoteTasks> load(ClassLoader loader) {
    Map<String, RemoteTasks> pipelines = new HashMap<>();
    try {
      // The first on the class path wins, as it would for the pipeline classes themselves.
      for (RemoteTasks tasks : ServiceLoader.load(RemoteTasks.class, loader)) {
        pipelines.putIfAbsent(tasks.pipeline(), tasks);
      }
    } catch (ServiceConfigurationError broken) {
      throw new IllegalStateException(
          "cannot load the taskwire pipelines listed in META-INF/services/"
              + RemoteTasks.class.getName(),
          broken);
    }
    return Map.copyOf(pipelines);
  }
}
