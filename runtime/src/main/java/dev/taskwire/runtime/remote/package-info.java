/**
 * The dispatch SPI: how a run sends the bodies of {@code @Distributed} tasks to other JVMs. A
 * scale-out module (such as {@code taskwire-hazelcast}) implements {@link
 * dev.taskwire.runtime.remote.TaskDispatcher}; a worker finds a task's code through {@link
 * dev.taskwire.runtime.remote.RemoteTaskLookup}, which reads the generated {@link
 * dev.taskwire.runtime.remote.RemoteTasks} listed in {@code META-INF/services}. Users meet it only
 * through {@code RunOptions.dispatcher(...)} and the exceptions it reports ({@link
 * dev.taskwire.runtime.remote.WorkerLostException}, {@link
 * dev.taskwire.runtime.remote.FingerprintMismatchException}).
 */
package dev.taskwire.runtime.remote;
