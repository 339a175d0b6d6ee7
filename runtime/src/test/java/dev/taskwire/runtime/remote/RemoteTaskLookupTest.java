package dev.taskwire.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /**
   * A loader whose own services file lists a provider missing from the class path; through its
   * parent it also sees the test resources' file, which lists {@link Registered}.
   */
  private URLClassLoader withAMissingProvider(Path dir) throws IOException {
    Path services = dir.resolve("META-INF/services/" + RemoteTasks.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, "test.NotDeployed\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, loader);
  }

  @Test
  void aListedProviderThatCannotBeLoadedCostsOnlyItself(@TempDir Path dir) throws IOException {
    try (URLClassLoader broken = withAMissingProvider(dir)) {
      assertInstanceOf(
          Registered.class, RemoteTaskLookup.find(broken, "test.Registered", "aaaa", "worker 2"));
    }
  }

  @Test
  void aPipelineNotFoundReportsTheProvidersThatCouldNotBeLoaded(@TempDir Path dir)
      throws IOException {
    try (URLClassLoader broken = withAMissingProvider(dir)) {
      IllegalStateException unknown =
          assertThrows(
              IllegalStateException.class,
              () -> RemoteTaskLookup.find(broken, "test.Missing", "aaaa", "worker 2"));
      assertEquals(
          "worker 2 has no taskwire pipeline test.Missing on its class path (it has"
              + " [test.Registered], and could not load 1 more listed in"
              + " META-INF/services/dev.taskwire.runtime.remote.RemoteTasks: see the suppressed"
              + " errors); deploy the driver's build to every worker",
          unknown.getMessage());
      assertEquals(1, unknown.getSuppressed().length);
      ServiceConfigurationError error =
          assertInstanceOf(ServiceConfigurationError.class, unknown.getSuppressed()[0]);
      assertTrue(error.getMessage().contains("test.NotDeployed"), error.getMessage());
    }
  }
}
