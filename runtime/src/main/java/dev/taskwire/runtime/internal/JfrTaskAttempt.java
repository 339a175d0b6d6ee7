package dev.taskwire.runtime.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One attempt of a task, or of one element of a fan-out task, from its start to its end, as JDK
 * Flight Recorder records it (see {@link FlightEvents}). Its duration is the attempt's: for an
 * async task, until its future completed. It is committed on the thread that ended the attempt.
 */
@Name("taskwire.TaskAttempt")
@Label("Task Attempt")
@Category("taskwire")
@Description("One attempt of a task of a taskwire pipeline run")
@StackTrace(false)
final class JfrTaskAttempt extends Event {
  @Label("Pipeline")
  String pipeline;

  @Label("Task")
  String task;

  @Label("Element")
  @Description("The element's position, for an element of a fan-out task; else -1")
  int element;

  @Label("Attempt")
  @Description("1 for the first attempt")
  int attempt;

  @Label("Outcome")
  @Description("succeeded, failed, retried (failed, another attempt follows) or cancelled")
  String outcome;

  @Label("From Store")
  @Description("The result came from the run's result store; the method was not called")
  boolean fromStore;

  @Label("Failure")
  String failure;

  @Label("Ran On")
  @Description("The thread the attempt started on")
  Thread ranOn;

  @Label("Waited")
  @Description(
      "From ready (its prerequisites done; for a later attempt, the failed one's end, backoff"
          + " included) to started")
  @Timespan(Timespan.NANOSECONDS)
  long waited;
}
