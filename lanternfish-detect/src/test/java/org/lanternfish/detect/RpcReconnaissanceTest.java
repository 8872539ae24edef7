package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/** Reconnaissance and LSA secrets over RPC: enumeration scores low, the domain backup key high. */
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
  void everydayLookupsAndShareLists_stayQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rpc(Traffic.at(3, 12, 0), Office.client(11), Office.DC1, "lsarpc", "LsarLookupSids2");
    t.rpc(Traffic.at(3, 12, 1), Office.client(11), Office.FS, "srvsvc", "NetrShareEnum");
    t.rpc(Traffic.at(3, 12, 2), Office.client(11), Office.DC1, "samr", "SamrLookupNamesInDomain");
    assertThat(of(t, Office.client(11))).isEmpty();
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
