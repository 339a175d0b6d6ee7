package dev.taskwire.processor;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The wording of every compile error, in one place. Each message states the rule, names the
 * annotation and the value, and says how to fix it.
 */
final class Messages {
  private Messages() {}

  // ---- the class ----

  static String notInClass(String type) {
    return "@Task methods must be declared in a class, and "
        + type
        + " is an interface; move the task into a class";
  }

  static String innerClass(String type) {
    return "pipeline class "
        + type
        + " is an inner class, but pipelines must be top-level or"
        + " static nested classes; make it static";
  }

  static String privateClass(String type, String runner) {
    return "pipeline class "
        + type
        + " must not be private (nor nested in a private class):"
        + " the generated "
        + runner
        + " in the same package calls it";
  }

  static String genericClass(String type) {
    return "pipeline class "
        + type
        + " must not declare type parameters: the generated runner"
        + " needs every task's exact result type";
  }

  static String hiddenByRunnerMember(String type, String runner, String member) {
    return "the generated "
        + runner
        + " cannot refer to "
        + type
        + ", which is in the unnamed"
        + " package: inside "
        + runner
        + " the name "
        + member
        + " means its own nested class "
        + runner
        + "."
        + member
        + "; move "
        + type
        + " into a package or rename it";
  }

  static String runnerNameTaken(String runner, String type) {
    return "cannot generate "
        + runner
        + " for pipeline class "
        + type
        + ": a class of that name"
        + " is already part of this compilation (written by hand, or the runner of another"
        + " pipeline); rename that class or "
        + type;
  }

  // ---- the method ----

  static String privateTask(String task, String runner) {
    return "@Task method "
        + task
        + " must not be private: the generated "
        + runner
        + " calls it; make it package-private or wider";
  }

  static String abstractTask(String task) {
    return "@Task method " + task + " is abstract; a task needs a body the runner can call";
  }

  static String genericTask(String task) {
    return "@Task method "
        + task
        + " must not declare type parameters: the runner needs the"
        + " task's exact result type";
  }

  static String rawFuture(String task, String returnType) {
    return "async task "
        + task
        + " returns the raw type "
        + returnType
        + "; give its result type, e.g. CompletableFuture<String>";
  }

  static String inaccessibleResult(String task, String result, String runner) {
    return "the result type "
        + result
        + " of task "
        + task
        + " is not visible to the generated "
        + runner
        + " in this package; make it public or package-private";
  }

  static String badDuration(String task, String member, String text) {
    return "@Task("
        + member
        + " = \""
        + text
        + "\") of task "
        + task
        + " is not a duration;"
        + " write a whole number and a unit (ns, us, ms, s, m, h, d) such as \"30s\" or"
        + " \"500ms\", or ISO-8601 such as \"PT1M30S\"";
  }

  static String nonPositiveDuration(String task, String member, String text) {
    return "@Task(" + member + " = \"" + text + "\") of task " + task + " must be positive";
  }

  static String badRetries(String task, int retries, int max) {
    return "@Task(retries = " + retries + ") of task " + task + " must be between 0 and " + max;
  }

  static String backoffOrder(String task, String backoff, String maxBackoff) {
    return "@Task(maxBackoff = \""
        + maxBackoff
        + "\") of task "
        + task
        + " is shorter than its backoff \""
        + backoff
        + "\"; the wait only grows up to it";
  }

  static String reservedName(String task, String member) {
    return "task name \""
        + task
        + "\" clashes with "
        + member
        + " of the generated runner; rename the method";
  }

  static String codeNotReadable(String task, String method) {
    return "taskwire cannot read the source of "
        + method
        + "(), which task "
        + task
        + " runs: a result store reuses the task's results only within this build, so that"
        + " none is stale after an edit";
  }

  static String compilerGivesNoSource(String pipeline) {
    return "this compiler gives taskwire no source to fingerprint the tasks of "
        + pipeline
        + " by: a result store reuses their results only within this build, so that none is"
        + " stale after an edit";
  }

  static String whatIfNameTaken(String task, String other, String method) {
    return "task "
        + task
        + " gets no what-if method: "
        + method
        + "(value) of the generated runner is task "
        + other
        + "'s; rename one to have both";
  }

  static String duplicateTask(String task) {
    return "two @Task methods are named "
        + task
        + "; a task's name is its method name, so overloads are not allowed: rename one";
  }

  // ---- the parameters ----

