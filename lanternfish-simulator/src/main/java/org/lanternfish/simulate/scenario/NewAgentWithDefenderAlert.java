package org.lanternfish.simulate.scenario;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Role;
import org.lanternfish.simulate.traffic.Endpoints;
import org.lanternfish.simulate.traffic.HttpExchange;

/**
 * S1: a workstation talks to an internal server with a User-Agent it never used, and Microsoft Defender
 * independently alerts on the same workstation for activity group DEV-0408.
 */
final class NewAgentWithDefenderAlert implements Scenario {
  private static final List<String> AGENTS =
      List.of("python-requests/2.31.0", "Go-http-client/1.1", "curl/8.4.0", "WinHttp.WinHttpRequest.5",
          "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1; Trident/7.0)", "Microsoft BITS/7.8");
  private static final List<String> OLD_BROWSERS = List.of(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/96.0.4664.45"
          + " Safari/537.36",
      "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko");
  private static final List<String[]> ALERTS = List.of(
      new String[] {"DEV-0408 activity group detected", "Execution", "T1059.001"},
      new String[] {"Suspicious PowerShell command line", "Execution", "T1059.001"},
      new String[] {"Suspicious process injection observed", "DefenseEvasion", "T1055"});

  @Override
  public String name() {
    return "Defender alert and new user agent";
  }

  @Override
  public void inject(ScenarioContext c) {
    Device victim = c.workstation(List.of());
    Device server = c.pick(c.org().devices(Role.APP_SERVER));
    long start = c.localTime(victim, 10 + c.random().nextDouble() * 5);
    String agent = c.pick(AGENTS);
    String agentKind = c.variant("tool-agent", "old-browser-agent", "custom-agent");
    if (agentKind.equals("old-browser-agent")) {
      agent = c.pick(OLD_BROWSERS);
    } else if (agentKind.equals("custom-agent")) {
      agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) " + Long.toHexString(c.random().nextLong() >>> 40) + "/1.0";
    }
    int port = c.variant("port-80", "port-8080").equals("port-8080") ? 8080 : 80;
    String[] kind = c.pick(ALERTS);
    long alertTs = start - (5 + c.random().nextInt(40)) * 60_000_000L;
    String alertId = "da" + Math.abs(c.random().nextLong() % 1_000_000_000_000_000L) + "_" + c.random().nextInt();
    c.alert("defender-alert", kind[2], alertTs, alertId, alert(c, alertId, victim, kind, alertTs),
        List.of(victim.name()), List.of(victim.ip()));
    c.begin("new-user-agent-to-internal-server", "T1071.001", agentKind + "+port-" + port,
        List.of(victim.name(), server.name()),
        List.of(victim.ip(), server.ip()));
    int requests = 4 + c.random().nextInt(12);
    long ts = start;
    for (int i = 0; i < requests; i++) {
      String uri = c.pick(List.of("/api/v2/export", "/admin/config", "/api/v2/users", "/upload")) + "?id="
          + c.random().nextInt(100_000);
      HttpExchange x = new HttpExchange(i % 3 == 2 ? "POST" : "GET", c.windows().fqdn(server.name()), uri, agent,
          i % 3 == 2 ? 2000 + c.random().nextInt(50_000) : 0, 500 + c.random().nextInt(80_000), 200,
          "application/json", null);
      c.flows().http(ts, new Endpoints(victim.ip(), c.flows().ephemeralPort(), server.ip(), port), x);
      ts += (5 + c.random().nextInt(90)) * 1_000_000L;
    }
    c.end();
  }

  private static Map<String, Object> alert(ScenarioContext c, String id, Device victim, String[] kind, long ts) {
    String tenant = uuid(c);
    String when = Instant.ofEpochSecond(0, ts * 1000).truncatedTo(ChronoUnit.MILLIS).toString();
    String incident = Integer.toString(10_000 + c.random().nextInt(90_000));
    Map<String, Object> device = new LinkedHashMap<>();
    device.put("@odata.type", "#microsoft.graph.security.deviceEvidence");
    device.put("createdDateTime", when);
    device.put("verdict", "suspicious");
    device.put("remediationStatus", "none");
    device.put("remediationStatusDetails", null);
    device.put("firstSeenDateTime", when);
    device.put("mdeDeviceId", Long.toHexString(c.random().nextLong()) + Long.toHexString(c.random().nextLong()));
    device.put("azureAdDeviceId", null);
    device.put("deviceDnsName", c.windows().fqdn(victim.name()));
    device.put("osPlatform", "Windows11");
    device.put("osBuild", 22631);
    device.put("version", "23H2");
    device.put("healthStatus", "active");
    device.put("riskScore", "high");
    device.put("rbacGroupId", 0);
    device.put("rbacGroupName", null);
    device.put("onboardingStatus", "onboarded");
    device.put("defenderAvStatus", "updated");
    device.put("ipInterfaces", List.of(victim.ip()));
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("accountName", victim.user());
    user.put("domainName", c.org().netbiosDomain());
    device.put("loggedOnUsers", List.of(user));
    device.put("roles", List.of("compromised"));
    device.put("detailedRoles", List.of("Main device"));
    device.put("tags", List.of());
    device.put("vmMetadata", null);
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("@odata.type", "#microsoft.graph.security.alert");
    a.put("id", id);
    a.put("providerAlertId", id);
    a.put("incidentId", incident);
    a.put("status", "new");
    a.put("severity", "high");
    a.put("classification", null);
    a.put("determination", null);
    a.put("serviceSource", "microsoftDefenderForEndpoint");
    a.put("detectionSource", "microsoftDefenderForEndpoint");
    a.put("detectorId", uuid(c));
    a.put("tenantId", tenant);
    a.put("title", kind[0]);
    a.put("description", "Activity associated with the threat activity group DEV-0408 was observed on this device.");
    a.put("recommendedActions", "Isolate the device and investigate the process tree.");
    a.put("category", kind[1]);
    a.put("assignedTo", null);
    a.put("alertWebUrl", "https://security.microsoft.com/alerts/" + id + "?tid=" + tenant);
    a.put("incidentWebUrl", "https://security.microsoft.com/incidents/" + incident + "?tid=" + tenant);
    a.put("actorDisplayName", "DEV-0408");
    a.put("threatDisplayName", null);
    a.put("threatFamilyName", null);
    a.put("mitreTechniques", List.of(kind[2]));
    a.put("createdDateTime", when);
    a.put("lastUpdateDateTime", when);
    a.put("resolvedDateTime", null);
    a.put("firstActivityDateTime", when);
    a.put("lastActivityDateTime", when);
    a.put("comments", List.of());
    a.put("evidence", List.of(device));
    a.put("systemTags", List.of());
    return a;
  }

  private static String uuid(ScenarioContext c) {
    String hex = Long.toHexString(c.random().nextLong() | Long.MIN_VALUE) + Long.toHexString(
        c.random().nextLong() | Long.MIN_VALUE);
    return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
        + hex.substring(16, 20) + "-" + hex.substring(20, 32);
  }
}
