package dev.taskwire.runtime.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One run of a pipeline, from its start to its end, as JDK Flight Recorder records it. */
@Name("taskwire.Run")
@Label("Pipeline Run")
@Category("taskwire")
@Description("One run of a taskwire pipeline")
@StackTrace(false)
final class JfrRun extends Event {
  @Label("Pipeline")
  String pipeline;

  @Label("Tasks")
  @Description("How many tasks the run set out to run")
  int tasks;

  @Label("Outcome")
  @Description("succeeded, failed or cancelled")
  String outcome;

  @Label("Failure")
  String failure;
}
