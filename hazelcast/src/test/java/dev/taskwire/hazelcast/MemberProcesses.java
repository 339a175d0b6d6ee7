package dev.taskwire.hazelcast;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cluster members as separate JVM processes started with the test class path, so that a test can
 * kill one with {@link Process#destroyForcibly()} (SIGKILL) or give one another build.
 */
final class MemberProcesses implements AutoCloseable {
  private final String clusterName;
  private final List<Integer> ports;
  private final List<Started> started = new ArrayList<>();

  /** A running member process and its member UUID. */
  record Started(Process process, String uuid) {}

  MemberProcesses(String clusterName, List<Integer> ports) {
    this.clusterName = clusterName;
    this.ports = ports;
  }

  /**
   * Starts a member on {@code port} with attribute {@code build}; {@code firstOnClassPath} (may be
   * null) comes before the test class path. Returns once it is starting; see {@link #ready}.
   */
  CompletableFuture<Started> start(int port, String build, Path firstOnClassPath, Path log)
      throws IOException {
    String classPath = testClassPath();
    if (firstOnClassPath != null) {
      classPath = firstOnClassPath + File.pathSeparator + classPath;
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Djava.net.preferIPv4Stack=true",
                "-cp",
                classPath,
                MemberMain.class.getName(),
                clusterName,
                String.valueOf(port),
                String.join(",", ports.stream().map(String::valueOf).toList()),
                build));
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    return CompletableFuture.supplyAsync(() -> ready(process));
  }

  private Started ready(Process process) {
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("READY ")) {
          Started member = new Started(process, line.substring("READY ".length()));
          synchronized (started) {
            started.add(member);
          }
          return member;
        }
      }
      throw new IllegalStateException("member process ended before it was ready");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The process of the member with this UUID. */
  Started withUuid(String uuid) {
    synchronized (started) {
      return started.stream()
          .filter(member -> member.uuid().equals(uuid))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no member process " + uuid));
    }
  }

  @Override
  public void close() throws InterruptedException {
    synchronized (started) {
      for (Started member : started) {
        member.process().destroyForcibly();
        member.process().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Surefire runs tests from a manifest-only jar, and names the real class path here. */
  static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
