package dev.taskwire;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a run send task bodies to other JVMs (a cluster) when its {@code RunOptions} has a
 * dispatcher, such as {@code HazelcastDispatcher} from {@code taskwire-hazelcast}.
 *
 * <pre>{@code
 * @Distributed                                  // every sync task may run on the cluster...
 * class Training implements Serializable {
 *   @Task Table load() { ... }
 *   @Task Model trainKnn(@DependsOn Table load) { ... }
 *   @Task CompletableFuture<Url> upload(...) { ... }        // ...async tasks stay on the driver
 *   @Task @Distributed(false) Report report(...) { ... }   // ...and so does this one
 * }
 * }</pre>
 *
 * <p>Which tasks are dispatched is decided at compile time, by one rule:
 *
 * <ul>
 *   <li>{@code @Distributed} or {@code @Distributed(false)} on a {@code @Task} method decides for
 *       that task;
 *   <li>otherwise a task of a {@code @Distributed} class is dispatched unless it is async (a task
 *       returning a future waits for I/O, and holds no thread on the driver anyway);
 *   <li>otherwise the task runs on the driver.
 * </ul>
 *
 * <p>A dispatched task is sent with its arguments (and the pipeline object, for an instance
 * method), runs on another JVM, and its result comes back; so the processor requires the pipeline
 * class and every dispatched task's parameter and result types to be serializable, and reports any
 * that is not as a compile error. A dispatched task may run more than once (a retry, or a re-run
 * after the JVM running it was lost), so it must be idempotent. Without a dispatcher in the run's
 * options every task runs locally, exactly as without this annotation.
 *
 * <p>What crosses the wire is read back only as the classes the processor derives from those types:
 * a member reads a call, and the driver a result, through an allow-list of the declared types and
 * the {@code Serializable} field types reachable from them (and the JDK's values and collections),
 * refusing any other class before it is loaded. Where the classes cannot be known at compile time
 * (a field of an interface type, {@code Object}, an abstract class), the processor warns on that
 * field or parameter; name the classes with {@link #allow()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Distributed {
  /** Whether the task (or, on a class, its sync tasks) may be dispatched; true by default. */
  boolean value() default true;

  /**
   * Classes that the dispatched calls and results of the task (or, on a class, of all its tasks)
   * may hold besides those the processor derives from the declared types: the implementations of an
   * interface-typed field, say. Each is admitted with the serializable field types reachable from
   * it. Members read calls, and drivers results, only as the derived and these classes.
   */
  Class<?>[] allow() default {};
}
