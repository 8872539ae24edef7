package org.lanternfish.microsoft.auth;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.MicrosoftHttp;

/**
 * "Test connection": tries each thing the integration needs, in the order they depend on each other (the secret
 * file, a token per API, one small call per permission), and says of each whether it worked and, if not, exactly
 * what failed: a secret file others can read, a wrong secret, a missing permission, an unreachable host.
 */
public final class ConnectionCheck {

  /**
   * One step of the check.
   *
   * @param name what was tried
   * @param ok whether it worked
   * @param detail what failed, or what was found
   */
  public record Step(String name, boolean ok, String detail) {
  }

  private ConnectionCheck() {
  }

  /** Runs every step it can; a step whose prerequisite failed is reported as not tried. */
  public static List<Step> run(MicrosoftSettings settings, MicrosoftHttp http, Clock clock)
      throws InterruptedException {
    List<Step> steps = new ArrayList<>();
    ClientCredential credential;
    String file = settings.certificateFile() != null ? "client certificate file" : "client secret file";
    try {
      credential = settings.credential();
      steps.add(new Step(file, true, settings.credentialFile() + " is the service user's alone"));
    } catch (IOException e) {
      steps.add(new Step(file, false, e.getMessage()));
      return steps;
    }
    TokenSource tokens = new TokenSource(settings.login(), settings.tenantId(), settings.clientId(), credential,
        http, clock);
    AuthorizedClient client = new AuthorizedClient(tokens, http);
    if (token(steps, tokens, Resource.GRAPH)) {
      call(steps, client, Resource.GRAPH, URI.create(settings.graph() + "/v1.0/security/alerts_v2?$top=1"),
          "read alerts (Graph security/alerts_v2)", "SecurityAlert.Read.All");
    }
    if (token(steps, tokens, Resource.DEFENDER)) {
      call(steps, client, Resource.DEFENDER, URI.create(settings.defender() + "/api/machines?$top=1"),
          "read machines (Defender API)", "Machine.Read.All");
      call(steps, client, Resource.DEFENDER, URI.create(settings.defender()
          + "/api/vulnerabilities/machinesVulnerabilities?$top=1"), "read vulnerabilities (Defender API)",
          "Vulnerability.Read.All");
    }
    if (settings.sentinelWorkspace() != null && token(steps, tokens, Resource.AZURE_MANAGEMENT)) {
      call(steps, client, Resource.AZURE_MANAGEMENT, settings.sentinelWorkspace().incidents(settings.management(),
          "&$top=1"), "read incidents (Sentinel)", SentinelWorkspace.READER_ROLE);
    }
    return steps;
  }

  /** True when every step worked. */
  public static boolean passed(List<Step> steps) {
    return steps.stream().allMatch(Step::ok);
  }

  private static boolean token(List<Step> steps, TokenSource tokens, Resource resource)
      throws InterruptedException {
    String name = "token for " + resource.scope();
    try {
      tokens.token(resource);
      steps.add(new Step(name, true, "issued"));
      return true;
    } catch (ApiFailure e) {
      steps.add(new Step(name, false, e.getMessage()));
      return false;
    }
  }

  private static void call(List<Step> steps, AuthorizedClient client, Resource resource, URI uri, String name,
      String permission) throws InterruptedException {
    try {
      client.get(resource, uri, name, permission).json(name);
      steps.add(new Step(name, true, "allowed (" + permission + ")"));
    } catch (ApiFailure e) {
      String detail = e.getMessage();
      steps.add(new Step(name, false, detail.startsWith(name + ": ") ? detail.substring(name.length() + 2) : detail));
    }
  }
}
