package dev.taskwire.hazelcast;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;

/**
 * Hazelcast configuration for tests and the sample: {@link HazelcastConfigs}' safe defaults on
 * 127.0.0.1 (every member binds to it on a port of its own and joins by TCP/IP with an explicit
 * member list; multicast, auto-detection and phone home are off; Java deserialization restricted),
 * quiet logs, and failure detection tightened so that a killed member is noticed in seconds.
 */
public final class LoopbackConfig {
  private static final String HOST = "127.0.0.1";

  private LoopbackConfig() {}

  /** A member of cluster {@code clusterName} on {@code port}, joining {@code memberPorts}. */
  public static Config member(String clusterName, int port, List<Integer> memberPorts) {
    Config config = HazelcastConfigs.member(clusterName, HOST, port, addresses(memberPorts));
    quiet(config.getProperties());
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    config.setProperty("hazelcast.partition.count", "31");
    return config;
  }

  /** A client of cluster {@code clusterName} that knows the members on {@code memberPorts}. */
  public static ClientConfig client(String clusterName, List<Integer> memberPorts) {
    ClientConfig config = HazelcastConfigs.client(clusterName, addresses(memberPorts));
    quiet(config.getProperties());
    return config;
  }

  private static List<String> addresses(List<Integer> ports) {
    return ports.stream().map(port -> HOST + ":" + port).toList();
  }

  private static void quiet(Properties properties) {
    properties.setProperty("hazelcast.logging.type", "none");
  }

  /** A port that was free a moment ago on 127.0.0.1. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
