package dev.taskwire.runtime.internal;

import java.util.function.BiConsumer;

/**
 * The one kind of {@link PipelineRun}: a run that is its own helper. It is the Runnable handed to
 * the executor to take ready tasks, and the callback of the stages it waits for, so that a run
 * allocates no helper object, while these roles stay out of PipelineRun's public API.
 */
final class SelfHelpingRun extends PipelineRun implements Runnable, BiConsumer<Object, Object> {
  SelfHelpingRun(RunTemplate template, RunPlan plan, FanOut.Owner owner) {
    super(template, plan, owner);
  }

  /** On a pool thread: takes ready tasks while there are any. */
  @Override
  public void run() {
    help();
  }

  /** On the thread that completed a stage this run waits for. */
  @Override
  public void accept(Object value, Object failure) {
    stagesCompleted();
  }

  @Override
  Runnable helper() {
    return this;
  }

  @Override
  BiConsumer<Object, Object> stageCallback() {
    return this;
  }
}
