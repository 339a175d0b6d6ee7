package dev.taskwire;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a parameter of a {@link Task} method receives the result of another task.
 *
 * <pre>{@code
 * @Task Model train(@DependsOn("uploadTrain") Dataset rows) { ... }
 * @Task Model train(@DependsOn Dataset uploadTrain) { ... }   // same: the parameter's name
 * }</pre>
 *
 * <p>The task runs only after the named task has finished successfully. The parameter's type must
 * accept the upstream result: any type the result is assignable to ({@code String} into {@code
 * CharSequence}, {@code int} into {@code Integer} or {@code long}). For an async upstream task
 * returning {@code CompletableFuture<T>} the parameter receives {@code T}, never the future. A
 * {@code void} task has no result to depend on.
 *
 * <p>A parameter declared as {@code Outcome<T>} (the runtime's {@code
 * dev.taskwire.runtime.Outcome}) receives how the task ended instead, and the task runs whether it
 * succeeded or failed. The result of a task that runs for each element ({@link ForEach}) is the
 * {@code List} of its elements' results; a dependent that declares {@code List<Outcome<T>>} instead
 * receives the outcome of every element, in input order, and runs even when some of them failed,
 * which then do not stop the others:
 *
 * <pre>{@code
 * @Task Score train(@ForEach("grid") Config config) { ... }
 * @Task Report compare(@DependsOn("train") List<Outcome<Score>> scores) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface DependsOn {
  /**
   * The name of the task whose result this parameter receives, which is that task's method name.
   * Empty (the default) means the parameter's own name.
   */
  String value() default "";
}
