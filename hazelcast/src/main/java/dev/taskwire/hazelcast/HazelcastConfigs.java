package dev.taskwire.hazelcast;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;
import dev.taskwire.runtime.ContextPropagator;
import java.util.List;
import java.util.Objects;

/**
 * Hazelcast configurations that trust no one by default, for the members and drivers of a taskwire
 * cluster. Open-source Hazelcast does not authenticate members or clients and does not encrypt
 * traffic (both are Enterprise features), so whoever can reach a member's port can join the
 * cluster, call its executors and read its data. These helpers narrow who can reach it:
 *
 * <ul>
 *   <li>a member binds to the one interface you give (use 127.0.0.1 on a single machine, a private
 *       interface otherwise), not to every interface;
 *   <li>it joins only the cluster name you give, and only the members you list: multicast and
 *       auto-detection (which discover strangers on the network or in the cloud) are off;
 *   <li>Hazelcast's own Java deserialization is restricted ({@link #restrictJavaSerialization}) to
 *       its defaults (its own classes and the JDK's): taskwire's calls travel as Hazelcast {@code
 *       IdentifiedDataSerializable}s ({@link TaskwireSerializerFactory}, registered by {@link
 *       #configureSerialization}), whose Java-serialized values taskwire reads through the task's
 *       allow-list; a gadget class from a library on the class path is refused before it is
 *       created.
 * </ul>
 *
 * <p>That is not authentication: put the cluster on a network only trusted machines reach (a
 * firewall, a private subnet, a VPN), or use Hazelcast Enterprise's security and TLS.
 */
public final class HazelcastConfigs {
  private HazelcastConfigs() {}

  /**
   * A member of cluster {@code clusterName} that binds to {@code bindAddress} on {@code port} and
   * joins over TCP/IP the members at {@code members} ({@code "10.0.0.7:5701"}; its own address may
   * be among them), with no multicast, auto-detection or phone-home, taskwire's serialization and
   * restricted Java deserialization ({@link #configureSerialization}).
   */
  public static Config member(
      String clusterName, String bindAddress, int port, List<String> members) {
    Config config = new Config();
    config.setClusterName(Objects.requireNonNull(clusterName, "clusterName"));
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(bindAddress);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(List.copyOf(members));
    configureSerialization(config.getSerializationConfig());
    return config;
  }

  /**
   * A client of cluster {@code clusterName} that connects to the members at {@code addresses} only
   * (no discovery, no phone-home), with taskwire's serialization and restricted Java
   * deserialization ({@link #configureSerialization}).
   */
  public static ClientConfig client(String clusterName, List<String> addresses) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(Objects.requireNonNull(clusterName, "clusterName"));
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.getNetworkConfig().setAddresses(List.copyOf(addresses));
    config.getNetworkConfig().getAutoDetectionConfig().setEnabled(false);
    configureSerialization(config.getSerializationConfig());
    return config;
  }

  /**
   * Makes a member restore the driver's context around each dispatched task it runs: {@code
   * propagators} get the fields that the driver's {@link ContextPropagator.Remote}s sent with the
   * call (a W3C {@code traceparent}, a request id), in this order. Replaces those set before.
   */
  public static Config propagate(Config member, ContextPropagator.Remote... propagators) {
    return RemoteContext.addPropagators(member, List.of(propagators));
  }

  /**
   * What a member's or a driver's serialization needs for taskwire, for members and clients
   * configured some other way (XML, YAML, your own code): registers {@link
   * TaskwireSerializerFactory}, which a member needs to read a dispatched call (a member without it
   * fails each task sent to it with an {@link IllegalStateException} saying so), and {@linkplain
   * #restrictJavaSerialization restricts Java deserialization}.
   */
  public static SerializationConfig configureSerialization(SerializationConfig serialization) {
    serialization.addDataSerializableFactory(
        TaskwireSerializerFactory.FACTORY_ID, new TaskwireSerializerFactory());
    return restrictJavaSerialization(serialization);
  }

  /**
   * Restricts what Hazelcast itself deserializes with Java serialization to its defaults: its own
   * classes, the JDK's, and their arrays. Without a Java serialization filter Hazelcast
   * deserializes any class on the class path that a peer names. taskwire needs nothing beyond the
   * defaults (its calls are not Java-serialized, see {@link #configureSerialization}). Keeps a
   * filter already configured.
   */
  public static SerializationConfig restrictJavaSerialization(SerializationConfig serialization) {
    if (serialization.getJavaSerializationFilterConfig() == null) {
      serialization.setJavaSerializationFilterConfig(new JavaSerializationFilterConfig());
    }
    return serialization;
  }
}
