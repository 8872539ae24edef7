package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/** Reconnaissance and LSA secrets over RPC: enumeration (SAMR, LSARPC, sessions) scores low, the backup key high. */
final class RpcReconnaissanceTest {

  private static List<Breach> of(Traffic t, String device) {
    return Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()).stream()
        .filter(b -> b.device().equals(device)).toList();
  }

  @Test
  void enumeratingUsersGroupsAndSessions_breachesUnderAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rpc(Traffic.at(3, 12, 0), Office.client(11), Office.DC1, "samr", "SamrEnumerateUsersInDomain");
    t.rpc(Traffic.at(3, 12, 1), Office.client(11), Office.DC1, "samr", "SamrGetMembersInAlias");
    t.rpc(Traffic.at(3, 12, 2), Office.client(11), Office.FS, "srvsvc", "NetrSessionEnum");
    assertThat(of(t, Office.client(11))).extracting(Breach::modelId)
        .containsExactlyInAnyOrder("samr-domain-enumeration", "session-enumeration");
    assertThat(of(t, Office.client(11))).allMatch(b -> b.score() < 60);
  }

  @Test
  void enumeratingTheDomainsTrustsOverLsarpc_breachesUnderAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rpc(Traffic.at(3, 12, 0), Office.client(11), Office.DC1, "lsarpc", "LsarOpenPolicy2");
    t.rpc(Traffic.at(3, 12, 0), Office.client(11), Office.DC1, "lsarpc", "LsarEnumerateTrustedDomainsEx");
    assertThat(of(t, Office.client(11))).singleElement().satisfies(b -> {
      assertThat(b.modelId()).isEqualTo("lsarpc-domain-enumeration");
      assertThat(b.score()).isBetween(30, 59);
      assertThat(b.techniques()).contains("T1482");
    });
  }

  @Test
  void everydayLookupsAndShareLists_stayQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rpc(Traffic.at(3, 12, 0), Office.client(11), Office.DC1, "lsarpc", "LsarLookupSids2");
    t.rpc(Traffic.at(3, 12, 0), Office.client(11), Office.DC1, "lsarpc", "LsarQueryInformationPolicy2");
    t.rpc(Traffic.at(3, 12, 1), Office.client(11), Office.FS, "srvsvc", "NetrShareEnum");
    t.rpc(Traffic.at(3, 12, 2), Office.client(11), Office.DC1, "samr", "SamrLookupNamesInDomain");
    assertThat(of(t, Office.client(11))).isEmpty();
  }

  @Test
  void serviceManagerEnumeration_fromAClientFirstSeenToday_breachesAtAlertLevel() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    String newcomer = "10.0.1.91";
    t.conn(Traffic.at(3, 15, 0), newcomer, Office.DC2, 389, "ldap", 2000, 8000, "SF");
    t.rpc(Traffic.at(3, 15, 2), newcomer, Office.client(6), "svcctl", "OpenSCManagerW");
    t.rpc(Traffic.at(3, 15, 2), newcomer, Office.client(6), "svcctl", "EnumServicesStatusW");
    assertThat(of(t, newcomer)).filteredOn(b -> b.modelId().equals("service-manager-enumeration"))
        .singleElement().satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(60));
  }

  @Test
  void serviceManagerEnumeration_fromAnEstablishedClient_staysUnderAlertLevel_andAMonitoringServersDailyCheckQuiet() {
    Traffic t = new Traffic();
    String monitor = "10.0.0.45";
    for (int day = 0; day < 4; day++) {
      Office.life(t, day, 1);
      t.conn(Traffic.at(day, 7, 0), Office.client(2), monitor, 443, "ssl", 3000, 9000, "SF");
      t.conn(Traffic.at(day, 7, 1), Office.client(3), monitor, 443, "ssl", 3000, 9000, "SF");
      t.conn(Traffic.at(day, 7, 2), Office.client(4), monitor, 443, "ssl", 3000, 9000, "SF");
      t.rpc(Traffic.at(day, 7, 30), monitor, Office.FS, "svcctl", "QueryServiceStatus");
    }
    t.rpc(Traffic.at(3, 12, 0), Office.client(11), Office.client(12), "svcctl", "EnumServicesStatusW");
    assertThat(of(t, Office.client(11))).filteredOn(b -> b.modelId().equals("service-manager-enumeration"))
        .singleElement().satisfies(b -> assertThat(b.score()).isLessThan(60));
    assertThat(of(t, monitor)).filteredOn(b -> b.ts() >= Traffic.at(1, 0, 0)).isEmpty();
    assertThat(of(t, monitor)).allMatch(b -> b.score() < 60);
  }

  @Test
  void readingTheDomainBackupKey_breachesHigh() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rpc(Traffic.at(3, 12, 0), Office.client(11), Office.DC1, "lsarpc", "LsarOpenPolicy2");
    t.rpc(Traffic.at(3, 12, 1), Office.client(11), Office.DC1, "lsarpc", "LsarRetrievePrivateData");
    assertThat(of(t, Office.client(11))).filteredOn(b -> b.modelId().equals("remote-lsa-secret-retrieval"))
        .singleElement().satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(80));
  }

  @Test
  void aDomainControllerReadingItsPartnersSecrets_staysQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rpc(Traffic.at(3, 12, 1), Office.DC1, Office.DC2, "lsarpc", "LsarRetrievePrivateData");
    assertThat(of(t, Office.DC1)).filteredOn(b -> b.modelId().equals("remote-lsa-secret-retrieval")).isEmpty();
  }
}
