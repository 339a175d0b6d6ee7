package dev.taskwire.processor;

import com.palantir.javapoet.TypeName;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks, before any file is written, that the pipeline's generated classes fit the class-file
 * format, and reports on the pipeline class if they do not: javac's own "code too large" or "too
 * many constants" would point into generated code.
 *
 * <p>What grows with the number of tasks is split into classes of a bounded size ({@link Chunks},
 * {@link TargetWriter}), except two things. {@code Execution} has a method per task, and {@code
 * Results} and the runner one per task with a result ({@code Results} one more per fan-out task,
 * for its elements' outcomes; the runner its {@code withX}); each such method adds an entry to its
 * class's constant pool (its name), two if the task's number is above 32,767 (which an instruction
 * can no longer hold, so it becomes a constant), and a few per distinct result type, and the runner
 * a few per chunk; a constant pool holds at most 65,534 entries, which makes about 48,000 to 49,000
 * tasks. The runner's {@code invoke} has a case per chunk, some 20 bytes of code each, and a method
 * holds at most 65,535 bytes: thousands of chunks, which only tasks with hundreds of parameters
 * each reach first. The estimates are upper bounds.
 */
final class ClassFileLimits {
  /** The constant pool's size is a 16-bit count of one more than its entries. */
  static final int MAX_CONSTANTS = 65_534;

  /** A method's code length is below 65,536. */
  static final int MAX_CODE = 65_535;

  /** The largest task number that an instruction holds, {@code sipush}; above, an entry. */
  private static final int LARGEST_SHORT = Short.MAX_VALUE;

  /** What {@code Results} and {@code Execution} hold whatever the tasks (measured: 34 and 47). */
  private static final int FIXED_CONSTANTS = 60;

  /**
   * What a split runner holds besides its {@code withX} methods (measured: 231 for tasks of one
   * result type, 272 with a {@code @Distributed} fan-out of four result types and a shared limit).
   */
  private static final int RUNNER_FIXED_CONSTANTS = 300;

  /**
   * What a distinct result type adds to the runner at most: {@code withX}'s descriptor and
   * signature, and for a primitive the boxing call.
   */
  private static final int RUNNER_CONSTANTS_PER_TYPE = 8;

  /**
   * What a chunk adds to a split runner at most: its class and name, and the calls of its {@code
   * invoke}, {@code invokeEach} and {@code addTo}.
   */
  private static final int RUNNER_CONSTANTS_PER_CHUNK = 8;

  /**
   * What a distinct result type adds at most: in {@code Results}, its descriptor, signature and
   * class, and for a primitive the unboxing call; in {@code Execution}, the future's signature.
   */
  private static final int RESULTS_CONSTANTS_PER_TYPE = 6;

  private static final int EXECUTION_CONSTANTS_PER_TYPE = 2;

  /**
   * What the {@code trainOutcomes()} of a fan-out task with a result adds to {@code Results} at
   * most: its name and its signature.
   */
  private static final int OUTCOMES_CONSTANTS_PER_FAN_OUT = 2;

  /** The code of {@code invoke} around its cases, and of a case (measured: about 17 bytes). */
  private static final int FIXED_CODE = 100;

  private static final int CODE_PER_CHUNK = 20;

  private final Diagnostics diagnostics;

  ClassFileLimits(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Whether the generated classes fit; if not, reports an error on the pipeline class. */
  boolean fit(ResolvedPipeline model, Distribution distribution) {
    String type = model.canonicalName();
    int tasks = model.tasks().size();
    List<ResolvedTask> withResult = model.tasks().stream().filter(ResolvedTask::hasResult).toList();
    int execution = constants(model.tasks(), FIXED_CONSTANTS, EXECUTION_CONSTANTS_PER_TYPE);
    int results =
        constants(withResult, FIXED_CONSTANTS, RESULTS_CONSTANTS_PER_TYPE)
            + OUTCOMES_CONSTANTS_PER_FAN_OUT
                * (int) withResult.stream().filter(ResolvedTask::isFanOut).count();
    int chunks = Chunks.of(model, distribution).count();
    int runner =
        constants(withResult, RUNNER_FIXED_CONSTANTS, RUNNER_CONSTANTS_PER_TYPE)
            + RUNNER_CONSTANTS_PER_CHUNK * chunks;
    int most = Math.max(execution, Math.max(results, runner));
    if (most > MAX_CONSTANTS) {
      String generated =
          model.runner().simpleName()
              + (most == execution ? ".Execution" : most == results ? ".Results" : "");
      diagnostics.error(
          model.type(), Messages.tooManyConstants(type, tasks, generated, most, MAX_CONSTANTS));
      return false;
    }
    int invoke = FIXED_CODE + CODE_PER_CHUNK * chunks;
    if (invoke > MAX_CODE) {
      diagnostics.error(
          model.type(),
          Messages.tooMuchCode(
              type, tasks, model.runner().simpleName() + ".invoke", invoke, MAX_CODE));
      return false;
    }
    return true;
  }

  /**
   * The constant pool entries of a class with a method per task of {@code tasks}, at most: {@code
   * fixed} whatever the tasks, and {@code perType} per distinct result type.
   */
  private static int constants(List<ResolvedTask> tasks, int fixed, int perType) {
    Set<String> types = new HashSet<>();
    int entries = fixed;
    for (ResolvedTask task : tasks) {
      entries += task.index() > LARGEST_SHORT ? 2 : 1;
      types.add(task.hasResult() ? TypeName.get(task.result()).toString() : "void");
    }
    return entries + perType * types.size();
  }
}
