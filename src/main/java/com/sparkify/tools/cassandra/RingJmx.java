package com.sparkify.tools.cassandra;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * What one live node says about the ring, read from its StorageService over JMX: the data each node
 * holds (load) and the share of the token ring each node owns, which sums to 100 %. `nodetool status` reads
 * the same MBean, but as a JVM of its own on Cassandra's 66 MiB classpath (1.7 s here, against 1.1 s for the
 * whole status command), and its "Owns (effective)" counts replicas of the system keyspaces (the three nodes
 * showed 200 %).
 */
final class RingJmx {
  private static final String STORAGE_SERVICE = "org.apache.cassandra.db:type=StorageService";

  /**
   * @param load per node endpoint (address:storage port), as nodetool prints it ("103.4 KiB")
   * @param ownership per node endpoint, the share of the token ring it owns, 0 to 1
   */
  record View(Map<String, String> load, Map<String, Double> ownership) {}

  private RingJmx() {}

  /** Asks the node whose JMX server listens on 127.0.0.1:jmxPort. */
  static View read(int jmxPort) throws IOException, JMException {
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
    try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName storage = new ObjectName(STORAGE_SERVICE);
      Map<String, String> load = new HashMap<>();
      ((Map<?, ?>) server.getAttribute(storage, "LoadMapWithPort"))
          .forEach((node, bytes) -> load.put(endpoint(node.toString()), bytes.toString()));
      Map<String, Double> ownership = new HashMap<>();
      ((Map<?, ?>) server.getAttribute(storage, "OwnershipWithPort"))
          .forEach((node, share) -> ownership.merge(endpoint(node.toString()), ((Number) share).doubleValue(), Double::sum));
      return new View(Map.copyOf(load), Map.copyOf(ownership));
    }
  }

  /** Cassandra names a node "127.0.0.2:7000", "/127.0.0.2:7000" or "localhost/127.0.0.2:7000". */
  static String endpoint(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
