package dev.taskwire.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskwire.benchmarks.async.AsyncBenchmark;
import dev.taskwire.benchmarks.async.AsyncPipelineRunner;
import dev.taskwire.benchmarks.chain.ChainRunner;
import dev.taskwire.benchmarks.diamond.DiamondRunner;
import dev.taskwire.benchmarks.fanin.FanInRunner;
import dev.taskwire.benchmarks.randomdag.RandomDagRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns JMH's JSON result file (and the compile-time benchmark's table) into the markdown report
 * {@code benchmarks/results.md}: the machine, then per shape the time and the bytes allocated per
 * run of every contender with the ratios taskwire / {@code CompletableFuture} and taskwire /
 * Dagger, the async shape's live thread counts, and the compile-time table.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.taskwire.benchmarks.ResultsTable \
 *     --jmh benchmarks/results.json [--compile compile-time.md] [--out benchmarks/results.md]
 * </pre>
 */
public final class ResultsTable {
  /** Shape benchmark class (simple name), its label, and its number of tasks. */
  private record Shape(String benchmark, String label, String tasks) {}

  private static final List<Shape> SHAPES =
      List.of(
          new Shape("DiamondBenchmark", "diamond", String.valueOf(DiamondRunner.GRAPH.size())),
          new Shape("FanInBenchmark", "wide fan-in", String.valueOf(FanInRunner.GRAPH.size())),
          new Shape("ChainBenchmark", "long chain", String.valueOf(ChainRunner.GRAPH.size())),
          new Shape(
              "RandomDagBenchmark", "random DAG", String.valueOf(RandomDagRunner.GRAPH.size())),
          new Shape(
              "AsyncBenchmark",
              "async, "
                  + String.format(Locale.ROOT, "%,d", AsyncBenchmark.RUNS)
                  + " runs in flight",
              String.valueOf(AsyncPipelineRunner.GRAPH.size())));

  /** Contender method name and column heading, in column order. */
  private static final Map<String, String> CONTENDERS = new LinkedHashMap<>();

  static {
    CONTENDERS.put("sequential", "sequential (floor)");
    CONTENDERS.put("completableFuture", "CompletableFuture");
    CONTENDERS.put("dagger", "Dagger Producers");
    CONTENDERS.put("taskwire", "taskwire `run()`");
    CONTENDERS.put("taskwireNewRunner", "taskwire `run()`, new runner per run");
    CONTENDERS.put("taskwireStart", "taskwire `start().await()`");
  }

  /** One metric's score and its 99.9% confidence half-width (NaN if unknown). */
  private record Score(double value, double error) {}

  private ResultsTable() {}

  public static void main(String[] args) throws IOException {
    Path jmh = null;
    Path compile = null;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--jmh" -> jmh = Path.of(args[++i]);
        case "--compile" -> compile = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (jmh == null) {
      throw new IllegalArgumentException(
          "usage: ResultsTable --jmh FILE [--compile FILE] [--out FILE]");
    }
    ZonedDateTime measured =
        Files.getLastModifiedTime(jmh).toInstant().atZone(java.time.ZoneId.systemDefault());
    String report =
        render(
            new ObjectMapper().readTree(jmh.toFile()),
            measured,
            compile != null && Files.exists(compile) ? Files.readString(compile) : null);
    if (out != null) {
      Files.writeString(out, report, StandardCharsets.UTF_8);
      System.out.println("wrote " + out);
    } else {
      System.out.print(report);
    }
  }

