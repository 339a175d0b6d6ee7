package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.Outcome;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskPolicy;
import dev.taskwire.runtime.remote.TaskDispatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one implementation of {@link TaskGraph}: the graph as the scheduler reads it, in arrays
 * indexed by task, plus what the scheduler derives from it once (dependents, prerequisite counts,
 * sources, which failures are handled). Generated runners build it with {@link #builder(String)} in
 * a static initializer; every run of that pipeline shares it. Immutable.
 */
public final class GraphTable implements TaskGraph {
  private final String pipeline;
  private final String[] names;
  private final TaskKind[] kinds;
  private final int[][] dependencies;
  private final int[][] dependents;
  private final int[] prerequisiteCounts;
  private final int[] sources;
  private final int[] topologicalOrder;
  private final Map<String, Integer> indexByName;
  private final TaskPolicy[] policies;
  private final boolean hasPolicies;

  /** Per task, the dependents that take its Outcome and so run even when it fails. */
  private final int[][] tolerantDependents;

  /** Per task, whether every dependent takes its Outcome: then its failure is handled. */
  private final boolean[] failureHandled;

  /** Per task, the prerequisite whose elements it runs once for each, or -1. */
  private final int[] forEachSource;

  /** Per fan-out task, how many of its elements may run at once; 0 for no limit. */
  private final int[] maxConcurrency;

  private final boolean hasFanOuts;

  /** Per task, whether a run with a dispatcher sends it elsewhere; see {@link #isDispatched}. */
  private final boolean[] dispatched;

  private final boolean hasDispatched;
  private final String fingerprint;

  private GraphTable(
      String pipeline,
      String[] names,
      TaskKind[] kinds,
      int[][] dependencies,
      Map<String, Integer> indexByName,
      TaskPolicy[] policies,
      boolean[][] acceptsFailure,
      int[] forEachSource,
      int[] maxConcurrency,
      boolean[] dispatched,
      String fingerprint) {
    this.pipeline = pipeline;
    this.forEachSource = forEachSource;
    this.maxConcurrency = maxConcurrency;
    this.hasFanOuts = Arrays.stream(forEachSource).anyMatch(source -> source >= 0);
    this.dispatched = dispatched;
    this.hasDispatched =
        java.util.stream.IntStream.range(0, names.length).anyMatch(task -> dispatched[task]);
    this.fingerprint = fingerprint;
    this.names = names;
    this.kinds = kinds;
    this.dependencies = dependencies;
    this.indexByName = indexByName;
    this.policies = policies;
    this.hasPolicies = Arrays.stream(policies).anyMatch(policy -> !policy.isNone());
    this.prerequisiteCounts = new int[names.length];
    int[] dependentCounts = new int[names.length];
    for (int task = 0; task < names.length; task++) {
      prerequisiteCounts[task] = dependencies[task].length;
      for (int prerequisite : dependencies[task]) {
        dependentCounts[prerequisite]++;
      }
    }
    this.dependents = new int[names.length][];
    for (int task = 0; task < names.length; task++) {
      dependents[task] = new int[dependentCounts[task]];
      dependentCounts[task] = 0;
    }
    for (int task = 0; task < names.length; task++) {
      for (int prerequisite : dependencies[task]) {
        dependents[prerequisite][dependentCounts[prerequisite]++] = task;
      }
    }
    this.sources =
        java.util.stream.IntStream.range(0, names.length)
            .filter(task -> prerequisiteCounts[task] == 0)
            .toArray();
    this.topologicalOrder = sortTopologically();
    requireAcyclic();
    this.tolerantDependents = new int[names.length][];
    this.failureHandled = new boolean[names.length];
    for (int task = 0; task < names.length; task++) {
      int upstream = task;
      tolerantDependents[task] =
          Arrays.stream(dependents[task])
              .filter(dependent -> accepts(acceptsFailure, dependencies, dependent, upstream))
              .toArray();
      failureHandled[task] =
          dependents[task].length > 0 && tolerantDependents[task].length == dependents[task].length;
    }
  }

  private static boolean accepts(
      boolean[][] acceptsFailure, int[][] dependencies, int dependent, int upstream) {
    int[] prerequisites = dependencies[dependent];
    for (int i = 0; i < prerequisites.length; i++) {
      if (prerequisites[i] == upstream) {
        return acceptsFailure[dependent][i];
      }
    }
    return false;
  }

  int[] tolerantDependentsOf(int task) {
    return tolerantDependents[task];
  }

  boolean failureHandled(int task) {
    return failureHandled[task];
  }

  /**
   * The table behind {@code graph}, for a run of it.
   *
   * @throws IllegalArgumentException if {@code graph} was not built by {@link #builder(String)}
   */
  static GraphTable of(TaskGraph graph) {
    if (graph instanceof GraphTable table) {
      return table;
    }
    throw new IllegalArgumentException(
        "only graphs built by GraphTable.builder (generated runners) can run: " + graph);
  }

  /** Starts a graph for the pipeline class with the given (binary or canonical) name. */
  public static Builder builder(String pipeline) {
    return new Builder(pipeline);
  }

  @Override
  public String pipeline() {
    return pipeline;
  }

  @Override
  public int size() {
    return names.length;
  }

  @Override
  public String name(int task) {
    return names[task];
  }

  @Override
  public TaskKind kind(int task) {
    return kinds[task];
  }

  @Override
  public TaskPolicy policy(int task) {
    return policies[task];
  }

  /** Whether any task has a timeout or retries; runs without skip that bookkeeping. */
  boolean hasPolicies() {
    return hasPolicies;
  }

  @Override
  public boolean isFanOut(int task) {
    return forEachSource[task] >= 0;
  }

  /** Whether any task fans out. */
  boolean hasFanOuts() {
    return hasFanOuts;
  }

  @Override
  public int forEachSource(int task) {
    return forEachSource[task];
  }

  @Override
  public int maxConcurrency(int task) {
    return maxConcurrency[task];
  }

  /**
   * The graph of one fan-out: an independent task per element, named {@code task[i]}, each with the
   * fan-out task's kind and policy.
   */
  GraphTable elementGraph(int task, int elements) {
    String[] elementNames = new String[elements];
    TaskKind[] elementKinds = new TaskKind[elements];
    TaskPolicy[] elementPolicies = new TaskPolicy[elements];
    int[][] none = new int[elements][];
    boolean[][] accepts = new boolean[elements][];
    Map<String, Integer> byName = new HashMap<>();
    for (int element = 0; element < elements; element++) {
      elementNames[element] = names[task] + "[" + element + "]";
      elementKinds[element] = kinds[task];
      elementPolicies[element] = policies[task];
      none[element] = new int[0];
      accepts[element] = new boolean[0];
      byName.put(elementNames[element], element);
    }
    int[] noFanOut = new int[elements];
    Arrays.fill(noFanOut, -1);
    boolean[] elementsDispatched = new boolean[elements];
    Arrays.fill(elementsDispatched, dispatched[task]);
    return new GraphTable(
        pipeline,
        elementNames,
        elementKinds,
        none,
        byName,
        elementPolicies,
        accepts,
        noFanOut,
        new int[elements],
        elementsDispatched,
        fingerprint);
  }

  /** Marks {@code targets} and every task they depend on, directly or not. */
  boolean[] ancestry(int[] targets) {
    boolean[] included = new boolean[names.length];
    int[] stack = new int[names.length];
    int top = 0;
    for (int target : targets) {
      Objects.checkIndex(target, names.length);
      if (!included[target]) {
        included[target] = true;
        stack[top++] = target;
      }
    }
    while (top > 0) {
      for (int prerequisite : dependencies[stack[--top]]) {
        if (!included[prerequisite]) {
          included[prerequisite] = true;
          stack[top++] = prerequisite;
        }
      }
    }
    return included;
  }

  @Override
  public boolean isDispatched(int task) {
    return dispatched[task];
  }

  /** Whether any task is dispatched; runs of other graphs ignore a dispatcher. */
  boolean hasDispatchedTasks() {
    return hasDispatched;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public List<String> taskNames() {
    return List.of(names);
  }

  @Override
  public int indexOf(String name) {
    Integer index = indexByName.get(name);
    return index != null ? index : -1;
  }

  @Override
  public List<String> dependencies(String name) {
    int task = indexOf(name);
    if (task < 0) {
      throw new IllegalArgumentException("no task named '" + name + "' in " + pipeline);
    }
    List<String> result = new ArrayList<>(dependencies[task].length);
    for (int prerequisite : dependencies[task]) {
      result.add(names[prerequisite]);
    }
    return Collections.unmodifiableList(result);
  }

  @Override
  public List<List<String>> edges() {
    List<List<String>> edges = new ArrayList<>();
    for (int task = 0; task < names.length; task++) {
      for (int prerequisite : dependencies[task]) {
        edges.add(List.of(names[task], names[prerequisite]));
      }
    }
    return Collections.unmodifiableList(edges);
  }

  // The arrays below are shared, never copied, on the scheduler's hot path; callers in this
  // package must not modify them. Tools get copies through TaskGraph.

  int[] dependentsOf(int task) {
    return dependents[task];
  }

  int[] dependenciesOf(int task) {
    return dependencies[task];
  }

  int[] prerequisiteCounts() {
    return prerequisiteCounts;
  }

  int[] sources() {
    return sources;
  }

  @Override
  public int[] topologicalOrder() {
    return topologicalOrder.clone();
  }

  @Override
  public int[] dependencyIndices(int task) {
    return dependencies[task].clone();
  }

  @Override
  public int[] dependentIndices(int task) {
    return dependents[task].clone();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(pipeline).append(" {");
    for (int task = 0; task < names.length; task++) {
      text.append(task == 0 ? " " : ", ").append(names[task]);
      if (dependencies[task].length > 0) {
        text.append(" <- ").append(dependencies(names[task]));
      }
    }
    return text.append(" }").toString();
  }

  /**
   * Every task after all of its prerequisites (Kahn's algorithm); shorter than the graph only if
   * some tasks wait on a cycle.
   */
  private int[] sortTopologically() {
    int[] waiting = prerequisiteCounts.clone();
    int[] queue = Arrays.copyOf(sources, names.length);
    int head = 0;
    int tail = sources.length;
    while (head < tail) {
      for (int dependent : dependents[queue[head++]]) {
        if (--waiting[dependent] == 0) {
          queue[tail++] = dependent;
        }
      }
    }
    return Arrays.copyOf(queue, tail);
  }

  /** Generated code is checked at compile time; this guards hand-built graphs. */
  private void requireAcyclic() {
    if (topologicalOrder.length != names.length) {
      List<String> stuck = new ArrayList<>(taskNames());
      for (int task : topologicalOrder) {
        stuck.remove(names[task]);
      }
      throw new IllegalArgumentException(
          "dependency cycle among tasks " + stuck + " of " + pipeline);
    }
  }

  /** Collects tasks in declaration order; dependencies may name tasks declared later. */
  public static final class Builder {
    private final String pipeline;
    private final List<String> names = new ArrayList<>();
    private final List<TaskKind> kinds = new ArrayList<>();
    private final List<String[]> dependencyNames = new ArrayList<>();
    private final List<TaskPolicy> policies = new ArrayList<>();
    private final List<Set<String>> acceptingFailure = new ArrayList<>();
    private final List<String> forEach = new ArrayList<>();
    private final List<Integer> maxConcurrency = new ArrayList<>();
    private final List<Boolean> dispatched = new ArrayList<>();
    private String fingerprint;

    private Builder(String pipeline) {
      this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    /** Adds a task that depends on the tasks named {@code dependencies}. */
    public Builder task(String name, TaskKind kind, String... dependencies) {
      names.add(Objects.requireNonNull(name, "name"));
      kinds.add(Objects.requireNonNull(kind, "kind"));
      dependencyNames.add(dependencies.clone());
      policies.add(TaskPolicy.none());
      acceptingFailure.add(Set.of());
      forEach.add(null);
      maxConcurrency.add(0);
      dispatched.add(false);
      return this;
    }

    /**
     * Makes the task added last run once per element of {@code dependency}'s result (an {@link
     * Iterable} or an array), at most {@code maxConcurrency} at a time (0: no limit); its result is
     * the list of the elements' results, in the elements' order. Its policy applies to each element
     * on its own.
     */
    public Builder forEach(String dependency, int maxConcurrency) {
      if (names.isEmpty()) {
        throw new IllegalStateException("add a task before what it runs for each");
      }
      if (maxConcurrency < 0) {
        throw new IllegalArgumentException(
            "maxConcurrency must not be negative: " + maxConcurrency);
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
    public Builder dispatched() {
      if (names.isEmpty()) {
        throw new IllegalStateException("add a task before marking it dispatched");
      }
      dispatched.set(dispatched.size() - 1, true);
      return this;
    }

    /** The compiled graph's fingerprint, see {@link #fingerprint()}. */
    public Builder fingerprint(String fingerprint) {
      this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
      return this;
    }

    /**
     * Lets the task added last run when any of {@code dependencies} fails, too: it receives their
     * {@link Outcome} rather than their value.
     */
    public Builder acceptingFailureOf(String... dependencies) {
      if (names.isEmpty()) {
        throw new IllegalStateException("add a task before what it accepts");
      }
      acceptingFailure.set(acceptingFailure.size() - 1, Set.of(dependencies));
      return this;
    }

    /** Gives the task added last a timeout or retries. */
    public Builder with(TaskPolicy policy) {
      if (names.isEmpty()) {
        throw new IllegalStateException("add a task before its policy");
      }
      policies.set(policies.size() - 1, Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /**
     * @throws IllegalArgumentException if two tasks share a name, a dependency names no task, or
     *     the dependencies form a cycle
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
          kinds.toArray(new TaskKind[0]),
          dependencies,
          Map.copyOf(indexByName),
          policies.toArray(new TaskPolicy[0]),
          acceptsFailure,
          forEachSource,
          maxConcurrency.stream().mapToInt(Integer::intValue).toArray(),
          remote,
          fingerprint);
    }
  }
}
