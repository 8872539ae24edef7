package org.lanternfish.microsoft.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.MicrosoftHttp;

/**
 * Calls a Microsoft API with the tenant's token for it: a refused token (401) is fetched anew and the call tried
 * once more; a 403 names the permission the call needs, so the operator knows what to grant.
 */
public final class AuthorizedClient {
  private final TokenSource tokens;
  private final MicrosoftHttp http;

  /** A client using {@code tokens} over {@code http}. */
  public AuthorizedClient(TokenSource tokens, MicrosoftHttp http) {
    this.tokens = tokens;
    this.http = http;
  }

  /**
   * The client of the tenant and application {@code settings} name, its credential (secret or certificate) read
   * from its file, which must be the service user's alone.
   */
  public static AuthorizedClient of(MicrosoftSettings settings, MicrosoftHttp http, Clock clock) throws IOException {
    TokenSource tokens = new TokenSource(settings.login(), settings.tenantId(), settings.clientId(),
        settings.credential(), http, clock);
    return new AuthorizedClient(tokens, http);
  }

  /** GETs {@code uri} of {@code resource}; {@code permission} is the application permission the call needs. */
  public MicrosoftHttp.Answer get(Resource resource, URI uri, String what, String permission)
      throws ApiFailure, InterruptedException {
    return send(resource, uri, what, permission, builder -> builder.GET());
  }

  /**
   * Sends the request {@code shape} makes of a builder for {@code uri} (method, body, headers) with a token for
   * {@code resource}; returns a 2xx answer, otherwise throws an {@link ApiFailure} that says what to fix.
   */
  public MicrosoftHttp.Answer send(Resource resource, URI uri, String what, String permission,
      UnaryOperator<HttpRequest.Builder> shape) throws ApiFailure, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      String token = tokens.token(resource);
      MicrosoftHttp.Answer answer = http.send(what, () -> shape.apply(MicrosoftHttp.request(uri)
          .header("Authorization", "Bearer " + token).header("Accept", "application/json")).build());
      if (answer.ok()) {
        return answer;
      }
      String said = answer.errorText().orElse("no error body");
      if (answer.status() == 401 && attempt == 1) {
        tokens.forget(resource);
        continue;
      }
      throw switch (answer.status()) {
        case 401 -> new ApiFailure(ApiFailure.Kind.UNAUTHORIZED, 401, what + ": " + uri.getHost()
            + " refused a fresh token (HTTP 401, " + said + ")");
        case 403 -> new ApiFailure(ApiFailure.Kind.FORBIDDEN, 403, what + ": the application lacks the "
            + permission + " permission (grant it as an application permission of " + resource.scope()
            .replace("/.default", "") + " and give admin consent; HTTP 403, " + said + ")");
        default -> new ApiFailure(ApiFailure.Kind.REJECTED, answer.status(), what + ": HTTP " + answer.status()
            + " (" + said + ")");
      };
    }
  }
}
