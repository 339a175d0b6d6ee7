package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskPolicy;
import dev.taskwire.runtime.serial.AllowList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The one implementation of {@link TaskGraph}: the graph as the scheduler reads it, in arrays
 * indexed by task, plus what the scheduler derives from it once (dependents, prerequisite counts,
 * sources, which failures are handled). Generated runners build it with {@link #builder(String)} in
 * a static initializer; every run of that pipeline shares it. Immutable.
 */
public final class GraphTable implements TaskGraph {
  /** Shared by every task without dependencies, dependents or tolerant dependents. */
  private static final int[] NONE = new int[0];

  private static final boolean[] NOTHING_ACCEPTED = new boolean[0];

  private final String pipeline;

  /** Per task, its name; null in an element graph, whose names are made when asked for. */
  private final String[] names;

  /** In the graph of a fan-out's elements, the fan-out task's name; null otherwise. */
  private final String elementsOf;

  private final int size;

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

  /** The fan-out tasks, in declaration order. */
  private final int[] fanOuts;

  /** Per task, whether a run with a dispatcher sends it elsewhere; see {@link #isDispatched}. */
  private final boolean[] dispatched;

  private final boolean hasDispatched;
  private final String fingerprint;

  /**
   * Per task, the (boxed) type its method produces, null if not declared (void tasks, hand-built
   * graphs); see {@link GraphBuilder#returning}.
   */
  private final Class<?>[] resultTypes;

  /** Per task, the classes its result may hold; see {@link GraphBuilder#returning}. */
  private final AllowList[] resultAllowLists;

  /** Per task, the fingerprint of its code, or null; see {@link GraphBuilder#code}. */
  private final String[] codeFingerprints;

  /**
   * Per task, the name of the shared limit it takes a permit of, or null; see {@link
   * GraphBuilder#limit}.
   */
  private final String[] limits;

  /**
   * Per fan-out task, whether a dependent takes the outcome of each element: then its elements run
   * on when one fails; see {@link GraphBuilder#acceptingElementOutcomesOf}.
   */
  private final boolean[] elementsKeepGoing;

  GraphTable(
      String pipeline,
      String[] names,
      String elementsOf,
      TaskKind[] kinds,
      int[][] dependencies,
      Map<String, Integer> indexByName,
      TaskPolicy[] policies,
      boolean[][] acceptsFailure,
      int[] forEachSource,
      int[] maxConcurrency,
      boolean[] dispatched,
      String fingerprint,
      Class<?>[] resultTypes,
      AllowList[] resultAllowLists,
      String[] codeFingerprints,
      String[] limits,
      boolean[] elementsKeepGoing) {
    this.pipeline = pipeline;
    this.elementsKeepGoing = elementsKeepGoing;
    this.limits = limits;
    this.codeFingerprints = codeFingerprints;
    this.resultTypes = resultTypes;
    this.resultAllowLists = resultAllowLists;
    this.forEachSource = forEachSource;
    this.maxConcurrency = maxConcurrency;
    this.fanOuts =
        IntStream.range(0, forEachSource.length).filter(task -> forEachSource[task] >= 0).toArray();
    this.dispatched = dispatched;
    this.size = kinds.length;
    this.elementsOf = elementsOf;
    this.hasDispatched = IntStream.range(0, dispatched.length).anyMatch(task -> dispatched[task]);
    this.fingerprint = fingerprint;
    this.names = names;
    this.kinds = kinds;
    this.dependencies = dependencies;
    this.indexByName = indexByName;
    this.policies = policies;
    this.hasPolicies = Arrays.stream(policies).anyMatch(policy -> !policy.isNone());
    this.prerequisiteCounts = new int[size];
    int[] dependentCounts = new int[size];
    for (int task = 0; task < size; task++) {
      prerequisiteCounts[task] = dependencies[task].length;
      for (int prerequisite : dependencies[task]) {
        dependentCounts[prerequisite]++;
      }
    }
    this.dependents = new int[size][];
    for (int task = 0; task < size; task++) {
      dependents[task] = dependentCounts[task] == 0 ? NONE : new int[dependentCounts[task]];
      dependentCounts[task] = 0;
    }
    for (int task = 0; task < size; task++) {
      for (int prerequisite : dependencies[task]) {
        dependents[prerequisite][dependentCounts[prerequisite]++] = task;
      }
    }
    this.sources = sourcesOf(prerequisiteCounts);
    // Without dependencies (a fan-out's elements) every task is a source, already in order.
    this.topologicalOrder = sources.length == size ? sources : sortTopologically();
    requireAcyclic();
    this.tolerantDependents = new int[size][];
    this.failureHandled = new boolean[size];
    for (int task = 0; task < size; task++) {
      tolerantDependents[task] = tolerantDependents(acceptsFailure, dependencies, task);
      failureHandled[task] =
          dependents[task].length > 0 && tolerantDependents[task].length == dependents[task].length;
    }
  }

  /** The tasks without prerequisites, in declaration order. */
  private static int[] sourcesOf(int[] prerequisiteCounts) {
    int count = 0;
    for (int prerequisites : prerequisiteCounts) {
      count += prerequisites == 0 ? 1 : 0;
    }
    int[] sources = new int[count];
    int next = 0;
    for (int task = 0; task < prerequisiteCounts.length; task++) {
      if (prerequisiteCounts[task] == 0) {
        sources[next++] = task;
      }
    }
    return sources;
  }

  /** The dependents of {@code upstream} that take its Outcome; a loop: elements have millions. */
  private int[] tolerantDependents(boolean[][] acceptsFailure, int[][] dependencies, int upstream) {
    int[] all = dependents[upstream];
    int[] tolerant = NONE;
    int count = 0;
    for (int dependent : all) {
      if (accepts(acceptsFailure, dependencies, dependent, upstream)) {
        if (tolerant == NONE) {
          tolerant = new int[all.length];
        }
        tolerant[count++] = dependent;
      }
    }
    return count == 0 ? NONE : count == all.length ? tolerant : Arrays.copyOf(tolerant, count);
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
  public static GraphBuilder builder(String pipeline) {
    return new GraphBuilder(pipeline);
  }

  @Override
  public String pipeline() {
    return pipeline;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String name(int task) {
    if (names == null) {
      Objects.checkIndex(task, size);
      return elementsOf + "[" + task + "]";
    }
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

  /** Whether the elements of fan-out task {@code task} all run even when some fail. */
  boolean elementsKeepGoing(int task) {
    return elementsKeepGoing[alike(task)];
  }

  /** Whether any task fans out. */
  boolean hasFanOuts() {
    return fanOuts.length > 0;
  }

  /** The fan-out tasks, in declaration order; the scheduler must not change the array. */
  int[] fanOuts() {
    return fanOuts;
  }

  @Override
  public int forEachSource(int task) {
    return forEachSource[task];
  }

  @Override
  public int maxConcurrency(int task) {
    return maxConcurrency[alike(task)];
  }

  /**
   * The graph of one fan-out: an independent task per element, named {@code task[i]}, each with the
   * fan-out task's kind and policy.
   */
  GraphTable elementGraph(int task, int elements) {
    TaskKind[] elementKinds = new TaskKind[elements];
    Arrays.fill(elementKinds, kinds[task]);
    TaskPolicy[] elementPolicies = new TaskPolicy[elements];
    Arrays.fill(elementPolicies, policies[task]);
    int[][] none = new int[elements][];
    Arrays.fill(none, NONE);
    boolean[][] accepts = new boolean[elements][];
    Arrays.fill(accepts, NOTHING_ACCEPTED);
    int[] noFanOut = new int[elements];
    Arrays.fill(noFanOut, -1);
    // Settings read off the hot path are kept once for all elements; see alike().
    return new GraphTable(
        pipeline,
        null, // named when asked: a fan-out may have millions of elements
        name(task),
        elementKinds,
        none,
        null,
        elementPolicies,
        accepts,
        noFanOut,
        new int[1],
        new boolean[] {dispatched[task]},
        fingerprint,
        new Class<?>[] {resultTypes[task]},
        new AllowList[] {resultAllowLists[task]},
        new String[] {codeFingerprints[task]},
        new String[] {limits[task]}, // each element's call takes a permit
        new boolean[1]);
  }

  /** Marks {@code targets} and every task they depend on, directly or not. */
  boolean[] ancestry(int[] targets) {
    boolean[] included = new boolean[size];
    int[] stack = new int[size];
    int top = 0;
    for (int target : targets) {
      Objects.checkIndex(target, size);
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
    return dispatched[alike(task)];
  }

  /** Whether any task is dispatched; runs of other graphs ignore a dispatcher. */
  boolean hasDispatchedTasks() {
    return hasDispatched;
  }

  /**
   * The type a stored result of {@code task} must have, or null if any will do: the declared type
   * of what its method produces, or {@code List} for a fan-out.
   */
  Class<?> storedType(int task) {
    Class<?> type = resultTypes[alike(task)];
    return isFanOut(task) && type != null ? List.class : type;
  }

  /**
   * The type a dispatched call of {@code task} must produce, or null if any will do; for a fan-out,
   * one element's result.
   */
  Class<?> producedType(int task) {
    return resultTypes[alike(task)];
  }

  /** The name of the shared limit {@code task} takes a permit of for each call, or null. */
  String limitOf(int task) {
    return limits[alike(task)];
  }

  /**
   * The fingerprint of {@code task}'s code (its method, what it calls of its class, its
   * prerequisites' code), which a result store files results under; null if not known.
   */
  String codeFingerprint(int task) {
    return codeFingerprints[alike(task)];
  }

  /**
   * Where {@code task}'s settings are in the arrays that an element graph keeps once for all its
   * elements, which are alike (its dispatch, result type, code, limit): at 0 in an element graph.
   * Only settings read off the scheduler's hot path are kept so.
   */
  private int alike(int task) {
    if (names != null) {
      return task;
    }
    Objects.checkIndex(task, size);
    return 0;
  }

  /** The classes a result of {@code task} may hold (for a fan-out, as in one element's). */
  AllowList resultAllowList(int task) {
    return resultAllowLists[alike(task)];
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public List<String> taskNames() {
    return names != null ? List.of(names) : IntStream.range(0, size).mapToObj(this::name).toList();
  }

  @Override
  public int indexOf(String name) {
    if (indexByName == null) {
      return elementIndexOf(name);
    }
    Integer index = indexByName.get(name);
    return index != null ? index : -1;
  }

  /** In an element graph, the element {@code name} names, as in {@code train[3]}, or -1. */
  private int elementIndexOf(String name) {
    String prefix = elementsOf + "[";
    if (!name.startsWith(prefix) || !name.endsWith("]")) {
      return -1;
    }
    String digits = name.substring(prefix.length(), name.length() - 1);
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    try {
      int element = Integer.parseInt(digits);
      return element < size && name.equals(name(element)) ? element : -1;
    } catch (NumberFormatException tooLarge) {
      return -1;
    }
  }

  @Override
  public List<String> dependencies(String name) {
    int task = indexOf(name);
    if (task < 0) {
      throw new IllegalArgumentException("no task named '" + name + "' in " + pipeline);
    }
    List<String> result = new ArrayList<>(dependencies[task].length);
    for (int prerequisite : dependencies[task]) {
      result.add(name(prerequisite));
    }
    return Collections.unmodifiableList(result);
  }

  @Override
  public List<List<String>> edges() {
    List<List<String>> edges = new ArrayList<>();
    for (int task = 0; task < size; task++) {
      for (int prerequisite : dependencies[task]) {
        edges.add(List.of(name(task), name(prerequisite)));
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
    for (int task = 0; task < size; task++) {
      text.append(task == 0 ? " " : ", ").append(name(task));
      if (dependencies[task].length > 0) {
        text.append(" <- ").append(dependencies(name(task)));
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
    int[] queue = Arrays.copyOf(sources, size);
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
    if (topologicalOrder.length != size) {
      List<String> stuck = new ArrayList<>(taskNames());
      for (int task : topologicalOrder) {
        stuck.remove(name(task));
      }
      throw new IllegalArgumentException(
          "dependency cycle among tasks " + stuck + " of " + pipeline);
    }
  }
}
