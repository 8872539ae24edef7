package org.lanternfish.microsoft.defender;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.RateLimit;

/**
 * The Defender for Endpoint machines and their CVEs: {@code api/machines} and the organisation-wide
 * {@code api/vulnerabilities/machinesVulnerabilities}, each followed through {@code @odata.nextLink}, every call
 * paced by Defender's documented limit. Enumerations are read in any case and kept in lower case.
 */
public final class MachineInventory {
  /** The permissions the two lists need. */
  public static final String MACHINES_PERMISSION = "Machine.Read.All";
  public static final String VULNERABILITIES_PERMISSION = "Vulnerability.Read.All";
  static final int PAGE_SIZE = 10_000;

  private final AuthorizedClient client;
  private final URI defender;
  private final RateLimit limit;

  /** An inventory of {@code defender}'s machines, calls paced by {@code limit}. */
  public MachineInventory(AuthorizedClient client, URI defender, RateLimit limit) {
    this.client = client;
    this.defender = defender;
    this.limit = limit;
  }

  /** Every machine with its CVEs, in the order Defender lists them. */
  public List<DefenderMachine> read() throws ApiFailure, InterruptedException {
    Map<String, List<DefenderMachine.Vulnerability>> cves = new HashMap<>();
    pages(URI.create(defender + "/api/vulnerabilities/machinesVulnerabilities?$top=" + PAGE_SIZE),
        "Defender machinesVulnerabilities", VULNERABILITIES_PERMISSION, v -> {
          String machine = text(v, "machineId");
          String cve = text(v, "cveId");
          if (machine != null && cve != null) {
            cves.computeIfAbsent(machine, m -> new ArrayList<>()).add(new DefenderMachine.Vulnerability(cve,
                lower(text(v, "severity")), product(v), text(v, "fixingKbId")));
          }
        });
    Map<String, DefenderMachine> machines = new LinkedHashMap<>();
    pages(URI.create(defender + "/api/machines?$top=" + PAGE_SIZE), "Defender machines", MACHINES_PERMISSION, m -> {
      String id = text(m, "id");
      if (id != null) {
        machines.put(id, new DefenderMachine(id, text(m, "computerDnsName"), text(m, "osPlatform"),
            text(m, "version"), text(m, "osBuild"), lower(text(m, "healthStatus")), lower(text(m, "riskScore")),
            lower(text(m, "exposureLevel")), text(m, "lastIpAddress"), cves.getOrDefault(id, List.of())));
      }
    });
    return List.copyOf(machines.values());
  }

  private void pages(URI first, String what, String permission, Consumer<JsonNode> each)
      throws ApiFailure, InterruptedException {
    DefenderPages.read(client, defender, limit, first, what, permission, each);
  }

  private static String product(JsonNode v) {
    String joined = String.join(" ", Stream.of(text(v, "productVendor"), text(v, "productName"),
        text(v, "productVersion")).filter(Objects::nonNull).toList());
    return joined.isEmpty() ? null : joined;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }

  private static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }
}
