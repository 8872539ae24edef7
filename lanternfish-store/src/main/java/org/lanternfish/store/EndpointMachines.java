package org.lanternfish.store;

import java.util.Collection;
import java.util.List;

/**
 * What an endpoint security product (Microsoft Defender for Endpoint) knows of the organisation's machines, as last
 * fetched: OS, sensor health, risk, exposure and CVEs, for the Device Summary.
 */
public interface EndpointMachines {

  /** Replaces every stored machine with {@code machines}, fetched at {@code refreshedMicros}, in one transaction. */
  void replaceEndpointMachines(List<EndpointMachine> machines, long refreshedMicros);

  /**
   * The stored machines whose last address is one of {@code addresses} or whose DNS name is one of
   * {@code hostNames} (case aside, and a short name matching a qualified one), by id.
   */
  List<EndpointMachine> endpointMachines(Collection<String> addresses, Collection<String> hostNames);

  /** Every stored machine with at least one CVE, with its CVEs, by id. */
  List<EndpointMachine> vulnerableEndpointMachines();

  /**
   * One machine.
   *
   * @param id the product's machine id
   * @param dnsName its DNS name, or null
   * @param osPlatform such as {@code Windows10}, or null
   * @param osVersion or null
   * @param osBuild or null
   * @param health the sensor's health, or null
   * @param risk the product's risk level, or null
   * @param exposure the exposure level, or null
   * @param lastAddress its last internal address, or null
   * @param refreshedMicros when it was fetched, in microseconds since the Unix epoch
   * @param cves the vulnerabilities reported on it, most severe first
   */
  record EndpointMachine(String id, String dnsName, String osPlatform, String osVersion, String osBuild,
      String health, String risk, String exposure, String lastAddress, long refreshedMicros, List<Cve> cves) {

    /** Makes the list immutable. */
    public EndpointMachine {
      cves = List.copyOf(cves);
    }
  }

  /**
   * One vulnerability on one machine.
   *
   * @param id such as {@code CVE-2019-1348}
   * @param severity such as {@code high}, or null
   * @param product the vulnerable software, or null
   * @param fixingKb the update that fixes it, or null
   */
  record Cve(String id, String severity, String product, String fixingKb) {}
}
