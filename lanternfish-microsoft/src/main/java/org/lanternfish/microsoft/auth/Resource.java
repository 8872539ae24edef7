package org.lanternfish.microsoft.auth;

/** A Microsoft API Lanternfish asks a token for: each has its own audience, so its own token. */
public enum Resource {
  /** Microsoft Graph: security alerts ({@code security/alerts_v2}) and incidents. */
  GRAPH("https://graph.microsoft.com"),
  /** The Microsoft Defender for Endpoint API: machines, vulnerabilities, machine actions. */
  DEFENDER("https://api.securitycenter.microsoft.com"),
  /** Azure Monitor: the Logs Ingestion API that feeds Sentinel. */
  AZURE_MONITOR("https://monitor.azure.com"),
  /** Azure Resource Manager: Microsoft Sentinel's incidents, read back for the analysts' verdicts. */
  AZURE_MANAGEMENT("https://management.azure.com");

  private final String audience;

  Resource(String audience) {
    this.audience = audience;
  }

  /** The scope of a client-credentials token for this resource: the app's granted permissions. */
  public String scope() {
    return audience + "/.default";
  }
}
