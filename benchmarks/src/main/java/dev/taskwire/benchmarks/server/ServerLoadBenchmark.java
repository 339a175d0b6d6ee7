package dev.taskwire.benchmarks.server;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.taskwire.benchmarks.BenchmarkThreads;
import dev.taskwire.runtime.RunOptions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * A server under load: {@code --in-flight} requests (default 10,000) are kept in flight, each one a
 * fresh ten-task {@link RequestPipeline} with three remote calls of 1 to 5 ms, until {@code
 * --requests} have completed; as each completes, the next starts. The first {@code --warmup}
 * completions are not measured. For each contender (taskwire, hand-written {@code
 * CompletableFuture}, Dagger Producers), on a fixed pool of {@code --threads} threads (default 2)
 * or with {@code --threads virtual} on a virtual thread per task (Java 21+), it reports the
 * throughput, the p50 and p99 latency of a request (its start to the completion of {@code render})
 * the bytes allocated per request (by every thread, virtual ones included, on Java 21+; by the live
 * platform threads on Java 17), the process's CPU time per request, and the tasks handed to the
 * executor per request (every contender gets the same executor, wrapped to count them). Every
 * answer is checked against {@link RequestPipeline#expected(Request)}. The contenders run one after
 * another in this JVM, interleaved over {@code --rounds} after {@code --warmup-rounds} that are not
 * measured; the table shows each one's median. The simulated service completes its calls on {@code
 * --timers} timer threads (default 1), each call on the one its value picks: one timer thread,
 * which every call's completion waits for, bounds the throughput on two cores.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.taskwire.benchmarks.server.ServerLoadBenchmark \
 *     [--threads 2|virtual] [--in-flight 10000] [--requests 200000] [--warmup 50000] \
 *     [--rounds 3] [--warmup-rounds 1] [--contenders taskwire,completableFuture,dagger] \
 *     [--timers 1] [--out FILE]
 * </pre>
 *
 * <p>It prints a markdown table, and writes it to {@code --out} if given (benchmarks/run.sh appends
 * it to benchmarks/results.md).
 */
public final class ServerLoadBenchmark {
  private ServerLoadBenchmark() {}

  private static final String[] CONTENDERS = {"taskwire", "completableFuture", "dagger"};

  /** One measured run of one contender. */
  private record Measurement(
      double throughput,
      double p50Millis,
      double p99Millis,
      double bytesPerRequest,
      double handOffsPerRequest,
      double cpuMicrosPerRequest,
      double gcMicrosPerRequest) {}

