package org.lanternfish.microsoft.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code [microsoft]} table of {@code config.toml}: which tenant and application, where the client secret
 * lives (a file of its own, readable by the service user only; never in the configuration), and how often alerts
 * are polled. The endpoints default to Microsoft's global cloud and are settable for national clouds (and tests).
 *
 * @param tenantId the Entra tenant (directory) id
 * @param clientId the application (client) id
 * @param secretFile the file holding the client secret, or null when the application uses a certificate
 * @param certificateFile the PEM file holding the application's certificate and private key, or null
 * @param login the Entra login endpoint
 * @param graph the Microsoft Graph endpoint
 * @param defender the Defender for Endpoint API endpoint
 * @param alertPoll how often {@code security/alerts_v2} is polled
 * @param firstPoll how far back the first poll reaches
 * @param machineRefresh how often Defender's machines and their CVEs are fetched anew
 * @param ingestion the logs ingestion endpoint of the Sentinel workspace's data collection endpoint, or null
 * @param dcrImmutableId the immutable id ({@code dcr-...}) of the shipped data collection rule, or null
 * @param management the Azure Resource Manager endpoint, through which Sentinel's incidents are read back
 * @param sentinelWorkspace the Sentinel workspace whose incidents' verdicts are read back, or null
 */
public record MicrosoftSettings(String tenantId, String clientId, Path secretFile, Path certificateFile, URI login,
    URI graph,
    URI defender, Duration alertPoll, Duration firstPoll, Duration machineRefresh, URI ingestion,
    String dcrImmutableId, URI management, SentinelWorkspace sentinelWorkspace) {

  /** The keys of the {@code [microsoft]} table. */
  public static final List<String> KEYS = List.of("tenant_id", "client_id", "client_secret_file", "client_certificate_file",
      "login_endpoint",
      "graph_endpoint", "defender_endpoint", "alert_poll_seconds", "first_poll_days", "machine_refresh_minutes",
      "ingestion_endpoint",
      "dcr_immutable_id", "management_endpoint", "sentinel_subscription_id", "sentinel_resource_group",
      "sentinel_workspace");
  private static final List<String> WORKSPACE_KEYS = List.of("sentinel_subscription_id", "sentinel_resource_group",
      "sentinel_workspace");

  private static final Pattern DCR = Pattern.compile("dcr-[0-9a-f]{32}");
  private static final Pattern GUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** The application's credential, read from its file: the client secret or the certificate with its key. */
  public ClientCredential credential() throws IOException {
    return certificateFile != null ? ClientCertificate.read(certificateFile) : ClientSecret.read(secretFile);
  }

  /** The file the credential is read from. */
  public Path credentialFile() {
    return certificateFile != null ? certificateFile : secretFile;
  }

  /** True when the Sentinel export is configured. */
  public boolean sentinel() {
    return ingestion != null;
  }

  /** Thrown for a {@code [microsoft]} table that cannot be used; the message names the key. */
  public static final class BadSettings extends RuntimeException {
    BadSettings(String message) {
      super(message);
    }
  }

  /**
   * Reads the table; {@code client_secret_file} is taken relative to {@code dataDir}. Throws {@link BadSettings}
   * naming {@code microsoft.KEY} and the reason.
   */
  public static MicrosoftSettings read(JsonNode table, Path dataDir) {
    if (table == null || !table.isObject()) {
      throw new BadSettings("microsoft: must be a table ([microsoft])");
    }
    table.fieldNames().forEachRemaining(key -> {
      if (!KEYS.contains(key)) {
        throw new BadSettings("microsoft." + key + ": unknown key (known: " + String.join(", ", KEYS) + ")");
      }
    });
    String tenant = guid(table, "tenant_id");
    String client = guid(table, "client_id");
    if (table.has("client_secret_file") == table.has("client_certificate_file")) {
      throw new BadSettings("microsoft: give either client_secret_file or client_certificate_file (a PEM file of"
          + " the application's certificate and private key)");
    }
    Path secret = table.has("client_secret_file") ? dataDir.resolve(text(table, "client_secret_file", null)) : null;
    Path certificate = table.has("client_certificate_file")
        ? dataDir.resolve(text(table, "client_certificate_file", null)) : null;
    if (table.has("ingestion_endpoint") != table.has("dcr_immutable_id")) {
      throw new BadSettings("microsoft: ingestion_endpoint and dcr_immutable_id go together (the Sentinel export"
          + " needs both)");
    }
    URI ingestion = table.has("ingestion_endpoint") ? endpoint(table, "ingestion_endpoint", null) : null;
    String dcr = table.has("dcr_immutable_id") ? text(table, "dcr_immutable_id", null) : null;
    if (dcr != null && !DCR.matcher(dcr).matches()) {
      throw new BadSettings("microsoft.dcr_immutable_id: '" + dcr + "' is not a rule's immutable id (dcr- and 32"
          + " hexadecimal digits, from the rule's JSON view)");
    }
    long workspaceKeys = WORKSPACE_KEYS.stream().filter(table::has).count();
    if (workspaceKeys != 0 && workspaceKeys != WORKSPACE_KEYS.size()) {
      throw new BadSettings("microsoft: " + String.join(", ", WORKSPACE_KEYS) + " go together (reading Sentinel"
          + " incidents' verdicts back needs all three)");
    }
    SentinelWorkspace workspace = workspaceKeys == 0 ? null : new SentinelWorkspace(
        guid(table, "sentinel_subscription_id"), text(table, "sentinel_resource_group", null),
        text(table, "sentinel_workspace", null));
    return new MicrosoftSettings(tenant, client, secret, certificate,
        endpoint(table, "login_endpoint", "https://login.microsoftonline.com"),
        endpoint(table, "graph_endpoint", "https://graph.microsoft.com"),
        endpoint(table, "defender_endpoint", "https://api.securitycenter.microsoft.com"),
        Duration.ofSeconds(number(table, "alert_poll_seconds", 60, 10, 86_400)),
        Duration.ofDays(number(table, "first_poll_days", 1, 0, 90)),
        Duration.ofMinutes(number(table, "machine_refresh_minutes", 60, 5, 1_440)), ingestion, dcr,
        endpoint(table, "management_endpoint", "https://management.azure.com"), workspace);
  }

  private static String text(JsonNode table, String key, String fallback) {
    JsonNode value = table.get(key);
    if (value == null) {
      if (fallback == null) {
        throw new BadSettings("microsoft." + key + ": missing");
      }
      return fallback;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new BadSettings("microsoft." + key + ": must be a non-empty string");
    }
    return value.asText().strip();
  }

  private static String guid(JsonNode table, String key) {
    String value = text(table, key, null);
    if (!GUID.matcher(value).matches()) {
      throw new BadSettings("microsoft." + key + ": '" + value + "' is not a GUID"
          + " (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, as the Entra admin center shows it)");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static URI endpoint(JsonNode table, String key, String fallback) {
    String value = text(table, key, fallback);
    try {
      URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new BadSettings("microsoft." + key + ": '" + value + "' is not an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new BadSettings("microsoft." + key + ": '" + value + "' is not a URL (" + e.getReason() + ")");
    }
  }

  private static long number(JsonNode table, String key, long fallback, long min, long max) {
    JsonNode value = table.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
      throw new BadSettings("microsoft." + key + ": must be a whole number from " + min + " to " + max);
    }
    return value.asLong();
  }
}
