package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.remote.FingerprintMismatchException;
import dev.taskwire.runtime.remote.RemoteTasks;
import dev.taskwire.runtime.remote.WorkerLostException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members as separate JVMs: two of this build ({@code build=same}) and one running a different
 * build of {@link FingerprintPipeline} ({@code build=variant}); the driver is a lite member in this
 * JVM. Each test picks its members with a member selector on that attribute.
 */
class MemberProcessTest {
  @TempDir static Path temp;

  private static MemberProcesses processes;
  private static HazelcastInstance driver;

  @BeforeAll
  static void startCluster() throws Exception {
    Path variant = compileVariant(temp.resolve("variant"));
    String cluster = "taskwire-processes-" + ProcessHandle.current().pid();
    List<Integer> ports = IntStream.range(0, 3).mapToObj(i -> LoopbackConfig.freePort()).toList();
    processes = new MemberProcesses(cluster, ports);
    List<CompletableFuture<MemberProcesses.Started>> starting =
        List.of(
            processes.start(ports.get(0), "same", null, temp.resolve("member0.log")),
            processes.start(ports.get(1), "same", null, temp.resolve("member1.log")),
            processes.start(ports.get(2), "variant", variant, temp.resolve("member2.log")));
    starting.forEach(CompletableFuture::join);
    driver =
        Hazelcast.newHazelcastInstance(
            LoopbackConfig.member(cluster, LoopbackConfig.freePort(), ports).setLiteMember(true));
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    if (driver != null) {
      driver.getLifecycleService().terminate();
    }
    if (processes != null) {
      processes.close();
    }
  }

  @Test
  void aMemberProcessKilledMidTaskHasTheTaskReRunOnAnother() throws Exception {
    String runId = "kill-" + System.nanoTime();
    CompletableFuture<String> mark = Marks.awaitMark(driver, runId);
    RecordingListener listener = new RecordingListener();
    VictimPipelineRunner.Execution execution =
        new VictimPipelineRunner(
                new VictimPipeline(runId),
                RunOptions.defaults().listener(listener).dispatcher(dispatcherTo("same")))
            .start();

    String victim = Marks.await(mark, Duration.ofMinutes(1));
    processes.withUuid(victim).process().destroyForcibly();
    VictimPipelineRunner.Results results = execution.await();

    assertNotEquals(victim, results.victim());
    assertEquals("after " + results.victim(), results.after());
    assertEquals(1, listener.retried.size(), listener.retried::toString);
    assertInstanceOf(WorkerLostException.class, listener.retried.get(0).error());
    assertEquals(List.of(1, 2), listener.attemptsStarted("victim"));
  }

  @Test
  void aMemberWithAnotherBuildFailsTheTaskNamingBothFingerprints() throws Exception {
    PipelineException failure =
        assertThrows(
            PipelineException.class,
            () ->
                new FingerprintPipelineRunner(
                        new FingerprintPipeline(),
                        RunOptions.defaults().dispatcher(dispatcherTo("variant")))
                    .run());

    String driverPrint = FingerprintPipelineRunner.GRAPH.fingerprint();
    String memberPrint = variantFingerprint();
    assertNotEquals(driverPrint, memberPrint);
    assertEquals("count", failure.failedTask());
    FingerprintMismatchException mismatch =
        assertInstanceOf(FingerprintMismatchException.class, failure.getCause());
    assertEquals(memberPrint, mismatch.workerFingerprint());
    String message = mismatch.getMessage();
    assertEquals(
        "pipeline dev.taskwire.hazelcast.FingerprintPipeline on member "
            + message.substring(message.indexOf("[127.0.0.1]:"), message.indexOf(" is a different"))
            + " is a different build from the driver's: the driver's graph fingerprint is "
            + driverPrint
            + ", the worker's is "
            + memberPrint
            + "; deploy the same build of"
            + " dev.taskwire.hazelcast.FingerprintPipeline to the driver and every worker",
        message);
  }

  private static HazelcastDispatcher dispatcherTo(String build) {
    return HazelcastDispatcher.builder(driver)
        .members(member -> build.equals(member.getAttribute("build")))
        .build();
  }

  /** Compiles resources/variant/ with the processor, as another build would. */
  private static Path compileVariant(Path output) throws IOException {
    Path source = output.resolve("src/FingerprintPipeline.java");
    Files.createDirectories(source.getParent());
    try (InputStream in =
        MemberProcessTest.class.getResourceAsStream("/variant/FingerprintPipeline.java")) {
      Files.write(source, in.readAllBytes());
    }
    Path classes = Files.createDirectories(output.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            MemberProcesses.testClassPath(),
            "-processor",
            "dev.taskwire.processor.TaskProcessor",
            source.toString());
    assertEquals(0, status, "javac of the variant");
    return classes;
  }

  private static String variantFingerprint() throws Exception {
    URL classes = temp.resolve("variant/classes").toUri().toURL();
    URL runtime = RemoteTasks.class.getProtectionDomain().getCodeSource().getLocation();
    // Not the test's loader as parent: it has this build's class of the same name.
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes, runtime}, ClassLoader.getPlatformClassLoader())) {
      return (String)
          loader
              .loadClass("dev.taskwire.hazelcast.FingerprintPipelineRemoteTasks")
              .getField("FINGERPRINT")
              .get(null);
    }
  }
}