  public static void main(String[] args) throws Exception {
    String threads = "2";
    int timerCount = 1;
    int inFlight = 10_000;
    int requests = 200_000;
    int warmup = 50_000;
    int rounds = 3;
    int warmupRounds = 1;
    Path out = null;
    List<String> contenders = List.of(CONTENDERS);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = args[++i];
        case "--timers" -> timerCount = Integer.parseInt(args[++i]);
        case "--in-flight" -> inFlight = Integer.parseInt(args[++i]);
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup-rounds" -> warmupRounds = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--contenders" -> contenders = List.of(args[++i].split(","));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (!List.of(CONTENDERS).containsAll(contenders) || contenders.isEmpty()) {
      throw new IllegalArgumentException(
          "--contenders takes some of " + String.join(",", CONTENDERS) + ", not " + contenders);
    }
    if (inFlight < 1
        || warmup < 0
        || requests <= warmup
        || rounds < 1
        || warmupRounds < 0
        || timerCount < 1) {
      throw new IllegalArgumentException(
          "need --in-flight >= 1, --warmup >= 0, --requests > --warmup, --rounds >= 1,"
              + " --warmup-rounds >= 0 and --timers >= 1");
    }
    boolean virtual = threads.equals("virtual");
    ExecutorService executor =
        virtual ? virtualThreads() : BenchmarkThreads.fixedPool(parse(threads));
    ScheduledExecutorService[] timers = new ScheduledExecutorService[timerCount];
    for (int t = 0; t < timerCount; t++) {
      timers[t] = BenchmarkThreads.timer();
    }
    LatencyService service = new LatencyService(timers);

    Map<String, List<Measurement>> results = new LinkedHashMap<>();
    for (String contender : contenders) {
      results.put(contender, new ArrayList<>());
    }
    try {
      Load load = new Load(executor, service, inFlight, requests, warmup);
      // Unmeasured rounds first: whoever ran first right after the JVM started came out slowest,
      // since the code all contenders share (the JDK's executors and futures) was not compiled yet.
      for (int round = -warmupRounds; round < rounds; round++) {
        for (int c = 0; c < contenders.size(); c++) {
          // Rotate the order each round, so that no contender always runs first.
          String contender = contenders.get(Math.floorMod(c + round, contenders.size()));
          System.gc();
          Measurement m = load.run(contender);
          if (round >= 0) {
            results.get(contender).add(m);
          }
          System.err.printf(
              Locale.ROOT,
              "%s %-17s %,10.0f req/s  p50 %6.2f ms  p99 %6.2f ms  %s bytes/request"
                  + "  %.2f hand-offs/request  %.1f µs CPU/request  %.1f µs GC/request%n",
              round < 0 ? "warm-up" : "round " + (round + 1),
              contender,
              m.throughput(),
              m.p50Millis(),
              m.p99Millis(),
              bytes(m.bytesPerRequest()),
              m.handOffsPerRequest(),
              m.cpuMicrosPerRequest(),
              m.gcMicrosPerRequest());
        }
      }
    } finally {
      executor.shutdownNow();
      for (ScheduledExecutorService timer : timers) {
        timer.shutdownNow();
      }
    }

    String table =
        table(
            results,
            virtual ? "virtual" : threads,
            virtual,
            timerCount,
            inFlight,
            requests,
            warmup,
            rounds,
            warmupRounds);
    System.out.print(table);
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, table, StandardCharsets.UTF_8);
    }
  }

  private static int parse(String threads) {
    try {
      return Integer.parseInt(threads);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--threads takes a number of pool threads or \"virtual\", not " + threads, e);
    }
  }

  /**
   * {@code Executors.newVirtualThreadPerTaskExecutor()}, found by reflection: this code compiles
   * for Java 17, where the method does not exist.
   */
  private static ExecutorService virtualThreads() {
    try {
      return (ExecutorService)
          java.util.concurrent.Executors.class
              .getMethod("newVirtualThreadPerTaskExecutor")
              .invoke(null);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "--threads virtual needs Java 21 or later (Executors.newVirtualThreadPerTaskExecutor);"
              + " this JVM is Java "
              + Runtime.version(),
          e);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot create a virtual-thread executor", e);
    }
  }

  /** The load generator: one instance, reused for every run. */
  private static final class Load {
    /** The pool, counting every task handed to it; what every contender runs on. */
    private final Executor executor;

    private final LongAdder handOffs = new LongAdder();
    private final LatencyService service;
    private final RunOptions options;
    private final RequestComponent.Factory dagger = DaggerRequestComponent.factory();
    private final int inFlight;
    private final int requests;
    private final int warmup;
    private final LongSupplier allocatedBytes = allocationCounter();

    /** Latency of each measured request, preallocated and reused. */
    private final long[] latencies;

    // The state of the current run.
    private String contender;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger recorded = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private CountDownLatch done;
    private volatile Counters atStart;
    private volatile Counters atEnd;
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** What the measurement reads at its start and its end; bytes are 0 if not counted. */
    private record Counters(long nanos, long bytes, long handOffs, long cpuNanos, long gcMillis) {}

    private Counters counters() {
      return new Counters(
          System.nanoTime(),
          allocatedBytes != null ? allocatedBytes.getAsLong() : 0,
          handOffs.sum(),
          os.getProcessCpuTime(),
          gcMillis());
    }

    Load(ExecutorService pool, LatencyService service, int inFlight, int requests, int warmup) {
      this.executor =
          task -> {
            handOffs.increment();
            pool.execute(task);
          };
      this.service = service;
      this.options = RunOptions.defaults().executor(this.executor);
      this.inFlight = inFlight;
      this.requests = requests;
      this.warmup = warmup;
      this.latencies = new long[requests - warmup];
    }

    Measurement run(String contender) throws InterruptedException {
      this.contender = contender;
      started.set(0);
      completed.set(0);
      recorded.set(0);
      failure.set(null);
      done = new CountDownLatch(1);
      if (warmup == 0) {
        atStart = counters();
      }
      int first = Math.min(inFlight, requests);
      for (int i = 0; i < first; i++) {
        startNext();
      }
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException(
            contender + ": timed out, " + completed.get() + " of " + requests + " completed");
      }
      Throwable error = failure.get();
      if (error != null) {
        throw new IllegalStateException(contender + " failed", error);
      }
      double measured = requests - warmup;
      Counters start = atStart;
      Counters end = atEnd;
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      return new Measurement(
          measured / ((end.nanos() - start.nanos()) / 1e9),
          percentile(sorted, 0.50) / 1e6,
          percentile(sorted, 0.99) / 1e6,
          allocatedBytes != null ? (end.bytes() - start.bytes()) / measured : Double.NaN,
          (end.handOffs() - start.handOffs()) / measured,
          (end.cpuNanos() - start.cpuNanos()) / 1e3 / measured,
          (end.gcMillis() - start.gcMillis()) * 1e3 / measured);
    }

    private void startNext() {
      int id = started.getAndIncrement();
      if (id >= requests || failure.get() != null) {
        return;
      }
      Request request = Request.of(id);
      InFlight callback = new InFlight(this, request, System.nanoTime());
      try {
        switch (contender) {
          case "taskwire" -> {
            var unused =
                new RequestPipelineRunner(new RequestPipeline(request, service), options)
                    .start()
                    .render()
                    .whenComplete(callback);
          }
          case "completableFuture" -> {
            var unused =
                RequestFutures.start(new RequestPipeline(request, service), executor)
                    .whenComplete(callback);
          }
          case "dagger" -> {
            ListenableFuture<Integer> render = dagger.create(executor, service, request).render();
            callback.listenable = render;
            render.addListener(callback, MoreExecutors.directExecutor());
          }
          default -> throw new IllegalArgumentException("unknown contender " + contender);
        }
      } catch (RuntimeException e) {
        fail(e);
      }
    }

    void complete(Request request, long startNanos, Integer value, Throwable error) {
      long now = System.nanoTime();
      if (error != null) {
        fail(new IllegalStateException("request " + request.id() + " failed", error));
        return;
      }
      int expected = RequestPipeline.expected(request);
      if (value == null || value != expected) {
        fail(
            new IllegalStateException(
                contender
                    + ": request "
                    + request.id()
                    + " answered "
                    + value
                    + ", expected "
                    + expected));
        return;
      }
      int index = completed.getAndIncrement();
      if (index >= warmup) {
        latencies[index - warmup] = now - startNanos;
        if (recorded.incrementAndGet() == requests - warmup) {
          atEnd = counters();
          done.countDown();
          return;
        }
      } else if (index == warmup - 1) {
        atStart = counters();
      }
      startNext();
    }

    private void fail(Throwable error) {
      if (failure.compareAndSet(null, error)) {
        done.countDown();
      }
    }
  }

  /**
   * Bytes allocated so far: by every thread that has run, virtual threads included, where the JVM
   * counts them ({@code getTotalThreadAllocatedBytes()}, Java 21+), else by the live platform
   * threads (Java 17, which has no virtual threads); null if the JVM counts neither.
   */
  private static LongSupplier allocationCounter() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
      return null;
    }
    try {
      // Found by reflection: this code compiles for Java 17, where the method does not exist.
      MethodHandle total =
          MethodHandles.publicLookup()
              .findVirtual(
                  com.sun.management.ThreadMXBean.class,
                  "getTotalThreadAllocatedBytes",
                  MethodType.methodType(long.class))
              .bindTo(threads);
      return () -> {
        try {
          return (long) total.invokeExact();
        } catch (Throwable e) {
          throw new IllegalStateException("cannot read the bytes allocated", e);
        }
      };
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return () -> {
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
          sum += Math.max(bytes, 0);
        }
        return sum;
      };
    }
  }

  /** Milliseconds the collectors have spent so far, pauses and concurrent work alike. */
  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(collector.getCollectionTime(), 0);
    }
    return total;
  }

  private static String bytes(double perRequest) {
    return Double.isNaN(perRequest) ? "n/a" : String.format(Locale.ROOT, "%,.0f", perRequest);
  }

  /** One request's completion hook: a {@code whenComplete} action, or a Guava listener. */
  private static final class InFlight implements BiConsumer<Integer, Throwable>, Runnable {
    private final Load load;
    private final Request request;
    private final long startNanos;
    ListenableFuture<Integer> listenable;

    InFlight(Load load, Request request, long startNanos) {
      this.load = load;
      this.request = request;
      this.startNanos = startNanos;
    }

    @Override
    public void accept(Integer value, Throwable error) {
      load.complete(request, startNanos, value, error);
    }

    @Override
    public void run() {
      Integer value;
      try {
        value = listenable.get();
      } catch (ExecutionException e) {
        load.complete(request, startNanos, null, e.getCause());
        return;
      } catch (InterruptedException | RuntimeException e) {
        load.complete(request, startNanos, null, e);
        return;
      }
      load.complete(request, startNanos, value, null);
    }
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
  }

  private static double median(
      List<Measurement> ms, java.util.function.ToDoubleFunction<Measurement> f) {
    double[] values = ms.stream().mapToDouble(f).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  private static String table(
      Map<String, List<Measurement>> results,
      String threads,
      boolean virtual,
      int timers,
      int inFlight,
      int requests,
      int warmup,
      int rounds,
      int warmupRounds) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "`java -cp benchmarks/target/benchmarks.jar"
                + " dev.taskwire.benchmarks.server.ServerLoadBenchmark`, Java %s: %,d requests"
                + " kept in flight, each a fresh 10-task pipeline with three remote calls of 1 to 5"
                + " ms (seeded per request, the same for every contender) on %s;"
                + " %,d requests per run, the first %,d not measured; executor: %s. Median of %d"
                + " interleaved rounds, after %d not measured. Latency: a request's start to the"
                + " completion of its last task. Bytes: allocated per request by every thread. CPU:"
                + " the process's CPU time per request. Hand-offs: tasks handed to the executor per"
                + " request.%n%n",
            Runtime.version().feature(),
            inFlight,
            timers == 1 ? "one timer thread" : timers + " timer threads",
            requests,
            warmup,
            virtual ? "a virtual thread per task" : threads + " pool threads",
            rounds,
            warmupRounds));
    md.append(
        "| contender | throughput (req/s) | p50 (ms) | p99 (ms) | bytes / request"
            + " | CPU µs / request | hand-offs / request |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("taskwire", "taskwire `start()`");
    labels.put("completableFuture", "CompletableFuture");
    labels.put("dagger", "Dagger Producers");
    Map<String, Measurement> medians = new LinkedHashMap<>();
    for (Map.Entry<String, String> label : labels.entrySet()) {
      List<Measurement> ms = results.get(label.getKey());
      if (ms == null) {
        continue; // not among --contenders
      }
      Measurement m =
          new Measurement(
              median(ms, Measurement::throughput),
              median(ms, Measurement::p50Millis),
              median(ms, Measurement::p99Millis),
              median(ms, Measurement::bytesPerRequest),
              median(ms, Measurement::handOffsPerRequest),
              median(ms, Measurement::cpuMicrosPerRequest),
              median(ms, Measurement::gcMicrosPerRequest));
      medians.put(label.getKey(), m);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %.2f | %.2f | %s | %.1f | %.2f |%n",
              label.getValue(),
              m.throughput(),
              m.p50Millis(),
              m.p99Millis(),
              bytes(m.bytesPerRequest()),
              m.cpuMicrosPerRequest(),
              m.handOffsPerRequest()));
    }
    Measurement tw = medians.get("taskwire");
    Measurement cf = medians.get("completableFuture");
    if (tw == null || cf == null) {
      return md.toString();
    }
    double bytes = tw.bytesPerRequest() / cf.bytesPerRequest();
    md.append(
        String.format(
            Locale.ROOT,
            "| **taskwire / CF** | **%.2f** | %.2f | **%.2f** | **%s** | %.2f | %.2f |%n",
            tw.throughput() / cf.throughput(),
            tw.p50Millis() / cf.p50Millis(),
            tw.p99Millis() / cf.p99Millis(),
            Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.2f", bytes),
            tw.cpuMicrosPerRequest() / cf.cpuMicrosPerRequest(),
            tw.handOffsPerRequest() / cf.handOffsPerRequest()));
    md.append(roundByRound(results.get("taskwire"), results.get("completableFuture")));
    return md.toString();
  }

  /**
   * Each round's taskwire/CF ratios of throughput and p99, and in how many rounds each target held:
   * the two ran back to back in each round, so a round's ratio is spared the machine's drift over
   * the run, which moves either contender's own numbers by far more than the medians show.
   */
  private static String roundByRound(List<Measurement> tw, List<Measurement> cf) {
    StringBuilder throughput = new StringBuilder();
    StringBuilder p99 = new StringBuilder();
    int ahead = 0;
    int p99Within = 0;
    for (int round = 0; round < tw.size(); round++) {
      double throughputRatio = tw.get(round).throughput() / cf.get(round).throughput();
      double p99Ratio = tw.get(round).p99Millis() / cf.get(round).p99Millis();
      ahead += throughputRatio >= 1 ? 1 : 0;
      p99Within += p99Ratio <= 1.1 ? 1 : 0;
      String separator = round == 0 ? "" : ", ";
      throughput.append(separator).append(String.format(Locale.ROOT, "%.2f", throughputRatio));
      p99.append(separator).append(String.format(Locale.ROOT, "%.2f", p99Ratio));
    }
    return String.format(
        Locale.ROOT,
        "%nRound by round, taskwire / CF: throughput %s (at least 1.0 in %d of %d rounds);"
            + " p99 %s (at most 1.1 in %d of %d).%n",
        throughput,
        ahead,
        tw.size(),
        p99,
        p99Within,
        tw.size());
  }
}
