package org.lanternfish.microsoft.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.fake.FakeMicrosoft.Reply;
import org.lanternfish.microsoft.fake.MutableClock;
import org.lanternfish.microsoft.fake.TestCertificates;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.MicrosoftHttp;

final class TokenSourceTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final MicrosoftHttp http = new MicrosoftHttp(d -> { }, clock, 3);

  private TokenSource tokens(FakeMicrosoft fake, String secret) {
    return new TokenSource(fake.uri(), FakeMicrosoft.TENANT, FakeMicrosoft.CLIENT, new ClientSecret(secret), http,
        clock);
  }

  @Test
  void token_isCachedPerResource_andRenewedBeforeItExpires() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      TokenSource tokens = tokens(fake, FakeMicrosoft.SECRET);
      String graph = tokens.token(Resource.GRAPH);
      String defender = tokens.token(Resource.DEFENDER);
      assertThat(graph).isNotEqualTo(defender);
      assertThat(tokens.token(Resource.GRAPH)).isEqualTo(graph);
      assertThat(fake.tokenScopes()).containsExactly("https://graph.microsoft.com/.default",
          "https://api.securitycenter.microsoft.com/.default");

      clock.advance(Duration.ofSeconds(3599).minus(TokenSource.RENEW_BEFORE).minusSeconds(1));
      assertThat(tokens.token(Resource.GRAPH)).isEqualTo(graph);
      clock.advance(Duration.ofSeconds(1));
      assertThat(tokens.token(Resource.GRAPH)).isNotEqualTo(graph);
      assertThat(fake.tokenScopes()).hasSize(3);
    }
  }

  @Test
  void client_refusedToken_isFetchedAnewAndTheCallRepeatedOnce() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      fake.on("/v1.0/security/alerts_v2", exchange -> Reply.json(200, "{\"value\":[]}"));
      TokenSource tokens = tokens(fake, FakeMicrosoft.SECRET);
      AuthorizedClient client = new AuthorizedClient(tokens, http);
      URI alerts = fake.uri().resolve("/v1.0/security/alerts_v2");
      client.get(Resource.GRAPH, alerts, "alerts", "SecurityAlert.Read.All");
      fake.revokeTokens();
      assertThat(client.get(Resource.GRAPH, alerts, "alerts", "SecurityAlert.Read.All").status()).isEqualTo(200);
      assertThat(fake.tokenScopes()).hasSize(2);
      assertThat(fake.requests()).filteredOn(r -> r.startsWith("GET")).hasSize(3);
    }
  }

  @Test
  void token_wrongSecret_saysSoWithoutEchoingIt() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      TokenSource tokens = tokens(fake, "not-the-secret-value");
      assertThatThrownBy(() -> tokens.token(Resource.GRAPH)).isInstanceOfSatisfying(ApiFailure.class, e -> {
        assertThat(e.kind()).isEqualTo(ApiFailure.Kind.BAD_CREDENTIALS);
        assertThat(e.getMessage()).contains("the client secret is wrong").contains("AADSTS7000215")
            .contains(FakeMicrosoft.TENANT).doesNotContain("not-the-secret-value");
      });
    }
  }

  @Test
  void token_documentedScopeError_isQuotedWithItsCode() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      fake.queue("/" + FakeMicrosoft.TENANT + "/oauth2/v2.0/token",
          Reply.json(400, FakeMicrosoft.sample("entra-token-error-response.json")));
      assertThatThrownBy(() -> tokens(fake, FakeMicrosoft.SECRET).token(Resource.AZURE_MONITOR))
          .isInstanceOfSatisfying(ApiFailure.class, e -> assertThat(e.getMessage())
              .contains("the tenant has no such API for this application")
              .contains("HTTP 400, invalid_scope: AADSTS70011"));
    }
  }

  @Test
  void token_sampleResponse_isTaken() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      fake.queue("/" + FakeMicrosoft.TENANT + "/oauth2/v2.0/token",
          Reply.json(200, FakeMicrosoft.sample("entra-token-client-credentials-response.json")));
      assertThat(tokens(fake, FakeMicrosoft.SECRET).token(Resource.GRAPH)).startsWith("eyJ0eXAiOiJKV1Qi");
    }
  }

  @Test
  void token_withACertificate_signsAClientAssertion_andARegisteredOneIsAccepted(@TempDir Path dir) throws Exception {
    KeyStore registered = TestCertificates.keyStore(dir, "lanternfish.contoso.com");
    KeyStore other = TestCertificates.keyStore(dir, "other.contoso.com");
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      fake.trustCertificate(TestCertificates.certificate(registered));
      ClientCertificate certificate = ClientCertificate.read(TestCertificates.pem(registered, dir.resolve("app.pem")));
      assertThat(certificate.toString()).doesNotContain("PRIVATE");
      TokenSource tokens = new TokenSource(fake.uri(), FakeMicrosoft.TENANT, FakeMicrosoft.CLIENT, certificate, http,
          clock);
      assertThat(tokens.token(Resource.DEFENDER)).startsWith("token-");

      TokenSource unregistered = new TokenSource(fake.uri(), FakeMicrosoft.TENANT, FakeMicrosoft.CLIENT,
          ClientCertificate.read(TestCertificates.pem(other, dir.resolve("other.pem"))), http, clock);
      assertThatThrownBy(() -> unregistered.token(Resource.DEFENDER)).isInstanceOf(ApiFailure.class)
          .hasMessageContaining("the client assertion was refused: the certificate is not one registered on"
              + " application " + FakeMicrosoft.CLIENT);
    }
  }

  @Test
  void read_aPemWithoutItsKey_isRefusedSayingWhatItNeeds(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cert-only.pem");
    Files.writeString(file, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> ClientCertificate.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("needs both a PRIVATE KEY and a CERTIFICATE");
  }
}
