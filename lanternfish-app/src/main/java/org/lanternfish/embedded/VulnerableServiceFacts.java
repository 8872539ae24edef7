package org.lanternfish.embedded;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lanternfish.intel.VulnerableServices;
import org.lanternfish.store.EndpointMachines;
import org.lanternfish.store.EndpointMachines.Cve;
import org.lanternfish.store.EndpointMachines.EndpointMachine;

/**
 * Which services Defender's CVEs put at risk, for detection: each stored machine's CVEs in software that serves the
 * network, mapped to the ports that software listens on. CVEs in software that serves no port (a browser, Git,
 * the OS as a whole) name no service and are left out.
 */
public final class VulnerableServiceFacts {

  /** Words in a CVE's product (vendor, name, version) and the ports that software serves. */
  private static final Map<String, List<Integer>> PORTS = Map.ofEntries(
      Map.entry("openssh", List.of(22)),
      Map.entry("remote_desktop", List.of(3389)),
      Map.entry("remote desktop", List.of(3389)),
      Map.entry("samba", List.of(139, 445)),
      Map.entry("winrm", List.of(5985, 5986)),
      Map.entry("exchange_server", List.of(25, 443)),
      Map.entry("internet_information_services", List.of(80, 443)),
      Map.entry("http_server", List.of(80, 443)),
      Map.entry("nginx", List.of(80, 443)),
      Map.entry("tomcat", List.of(8080, 8443)),
      Map.entry("sql_server", List.of(1433)),
      Map.entry("mysql", List.of(3306)),
      Map.entry("mariadb", List.of(3306)),
      Map.entry("postgresql", List.of(5432)),
      Map.entry("vnc", List.of(5900)),
      Map.entry("filezilla_server", List.of(21)),
      Map.entry("vsftpd", List.of(21)));

  private VulnerableServiceFacts() {}

  /** The vulnerable services of the machines {@code store} holds from the last Defender refresh. */
  public static VulnerableServices of(EndpointMachines store) {
    VulnerableServices services = new VulnerableServices();
    for (EndpointMachine m : store.vulnerableEndpointMachines()) {
      for (Cve c : m.cves()) {
        for (int port : ports(c.product())) {
          services.add(m.lastAddress(), m.dnsName(), port, new VulnerableServices.Exposure(c.id(), c.severity(),
              c.product()));
        }
      }
    }
    return services;
  }

  /** The ports the software {@code product} serves; none when it is unknown or serves none. */
  static List<Integer> ports(String product) {
    if (product == null) {
      return List.of();
    }
    String lower = product.toLowerCase(Locale.ROOT);
    return PORTS.entrySet().stream().filter(e -> lower.contains(e.getKey())).flatMap(e -> e.getValue().stream())
        .distinct().sorted().toList();
  }
}
