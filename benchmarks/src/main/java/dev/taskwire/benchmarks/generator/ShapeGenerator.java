package dev.taskwire.benchmarks.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Writes the sources of the generated benchmark shapes: for each of the wide fan-in, the long chain
 * and the layered random DAG, one package with the taskwire pipeline class, the same graph as plain
 * sequential calls, as hand-written-style {@code CompletableFuture} composition, as a Dagger
 * {@code @ProducerModule} and {@code @ProductionComponent}, and the JMH benchmark class. The output
 * is committed under {@code benchmarks/src/main/java}; regenerate it after changing this file with
 * (from the repository root, no build needed, JDK only):
 *
 * <pre>
 * java benchmarks/src/main/java/dev/taskwire/benchmarks/generator/ShapeGenerator.java \
 *     benchmarks/src/main/java
 * </pre>
 *
 * <p>With {@code --check} before the directory it writes nothing and exits with status 1 if a
 * committed file differs from what it would write. The random DAG comes from a fixed seed, so the
 * output is the same on every run.
 *
 * <p>Every task returns an {@code int}: a source task number {@code i} returns {@code origin + i +
 * 1} ({@code origin} is 0, but a field the JIT cannot fold away); a task with dependencies returns
 * {@code 1*d0 + 3*d1 + 5*d2 + ... + i}, odd weights by parameter position so that swapped or
 * missing wiring changes the answer. The generator computes the sink's value itself (with the same
 * wrapping {@code int} arithmetic) and writes it as the pipeline's {@code EXPECTED}, which every
 * contender must return before anything is measured.
 */
public final class ShapeGenerator {
  private static final String ROOT_PACKAGE = "dev.taskwire.benchmarks";
  private static final int FAN_IN_LEAVES = 64;
  private static final int CHAIN_LENGTH = 32;
  private static final long RANDOM_DAG_SEED = 20_240_605L;
  private static final int RANDOM_DAG_LAYERS = 10;
  private static final int LINE = 100;

  /** A task: its name and the indices of the tasks it depends on, in parameter order. */
  record Task(String name, List<Integer> dependencies) {
    Task {
      dependencies = List.copyOf(dependencies);
    }
  }

  /** A graph whose tasks are in a topological (declaration) order; the last one is the sink. */
  record Shape(String packageName, String className, String description, List<Task> tasks) {
    Task sink() {
      return tasks.get(tasks.size() - 1);
    }
  }

  private ShapeGenerator() {}

  public static void main(String[] args) throws IOException {
    boolean check = args.length == 2 && args[0].equals("--check");
    if (args.length != (check ? 2 : 1)) {
      System.err.println("usage: ShapeGenerator [--check] <benchmarks/src/main/java>");
      System.exit(2);
    }
    Path sourceRoot = Path.of(args[args.length - 1]);
    Map<Path, String> files = new LinkedHashMap<>();
    for (Shape shape : List.of(fanIn(), chain(), randomDag())) {
      files.putAll(sources(sourceRoot, shape));
    }
    List<Path> stale = new ArrayList<>();
    for (Map.Entry<Path, String> file : files.entrySet()) {
      Path path = file.getKey();
      boolean same =
          Files.exists(path)
              && Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue());
      if (same) {
        continue;
      }
      stale.add(path);
      if (!check) {
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
    }
    if (check) {
      if (!stale.isEmpty()) {
        System.err.println("generated benchmark sources are out of date: " + stale);
        System.exit(1);
      }
      System.out.println("generated benchmark sources are up to date (" + files.size() + " files)");
    } else {
      System.out.println(
          "wrote " + stale.size() + " of " + files.size() + " files under " + sourceRoot);
    }
  }

  // ---- the shapes ----

  /** 64 independent leaves, all feeding one sink. */
  static Shape fanIn() {
    List<Task> tasks = new ArrayList<>();
    List<Integer> leaves = new ArrayList<>();
    for (int i = 0; i < FAN_IN_LEAVES; i++) {
      tasks.add(new Task("leaf" + i, List.of()));
      leaves.add(i);
    }
    tasks.add(new Task("sink", leaves));
    return new Shape(
        "fanin",
        "FanIn",
        "the wide fan-in: " + FAN_IN_LEAVES + " independent leaves into one sink",
        tasks);
  }

