package org.lanternfish.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.store.AlertVerdicts;
import org.lanternfish.store.EndpointMachines;
import org.lanternfish.store.InvestigationReports;

/** The server-rendered pages over real HTTP: paging links, bad input, missing things, escaping. */
final class PagesTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  @TempDir static Path directory;
  private static SampleSite site;
  private static String cookie;

  @BeforeAll
  static void start() throws Exception {
    site = new SampleSite(directory);
    HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(site.base() + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=vic&password=" + SampleSite.VIEWER.reveal())).build(),
        HttpResponse.BodyHandlers.ofString());
    String header = login.headers().firstValue("Set-Cookie").orElseThrow();
    cookie = header.substring(0, header.indexOf(';'));
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @Test
  void breaches_olderLink_leadsToTheRestOfTheFilteredList() throws Exception {
    String first = get("/breaches?minScore=45").body();
    assertThat(rows(first)).isEqualTo(50);
    Matcher older = Pattern.compile("<a rel=\"next\" href=\"([^\"]+)\"").matcher(first);
    assertThat(older.find()).isTrue();
    String second = get(older.group(1).replace("&amp;", "&")).body();
    assertThat(rows(second)).isEqualTo(5);
    assertThat(second).doesNotContain("rel=\"next\"");
  }

  @Test
  void badFilterOrMissingThing_isAnErrorPageNotA500() throws Exception {
    HttpResponse<String> bad = get("/breaches?from=yesterday");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(bad.body()).contains("from must be an ISO-8601 time");
    assertThat(get("/incidents/nope").statusCode()).isEqualTo(404);
    assertThat(get("/breaches/nope").statusCode()).isEqualTo(404);
    assertThat(get("/devices/nobody").statusCode()).isEqualTo(404);
  }

  @Test
  void device_pageAndApiShowWhatDefenderKnowsOfTheMachineOfItsName_andNothingForAnother() throws Exception {
    site.store.replaceEndpointMachines(List.of(new EndpointMachines.EndpointMachine("m1",
        "DESKTOP-O82ILGG.contoso.local", "Windows11", "23H2", "22631", "active", "high", "medium", "10.8.0.5",
        0, List.of(new EndpointMachines.Cve("CVE-2024-3400", "critical", "openbsd openssh 9.6", "KB5034441"),
            new EndpointMachines.Cve("CVE-2021-0001", "low", null, null)))), SampleSite.START);
    String page = get("/devices/DESKTOP-O82ILGG").body();
    assertThat(page).contains("Microsoft Defender for Endpoint", "DESKTOP-O82ILGG.contoso.local (10.8.0.5)",
        "Windows11 23H2, build 22631", "<dt>Risk</dt><dd>high</dd>", "<dt>Exposure</dt><dd>medium</dd>",
        "<dt>Sensor health</dt><dd>active</dd>", "2 CVEs", "CVE-2024-3400", "openbsd openssh 9.6", "KB5034441");
    assertThat(page.indexOf("CVE-2024-3400")).as("most severe first").isLessThan(page.indexOf("CVE-2021-0001"));
    assertThat(page).as("the sample site commits no detection snapshot").contains(
        "<dd id=\"device-learned-role\">not known to detection yet</dd>");
    assertThat(get("/devices/DC04").body()).doesNotContain("Microsoft Defender for Endpoint");

    ApiClient viewer = site.viewer();
    JsonNode machine = viewer.get("/api/v1/devices/DESKTOP-O82ILGG").json()
        .path("defender").get(0);
    assertThat(machine.path("dnsName").asText()).isEqualTo("DESKTOP-O82ILGG.contoso.local");
    assertThat(machine.path("osPlatform").asText()).isEqualTo("Windows11");
    assertThat(machine.path("cves").findValuesAsText("id")).containsExactly("CVE-2024-3400", "CVE-2021-0001");
    assertThat(viewer.get("/api/v1/devices/DC04").json().path("defender")).isEmpty();
  }

  @Test
  void breach_linksTheInvestigationItTriggered() throws Exception {
    site.store.recordInvestigation("investigations", 0, new InvestigationReports.InvestigationReport("B3",
        "DESKTOP-O82ILGG", SampleSite.START, false, "Nothing unusual found around DESKTOP-O82ILGG: 1 weak or isolated"
        + " signals.", "{\"lookedAt\":[\"0 unusual connections of DESKTOP-O82ILGG\"],\"incident\":null}"));
    String page = get("/breaches/B3").body();
    assertThat(page).contains("AI Analyst investigation", "nothing unusual found",
        "Nothing unusual found around DESKTOP-O82ILGG: 1 weak or isolated signals.",
        "Looked at: 0 unusual connections of DESKTOP-O82ILGG");
    assertThat(get("/breaches/B4").body()).doesNotContain("AI Analyst investigation");
  }

  @Test
  void breachAndIncident_showTheDefenderVerdictOnTheAlertBehindThem_andAFalsePositiveOffersASuppression()
      throws Exception {
    site.store.recordAlertVerdicts(List.of(
        new AlertVerdicts.AlertVerdict("C3", "falsePositive", "notMalicious", SampleSite.START),
        new AlertVerdicts.AlertVerdict("C7", "truePositive", "malware", SampleSite.START)));
    String viewed = get("/breaches/B3").body();
    assertThat(viewed).contains("id=\"verdicts\"", "Microsoft Defender alert C3 was classified",
        "<strong class=\"verdict\">falsePositive</strong> (notMalicious)", "<a href=\"/suppressions\">allowlist</a>")
        .as("a viewer cannot suppress").doesNotContain("id=\"verdict-suppression\"");
    String analysed = HTTP.send(HttpRequest.newBuilder(URI.create(site.base() + "/breaches/B3"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("ana:"
            + SampleSite.ANALYST.reveal()).getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(analysed).contains("id=\"verdict-suppression\"", "name=\"kind\" value=\"model-device\"",
        "name=\"device\" value=\"DESKTOP-O82ILGG\"", "name=\"model\" value=\"unusual-rdp\"");
    String truePositive = get("/breaches/B7").body();
    assertThat(truePositive).contains("<strong class=\"verdict\">truePositive</strong> (malware)")
        .doesNotContain("allowlist</a>");
    assertThat(get("/breaches/B4").body()).doesNotContain("id=\"verdicts\"");

    String incident = get("/incidents/" + SampleSite.INCIDENT).body();
    assertThat(incident).contains("Analysts' verdicts in Microsoft Defender",
        "Alert C3: <strong class=\"verdict\">falsePositive</strong> (notMalicious)", "a false positive");
    assertThat(site.viewer().get("/api/v1/incidents/" + SampleSite.INCIDENT).json().path("verdicts")
        .findValuesAsText("classification")).containsExactly("falsePositive");
  }

  @Test
  void incident_showsTheSentinelVerdictOnTheIncidentRaisedFromIt_andAFalsePositivePointsToTheAllowlist()
      throws Exception {
    assertThat(get("/incidents/" + SampleSite.INCIDENT).body()).doesNotContain("id=\"sentinel-verdict\"");
    assertThat(site.viewer().get("/api/v1/incidents/" + SampleSite.INCIDENT).json().has("sentinelVerdict")).isFalse();

    site.store.recordIncidentVerdicts(List.of(new AlertVerdicts.AlertVerdict(SampleSite.INCIDENT, "FalsePositive",
        "IncorrectAlertLogic", SampleSite.START)));

    assertThat(get("/incidents/" + SampleSite.INCIDENT).body()).contains("id=\"sentinel-verdict\"",
        "classified <strong class=\"verdict\">FalsePositive</strong> (IncorrectAlertLogic)",
        "<a href=\"/suppressions\">allowlist</a>");
    assertThat(site.viewer().get("/api/v1/incidents/" + SampleSite.INCIDENT).json().path("sentinelVerdict")
        .path("classification").asText()).isEqualTo("FalsePositive");
  }

  @Test
  void search_escapesWhatItShows() throws Exception {
    HttpResponse<String> page = get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
  }

  @Test
  void incident_storyLinksEachSentenceToItsRecordsInAdvancedSearch() throws Exception {
    String page = get("/incidents/" + SampleSite.INCIDENT).body();
    assertThat(page).contains("href=\"/breaches/B3\"", "ShadowPad");
    Matcher link = Pattern.compile("<a class=\"sentence\" href=\"([^\"]+)\">It wrote").matcher(page);
    assertThat(link.find()).isTrue();
    assertThat(link.group(1)).startsWith("/search?q=%28uid%3AC0+OR+uid%3AC3%29+AND+ts%3E%3D2026-11-10T01%3A00%3A00Z");
    String records = get(link.group(1).replace("&amp;", "&")).body();
    assertThat(records).contains("<span id=\"result-count\">2</span>");
  }

  @Test
  void breach_showsTheRecordsBehindIt() throws Exception {
    String page = get("/breaches/B7").body();
    assertThat(page).contains("id=\"breach-records\"", "<b>uid</b>=C7", "first session to C$ in 30 days");
  }

  @Test
  void devices_pageFlagsTheInventory_andNamesDevicesNotByTheirCard() throws Exception {
    String page = get("/devices").body();
    assertThat(page).contains("<a href=\"/devices/DESKTOP-O82ILGG\">DESKTOP-O82ILGG (10.8.0.5)</a>",
        "<span class=\"flag unnamed\">unnamed</span>", "<svg class=\"spark\"");
    assertThat(page).doesNotContain("mac:");
    String device = get("/devices/DESKTOP-O82ILGG").body();
    assertThat(device).contains("<h1>DESKTOP-O82ILGG (10.8.0.5)</h1>", "id=\"device-names\"", "id=\"usual-peers\"",
        ">10.74.1.10</a>", "The latest ");
  }

  @Test
  void formErrors_onSettingsAndTokens_areShownOnTheForm_notTheErrorPage() throws Exception {
    HttpResponse<String> settings = postForm("/settings", "action=explode&text=" + "vpn_networks+%3D+%5B%5D",
        "admin", SampleSite.ADMIN);
    assertThat(settings.statusCode()).isEqualTo(400);
    assertThat(settings.body()).contains("id=\"config-problem\"", "action must be check or save",
        "id=\"config-form\"", "vpn_networks = []");
    HttpResponse<String> tokens = postForm("/tokens", "label=" + "x".repeat(101), "vic", SampleSite.VIEWER);
    assertThat(tokens.statusCode()).isEqualTo(400);
    assertThat(tokens.body()).contains("id=\"token-problem\"", "label has at most 100 characters",
        "id=\"token-form\"", "aria-invalid=\"true\"");
  }

  @Test
  void responsePolicy_badTextIsShownByLine_aGoodOneSaved_viewersAreRefused() throws Exception {
    assertThat(get("/respond/policy").statusCode()).as("a viewer").isEqualTo(403);
    HttpResponse<String> bad = postForm("/respond/policy", "action=save&text="
        + java.net.URLEncoder.encode("rule: x\naction: explode\nduration: 2h\nmode: confirm\n",
        java.nio.charset.StandardCharsets.UTF_8), "admin", SampleSite.ADMIN);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("id=\"policy-problem\"", "Line 2: unknown action 'explode'",
        "<pre class=\"caret\">action: explode</pre>", "Nothing was saved");
    assertThat(directory.resolve("respond.conf")).doesNotExist();
    HttpResponse<String> good = postForm("/respond/policy", "action=save&text="
        + java.net.URLEncoder.encode("never_block: 10.0.0.1\n", java.nio.charset.StandardCharsets.UTF_8), "admin",
        SampleSite.ADMIN);
    assertThat(good.statusCode()).isEqualTo(303);
    assertThat(java.nio.file.Files.readString(directory.resolve("respond.conf"))).isEqualTo("never_block: 10.0.0.1\n");
  }

  private static HttpResponse<String> postForm(String path, String form, String user,
      org.lanternfish.web.security.Secret password) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(site.base() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":"
            + password.reveal()).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int rows(String page) {
    return (int) page.lines().filter(line -> line.contains("<tr><td><span class=\"score")).count();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(site.base() + path)).header("Cookie", cookie).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
