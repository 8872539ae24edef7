package org.lanternfish.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.web.security.UserBook;

/** Browser sessions over real HTTP: login, cookie flags, CSRF, roles on pages, logout, and what is kept on disk. */
final class SecurityTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  @TempDir static Path directory;
  private static SampleSite site;

  @BeforeAll
  static void start() {
    site = new SampleSite(directory);
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @Test
  void login_setsAnHttpOnlyStrictCookie_andAnotherSiteCannotBeTheNextPage() throws Exception {
    HttpResponse<String> login = login("ana", SampleSite.ANALYST.reveal(), "//evil.example/");
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).hasValue("/");
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("lf_session=").contains("HttpOnly", "SameSite=Strict", "Path=/");
    HttpResponse<String> secure = HTTP.send(HttpRequest.newBuilder(URI.create(site.base() + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-Proto", "https")
        .POST(HttpRequest.BodyPublishers.ofString("username=ana&password=" + SampleSite.ANALYST.reveal())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(secure.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
  }

  @Test
  void sessionChange_withoutItsCsrfToken_isRefused() throws Exception {
    String cookie = sessionCookie("ana", SampleSite.ANALYST.reveal());
    String page = get("/incidents/" + SampleSite.INCIDENT, cookie).body();
    Matcher csrf = Pattern.compile("data-csrf=\"([^\"]+)\"").matcher(page);
    assertThat(csrf.find()).isTrue();
    String path = "/api/v1/incidents/" + SampleSite.INCIDENT + "/acknowledge";
    ApiClient session = ApiClient.anonymous(site.base()).header("Cookie", cookie);
    ApiClient.Answer refused = session.post(path, "{\"note\":\"x\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("reason").asText()).contains("CSRF");
    assertThat(ApiClient.anonymous(site.base()).header("Cookie", cookie).header("X-CSRF-Token", "forged")
        .post(path, "{}").status()).isEqualTo(403);
    assertThat(ApiClient.anonymous(site.base()).header("Cookie", cookie).header("X-CSRF-Token", csrf.group(1))
        .post(path, "{\"note\":\"seen\"}").status()).isEqualTo(200);
  }

  @Test
  void pages_withoutSession_redirectToLogin_andViewersCannotSeeTheAuditLog() throws Exception {
    HttpResponse<String> anonymous = get("/incidents/" + SampleSite.INCIDENT, null);
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow())
        .isEqualTo("/login?next=%2Fincidents%2F" + SampleSite.INCIDENT);
    String viewer = sessionCookie("vic", SampleSite.VIEWER.reveal());
    assertThat(get("/", viewer).statusCode()).isEqualTo(200);
    HttpResponse<String> audit = get("/audit", viewer);
    assertThat(audit.statusCode()).isEqualTo(403);
    assertThat(audit.body()).contains("needs the admin role");
  }

  @Test
  void logout_endsTheSession() throws Exception {
    String cookie = sessionCookie("vic", SampleSite.VIEWER.reveal());
    String csrf = csrf(get("/", cookie).body());
    HttpResponse<String> out = HTTP.send(HttpRequest.newBuilder(URI.create(site.base() + "/logout"))
        .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(get("/", cookie).statusCode()).isEqualTo(303);
  }

  @Test
  void userFile_holdsNoPasswordAndNoToken() throws Exception {
    String token = site.analyst().post("/api/v1/tokens", "{}").json()
        .path("token").asText();
    String file = Files.readString(directory.resolve(UserBook.FILE));
    assertThat(file).doesNotContain(SampleSite.ADMIN.reveal(), SampleSite.ANALYST.reveal(), token)
        .contains("$2b$10$");
  }

  private static String sessionCookie(String user, String password) throws Exception {
    String header = login(user, password, "/").headers().firstValue("Set-Cookie").orElseThrow();
    return header.substring(0, header.indexOf(';'));
  }

  private static String csrf(String page) {
    Matcher csrf = Pattern.compile("data-csrf=\"([^\"]+)\"").matcher(page);
    assertThat(csrf.find()).isTrue();
    return csrf.group(1);
  }

  private static HttpResponse<String> login(String user, String password, String next) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(site.base() + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&next=" + next))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(site.base() + path));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
