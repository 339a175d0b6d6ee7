package dev.taskwire.processor;

import javax.lang.model.type.TypeMirror;

/**
 * A task-method parameter whose {@code @DependsOn} or {@code @ForEach} names a task that exists and
 * gives a result the parameter accepts.
 *
 * @param parameter the parameter's name
 * @param upstream the number of the task whose result it receives
 * @param upstreamName that task's name
 * @param upstreamResult that task's result type
 * @param received what the parameter accepts, as in {@link DependencyModel#received()}; {@code X}
 *     of a {@code List<Outcome<X>>} that takes element outcomes
 * @param outcome whether the parameter is an {@code Outcome}, so the task also runs on failure
 * @param elementOutcomes whether the parameter is a {@code List<Outcome<X>>} that takes the outcome
 *     of each element of a fan-out {@code upstream}, so the task runs once every element has ended,
 *     whether or not some failed
 * @param element for a {@code @ForEach} parameter, the element type of {@code upstreamResult}; null
 *     otherwise
 */
record ResolvedDependency(
    String parameter,
    int upstream,
    String upstreamName,
    TypeMirror upstreamResult,
    TypeMirror received,
    boolean outcome,
    boolean elementOutcomes,
    TypeMirror element) {

  /** Whether the parameter is a {@code @ForEach}: it receives one element per run. */
  boolean each() {
    return element != null;
  }

  /**
   * What the runner reads from the run for this argument: {@code X} of an {@code Outcome<X>}
   * parameter and of a {@code List<Outcome<X>>} that takes element outcomes, one element for a
   * {@code @ForEach}, the upstream's result otherwise.
   */
  TypeMirror readType() {
    return outcome || elementOutcomes ? received : each() ? element : upstreamResult;
  }

  /**
   * Whether a null can arrive in a primitive parameter: what is read is boxed (an {@code Integer}
   * task, an element of a {@code List<Integer>}) and the parameter is primitive. The runner then
   * reads the argument through the runtime's {@code PrimitiveArguments}, which names the tasks if
   * it is null.
   */
  boolean unboxesNullable() {
    return received.getKind().isPrimitive() && !readType().getKind().isPrimitive();
  }
}
