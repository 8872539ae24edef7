package org.lanternfish.microsoft.defender;

import java.util.List;

/**
 * What Defender for Endpoint knows of one machine, for the Device Summary.
 *
 * @param id the Defender machine id (an alert's evidence names it {@code mdeDeviceId})
 * @param dnsName its DNS name
 * @param osPlatform such as {@code Windows10}
 * @param osVersion the OS version ({@code version}), or null
 * @param osBuild the OS build, or null
 * @param healthStatus the sensor's health, lower case ({@code active}, {@code inactive}...)
 * @param riskScore Defender's risk, lower case ({@code none} to {@code high})
 * @param exposureLevel the exposure, lower case ({@code none} to {@code high})
 * @param lastIpAddress its last internal address, or null
 * @param vulnerabilities the CVEs Defender reports on it, by {@code machinesVulnerabilities}
 */
public record DefenderMachine(String id, String dnsName, String osPlatform, String osVersion, String osBuild,
    String healthStatus, String riskScore, String exposureLevel, String lastIpAddress,
    List<Vulnerability> vulnerabilities) {

  /** Makes the list immutable. */
  public DefenderMachine {
    vulnerabilities = List.copyOf(vulnerabilities);
  }

  /**
   * One CVE on one machine.
   *
   * @param cveId such as {@code CVE-2019-1348}
   * @param severity lower case, or null
   * @param product the vulnerable software ({@code vendor product version}), or null
   * @param fixingKb the update that fixes it, or null
   */
  public record Vulnerability(String cveId, String severity, String product, String fixingKb) {
  }
}