  /** 32 tasks, each depending on the one before. */
  static Shape chain() {
    List<Task> tasks = new ArrayList<>();
    tasks.add(new Task("step0", List.of()));
    for (int i = 1; i < CHAIN_LENGTH; i++) {
      tasks.add(new Task("step" + i, List.of(i - 1)));
    }
    return new Shape(
        "chain",
        "Chain",
        "the long chain: " + CHAIN_LENGTH + " tasks, each needing the one before",
        tasks);
  }

  /**
   * A layered random DAG from a fixed seed: 10 layers of 8 to 16 tasks; a task in a later layer
   * depends on one task of the layer before and on up to two more from any earlier layer; a final
   * task {@code total} depends on every task nothing else depends on.
   */
  static Shape randomDag() {
    Random random = new Random(RANDOM_DAG_SEED);
    List<Task> tasks = new ArrayList<>();
    List<int[]> layers = new ArrayList<>();
    for (int layer = 0; layer < RANDOM_DAG_LAYERS; layer++) {
      int width = 8 + random.nextInt(9);
      int first = tasks.size();
      for (int k = 0; k < width; k++) {
        int index = tasks.size();
        List<Integer> dependencies;
        if (layer == 0) {
          dependencies = List.of();
        } else {
          int[] previous = layers.get(layer - 1);
          TreeSet<Integer> chosen = new TreeSet<>();
          chosen.add(previous[0] + random.nextInt(previous[1] - previous[0]));
          int extra = random.nextInt(3);
          for (int e = 0; e < extra; e++) {
            chosen.add(random.nextInt(first));
          }
          dependencies = List.copyOf(chosen);
        }
        tasks.add(new Task("t" + index, dependencies));
      }
      layers.add(new int[] {first, tasks.size()});
    }
    boolean[] used = new boolean[tasks.size()];
    for (Task task : tasks) {
      for (int dependency : task.dependencies()) {
        used[dependency] = true;
      }
    }
    List<Integer> unused = IntStream.range(0, tasks.size()).filter(i -> !used[i]).boxed().toList();
    tasks.add(new Task("total", unused));
    int edges = tasks.stream().mapToInt(t -> t.dependencies().size()).sum();
    return new Shape(
        "randomdag",
        "RandomDag",
        "the layered random DAG (seed "
            + RANDOM_DAG_SEED
            + "): "
            + tasks.size()
            + " tasks, "
            + edges
            + " edges, "
            + RANDOM_DAG_LAYERS
            + " layers, and a final total of the "
            + unused.size()
            + " tasks nothing else needs",
        tasks);
  }

  /** What the sink returns, computed exactly as the generated task methods do. */
  static int expected(Shape shape) {
    List<Task> tasks = shape.tasks();
    int[] values = new int[tasks.size()];
    for (int i = 0; i < tasks.size(); i++) {
      List<Integer> dependencies = tasks.get(i).dependencies();
      if (dependencies.isEmpty()) {
        values[i] = i + 1;
      } else {
        int value = i;
        for (int k = 0; k < dependencies.size(); k++) {
          value += (2 * k + 1) * values[dependencies.get(k)];
        }
        values[i] = value;
      }
    }
    return values[tasks.size() - 1];
  }

  // ---- the sources ----

  static Map<Path, String> sources(Path sourceRoot, Shape shape) {
    String pkg = ROOT_PACKAGE + "." + shape.packageName();
    Path dir = sourceRoot.resolve(pkg.replace('.', '/'));
    String name = shape.className();
    Map<Path, String> files = new LinkedHashMap<>();
    files.put(dir.resolve(name + ".java"), pipeline(pkg, shape));
    files.put(dir.resolve(name + "Sequential.java"), sequential(pkg, shape));
    files.put(dir.resolve(name + "Futures.java"), futures(pkg, shape));
    files.put(dir.resolve(name + "ProducerModule.java"), producerModule(pkg, shape));
    files.put(dir.resolve(name + "Component.java"), component(pkg, shape));
    files.put(dir.resolve(name + "Benchmark.java"), benchmark(pkg, shape));
    return files;
  }

  private static String header(String pkg, String... imports) {
    StringBuilder out =
        new StringBuilder()
            .append("// Generated by ")
            .append(ShapeGenerator.class.getName())
            .append("; do not edit.\n// To regenerate, from the repository root:\n// java ")
            .append("benchmarks/src/main/java/dev/taskwire/benchmarks/generator/")
            .append("ShapeGenerator.java")
            .append(" \\\n//     benchmarks/src/main/java\n")
            .append("package ")
            .append(pkg)
            .append(";\n\n");
    String[] sorted = imports.clone();
    Arrays.sort(sorted);
    for (String imported : sorted) {
      out.append("import ").append(imported).append(";\n");
    }
    if (sorted.length > 0) {
      out.append('\n');
    }
    return out.toString();
  }

