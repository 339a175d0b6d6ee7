package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.Outcome;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskPolicy;
import dev.taskwire.runtime.remote.TaskDispatcher;
import dev.taskwire.runtime.serial.AllowList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Collects tasks in declaration order; dependencies may name tasks declared later. */
public final class GraphBuilder {
  private final String pipeline;
  private final List<String> names = new ArrayList<>();
  private final List<TaskKind> kinds = new ArrayList<>();
  private final List<String[]> dependencyNames = new ArrayList<>();
  private final List<TaskPolicy> policies = new ArrayList<>();
  private final List<Set<String>> acceptingFailure = new ArrayList<>();
  private final List<Set<String>> acceptingElementOutcomes = new ArrayList<>();
  private final List<String> forEach = new ArrayList<>();
  private final List<Integer> maxConcurrency = new ArrayList<>();
  private final List<Boolean> dispatched = new ArrayList<>();
  private final List<Class<?>> resultTypes = new ArrayList<>();
  private final List<List<String>> resultClasses = new ArrayList<>();
  private final List<String> codeFingerprints = new ArrayList<>();
  private final List<String> limits = new ArrayList<>();
  private String fingerprint;

  GraphBuilder(String pipeline) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
  }

  /** Adds a task that depends on the tasks named {@code dependencies}. */
  public GraphBuilder task(String name, TaskKind kind, String... dependencies) {
    names.add(Objects.requireNonNull(name, "name"));
    kinds.add(Objects.requireNonNull(kind, "kind"));
    dependencyNames.add(dependencies.clone());
    policies.add(TaskPolicy.none());
    acceptingFailure.add(Set.of());
    acceptingElementOutcomes.add(Set.of());
    forEach.add(null);
    maxConcurrency.add(0);
    dispatched.add(false);
    resultTypes.add(null);
    resultClasses.add(List.of());
    codeFingerprints.add(null);
    limits.add(null);
    return this;
  }

  /**
   * Names the shared limit that the task added last takes a permit of for each call
   * ({@code @Task(limit = "automl")}): the run's options set how many calls of all the tasks naming
   * it run at once, across every run sharing the options.
   */
  public GraphBuilder limit(String name) {
    if (names.isEmpty()) {
      throw new IllegalStateException("add a task before its limit");
    }
    if (Objects.requireNonNull(name, "name").isBlank()) {
      throw new IllegalArgumentException("a limit's name must not be blank");
    }
    limits.set(limits.size() - 1, name);
    return this;
  }

  /**
   * The fingerprint of the code of the task added last, computed at compile time: a result store
   * files its results under it, so that a result saved by other code is not reused.
   */
  public GraphBuilder code(String fingerprint) {
    if (names.isEmpty()) {
      throw new IllegalStateException("add a task before its code's fingerprint");
    }
    codeFingerprints.set(codeFingerprints.size() - 1, Objects.requireNonNull(fingerprint));
    return this;
  }

  /**
   * Declares what the method of the task added last produces: a {@code type} (boxed; the value of
   * an async task's future; one element's result for a fan-out, whose result is their list), which
   * may hold objects of the classes named {@code holds} (binary names) besides the JDK's values and
   * collections. A stored or dispatched result is read back through that list, and a stored one of
   * another type is a miss. Without it, a result may hold only the JDK's values and collections.
   */
  public GraphBuilder returning(Class<?> type, String... holds) {
    if (names.isEmpty()) {
      throw new IllegalStateException("add a task before what it returns");
    }
    int last = names.size() - 1;
    resultTypes.set(last, Objects.requireNonNull(type, "type"));
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    List<String> classes = new ArrayList<>(List.of(holds));
    if (!element.isPrimitive()) {
      classes.add(element.getName());
    }
    resultClasses.set(last, List.copyOf(classes));
    return this;
  }

  /**
   * Makes the task added last run once per element of {@code dependency}'s result (an {@link
   * Iterable} or an array), at most {@code maxConcurrency} at a time (0: no limit); its result is
   * the list of the elements' results, in the elements' order. Its policy applies to each element
   * on its own.
   */
  public GraphBuilder forEach(String dependency, int maxConcurrency) {
    if (names.isEmpty()) {
      throw new IllegalStateException("add a task before what it runs for each");
    }
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException("maxConcurrency must not be negative: " + maxConcurrency);
    }
    int last = names.size() - 1;
    forEach.set(last, Objects.requireNonNull(dependency, "dependency"));
    this.maxConcurrency.set(last, maxConcurrency);
    return this;
  }

  /**
   * Marks the task added last as {@code @Distributed}: runs with a {@link TaskDispatcher} send it
   * there. A graph with dispatched tasks needs a {@link #fingerprint(String)}.
   */
  public GraphBuilder dispatched() {
    if (names.isEmpty()) {
      throw new IllegalStateException("add a task before marking it dispatched");
    }
    dispatched.set(dispatched.size() - 1, true);
    return this;
  }

  /** The compiled graph's fingerprint, see {@link GraphTable#fingerprint()}. */
  public GraphBuilder fingerprint(String fingerprint) {
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    return this;
  }

  /**
   * Lets the task added last run when any of {@code dependencies} fails, too: it receives their
   * {@link Outcome} rather than their value.
   */
  public GraphBuilder acceptingFailureOf(String... dependencies) {
    if (names.isEmpty()) {
      throw new IllegalStateException("add a task before what it accepts");
    }
    int last = names.size() - 1;
    Set<String> accepted = new LinkedHashSet<>(acceptingFailure.get(last));
    accepted.addAll(List.of(dependencies));
    acceptingFailure.set(last, Set.copyOf(accepted));
    return this;
  }

  /**
   * Lets the task added last receive the outcome of each element of the fan-out tasks {@code
   * fanOuts} ({@code @DependsOn("train") List<Outcome<Score>>}): it runs when their elements have
   * all ended, whether or not some failed, and one element's failure does not stop the others.
   */
  public GraphBuilder acceptingElementOutcomesOf(String... fanOuts) {
    if (names.isEmpty()) {
      throw new IllegalStateException("add a task before what it accepts");
    }
    acceptingElementOutcomes.set(names.size() - 1, Set.of(fanOuts));
    return acceptingFailureOf(fanOuts);
  }

  /** Gives the task added last a timeout or retries. */
  public GraphBuilder with(TaskPolicy policy) {
    if (names.isEmpty()) {
      throw new IllegalStateException("add a task before its policy");
    }
    policies.set(policies.size() - 1, Objects.requireNonNull(policy, "policy"));
    return this;
  }

  /**
   * The graph of the tasks added.
   *
   * @throws IllegalArgumentException if two tasks share a name, a dependency names no task, or the
   *     dependencies form a cycle
   */
  public GraphTable build() {
    Map<String, Integer> indexByName = new HashMap<>();
    for (int task = 0; task < names.size(); task++) {
      if (indexByName.putIfAbsent(names.get(task), task) != null) {
        throw new IllegalArgumentException(
            "two tasks named '" + names.get(task) + "' in " + pipeline);
      }
    }
    int[][] dependencies = new int[names.size()][];
    boolean[][] acceptsFailure = new boolean[names.size()][];
    for (int task = 0; task < names.size(); task++) {
      Set<Integer> distinct = new LinkedHashSet<>();
      for (String dependency : dependencyNames.get(task)) {
        Integer prerequisite = indexByName.get(dependency);
        if (prerequisite == null) {
          throw new IllegalArgumentException(
              "task '"
                  + names.get(task)
                  + "' depends on '"
                  + dependency
                  + "', which is not a task of "
                  + pipeline);
        }
        distinct.add(prerequisite);
      }
      dependencies[task] = distinct.stream().mapToInt(Integer::intValue).toArray();
      acceptsFailure[task] = new boolean[dependencies[task].length];
      for (int i = 0; i < dependencies[task].length; i++) {
        acceptsFailure[task][i] =
            acceptingFailure.get(task).contains(names.get(dependencies[task][i]));
      }
      for (String accepted : acceptingFailure.get(task)) {
        if (!List.of(dependencyNames.get(task)).contains(accepted)) {
          throw new IllegalArgumentException(
              "task '"
                  + names.get(task)
                  + "' accepts the failure of '"
                  + accepted
                  + "', which it does not depend on");
        }
      }
    }
    int[] forEachSource = new int[names.size()];
    for (int task = 0; task < names.size(); task++) {
      String source = forEach.get(task);
      if (source != null && !List.of(dependencyNames.get(task)).contains(source)) {
        throw new IllegalArgumentException(
            "task '"
                + names.get(task)
                + "' runs for each element of '"
                + source
                + "', which it does not depend on");
      }
      forEachSource[task] = source == null ? -1 : indexByName.get(source);
    }
    boolean[] elementsKeepGoing = new boolean[names.size()];
    for (int task = 0; task < names.size(); task++) {
      for (String fanOut : acceptingElementOutcomes.get(task)) {
        int upstream = indexByName.get(fanOut); // a dependency: checked with acceptingFailure
        if (forEachSource[upstream] < 0) {
          throw new IllegalArgumentException(
              "task '"
                  + names.get(task)
                  + "' takes the outcome of each element of '"
                  + fanOut
                  + "', which does not run for each element of anything");
        }
        elementsKeepGoing[upstream] = true;
      }
    }
    boolean[] remote = new boolean[names.size()];
    for (int task = 0; task < remote.length; task++) {
      remote[task] = dispatched.get(task);
    }
    if (fingerprint == null && dispatched.contains(true)) {
      throw new IllegalStateException(
          "a graph with dispatched tasks needs a fingerprint: " + pipeline);
    }
    return new GraphTable(
        pipeline,
        names.toArray(new String[0]),
        null,
        kinds.toArray(new TaskKind[0]),
        dependencies,
        Map.copyOf(indexByName),
        policies.toArray(new TaskPolicy[0]),
        acceptsFailure,
        forEachSource,
        maxConcurrency.stream().mapToInt(Integer::intValue).toArray(),
        remote,
        fingerprint,
        resultTypes.toArray(new Class<?>[0]),
        resultAllowLists(),
        codeFingerprints.toArray(new String[0]),
        limits.toArray(new String[0]),
        elementsKeepGoing);
  }

  private AllowList[] resultAllowLists() {
    AllowList[] lists = new AllowList[names.size()];
    for (int task = 0; task < lists.length; task++) {
      lists[task] =
          AllowList.of(
              "the result of task '" + names.get(task) + "' of " + pipeline,
              resultClasses.get(task));
    }
    return lists;
  }
}
