package dev.taskwire.samples;

import java.io.PrintStream;

/**
 * The flagship sample: starts an embedded AutoML service, runs {@link Pipeline} against it with the
 * generated {@code PipelineRunner}, and shows what taskwire did: its progress as it runs, a
 * timeline where the two uploads overlap, the best model and a few predictions, the time against
 * the same steps one after another, and the run's critical path, with its trace saved for Perfetto
 * and as an HTML page. See {@link SampleArgs#USAGE} for the other modes: many customers at once,
 * hyper-parameter tuning ({@link TuningPipeline}), and the service failing in several ways.
 *
 * <pre>
 * mvn -q -pl samples -am -DskipTests package exec:java
 * mvn -q -pl samples exec:java -Dexec.args="--customers 200"
 * mvn -q -pl samples exec:java -Dexec.args="--fail train"
 * mvn -q -pl samples exec:java -Dexec.args="--tune --fail-trial 2"
 * mvn -q -pl samples exec:java -Dexec.args="--tune --limit 2 --store target/tuning-store"
 * </pre>
 *
 * <p>Every mode runs its pipelines with one {@code RunOptions} that sets the shared limit {@code
 * "automl"} ({@code RunOptions.limit("automl", 4)}, or {@code --limit N}): the {@code train} tasks
 * of all the runs together keep to the four trainings the service takes per account.
 */
public final class AutoMlSample {
  private AutoMlSample() {}

  /** Exits with 1 if the pipeline failed and 2 for bad flags; otherwise just returns. */
  public static void main(String[] args) throws Exception {
    int exitCode = run(args, System.out, System.err);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /** Runs the sample and returns its exit code; every thread it started has ended by then. */
  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    SampleArgs parsed;
    try {
      parsed = SampleArgs.parse(args);
    } catch (IllegalArgumentException badFlags) {
      err.println(badFlags.getMessage());
      err.println(SampleArgs.USAGE);
      return 2;
    }
    if (parsed.help()) {
      out.println(SampleArgs.USAGE);
      return 0;
    }
    if (parsed.tune()) {
      return TuningDemo.run(parsed, out);
    }
    return parsed.customers() > 0
        ? CustomersDemo.run(parsed, out)
        : SinglePipelineDemo.run(parsed, out);
  }
}