  /** The body's expression: {@code i + 1} for a source, else the weighted sum plus {@code i}. */
  private static List<String> terms(Shape shape, int index) {
    Task task = shape.tasks().get(index);
    List<String> terms = new ArrayList<>();
    List<Integer> dependencies = task.dependencies();
    if (dependencies.isEmpty()) {
      terms.add("origin");
      terms.add(String.valueOf(index + 1));
      return terms;
    }
    for (int k = 0; k < dependencies.size(); k++) {
      String argument = shape.tasks().get(dependencies.get(k)).name();
      terms.add(k == 0 ? argument : (2 * k + 1) + " * " + argument);
    }
    terms.add(String.valueOf(index));
    return terms;
  }

  private static String pipeline(String pkg, Shape shape) {
    StringBuilder out =
        new StringBuilder(header(pkg, "dev.taskwire.DependsOn", "dev.taskwire.Task"));
    out.append(
            javadoc(
                "",
                "The taskwire pipeline for "
                    + shape.description()
                    + ". Its runner,"
                    + " {@code "
                    + shape.className()
                    + "Runner}, is generated by the taskwire processor."))
        .append("public class ")
        .append(shape.className())
        .append(" {\n")
        .append("  /** What {@code ")
        .append(shape.sink().name())
        .append("} returns, computed by the generator. */\n")
        .append("  public static final int EXPECTED = ")
        .append(expected(shape))
        .append(";\n\n")
        .append(
            javadoc(
                "  ",
                "Added to every source task's value; 0. A field, not a constant, so"
                    + " that the JIT cannot fold a whole sequential run into one number."))
        .append("  public int origin;\n");
    for (int i = 0; i < shape.tasks().size(); i++) {
      Task task = shape.tasks().get(i);
      List<String> parameters = new ArrayList<>();
      for (int dependency : task.dependencies()) {
        String upstream = shape.tasks().get(dependency).name();
        parameters.add("@DependsOn(\"" + upstream + "\") int " + upstream);
      }
      out.append("\n  @Task\n");
      out.append(wrap("  public int " + task.name() + "(", parameters, ", ", ") {", "      "));
      out.append(wrap("    return ", terms(shape, i), " + ", ";", "        "));
      out.append("  }\n");
    }
    return out.append("}\n").toString();
  }

  private static String sequential(String pkg, Shape shape) {
    StringBuilder out = new StringBuilder(header(pkg));
    out.append(
            javadoc(
                "",
                "The floor: every task method called in declaration order on the"
                    + " caller's thread."))
        .append("final class ")
        .append(shape.className())
        .append("Sequential {\n")
        .append("  private ")
        .append(shape.className())
        .append("Sequential() {}\n\n")
        .append("  static int run(")
        .append(shape.className())
        .append(" p) {\n");
    int last = shape.tasks().size() - 1;
    for (int i = 0; i <= last; i++) {
      Task task = shape.tasks().get(i);
      String prefix =
          (i == last ? "    return p." : "    int " + task.name() + " = p.") + task.name() + "(";
      out.append(wrap(prefix, argumentNames(shape, task), ", ", ");", "        "));
    }
    return out.append("  }\n}\n").toString();
  }

