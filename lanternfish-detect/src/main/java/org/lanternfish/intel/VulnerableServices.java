package org.lanternfish.intel;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The services an endpoint product (Microsoft Defender for Endpoint) reports vulnerable: on which device (by address
 * or host name) and port a CVE'd piece of software listens. Given to detection as input, like the watch list, so
 * traffic reaching such a service can score higher and name the CVE without detection asking anything.
 */
public final class VulnerableServices {

  /**
   * A vulnerability behind a service.
   *
   * @param cve such as {@code CVE-2019-0708}
   * @param severity such as {@code critical}, or null
   * @param product the vulnerable software, or null
   */
  public record Exposure(String cve, String severity, String product) {}

  private final Map<String, Exposure> byService = new HashMap<>();

  /** None known. */
  public VulnerableServices() {}

  /**
   * Adds {@code exposure} on {@code port} of the device with {@code address} or {@code hostName} (either may be
   * null); of several on one service the most severe is kept.
   */
  public VulnerableServices add(String address, String hostName, int port, Exposure exposure) {
    if (address != null && !address.isBlank()) {
      keep(address.strip().toLowerCase(Locale.ROOT) + "|" + port, exposure);
    }
    if (hostName != null && !hostName.isBlank()) {
      keep(shortName(hostName) + "|" + port, exposure);
    }
    return this;
  }

  /** The vulnerability behind {@code port} of the device at {@code address} or named {@code hostName}, if any. */
  public Optional<Exposure> at(String address, String hostName, int port) {
    if (byService.isEmpty() || port <= 0) {
      return Optional.empty();
    }
    Exposure found = address == null ? null : byService.get(address.toLowerCase(Locale.ROOT) + "|" + port);
    if (found == null && hostName != null) {
      found = byService.get(shortName(hostName) + "|" + port);
    }
    return Optional.ofNullable(found);
  }

  /** How many device services are known vulnerable (by address and by name each). */
  public int size() {
    return byService.size();
  }

  private void keep(String key, Exposure exposure) {
    byService.merge(key, exposure, (old, given) -> rank(given.severity()) < rank(old.severity()) ? given : old);
  }

  private static int rank(String severity) {
    return switch (severity == null ? "" : severity.toLowerCase(Locale.ROOT)) {
      case "critical" -> 0;
      case "high" -> 1;
      case "medium" -> 2;
      case "low" -> 3;
      default -> 4;
    };
  }

  /** A host name's first label in lower case: {@code FS20.contoso.com} and {@code fs20} are one host. */
  private static String shortName(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    int dot = lower.indexOf('.');
    return dot > 0 ? lower.substring(0, dot) : lower;
  }
}
