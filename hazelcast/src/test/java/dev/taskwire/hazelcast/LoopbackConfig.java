package dev.taskwire.hazelcast;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Hazelcast configuration for tests and the sample: every member binds to 127.0.0.1 on a port of
 * its own and joins by TCP/IP with an explicit member list; multicast, auto-detection and phone
 * home are off. Failure detection is tightened so that a killed member is noticed in seconds.
 */
public final class LoopbackConfig {
  private static final String HOST = "127.0.0.1";

  private LoopbackConfig() {}

  /** A member of cluster {@code clusterName} on {@code port}, joining {@code memberPorts}. */
  public static Config member(String clusterName, int port, List<Integer> memberPorts) {
    Config config = new Config();
    config.setClusterName(clusterName);
    common(config);
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    config.setProperty("hazelcast.partition.count", "31");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(HOST);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig()
        .setEnabled(true)
        .setMembers(memberPorts.stream().map(member -> HOST + ":" + member).toList());
    return config;
  }

  /** A client of cluster {@code clusterName} that knows the members on {@code memberPorts}. */
  public static ClientConfig client(String clusterName, List<Integer> memberPorts) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config
        .getNetworkConfig()
        .setAddresses(memberPorts.stream().map(member -> HOST + ":" + member).toList());
    return config;
  }

  private static void common(Config config) {
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
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
