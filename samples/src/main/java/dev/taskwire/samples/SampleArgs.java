package dev.taskwire.samples;

import dev.taskwire.samples.automl.server.Faults;
import dev.taskwire.samples.automl.server.JobKind;
import java.time.Duration;

/**
 * The sample's command line. With no flags it runs one pipeline; {@code --customers N} runs N at
 * once; the fault flags make the embedded service misbehave in one way each.
 */
record SampleArgs(
    int customers, Faults faults, double latencyScale, Duration requestTimeout,
    int pipelineThreads, boolean help) {

  static final String USAGE = String.join("\n",
      "usage: mvn -q -pl samples exec:java -Dexec.args=\"[flags]\"",
      "  (no flags)              one pipeline against the embedded service, then the same steps",
      "                          one after another, with a timeline of both",
      "  --customers N           N independent pipelines at once; reports time and peak threads",
      "  --fail KIND             the service fails every job of KIND (upload, train, predict)",
      "  --reject-upload NAME    the service refuses the upload named NAME (train, forecast)",
      "  --silent-from KIND      the service stops answering at the first KIND request",
      "  --garble KIND           the service answers status polls of KIND jobs with broken JSON",
      "  --latency-scale F       multiply the service's job latencies by F (default 1)",
      "  --timeout-ms N          the client's request timeout (default 3000)",
      "  --threads N             threads of the pipelines' executor (default 4)",
      "  --help                  this text");

  static SampleArgs parse(String... args) {
    int customers = 0;
    Faults faults = Faults.none();
    double latencyScale = 1;
    Duration timeout = Duration.ofMillis(3000);
    int threads = 4;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--help":
        case "-h":
          help = true;
          break;
        case "--customers":
          customers = positive(flag, value(args, ++i, flag));
          break;
        case "--fail":
          faults = faults.failJobs(JobKind.parse(value(args, ++i, flag)));
          break;
        case "--reject-upload":
          faults = faults.rejectUploadsNamed(value(args, ++i, flag));
          break;
        case "--silent-from":
          faults = faults.goSilentFrom(JobKind.parse(value(args, ++i, flag)));
          break;
        case "--garble":
          faults = faults.garbleStatusOf(JobKind.parse(value(args, ++i, flag)));
          break;
        case "--latency-scale":
          latencyScale = number(flag, value(args, ++i, flag));
          break;
        case "--timeout-ms":
          timeout = Duration.ofMillis(positive(flag, value(args, ++i, flag)));
          break;
        case "--threads":
          threads = positive(flag, value(args, ++i, flag));
          break;
        default:
          throw new IllegalArgumentException("unknown flag '" + flag + "'");
      }
    }
    if (customers > 0 && !faults.isNone()) {
      throw new IllegalArgumentException(
          "the fault flags apply to the single pipeline; leave out --customers to see them");
    }
    return new SampleArgs(customers, faults, latencyScale, timeout, threads, help);
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[index];
  }

  private static int positive(String flag, String text) {
    try {
      int value = Integer.parseInt(text);
      if (value < 1) {
        throw new IllegalArgumentException(flag + " must be at least 1: " + text);
      }
      return value;
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(flag + " needs a whole number: '" + text + "'");
    }
  }

  private static double number(String flag, String text) {
    try {
      double value = Double.parseDouble(text);
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(flag + " must be a number >= 0: " + text);
      }
      return value;
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(flag + " needs a number: '" + text + "'");
    }
  }
}
