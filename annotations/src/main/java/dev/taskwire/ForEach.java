package dev.taskwire;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@link Task} run once for each element of another task's result: the parameter receives
 * one element per run. The task's result, for its dependents and in the generated {@code Results},
 * is the {@code List} of the element runs' results in the elements' order.
 *
 * <pre>{@code
 * @Task List<Params> grid() { ... }
 * @Task(maxConcurrency = 4, retries = 2)
 * Model train(@ForEach("grid") Params params, @DependsOn("upload") Dataset data) { ... }
 * @Task Model best(@DependsOn("train") List<Model> models) { ... }
 * }</pre>
 *
 * <p>The upstream result must be an {@link Iterable} or an array whose elements the parameter's
 * type accepts; a task fans out over one collection at most. Each element runs as a task of its
 * own, named like {@code train[3]}, in parallel with the others (up to {@link
 * Task#maxConcurrency()} at a time), each with the task's own timeout and retries; a failing
 * element fails the task under the run's failure policy. Checked at compile time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface ForEach {
  /**
   * The name of the task whose result's elements this parameter receives. Empty (the default) means
   * the parameter's own name.
   */
  String value() default "";
}
