package dev.taskwire.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The worker's lookup of a pipeline's remote tasks, through the service file in this module's test
 * resources, which lists {@link Registered}.
 */
class RemoteTaskLookupTest {
  /** Listed in META-INF/services/dev.taskwire.runtime.remote.RemoteTasks of the test resources. */
  public static final class Registered implements RemoteTasks {
    @Override
    public String pipeline() {
      return "test.Registered";
    }

    @Override
    public String fingerprint() {
      return "aaaa";
    }

    @Override
    public java.util.Set<String> callClasses(String task) {
      return java.util.Set.of();
    }

    @Override
    public Object call(Object instance, String task, Object[] arguments) {
      return task;
    }
  }

  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void findsAPipelineOfTheSameBuild() {
    assertInstanceOf(
        Registered.class, RemoteTaskLookup.find(loader, "test.Registered", "aaaa", "worker 1"));
  }

  @Test
  void aDifferentBuildNamesBothFingerprints() {
    FingerprintMismatchException mismatch =
        assertThrows(
            FingerprintMismatchException.class,
            () -> RemoteTaskLookup.find(loader, "test.Registered", "bbbb", "worker 1"));
    assertEquals(
        "pipeline test.Registered on worker 1 is a different build from the driver's:"
            + " the driver's graph fingerprint is bbbb, the worker's is aaaa; deploy the same build"
            + " of test.Registered to the driver and every worker",
        mismatch.getMessage());
    assertEquals("bbbb", mismatch.driverFingerprint());
    assertEquals("aaaa", mismatch.workerFingerprint());
  }

  @Test
  void anUnknownPipelineSaysWhichTheWorkerHas() {
    IllegalStateException unknown =
        assertThrows(
            IllegalStateException.class,
            () -> RemoteTaskLookup.find(loader, "test.Missing", "aaaa", "worker 1"));
    assertEquals(
        "worker 1 has no taskwire pipeline test.Missing on its class path (it has"
            + " [test.Registered]); deploy the driver's build to every worker",
        unknown.getMessage());
  }
}