  private static String futures(String pkg, Shape shape) {
    StringBuilder out =
        new StringBuilder(
            header(pkg, "java.util.concurrent.CompletableFuture", "java.util.concurrent.Executor"));
    out.append(
            javadoc(
                "",
                capitalized(shape.description())
                    + ", composed with {@code CompletableFuture} the way a careful engineer writes it by"
                    + " hand:"
                    + " sources start with {@code supplyAsync(.., executor)} on the shared executor (never"
                    + " the common pool); a task with one input uses {@code thenApply}, with two"
                    + " {@code thenCombine}, with more {@code allOf(..).thenApply(..)} reading the inputs"
                    + " with {@code join()} (all done by then). Dependents are non-async stages: each runs"
                    + " on"
                    + " the thread that completes its last input, or on the caller if that input is already"
                    + " done, with no executor hand-off. That is the cheapest correct choice for short,"
                    + " non-blocking bodies; it gives up running sibling dependents in parallel, which"
                    + " {@code *Async(.., executor)} stages would buy at a hand-off each."))
        .append("final class ")
        .append(shape.className())
        .append("Futures {\n")
        .append("  private ")
        .append(shape.className())
        .append("Futures() {}\n\n")
        .append("  static CompletableFuture<Integer> start(")
        .append(shape.className())
        .append(" p, Executor executor) {\n");
    int last = shape.tasks().size() - 1;
    for (int i = 0; i <= last; i++) {
      Task task = shape.tasks().get(i);
      List<String> inputs = argumentNames(shape, task);
      String target =
          i == last ? "    return " : "    CompletableFuture<Integer> " + task.name() + " = ";
      String name = task.name();
      switch (inputs.size()) {
        case 0 ->
            out.append(target)
                .append("CompletableFuture.supplyAsync(p::")
                .append(name)
                .append(", executor);\n");
        case 1 ->
            out.append(target)
                .append(inputs.get(0))
                .append(".thenApply(p::")
                .append(name)
                .append(");\n");
        case 2 ->
            out.append(target)
                .append(inputs.get(0))
                .append(".thenCombine(")
                .append(inputs.get(1))
                .append(", p::")
                .append(name)
                .append(");\n");
        default -> {
          out.append(wrap(target + "CompletableFuture.allOf(", inputs, ", ", ")", "        "));
          List<String> joins = new ArrayList<>();
          for (String input : inputs) {
            joins.add(input + ".join()");
          }
          String prefix = "        .thenApply(done -> p." + name + "(";
          out.append(wrap(prefix, joins, ", ", "));", "            "));
        }
      }
    }
    return out.append("  }\n}\n").toString();
  }

  private static String producerModule(String pkg, Shape shape) {
    StringBuilder out =
        new StringBuilder(
            header(
                pkg,
                "dagger.producers.ProducerModule",
                "dagger.producers.Produces",
                "jakarta.inject.Named"));
    out.append(
            javadoc(
                "",
                capitalized(shape.description())
                    + ", for Dagger Producers: one"
                    + " {@code @Produces} method per task with the same arithmetic as {@link "
                    + shape.className()
                    + "}, results told apart by {@code @Named} keys (all are"
                    + " {@code int})."))
        .append("@ProducerModule\n")
        .append("final class ")
        .append(shape.className())
        .append("ProducerModule {\n")
        .append("  private ")
        .append(shape.className())
        .append("ProducerModule() {}\n");
    for (int i = 0; i < shape.tasks().size(); i++) {
      Task task = shape.tasks().get(i);
      List<String> parameters = new ArrayList<>();
      for (String upstream : argumentNames(shape, task)) {
        parameters.add("@Named(\"" + upstream + "\") int " + upstream);
      }
      if (parameters.isEmpty()) {
        parameters.add("@Named(\"origin\") int origin");
      }
      out.append("\n  @Produces\n  @Named(\"").append(task.name()).append("\")\n");
      out.append(wrap("  static int " + task.name() + "(", parameters, ", ", ") {", "      "));
      out.append(wrap("    return ", terms(shape, i), " + ", ";", "        "));
      out.append("  }\n");
    }
    return out.append("}\n").toString();
  }

  private static String component(String pkg, Shape shape) {
    StringBuilder out =
        new StringBuilder(
            header(
                pkg,
                "com.google.common.util.concurrent.ListenableFuture",
                "dagger.BindsInstance",
                "dagger.producers.Production",
                "dagger.producers.ProductionComponent",
                "jakarta.inject.Named",
                "java.util.concurrent.Executor"));
    String name = shape.className();
    out.append(
            javadoc(
                "",
                "The production component of "
                    + shape.description()
                    + ". It is single use, so the benchmark creates one per run."))
        .append("@ProductionComponent(modules = ")
        .append(name)
        .append("ProducerModule.class)\n")
        .append("interface ")
        .append(name)
        .append("Component {\n")
        .append("  @Named(\"")
        .append(shape.sink().name())
        .append("\")\n")
        .append("  ListenableFuture<Integer> ")
        .append(shape.sink().name())
        .append("();\n\n")
        .append("  @ProductionComponent.Factory\n")
        .append("  interface Factory {\n")
        .append("    ")
        .append(name)
        .append("Component create(\n")
        .append("        @BindsInstance @Production Executor executor,\n")
        .append("        @BindsInstance @Named(\"origin\") int origin);\n")
        .append("  }\n}\n");
    return out.toString();
  }