  static String missingDependsOn(String parameter, String task, List<String> tasks) {
    List<String> others = tasks.stream().filter(name -> !name.equals(task)).toList();
    String fix =
        others.contains(parameter)
            ? "add @DependsOn (the parameter is named like task " + parameter + ")"
            : others.isEmpty()
                ? "the pipeline has no other task, so remove the parameter"
                : "add @DependsOn(\"taskName\") naming one of: " + String.join(", ", others);
    return "parameter "
        + parameter
        + " of task "
        + task
        + " has no @DependsOn; every task"
        + " parameter receives another task's result: "
        + fix;
  }

  static String dependsOnWithoutTask(String method) {
    return "@DependsOn is only read on parameters of @Task methods, and "
        + method
        + " is not one; add @Task to the method or remove @DependsOn";
  }

  static String dependsOnInConstructor(String type, boolean record) {
    return "@DependsOn is only read on parameters of @Task methods, and this is a parameter of "
        + (record
            ? "the canonical constructor of record "
                + type
                + " (a record component's annotations land on it)"
            : "a constructor of " + type)
        + "; remove @DependsOn";
  }

  static String unknownTask(
      String annotation,
      String name,
      boolean fromParameterName,
      String pipeline,
      String suggestion,
      Collection<String> tasks) {
    String hint =
        suggestion != null
            ? "did you mean \"" + suggestion + "\"?"
            : "its tasks are: " + tasks.stream().collect(Collectors.joining(", "));
    return reference(annotation, name, fromParameterName)
        + " names no @Task in "
        + pipeline
        + "; "
        + hint;
  }

  /** The name is that of a method of the pipeline class that is not a task. */
  static String unknownTaskIsPlainMethod(
      String annotation, String name, boolean fromParameterName, String pipeline) {
    return reference(annotation, name, fromParameterName)
        + " names no @Task in "
        + pipeline
        + "; "
        + name
        + " is a method of "
        + pipeline
        + " without @Task: add @Task to it";
  }

  /** The name is that of a task of a superclass, which is a pipeline of its own. */
  static String unknownTaskIsInherited(
      String annotation,
      String name,
      boolean fromParameterName,
      String pipeline,
      String superclass) {
    return reference(annotation, name, fromParameterName)
        + " names no @Task in "
        + pipeline
        + "; "
        + name
        + " is a @Task of its superclass "
        + superclass
        + ", but inherited tasks are not"
        + " part of "
        + pipeline
        + "'s pipeline ("
        + superclass
        + " is a pipeline of its own):"
        + " declare a @Task method "
        + name
        + " in "
        + pipeline
        + " (it may call "
        + superclass
        + "'s)";
  }

  /** {@code @DependsOn("name")}, or {@code @ForEach(...)}, as the user wrote it. */
  private static String reference(String annotation, String name, boolean fromParameterName) {
    return fromParameterName
        ? annotation + " on parameter " + name + " (an empty value means the parameter's name)"
        : annotation + "(\"" + name + "\")";
  }

  static String rawOutcome(String parameter, String task) {
    return "parameter "
        + parameter
        + " of task "
        + task
        + " is a raw Outcome; give the type of"
        + " the result it receives, e.g. Outcome<Model>";
  }

  static String badLimitName(String task, String limit) {
    return "limit of task "
        + task
        + " is \""
        + limit
        + "\": a limit's name must not be blank or begin or end with a space, since"
        + " RunOptions.limit(name, n) must name it exactly";
  }

  static String negativeMaxConcurrency(String task, int maxConcurrency) {
    return "maxConcurrency of task "
        + task
        + " is "
        + maxConcurrency
        + "; give how many of its"
        + " elements may run at once, or 0 for no limit";
  }

  static String maxConcurrencyWithoutForEach(String task) {
    return "task "
        + task
        + " sets maxConcurrency, which limits how many of its elements run at"
        + " once, but it has no @ForEach parameter; remove maxConcurrency or add @ForEach";
  }

  static String oneAttemptAtATimeOnSyncTask(String task, String returnType) {
    return "oneAttemptAtATime applies to async tasks, and task "
        + task
        + " returns "
        + returnType
        + ": a sync attempt that times out is interrupted, and its retry starts only once it has"
        + " returned; remove oneAttemptAtATime";
  }

