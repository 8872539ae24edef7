package org.lanternfish.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.event.LogType;
import org.lanternfish.store.DuckDbEventStore;

final class AdvancedSearchTest {
  private static final long DAY_ONE = 1_704_067_200_000_000L;
  private static final long HOUR = 3_600_000_000L;
  private static final long MINUTE = 60_000_000L;

  @TempDir Path directory;
  private DuckDbEventStore store;
  private AdvancedSearch search;

  @BeforeEach
  void load() {
    store = DuckDbEventStore.open(directory);
    store.append(List.of(
        conn("c1", DAY_ONE + HOUR, "10.0.0.5", "192.168.1.10", 445, null, 500),
        conn("c2", DAY_ONE + 2 * HOUR, "10.1.2.3", "8.8.8.8", 443, "ssl", 2_000_000),
        conn("c3", DAY_ONE + 3 * HOUR, "172.16.0.9", "10.0.0.7", 80, "http", 100),
        conn("c4", DAY_ONE + 4 * HOUR, "2001:db8::5", "2001:db8:1::9", 445, "smb", 1_500_000),
        conn("c5", DAY_ONE + 25 * HOUR, "192.168.1.20", "203.0.113.7", 443, "ssl", 50),
        conn("c6", DAY_ONE + 26 * HOUR, "fe80::1", "ff02::fb", 5353, "dns", 0),
        dns("d1", DAY_ONE + HOUR + 30 * MINUTE, "10.0.0.5", "a1b2.chtq.net"),
        dns("d2", DAY_ONE + 2 * HOUR + 30 * MINUTE, "10.0.0.6", "www.example.com"),
        http("h1", DAY_ONE + 2 * HOUR, "intranet.local", "Mozilla/5.0 (Windows NT 10.0)"),
        http("h2", DAY_ONE + 3 * HOUR, "evil_site.example", "curl/8.0"),
        http("h3", DAY_ONE + 3 * HOUR + MINUTE, "evilXsite.example", "curl/8.0")));
    Instant now = Instant.ofEpochSecond((DAY_ONE + 26 * HOUR + 30 * MINUTE) / 1_000_000);
    search = new AdvancedSearch(store, Clock.fixed(now, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private List<String> uids(String query) {
    return search.search(query, 100).stream().map(hit -> (String) hit.fields().get("uid")).toList();
  }

  @Test
  void search_defenderAlerts_byActorTechniqueSeverityAddressAndActivityTime() {
    store.append(List.of(new DefenderAlertEvent(DAY_ONE + 5 * HOUR, "da1_2", "DEV-0408 activity group detected",
        "Execution", "high", "new", "DEV-0408", null, List.of("T1059.001"), "microsoftDefenderForEndpoint",
        "microsoftDefenderForEndpoint", "ws-017.corp.local", "0a1b", List.of("10.0.0.17"), DAY_ONE + 5 * HOUR,
        DAY_ONE + 6 * HOUR, "https://security.microsoft.com/alerts/da1_2")));
    assertThat(uids("type:defender_alert AND actor_display_name:DEV-0408")).containsExactly("da1_2");
    assertThat(uids("mitre_techniques:T1059*")).containsExactly("da1_2");
    assertThat(uids("defender_alert.severity:high AND detection_source:*Endpoint")).containsExactly("da1_2");
    assertThat(uids("ip_addresses:10.0.0.17 AND device_dns_name:ws-017*")).containsExactly("da1_2");
    assertThat(uids("last_activity>=2024-01-01T05:30 AND type:defender_alert")).containsExactly("da1_2");
    assertThat(uids("type:defender_alert AND actor_display_name:DEV-0999")).isEmpty();
  }

  @Test
  void countBy_fieldOfMatchingRecords_mostFrequentFirstAcrossLogs() {
    assertThat(search.countBy(SearchQuery.parse("type:conn"), "service", 10)).containsExactly(
        new AdvancedSearch.FieldCount("ssl", 2), new AdvancedSearch.FieldCount("dns", 1),
        new AdvancedSearch.FieldCount("http", 1), new AdvancedSearch.FieldCount("null", 1),
        new AdvancedSearch.FieldCount("smb", 1));
    assertThat(search.countBy(SearchQuery.parse("id.resp_p:445 OR id.resp_p:443"), "id.resp_p", 1))
        .containsExactly(new AdvancedSearch.FieldCount("443", 2));
    // conn, dns and http all have id.orig_h: their counts add up (c1, d1, h1-h3).
    assertThat(search.countBy(SearchQuery.parse("id.orig_h:10.0.0.0/16"), "id.orig_h", 10)).containsExactly(
        new AdvancedSearch.FieldCount("10.0.0.5", 5), new AdvancedSearch.FieldCount("10.0.0.6", 1));
    assertThat(search.countBy(SearchQuery.parse("type:http"), "query", 10)).isEmpty();
    assertThat(search.countBy(SearchQuery.parse("dns.query:*.net"), "dns.query", 10))
        .containsExactly(new AdvancedSearch.FieldCount("a1b2.chtq.net", 1));
    // Counting by type tells how the matching records split over the logs (c1, d1, h1-h3 come from 10.0.0.5).
    assertThat(search.countBy(SearchQuery.parse("id.orig_h:10.0.0.5"), "type", 10)).containsExactly(
        new AdvancedSearch.FieldCount("http", 3), new AdvancedSearch.FieldCount("conn", 1),
        new AdvancedSearch.FieldCount("dns", 1));
    assertThatThrownBy(() -> search.countBy(SearchQuery.parse("type:conn"), "servce", 10))
        .isInstanceOf(SearchSyntaxException.class).hasMessageContaining("did you mean service?");
  }

  @Test
  void search_typePortAndNegatedCidr() {
    assertThat(uids("type:conn AND id.resp_p:445 AND NOT id.orig_h:10.0.0.0/8")).containsExactly("c4");
  }

  @Test
  void search_qualifiedWildcard() {
    assertThat(uids("dns.query:*.chtq.net")).containsExactly("d1");
    assertThat(uids("query:*.CHTQ.NET")).containsExactly("d1");
  }

  @Test
  void search_orOfValues_newestFirst() {
    assertThat(uids("service:ssl OR service:http")).containsExactly("c5", "c3", "c2");
  }

  @Test
  void search_numericComparison() {
    assertThat(uids("orig_bytes>1000000")).containsExactly("c4", "c2");
    assertThat(uids("orig_bytes<=100 type:conn")).containsExactly("c6", "c5", "c3");
  }

  @Test
  void search_timeRange_acrossLogs() {
    assertThat(uids("ts>=2024-01-01T02:00 ts<2024-01-01T03:00"))
        .containsExactly("d2", "c2", "h1");
    assertThat(uids("type:conn ts:2024-01-02")).containsExactly("c6", "c5");
  }

  @Test
  void search_lastDuration_usesTheClock() {
    // now is day two 02:30, so the last 24h start at day one 02:30.
    assertThat(uids("last 24h")).containsExactly("c6", "c5", "c4", "h3", "c3", "h2", "d2");
  }

  @Test
  void search_cidr_ipv4AndIpv6IncludingTopBitAddresses() {
    assertThat(uids("dst:192.168.0.0/16")).containsExactly("c1");
    assertThat(uids("type:conn id.orig_h:10.0.0.0/8")).containsExactly("c2", "c1");
    assertThat(uids("src:10.0.0.5")).containsExactly("h3", "h2", "h1", "d1", "c1");
    assertThat(uids("id.orig_h:2001:db8::/32")).containsExactly("c4");
    assertThat(uids("id.resp_h:2001:db8:1::/48")).containsExactly("c4");
    assertThat(uids("src:fe80::/10")).containsExactly("c6");
    assertThat(uids("id.resp_h:ff00::/8")).containsExactly("c6");
    assertThat(uids("type:conn id.resp_h:0.0.0.0/0")).containsExactly("c5", "c3", "c2", "c1");
  }

  @Test
  void search_addressWildcard_matchesTheAddressAsShown() {
    // Leading whole octets become a block; any other pattern is matched against the rendered text.
    assertThat(uids("id.orig_h:10.0.*")).containsExactlyInAnyOrder("h3", "h2", "h1", "d2", "d1", "c1");
    assertThat(uids("id.orig_h:10.*")).containsExactlyInAnyOrder("h3", "h2", "h1", "d2", "d1", "c2", "c1");
    assertThat(uids("id.orig_h:10.0.0.*")).isEqualTo(uids("id.orig_h:10.0.0.0/24"));
    assertThat(uids("id.orig_h:10.00.*")).isEmpty();
    assertThat(uids("id.orig_h:*.5")).containsExactlyInAnyOrder("h3", "h2", "h1", "d1", "c1");
    assertThat(uids("id.orig_h:2001:DB8::*")).containsExactly("c4");
    assertThat(uids("id.resp_h:ff02::f?")).containsExactly("c6");
    assertThat(uids("type:conn AND id.resp_h!=*.*")).containsExactly("c6", "c4");
  }

  @Test
  void search_wildcardsAreCaseInsensitiveAndEscapeLikeCharacters() {
    assertThat(uids("user_agent:mozilla*")).containsExactly("h1");
    assertThat(uids("host:evil?site*")).containsExactly("h3", "h2");
    assertThat(uids("host:evil_site*")).containsExactly("h2");
    assertThat(uids("host:\"evil?site*\"")).isEmpty();
    assertThat(uids("user_agent=\"curl/8.0\"")).containsExactly("h3", "h2");
    assertThat(uids("user_agent=CURL/8.0")).isEmpty();
  }

  @Test
  void search_notBindsTighterThanAndTighterThanOr() {
    assertThat(uids("service:ssl OR service:http AND orig_bytes>1000")).containsExactly("c5", "c2");
    assertThat(uids("(service:ssl OR service:http) AND orig_bytes>1000")).containsExactly("c2");
    assertThat(uids("type:conn NOT service:ssl")).containsExactly("c6", "c4", "c3");
    assertThat(uids("type:conn service!=ssl")).containsExactly("c6", "c4", "c3", "c1");
    assertThat(uids("NOT NOT service:smb")).containsExactly("c4");
  }

  @Test
  void search_maliciousValue_matchesNothingAndHarmsNothing() {
    assertThat(uids("query:\"x' OR 1=1 --\"")).isEmpty();
    assertThat(uids("query:x'OR'1'='1")).isEmpty();
    assertThatThrownBy(() -> uids("query:x' OR 1=1 --")).isInstanceOf(SearchSyntaxException.class);
    assertThat(uids("type:dns")).containsExactly("d2", "d1");
  }

  @Test
  void search_hit_carriesTypeTimeAndFieldsInRecordOrder() {
    SearchHit hit = search.search("uid:d1", 10).getFirst();
    assertThat(hit.logType()).isEqualTo(LogType.DNS);
    assertThat(hit.ts()).isEqualTo(DAY_ONE + HOUR + 30 * MINUTE);
    assertThat(hit.fields()).containsEntry("id.orig_h", "10.0.0.5").containsEntry("query", "a1b2.chtq.net")
        .containsEntry("answers", List.of("1.2.3.4")).containsEntry("rtt", null)
        .containsEntry("ts", Instant.parse("2024-01-01T01:30:00Z"));
    assertThat(hit.fields().keySet()).startsWith("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h");
  }

  @Test
  void search_limit_keepsTheNewest() {
    assertThat(search.search("type:conn", 2)).extracting(hit -> hit.fields().get("uid")).containsExactly("c6", "c5");
  }

  private static ConnEvent conn(String uid, long ts, String orig, String resp, int port, String service, long bytes) {
    return new ConnEvent(ts, uid, new FlowId(orig, 40000, resp, port), "tcp", service, 1.0, bytes, 10, "SF", null,
        null, 0, "ShAD", 1, 1, 1, 1, List.of(), null, null, null);
  }

  private static DnsEvent dns(String uid, long ts, String orig, String query) {
    return new DnsEvent(ts, uid, new FlowId(orig, 5353, "10.0.0.53", 53), "udp", 1, Double.NaN, query, 16, "TXT", 0,
        "NOERROR", false, true, true, List.of("1.2.3.4"), List.of(60.0), false);
  }

  private static Event http(String uid, long ts, String host, String userAgent) {
    return new HttpEvent(ts, uid, new FlowId("10.0.0.5", 50000, "10.0.0.7", 80), 1, "GET", host, "/", null, "1.1",
        userAgent, 0, 10, 200, "OK", null, List.of());
  }
}
