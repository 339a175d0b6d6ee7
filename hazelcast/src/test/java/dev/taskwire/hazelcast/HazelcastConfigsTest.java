package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientNetworkConfig;
import com.hazelcast.config.AliasedDiscoveryConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.spi.properties.ClusterProperty;
import com.hazelcast.spi.properties.HazelcastProperties;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@link HazelcastConfigs} promises about who a member or client talks to (README, Cluster
 * trust), read from the configurations it returns; no cluster is started. Properties are read as
 * Hazelcast resolves them ({@link HazelcastProperties}), so that a misspelt name fails too.
 */
class HazelcastConfigsTest {
  private static final List<String> MEMBERS = List.of("10.0.0.7:5701", "10.0.0.8:5701");

  @Test
  void aMemberBindsToTheOneInterfaceGivenAndJoinsOnlyTheListedMembersOverTcpIp() {
    Config config = HazelcastConfigs.member("training", "10.0.0.7", 5701, MEMBERS);
    assertEquals("training", config.getClusterName());

    NetworkConfig network = config.getNetworkConfig();
    assertEquals(5701, network.getPort());
    assertFalse(network.isPortAutoIncrement());
    assertTrue(network.getInterfaces().isEnabled());
    assertEquals(List.of("10.0.0.7"), List.copyOf(network.getInterfaces().getInterfaces()));
    HazelcastProperties properties = new HazelcastProperties(config);
    // Hazelcast binds its server socket to every interface unless told not to.
    assertFalse(properties.getBoolean(ClusterProperty.SOCKET_BIND_ANY));
    assertFalse(properties.getBoolean(ClusterProperty.SOCKET_SERVER_BIND_ANY));

    JoinConfig join = network.getJoin();
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(MEMBERS, join.getTcpIpConfig().getMembers());
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertNoCloudDiscovery(
        Stream.of(
            join.getAwsConfig(),
            join.getGcpConfig(),
            join.getAzureConfig(),
            join.getKubernetesConfig(),
            join.getEurekaConfig()));
    assertTrue(join.getDiscoveryConfig().getDiscoveryStrategyConfigs().isEmpty());
    join.verify(); // one way of joining only

    assertFalse(properties.getBoolean(ClusterProperty.PHONE_HOME_ENABLED));
  }

  @Test
  void aClientConnectsToTheListedMembersOnly() {
    ClientConfig config = HazelcastConfigs.client("training", MEMBERS);
    assertEquals("training", config.getClusterName());

    ClientNetworkConfig network = config.getNetworkConfig();
    assertEquals(MEMBERS, network.getAddresses());
    assertFalse(network.getAutoDetectionConfig().isEnabled());
    assertFalse(network.isAutoDetectionEnabled());
    assertFalse(network.getCloudConfig().isEnabled());
    assertNoCloudDiscovery(
        Stream.of(
            network.getAwsConfig(),
            network.getGcpConfig(),
            network.getAzureConfig(),
            network.getKubernetesConfig(),
            network.getEurekaConfig()));
    assertTrue(network.getDiscoveryConfig().getDiscoveryStrategyConfigs().isEmpty());
  }

  private static void assertNoCloudDiscovery(Stream<AliasedDiscoveryConfig<?>> discoveries) {
    discoveries.forEach(
        discovery -> assertFalse(discovery.isEnabled(), () -> discovery.getTag() + " is enabled"));
  }
}