  static String oneAttemptAtATimeWithoutRetry(String task, boolean timeout, boolean retries) {
    String missing =
        !timeout && !retries ? "no timeout and no retries" : !timeout ? "no timeout" : "no retries";
    return "task "
        + task
        + " sets oneAttemptAtATime, which makes a retry wait until a timed-out attempt's future"
        + " has completed, but it has "
        + missing
        + "; give it a timeout and retries, or remove oneAttemptAtATime";
  }

  static String dependsOnAndForEach(String parameter, String task) {
    return "parameter "
        + parameter
        + " of task "
        + task
        + " has both @DependsOn and @ForEach;"
        + " keep @ForEach to receive one element per run, or @DependsOn to receive the whole"
        + " result";
  }

  static String forEachOutcome(String parameter, String task) {
    return "parameter "
        + parameter
        + " of task "
        + task
        + " is an Outcome, which @ForEach"
        + " cannot fill: it receives one element of a result that succeeded; declare it as the"
        + " element type";
  }

  static String twoForEach(String task, String first, String second) {
    return "task "
        + task
        + " runs @ForEach over both "
        + first
        + " and "
        + second
        + "; a task"
        + " fans out over one collection only (no nested or cross-product fan-outs): add a task"
        + " that pairs the elements, and run @ForEach over its result";
  }

  static String notACollection(String parameter, String task, String upstream, String result) {
    return "parameter "
        + parameter
        + " of task "
        + task
        + " runs @ForEach over the result of"
        + " task "
        + upstream
        + ", but "
        + upstream
        + " returns "
        + result
        + ", which is neither"
        + " an Iterable nor an array; return the elements to run "
        + task
        + " for, e.g. List<"
        + result
        + ">, or use @DependsOn to receive the result whole";
  }

  static String elementTypeMismatch(
      String parameter, String task, String parameterType, String upstream, String element) {
    return "parameter "
        + parameter
        + " of task "
        + task
        + " has type "
        + parameterType
        + ", which cannot accept the elements of task "
        + upstream
        + " ("
        + element
        + ");"
        + " declare it as "
        + element
        + " or a supertype of it";
  }

  static String selfDependency(String annotation, String task) {
    return "task "
        + task
        + " depends on itself through "
        + annotation
        + "(\""
        + task
        + "\"); a task cannot receive its own result";
  }

  static String voidDependency(String upstream, String parameter, String task) {
    return "task "
        + upstream
        + " has no result (it returns void or a future of Void), so"
        + " parameter "
        + parameter
        + " of task "
        + task
        + " has nothing to receive;"
        + " return a value from "
        + upstream
        + " or remove this dependency";
  }

  static String futureParameter(
      String parameter, String task, String parameterType, String upstream, String result) {
    return "parameter "
        + parameter
        + " of task "
        + task
        + " is declared as "
        + parameterType
        + ", but it receives the result of async task "
        + upstream
        + ", not its future;"
        + " declare it as "
        + result;
  }

  static String typeMismatch(
      String parameter, String task, String parameterType, String upstream, String result) {
    return "parameter "
        + parameter
        + " of task "
        + task
        + " has type "
        + parameterType
        + ", which cannot accept the result of task "
        + upstream
        + " ("
        + result
        + ");"
        + " declare it as "
        + result
        + " or a supertype of it";
  }

  /**
   * An {@code Outcome<T>} parameter whose T does not accept the upstream's result: the advice keeps
   * Outcome and boxes the result ({@code Outcome<java.lang.Integer>} for an {@code int} task), as a
   * type argument must be.
   */
  static String outcomeTypeMismatch(
      String parameter,
      String task,
      String parameterType,
      String upstream,
      String result,
      String boxedResult) {
    return "parameter "
        + parameter
        + " of task "
        + task
        + " has type "
        + parameterType
        + ", which cannot accept the result of task "
        + upstream
        + " ("
        + result
        + "); declare it as Outcome<"
        + boxedResult
        + "> or an Outcome of a supertype of it";
  }

  /**
   * A {@code List<Outcome<X>>} parameter of a fan-out whose X does not accept an element's result:
   * the advice keeps the List of Outcomes and names the element result, which a fan-out's result
   * already boxes.
   */
  static String elementOutcomeTypeMismatch(
      String parameter, String task, String parameterType, String upstream, String elementResult) {
    return "parameter "
        + parameter
        + " of task "
        + task
        + " has type "
        + parameterType
        + ", which cannot accept the outcome of each element of task "
        + upstream
        + " ("
        + elementResult
        + "); declare it as List<Outcome<"
        + elementResult
        + ">> or a List of Outcomes of a supertype of it";
  }

