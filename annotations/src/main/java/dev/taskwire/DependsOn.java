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
