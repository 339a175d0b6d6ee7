package dev.taskwire.samples;

import dev.taskwire.runtime.PipelineException;

/** Runs {@link Pipeline} against a simulated service and shows that the uploads overlapped. */
public final class AutoMlSample {
  private AutoMlSample() {}

  public static void main(String[] args) {
    SimulatedService service = new SimulatedService(300);
    long start = System.nanoTime();
    try {
      PipelineRunner.Results results = new PipelineRunner(new Pipeline(service)).run();
      long millis = (System.nanoTime() - start) / 1_000_000;
      Model model = results.train();
      System.out.printf("model %s: y = %.3f * x + %.3f%n", model.id(), model.slope(),
          model.intercept());
      System.out.println("predictions: " + results.predict());
      System.out.printf(
          "took %d ms for 4 steps of ~300 ms each: the two uploads ran at the same time%n",
          millis);
    } catch (PipelineException e) {
      System.err.println("task " + e.failedTask() + " failed: " + e.getCause());
      System.exit(1);
    }
  }
}