  private static String benchmark(String pkg, Shape shape) {
    String name = shape.className();
    String sink = shape.sink().name();
    return header(
            pkg,
            ROOT_PACKAGE + ".GraphBenchmark",
            "dev.taskwire.runtime.RunOptions",
            "java.util.concurrent.Executor")
        + javadoc("", capitalized(shape.description()) + ".")
        + "public class "
        + name
        + "Benchmark extends GraphBenchmark {\n"
        + "  private final "
        + name
        + " pipeline = new "
        + name
        + "();\n"
        + "  private Executor executor;\n"
        + "  private RunOptions options;\n"
        + "  private "
        + name
        + "Runner runner;\n\n"
        + "  @Override\n"
        + "  protected void prepare(Executor executor) {\n"
        + "    this.executor = executor;\n"
        + "    this.options = RunOptions.defaults().executor(executor);\n"
        + "    this.runner = new "
        + name
        + "Runner(pipeline, options);\n"
        + "  }\n\n"
        + "  @Override\n"
        + "  protected int expected() {\n"
        + "    return "
        + name
        + ".EXPECTED;\n"
        + "  }\n\n"
        + "  @Override\n"
        + "  protected int runSequential() {\n"
        + "    return "
        + name
        + "Sequential.run(pipeline);\n"
        + "  }\n\n"
        + "  @Override\n"
        + "  protected int runCompletableFuture() {\n"
        + "    return "
        + name
        + "Futures.start(pipeline, executor).join();\n"
        + "  }\n\n"
        + "  @Override\n"
        + "  protected int runDagger() {\n"
        + "    return getUnchecked(\n"
        + "        Dagger"
        + name
        + "Component.factory().create(executor, pipeline.origin)."
        + sink
        + "());\n"
        + "  }\n\n"
        + "  @Override\n"
        + "  protected int runTaskwire() {\n"
        + "    return runner.run()."
        + sink
        + "();\n"
        + "  }\n"
        + "\n"
        + "  @Override\n"
        + "  protected int runTaskwireStart() {\n"
        + "    return runner.start().await()."
        + sink
        + "();\n"
        + "  }\n"
        + "\n"
        + "  @Override\n"
        + "  protected int runTaskwireNewRunner() {\n"
        + "    return new "
        + name
        + "Runner(pipeline, options).run()."
        + sink
        + "();\n"
        + "  }\n"
        + "}\n";
  }

  private static List<String> argumentNames(Shape shape, Task task) {
    List<String> names = new ArrayList<>();
    for (int dependency : task.dependencies()) {
      names.add(shape.tasks().get(dependency).name());
    }
    return names;
  }

  /** A javadoc comment of {@code text}, filled to 100 columns, one line if it fits. */
  private static String javadoc(String indent, String text) {
    String oneLine = indent + "/** " + text + " */";
    if (oneLine.length() <= LINE) {
      return oneLine + "\n";
    }
    StringBuilder out = new StringBuilder(indent).append("/**\n");
    StringBuilder line = new StringBuilder(indent).append(" *");
    for (String word : text.split(" ", -1)) {
      if (line.length() + 1 + word.length() > LINE) {
        out.append(line).append('\n');
        line = new StringBuilder(indent).append(" *");
      }
      line.append(' ').append(word);
    }
    return out.append(line).append('\n').append(indent).append(" */\n").toString();
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /**
   * {@code prefix}, the items joined by {@code separator}, then {@code suffix}, on one line if it
   * fits in 100 columns, else filled greedily onto continuation lines starting with {@code indent}.
   * Ends with a newline.
   */
  private static String wrap(
      String prefix, List<String> items, String separator, String suffix, String indent) {
    String oneLine = prefix + String.join(separator, items) + suffix;
    if (oneLine.length() <= LINE) {
      return oneLine + "\n";
    }
    String trimmedSeparator = separator.stripTrailing();
    StringBuilder out = new StringBuilder(prefix.stripTrailing());
    StringBuilder line = new StringBuilder(indent);
    boolean lineEmpty = true;
    for (int i = 0; i < items.size(); i++) {
      String piece = items.get(i) + (i < items.size() - 1 ? trimmedSeparator : suffix);
      if (!lineEmpty && line.length() + 1 + piece.length() > LINE) {
        out.append('\n').append(line);
        line = new StringBuilder(indent);
        lineEmpty = true;
      }
      if (!lineEmpty) {
        line.append(' ');
      }
      line.append(piece);
      lineEmpty = false;
    }
    // A prefix ending in "return " or "(" continues on the next line; keep "(" on the first.
    return out.append('\n').append(line).append('\n').toString();
  }
}
