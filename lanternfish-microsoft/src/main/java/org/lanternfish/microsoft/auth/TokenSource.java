package org.lanternfish.microsoft.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.MicrosoftHttp;

/**
 * OAuth2 client-credentials tokens of one tenant's application, one per {@link Resource}, cached and fetched anew
 * a few minutes before they expire (or at once when an API refused one). A refused request is told by what Entra
 * said: a wrong or expired secret, an application or tenant that does not exist, an API the app has no access to.
 */
public final class TokenSource {
  /** A token is renewed this long before it expires, so no call carries one that dies in flight. */
  static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

  private final URI tokenEndpoint;
  private final String tenantId;
  private final String clientId;
  private final ClientCredential credential;
  private final MicrosoftHttp http;
  private final Clock clock;
  private final Map<Resource, Token> tokens = new EnumMap<>(Resource.class);

  /** Tokens from {@code login} (such as {@code https://login.microsoftonline.com}) for the app in the tenant. */
  public TokenSource(URI login, String tenantId, String clientId, ClientCredential credential, MicrosoftHttp http,
      Clock clock) {
    this.tokenEndpoint = login.resolve("/" + tenantId + "/oauth2/v2.0/token");
    this.tenantId = tenantId;
    this.clientId = clientId;
    this.credential = credential;
    this.http = http;
    this.clock = clock;
  }

  /** A token for {@code resource} that is valid for at least {@link #RENEW_BEFORE}. */
  public synchronized String token(Resource resource) throws ApiFailure, InterruptedException {
    Token cached = tokens.get(resource);
    if (cached != null && clock.instant().isBefore(cached.expires.minus(RENEW_BEFORE))) {
      return cached.value;
    }
    Token fresh = request(resource);
    tokens.put(resource, fresh);
    return fresh.value;
  }

  /** Drops the cached token of {@code resource}, after an API refused it. */
  public synchronized void forget(Resource resource) {
    tokens.remove(resource);
  }

  private Token request(Resource resource) throws ApiFailure, InterruptedException {
    Instant asked = clock.instant();
    String form = "client_id=" + encode(clientId) + "&scope=" + encode(resource.scope()) + "&"
        + credential.formFields(tokenEndpoint, clientId, asked) + "&grant_type=client_credentials";
    String what = "token for " + resource.scope() + " (tenant " + tenantId + ")";
    MicrosoftHttp.Answer answer = http.send(what, () -> MicrosoftHttp.request(tokenEndpoint)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    if (!answer.ok()) {
      throw refused(what, answer);
    }
    JsonNode body = answer.json(what);
    String value = body.path("access_token").asText("");
    long seconds = body.path("expires_in").asLong(-1);
    if (value.isEmpty() || seconds <= 0) {
      throw new ApiFailure(ApiFailure.Kind.BAD_RESPONSE, answer.status(), what
          + ": the answer has no access_token or expires_in");
    }
    return new Token(value, asked.plusSeconds(seconds));
  }

  /** Entra's refusal in the operator's words; its AADSTS code decides which. */
  private ApiFailure refused(String what, MicrosoftHttp.Answer answer) {
    String said = answer.errorText().orElse("HTTP " + answer.status());
    String reason;
    if (said.contains("AADSTS7000215")) {
      reason = "the client secret is wrong (is it the secret's value, not its id?)";
    } else if (said.contains("AADSTS7000222")) {
      reason = "the client secret has expired: create a new one for application " + clientId;
    } else if (said.contains("AADSTS700027") || said.contains("AADSTS700024")) {
      reason = "the client assertion was refused: the certificate is not one registered on application " + clientId
          + ", or this host's clock is wrong";
    } else if (said.contains("AADSTS700016")) {
      reason = "no application " + clientId + " in tenant " + tenantId + " (wrong client id, or not consented"
          + " in this tenant)";
    } else if (said.contains("AADSTS90002") || said.contains("AADSTS900023")) {
      reason = "tenant " + tenantId + " does not exist";
    } else if (said.contains("AADSTS500011") || said.contains("invalid_scope")) {
      reason = "the tenant has no such API for this application";
    } else {
      reason = "Entra refused the request";
    }
    return new ApiFailure(ApiFailure.Kind.BAD_CREDENTIALS, answer.status(), what + ": " + reason
        + " (HTTP " + answer.status() + ", " + said + ")");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private record Token(String value, Instant expires) {
  }
}