  static String rawElementOutcome(
      String parameter, String task, String upstream, String elementResult) {
    return "parameter "
        + parameter
        + " of task "
        + task
        + " is a List of raw Outcomes; give the type of the result of each element of task "
        + upstream
        + ", e.g. List<Outcome<"
        + elementResult
        + ">>";
  }

  /** {@code cycle} starts and ends with the same task, e.g. [a, b, c, a]. */
  static String cycle(List<String> cycle) {
    StringBuilder message =
        new StringBuilder("dependency cycle: ").append(String.join(" -> ", cycle));
    for (int i = 0; i + 1 < cycle.size(); i++) {
      message.append("\n    ").append(cycle.get(i)).append(" -> ").append(cycle.get(i + 1));
    }
    return message
        .append("\n  (x -> y: task x has @DependsOn(\"y\")). No task on a cycle can ever start;")
        .append(" remove one of these dependencies")
        .toString();
  }

  // ---- @Distributed ----

  static String distributedWithoutTask(String method) {
    return "@Distributed is only read on @Task methods and pipeline classes, and "
        + method
        + " is not a @Task method; add @Task to it or remove @Distributed";
  }

  static String distributedClassWithoutTasks(String type) {
    return "@Distributed on "
        + type
        + " has no effect: the class has no @Task methods to"
        + " dispatch; remove @Distributed or add @Task methods";
  }

  static String pipelineNotSerializable(String type, List<String> tasks) {
    return "pipeline class "
        + type
        + " is sent to the worker that runs its @Distributed instance"
        + " tasks ("
        + String.join(", ", tasks)
        + "), but it is not Serializable; make "
        + type
        + " implement java.io.Serializable (fields those tasks do not need can be transient),"
        + " or make the tasks static";
  }

  static String parameterNotSerializable(
      String parameter, String task, String type, String culprit) {
    return "parameter "
        + parameter
        + " of @Distributed task "
        + task
        + " has type "
        + type
        + ", which cannot be sent to another JVM: "
        + culprit
        + " is not Serializable"
        + "; make it implement java.io.Serializable, or keep "
        + task
        + " on the driver with @Distributed(false)";
  }

  static String openSerialType(String holder, String type, String reason, String sealable) {
    return holder
        + " has type "
        + type
        + ", so a JVM reading a dispatched call or result back cannot know its classes in"
        + " advance: "
        + reason
        + "; it refuses every class not listed, so name the ones it may hold with"
        + " @Distributed(allow = {...}) on the task or its class"
        + (sealable == null ? "" : " (or make " + sealable + " sealed)");
  }

  static String resultNotSerializable(String task, String type, String culprit) {
    return "the result of @Distributed task "
        + task
        + " has type "
        + type
        + ", which cannot be sent back from another JVM: "
        + culprit
        + " is not Serializable"
        + "; make it implement java.io.Serializable, or keep "
        + task
        + " on the driver with @Distributed(false)";
  }

  // ---- the size of the pipeline ----

  static String tooManyConstants(
      String type, int tasks, String generatedClass, int entries, int max) {
    return "pipeline "
        + type
        + " has "
        + tasks
        + " tasks, too many for one runner: "
        + generatedClass
        + ", which has a method per task, would need about "
        + entries
        + " constant pool entries, more than the "
        + max
        + " a class file can hold; split the tasks over two or more pipeline classes";
  }

  static String tooMuchCode(String type, int tasks, String method, int bytes, int max) {
    return "pipeline "
        + type
        + " has "
        + tasks
        + " tasks, too many for one runner: "
        + method
        + ", which has a case per chunk of tasks, would need about "
        + bytes
        + " bytes of code, more than the "
        + max
        + " a method can hold; split the tasks over two or more pipeline classes";
  }

  static String neverResolved(String type, String runner) {
    return "no "
        + runner
        + " was generated: a name in the declaration of "
        + type
        + " or in the signature of one of its @Task methods never resolved, so taskwire waited"
        + " for it until the last round; fix the error javac reports for that name (if another"
        + " annotation processor generates the type, check that it runs)";
  }

  static String internalError(String type, Throwable error) {
    java.io.StringWriter trace = new java.io.StringWriter();
    error.printStackTrace(new java.io.PrintWriter(trace));
    return "internal error in the taskwire processor while processing "
        + type
        + "; please report it with this trace:\n"
        + trace;
  }
}
