package dev.taskwire.samples;

import dev.taskwire.samples.automl.client.HyperParams;
import dev.taskwire.samples.automl.server.Faults;
import dev.taskwire.samples.automl.server.JobKind;
import dev.taskwire.samples.automl.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The sample's command line. With no flags it runs one pipeline; {@code --customers N} runs N at
 * once; {@code --tune} tunes hyper-parameters instead; the fault flags make the embedded service
 * misbehave in one way each.
 *
 * @param failTrial with {@code --tune}, the trial whose training fails on every attempt of the
 *     first run (the sample then resumes the run); -1 for none
 * @param limit the permits of the shared limit {@code "automl"} that every run's trainings take:
 *     how many trainings all the pipelines together may have open on the service at once
 * @param store with {@code --tune}, the directory of the result store and of the service's data;
 *     null for none
 */
record SampleArgs(
    int customers,
    Faults faults,
    double latencyScale,
    Duration requestTimeout,
    int pipelineThreads,
    boolean tune,
    int failTrial,
    boolean bestOnly,
    int limit,
    Path store,
    boolean otel,
    boolean help) {

  static final String USAGE =
      """
      usage: mvn -q -pl samples exec:java -Dexec.args="[flags]"
        (no flags)              one pipeline against the embedded service, then the same steps
                                one after another, with a timeline of both
        --customers N           N independent pipelines at once; reports time, peak threads and
                                how many trainings the service had open at once
        --limit N               at most N trainings open on the service at once, across all the
                                pipelines (the shared limit "automl"; default 4, what the service
                                takes per account)
        --tune                  train one model per hyper-parameter set, at most 3 at once, and
                                predict with the best; prints every trial
        --fail-trial N          with --tune: trial N (train[N]) fails both its attempts, so the
                                run fails; the sample then resumes it
        --best-only             with --tune: runOnly(Target.best), tuning without predicting
        --store DIR             with --tune: keep task results in DIR (a FileResultStore) and the
                                service's data sets and models too; run it again to reuse them
        --fail KIND             the service fails every job of KIND (upload, train, predict)
        --reject-upload NAME    the service refuses the upload named NAME (train, forecast)
        --silent-from KIND      the service stops answering at the first KIND request
        --garble KIND           the service answers status polls of KIND jobs with broken JSON
        --latency-scale F       multiply the service's job latencies by F (default 1)
        --timeout-ms N          the client's request timeout (default 3000)
        --threads N             threads of the pipelines' executor (default 4)
        --otel                  trace the run with OpenTelemetry and print its span tree; spans go
                                over OTLP to $OTEL_EXPORTER_OTLP_ENDPOINT if set, else to the log
        --help                  this text\
      """;

  static SampleArgs parse(String... args) {
    int customers = 0;
    Faults faults = Faults.none();
    double latencyScale = 1;
    Duration timeout = Duration.ofSeconds(3);
    int threads = 4;
    boolean tune = false;
    int failTrial = -1;
    boolean bestOnly = false;
    int limit = ServerConfig.TRAININGS_PER_ACCOUNT;
    Path store = null;
    boolean otel = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--help", "-h" -> help = true;
        case "--customers" -> customers = positive(flag, value(args, ++i, flag));
        case "--tune" -> tune = true;
        case "--otel" -> otel = true;
        case "--fail-trial" -> {
          failTrial = trial(flag, value(args, ++i, flag));
          HyperParams failing = TuningPipeline.standardGrid().get(failTrial);
          faults =
              faults.failTrainingsOf(
                  failing.algorithm(), failing.params(), TuningPipeline.TRIAL_RETRIES + 1);
        }
        case "--best-only" -> bestOnly = true;
        case "--limit" -> limit = permits(flag, value(args, ++i, flag));
        case "--store" -> store = Path.of(value(args, ++i, flag));
        case "--fail" -> faults = faults.failJobs(JobKind.parse(value(args, ++i, flag)));
        case "--reject-upload" -> faults = faults.rejectUploadsNamed(value(args, ++i, flag));
        case "--silent-from" -> faults = faults.goSilentFrom(JobKind.parse(value(args, ++i, flag)));
        case "--garble" -> faults = faults.garbleStatusOf(JobKind.parse(value(args, ++i, flag)));
        case "--latency-scale" -> latencyScale = number(flag, value(args, ++i, flag));
        case "--timeout-ms" -> timeout = Duration.ofMillis(positive(flag, value(args, ++i, flag)));
        case "--threads" -> threads = positive(flag, value(args, ++i, flag));
        default -> throw new IllegalArgumentException("unknown flag '" + flag + "'");
      }
    }
    if (customers > 0 && !faults.isNone()) {
      throw new IllegalArgumentException(
          "the fault flags apply to the single pipeline; leave out --customers to see them");
    }
    if (!tune && (failTrial >= 0 || bestOnly)) {
      throw new IllegalArgumentException("--fail-trial and --best-only need --tune");
    }
    if (!tune && store != null) {
      throw new IllegalArgumentException("--store needs --tune");
    }
    if (tune && customers > 0) {
      throw new IllegalArgumentException("--tune runs one tuning pipeline; leave out --customers");
    }
    if (otel && (tune || customers > 0)) {
      throw new IllegalArgumentException("--otel traces the single pipeline; leave out the mode");
    }
    return new SampleArgs(
        customers,
        faults,
        latencyScale,
        timeout,
        threads,
        tune,
        failTrial,
        bestOnly,
        limit,
        store,
        otel,
        help);
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

  /** The permits of a shared limit: a whole number of trainings at a time, at least one. */
  private static int permits(String flag, String text) {
    try {
      int permits = Integer.parseInt(text);
      if (permits < 1) {
        throw new IllegalArgumentException(
            flag + " must allow at least 1 training at a time: " + text);
      }
      return permits;
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(flag + " needs a whole number: '" + text + "'");
    }
  }

  /** A trial's position in the standard grid, as in {@code train[N]}. */
  private static int trial(String flag, String text) {
    int trials = TuningPipeline.standardGrid().size();
    try {
      int trial = Integer.parseInt(text);
      if (trial < 0 || trial >= trials) {
        throw new IllegalArgumentException(
            flag + " must be a trial from 0 to " + (trials - 1) + ": " + text);
      }
      return trial;
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
