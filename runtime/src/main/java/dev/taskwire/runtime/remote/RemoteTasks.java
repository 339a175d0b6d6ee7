package dev.taskwire.runtime.remote;

import java.util.Set;

/**
 * What a worker JVM needs to run the dispatched tasks of one pipeline class. The processor
 * generates {@code FooRemoteTasks} for every pipeline with {@code @Distributed} tasks and lists it
 * in {@code META-INF/services/dev.taskwire.runtime.remote.RemoteTasks}; {@link RemoteTaskLookup}
 * finds it with {@link java.util.ServiceLoader}. Implementations need a public no-argument
 * constructor.
 */
public interface RemoteTasks {
  /** The pipeline class's canonical name. */
  String pipeline();

  /**
   * A hash of the graph as compiled into this JVM: every task's name, parameter and result types,
   * and the dependencies. A driver and a worker with different fingerprints run different builds.
   */
  String fingerprint();

  /**
   * The classes, besides the JDK's values and collections, that a call of {@code task} may carry in
   * its pipeline object and arguments (binary names, derived from the declared types at compile
   * time, with {@code @Distributed(allow = ...)}). A worker reads the call through an {@link
   * dev.taskwire.runtime.serial.AllowList} of them before anything of the pipeline runs.
   *
   * @throws IllegalArgumentException if {@code task} is not a dispatched task of this pipeline
   */
  Set<String> callClasses(String task);

  /**
   * Calls task {@code task} on {@code instance} (null for a static task) with {@code arguments} and
   * returns what the method returned: its value, null for a void method, or the stage of an async
   * task.
   *
   * @throws IllegalArgumentException if {@code task} is not a dispatched task of this pipeline
   * @throws Throwable whatever the task method throws
   */
  Object call(Object instance, String task, Object[] arguments) throws Throwable;
}