  static String render(JsonNode results, ZonedDateTime measured, String compileTable) {
    // shape -> threads param -> contender -> metric -> score
    Map<String, Map<String, Map<String, Map<String, Score>>>> scores = new LinkedHashMap<>();
    TreeSet<String> poolSizes = new TreeSet<>();
    JsonNode first = results.size() > 0 ? results.get(0) : null;
    for (JsonNode result : results) {
      String[] name = result.get("benchmark").asText().split("\\.", -1);
      String shape = name[name.length - 2];
      String contender = name[name.length - 1];
      String threads = result.path("params").path("threads").asText("?");
      poolSizes.add(threads);
      Map<String, Score> metrics = new LinkedHashMap<>();
      metrics.put("time", score(result.get("primaryMetric")));
      result
          .path("secondaryMetrics")
          .properties()
          .forEach(metric -> metrics.put(metric.getKey(), score(metric.getValue())));
      scores
          .computeIfAbsent(shape, s -> new LinkedHashMap<>())
          .computeIfAbsent(threads, t -> new LinkedHashMap<>())
          .put(contender, metrics);
    }

    StringBuilder md = new StringBuilder();
    md.append("# taskwire benchmark results\n\n");
    md.append(
            "Written by `benchmarks/run.sh` (see benchmarks/README.md for what each contender"
                + " does and how they were made equivalent); JMH results of ")
        .append(measured.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
        .append(".\n\n");
    md.append("## Machine and settings\n\n");
    md.append("- CPU: ")
        .append(cpuModel())
        .append(", `nproc` = ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(memory())
        .append('\n');
    if (first != null) {
      md.append("- JVM: ")
          .append(first.path("vmName").asText())
          .append(' ')
          .append(first.path("vmVersion").asText())
          .append(" (JDK ")
          .append(first.path("jdkVersion").asText())
          .append("), JVM args: ")
          .append(first.path("jvmArgs").toString())
          .append('\n');
      md.append("- JMH ")
          .append(first.path("jmhVersion").asText())
          .append(": ")
          .append(first.path("forks").asInt())
          .append(" fork(s), ")
          .append(first.path("warmupIterations").asInt())
          .append(" x ")
          .append(first.path("warmupTime").asText())
          .append(" warm-up, ")
          .append(first.path("measurementIterations").asInt())
          .append(" x ")
          .append(first.path("measurementTime").asText())
          .append(" measurement, average time mode, `-prof gc`; shared fixed pool of ")
          .append(String.join(" / ", poolSizes))
          .append(" daemon thread(s) per trial\n");
    }
    md.append(
        "- ± is JMH's 99.9% confidence half-width over all measured iterations of all forks."
            + " A ratio below 1 means taskwire is faster (or allocates less).\n\n");

    md.append("## Time per run (µs, lower is better)\n\n");
    table(md, scores, "time", 1);
    md.append("\nThe async shape's times are per run too: one benchmark operation starts ")
        .append(String.format(Locale.ROOT, "%,d", AsyncBenchmark.RUNS))
        .append(
            " runs, each waiting 2 ms for its four simulated remote calls, then waits for all"
                + " of them; JMH divides by the run count. Its taskwire column is `start()` of every"
                + " run, then `await()` of each (the only way to have many runs in flight), shown under"
                + " `run()`; it has no sequential floor (blocking on each call in turn measures the"
                + " 2 ms latency, not scheduling).\n\n");
    md.append(
        "`run()` lends the calling thread to the run (it takes ready tasks itself instead of"
            + " parking), so small graphs run with no thread hand-off at all, while the"
            + " `CompletableFuture` code parks the caller in `join()` and Dagger in `get()`. The"
            + " `start().await()` column hands everything to the pool and parks the caller too: its"
            + " ratio to `CompletableFuture` compares the two schedulers on equal terms.\n\n");
    md.append("## Bytes allocated per run (`gc.alloc.rate.norm`, lower is better)\n\n");
    table(md, scores, "gc.alloc.rate.norm", 0);

    md.append("\n## Async shape: live threads\n\n");
    md.append(
            "Peak live threads (`ThreadMXBean.getPeakThreadCount()`, reset before each iteration,"
                + " maximum over all iterations) while ")
        .append(String.format(Locale.ROOT, "%,d", AsyncBenchmark.RUNS))
        .append(
            " runs (4,000 pending calls) are in flight at a time, next to the count when the"
                + " iterations began (JMH's threads, the shared pool and the timer thread).\n\n");
    md.append(
        "| pool threads | contender | peak live threads | live threads at start"
            + " | time per run (µs) |\n");
    md.append("|---:|---|---:|---:|---:|\n");
    Map<String, Map<String, Map<String, Score>>> async =
        scores.getOrDefault("AsyncBenchmark", Map.of());
    Map<String, String> asyncContenders = new LinkedHashMap<>();
    asyncContenders.put("completableFuture", "CompletableFuture");
    asyncContenders.put("dagger", "Dagger Producers");
    asyncContenders.put("taskwire", "taskwire");
    for (Map.Entry<String, Map<String, Map<String, Score>>> byThreads : async.entrySet()) {
      for (Map.Entry<String, String> contender : asyncContenders.entrySet()) {
        Map<String, Score> metrics = byThreads.getValue().get(contender.getKey());
        if (metrics == null) {
          continue;
        }
        md.append("| ")
            .append(byThreads.getKey())
            .append(" | ")
            .append(contender.getValue())
            .append(" | ")
            .append(plain(metrics.get("threads.peak")))
            .append(" | ")
            .append(plain(metrics.get("threads.start")))
            .append(" | ")
            .append(withError(metrics.get("time"), 1))
            .append(" |\n");
      }
    }

    Map<String, Map<String, Map<String, Score>>> listener =
        scores.getOrDefault("ListenerBenchmark", Map.of());
    if (!listener.isEmpty()) {
      md.append("\n## The listener hook (random DAG, `run()`)\n\n");
      md.append(
          "A run makes only the events some listener overrides: with no listener, or one that"
              + " overrides nothing, an event costs one check; a listener that overrides an event"
              + " gets an event object for it.\n\n");
      md.append(
          "| pool threads | listeners | time per run (µs) | bytes per run | time / no listener"
              + " |\n|---:|---|---:|---:|---:|\n");
      Map<String, String> rows = new LinkedHashMap<>();
      rows.put("noListener", "none");
      rows.put("noOpListener", "one that does nothing");
      rows.put("countingListener", "one counting started and succeeded events");
      for (Map.Entry<String, Map<String, Map<String, Score>>> byThreads : listener.entrySet()) {
        Map<String, Score> none = byThreads.getValue().get("noListener");
        for (Map.Entry<String, String> row : rows.entrySet()) {
          Map<String, Score> metrics = byThreads.getValue().get(row.getKey());
          if (metrics == null) {
            continue;
          }
          md.append("| ")
              .append(byThreads.getKey())
              .append(" | ")
              .append(row.getValue())
              .append(" | ")
              .append(withError(metrics.get("time"), 1))
              .append(" | ")
              .append(withError(metrics.get("gc.alloc.rate.norm"), 0))
              .append(" | ")
              .append(none == null ? "–" : ratio(metrics.get("time"), none.get("time")))
              .append(" |\n");
        }
      }
    }

    fanOutTable(results, md);
    workTable(results, md);
    telemetryTable(results, md);
    dispatchTable(results, md);
    dispatchFanOutTable(results, md);

    if (compileTable != null) {
      md.append("\n## Compile time of the processor\n\n");
      md.append(
          "`java -cp benchmarks/target/benchmarks.jar"
              + " dev.taskwire.benchmarks.CompileTimeBenchmark`. Task `i` depends on task `i - 1`"
              + " and task `i / 2`.\n\n");
      md.append(compileTable.strip()).append('\n');
    }
    return md.toString();
  }

  private static void table(
      StringBuilder md,
      Map<String, Map<String, Map<String, Map<String, Score>>>> scores,
      String metric,
      int decimals) {
    md.append("| shape | tasks | pool threads |");
    CONTENDERS.values().forEach(heading -> md.append(' ').append(heading).append(" |"));
    md.append(
        " **taskwire / CF** | new runner per run / CF | taskwire / Dagger | `start().await()` / CF"
            + " |\n");
    md.append("|---|---:|---:|");
    CONTENDERS.values().forEach(heading -> md.append("---:|"));
    md.append("---:|---:|---:|---:|\n");
    for (Shape shape : SHAPES) {
      Map<String, Map<String, Map<String, Score>>> byThreads = scores.get(shape.benchmark());
      if (byThreads == null) {
        continue;
      }
      for (Map.Entry<String, Map<String, Map<String, Score>>> entry : byThreads.entrySet()) {
        Map<String, Map<String, Score>> contenders = entry.getValue();
        md.append("| ")
            .append(shape.label())
            .append(" | ")
            .append(shape.tasks())
            .append(" | ")
            .append(entry.getKey())
            .append(" |");
        for (String contender : CONTENDERS.keySet()) {
          Score score = metric(contenders, contender, metric);
          md.append(' ').append(score == null ? "–" : withError(score, decimals)).append(" |");
        }
        Score taskwire = metric(contenders, "taskwire", metric);
        if (taskwire == null) {
          taskwire = metric(contenders, "taskwireStart", metric);
        }
        md.append(" **")
            .append(ratio(taskwire, metric(contenders, "completableFuture", metric)))
            .append("** |");
        md.append(' ')
            .append(
                ratio(
                    metric(contenders, "taskwireNewRunner", metric),
                    metric(contenders, "completableFuture", metric)))
            .append(" |");
        md.append(' ').append(ratio(taskwire, metric(contenders, "dagger", metric))).append(" |");
        md.append(' ')
            .append(
                ratio(
                    metric(contenders, "taskwireStart", metric),
                    metric(contenders, "completableFuture", metric)))
            .append(" |\n");
      }
    }
  }

  private static Score metric(
      Map<String, Map<String, Score>> contenders, String contender, String metric) {
    Map<String, Score> metrics = contenders.get(contender);
    return metrics == null ? null : metrics.get(metric);
  }

  /** A time score in milliseconds, whichever unit JMH reported it in ({@code run.sh} asks µs). */
  private static Score inMillis(JsonNode metric) {
    Score score = score(metric);
    double perMilli =
        switch (metric.path("scoreUnit").asText()) {
          case "ns/op" -> 1e6;
          case "us/op" -> 1e3;
          case "ms/op" -> 1;
          case "s/op" -> 1e-3;
          default ->
              throw new IllegalArgumentException(
                  "not a time per operation: " + metric.path("scoreUnit").asText());
        };
    return new Score(score.value() / perMilli, score.error() / perMilli);
  }

  private static Score score(JsonNode metric) {
    JsonNode error = metric.path("scoreError");
    return new Score(
        metric.path("score").asDouble(), error.isNumber() ? error.asDouble() : Double.NaN);
  }

  /** The value, then ± the error (to the value's decimal places) if JMH gave one. */
  private static String withError(Score score, int decimals) {
    int places = places(score.value(), decimals);
    if (places < 0) {
      return "≈ 0";
    }
    String value = String.format(Locale.ROOT, "%,." + places + "f", score.value());
    if (Double.isNaN(score.error())) {
      return value;
    }
    return value + " ± " + String.format(Locale.ROOT, "%,." + places + "f", score.error());
  }

  /**
   * Decimal places that give three significant digits, none for whole quantities like bytes ({@code
   * decimals == 0}), or -1 for a value too small to show.
   */
  private static int places(double value, int decimals) {
    double magnitude = Math.abs(value);
    if (magnitude < 0.001) {
      return -1;
    }
    if (decimals == 0 && magnitude >= 1) {
      return 0;
    }
    return magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  }

  /**
   * FanOutBenchmark: per element count and kind (sync, async), time per run and bytes per element
   * of the hand-written code and taskwire, and taskwire's ratios to it.
   */
  private static void fanOutTable(JsonNode results, StringBuilder md) {
    // "100000 sync" -> contender -> metrics
    Map<String, Map<String, Map<String, Score>>> rows = new LinkedHashMap<>();
    for (JsonNode result : results) {
      String benchmark = result.get("benchmark").asText();
      if (!benchmark.contains(".FanOutBenchmark.")) {
        continue;
      }
      String method = method(result);
      boolean async = method.endsWith("Async");
      String contender = async ? method.substring(0, method.length() - "Async".length()) : method;
      Map<String, Score> metrics = new LinkedHashMap<>();
      metrics.put("time", inMillis(result.get("primaryMetric")));
      metrics.put("bytes", score(result.path("secondaryMetrics").path("gc.alloc.rate.norm")));
      rows.computeIfAbsent(
              result.path("params").path("elements").asText("?") + (async ? " async" : " sync"),
              row -> new LinkedHashMap<>())
          .put(contender, metrics);
    }
    if (rows.isEmpty()) {
      return;
    }
    md.append("\n## Fan-out at scale (`FanOutBenchmark`)\n\n");
    md.append(
        "A `@ForEach` over that many trivial elements, then their sum, with a new runner per run,"
            + " against `supplyAsync` per element and `allOf`; 512 MB heap, 2 pool threads.\n\n");
    md.append(
        "| elements | CF ms | taskwire ms | time ratio | CF B/element | taskwire B/element"
            + " | **bytes ratio** |\n|---|--:|--:|--:|--:|--:|--:|\n");
    rows.forEach(
        (row, contenders) -> {
          Map<String, Score> futures = contenders.get("completableFuture");
          Map<String, Score> taskwire = contenders.get("taskwire");
          if (futures == null || taskwire == null) {
            return;
          }
          double elements = Double.parseDouble(row.substring(0, row.indexOf(' ')));
          md.append("| ")
              .append(row)
              .append(" | ")
              .append(withError(futures.get("time"), 1))
              .append(" | ")
              .append(withError(taskwire.get("time"), 1))
              .append(" | ")
              .append(ratio(taskwire.get("time"), futures.get("time")))
              .append(" | ")
              .append(perElement(futures.get("bytes"), elements))
              .append(" | ")
              .append(perElement(taskwire.get("bytes"), elements))
              .append(" | **")
              .append(ratio(taskwire.get("bytes"), futures.get("bytes")))
              .append("** |\n");
        });
  }

  /**
   * WorkBenchmark: per task length, the time of four independent tasks by plain calls, by
   * hand-written futures and by taskwire, and taskwire's ratio to each.
   */
  private static void workTable(JsonNode results, StringBuilder md) {
    // micros -> contender -> time
    Map<String, Map<String, Score>> rows = new LinkedHashMap<>();
    for (JsonNode result : results) {
      String benchmark = result.get("benchmark").asText();
      if (benchmark.contains(".WorkBenchmark.")) {
        rows.computeIfAbsent(
                result.path("params").path("micros").asText("?"), row -> new LinkedHashMap<>())
            .put(method(result), score(result.get("primaryMetric")));
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    md.append("\n## Parallel where it pays (`WorkBenchmark`)\n\n");
    md.append(
        "Four independent tasks that each keep a core busy for that long, then their sum, on a"
            + " pool of 2 threads: `run()` against plain calls one after another and against"
            + " `supplyAsync` per task.\n\n");
    md.append("| task length | sequential µs | CF µs | taskwire µs | ×sequential | ×CF |\n");
    md.append("|--:|--:|--:|--:|--:|--:|\n");
    rows.forEach(
        (micros, times) ->
            md.append("| ")
                .append(micros)
                .append(" µs | ")
                .append(timeOrDash(times.get("sequential")))
                .append(" | ")
                .append(timeOrDash(times.get("completableFuture")))
                .append(" | ")
                .append(timeOrDash(times.get("taskwire")))
                .append(" | ")
                .append(ratio(times.get("taskwire"), times.get("sequential")))
                .append(" | ")
                .append(ratio(times.get("taskwire"), times.get("completableFuture")))
                .append(" |\n"));
  }

  /**
   * TelemetryBenchmark: per telemetry setting, the time and bytes of a run of the random DAG and
   * their ratios to the run with no telemetry.
   */
  private static void telemetryTable(JsonNode results, StringBuilder md) {
    Map<String, Cost> rows =
        costs(
            results,
            "TelemetryBenchmark",
            result -> result.path("params").path("telemetry").asText("?"));
    Cost none = rows.get("none");
    if (none == null) {
      return;
    }
    md.append("\n## Telemetry (`TelemetryBenchmark`)\n\n");
    md.append(
        "A run of the random DAG (109 trivial tasks) with a new runner per run, per telemetry"
            + " setting (see the class's javadoc for each), against none.\n\n");
    md.append("| telemetry | time per run (µs) | bytes per run | time ×none | bytes ×none |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    rows.forEach(
        (telemetry, cost) ->
            md.append("| ")
                .append(telemetry)
                .append(" | ")
                .append(withError(cost.time(), 1))
                .append(" | ")
                .append(withError(cost.bytes(), 0))
                .append(" | ")
                .append(ratio(cost.time(), none.time()))
                .append(" | ")
                .append(ratio(cost.bytes(), none.bytes()))
                .append(" |\n"));
  }

  /**
   * DispatchBenchmark: time and bytes per dispatched task, in this JVM and through Hazelcast from a
   * client and from a lite member.
   */
  private static void dispatchTable(JsonNode results, StringBuilder md) {
    Map<String, Cost> rows = costs(results, "DispatchBenchmark", ResultsTable::method);
    if (rows.isEmpty()) {
      return;
    }
    md.append("\n## Dispatch to Hazelcast (`DispatchBenchmark`)\n\n");
    md.append(
        "One task with a 1 KB argument, run in this JVM (`local`) or dispatched to a member of a"
            + " Hazelcast cluster in the same JVM; bytes count both sides.\n\n");
    md.append("| dispatched | time per task (µs) | bytes per task |\n|---|---:|---:|\n");
    costRows(rows, md);
  }

  /**
   * DispatchFanOutBenchmark: time and bytes per element of a dispatched fan-out, each element sent
   * alone or in batches, against the same run in this JVM.
   */
  private static void dispatchFanOutTable(JsonNode results, StringBuilder md) {
    Map<String, Cost> rows =
        costs(
            results,
            "DispatchFanOutBenchmark",
            result -> {
              String method = method(result);
              return method.equals("local")
                  ? "local"
                  : method + ", batchSize " + result.path("params").path("batchSize").asText();
            });
    if (rows.isEmpty()) {
      return;
    }
    md.append("\n## A dispatched fan-out, alone and in batches (`DispatchFanOutBenchmark`)\n\n");
    md.append(
        "64 elements of 1 KB, each checksummed by a task dispatched from a client to a member in"
            + " the same JVM, each call alone (`batchSize` 1) or in batches; per element, bytes"
            + " counting both sides.\n\n");
    md.append("| elements sent | time per element (µs) | bytes per element |\n|---|---:|---:|\n");
    costRows(rows, md);
  }

  /** One table row per entry: its name, time and bytes. */
  private static void costRows(Map<String, Cost> rows, StringBuilder md) {
    rows.forEach(
        (row, cost) ->
            md.append("| ")
                .append(row)
                .append(" | ")
                .append(withError(cost.time(), 1))
                .append(" | ")
                .append(withError(cost.bytes(), 0))
                .append(" |\n"));
  }

  /**
   * The benchmark method of a result: {@code fromClient} of {@code
   * ...DispatchBenchmark.fromClient}.
   */
  private static String method(JsonNode result) {
    String benchmark = result.get("benchmark").asText();
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  /** A benchmark's time and bytes per operation. */
  private record Cost(Score time, Score bytes) {}

  /** The time and bytes of each result of {@code benchmark} (a class's simple name), by row. */
  private static Map<String, Cost> costs(
      JsonNode results, String benchmark, Function<JsonNode, String> row) {
    Map<String, Cost> costs = new LinkedHashMap<>();
    for (JsonNode result : results) {
      if (result.get("benchmark").asText().contains("." + benchmark + ".")) {
        costs.put(
            row.apply(result),
            new Cost(
                score(result.get("primaryMetric")),
                score(result.path("secondaryMetrics").path("gc.alloc.rate.norm"))));
      }
    }
    return costs;
  }

  private static String timeOrDash(Score score) {
    return score == null ? "–" : withError(score, 1);
  }

  private static String perElement(Score bytes, double elements) {
    return String.format(Locale.ROOT, "%.0f", bytes.value() / elements);
  }

  private static String plain(Score score) {
    return score == null ? "–" : String.format(Locale.ROOT, "%.0f", score.value());
  }

  private static String ratio(Score numerator, Score denominator) {
    if (numerator == null || denominator == null || denominator.value() <= 0) {
      return "–";
    }
    double ratio = numerator.value() / denominator.value();
    String digits = ratio >= 10 ? "%.0f" : ratio >= 1 ? "%.1f" : ratio >= 0.1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, digits, ratio) + "×";
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return "`" + line.substring(line.indexOf(':') + 1).trim() + "`";
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return "`" + System.getProperty("os.arch") + "` (no /proc/cpuinfo)";
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, ", %.0f GiB memory", kib / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "";
  }
}
