package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.LdapSearchEvent;
import org.junit.jupiter.api.Test;

/**
 * LDAP reconnaissance: a device's first search for the members of privileged groups, for security descriptors or
 * for every account with a service principal name breaches, higher from a device first seen today. A management
 * server that reads the privileged groups every day, and clients' ordinary searches (their own computer object,
 * certificate templates), stay quiet.
 */
final class LdapReconnaissanceTest {

  private static final String RECON = "Device / LDAP Reconnaissance";
  private static final String MANAGEMENT = "10.0.1.18";
  private static final String BASE = "DC=corp,DC=local";

  /** Three days of office life; a management server lists the Enterprise Admins every morning, clients read GPOs. */
  private static Traffic office() {
    Traffic t = new Traffic();
    for (int day = 0; day < 3; day++) {
      Office.life(t, day, 1);
      search(t, Traffic.at(day, 6, 0), MANAGEMENT, Office.DC1,
          "(&(objectCategory=group)(cn=Enterprise Admins))", List.of("member"));
      for (int i = 1; i <= 6; i++) {
        search(t, Traffic.at(day, 8, 40 + i), Office.client(i), Office.DC2, "(objectClass=groupPolicyContainer)",
            List.of("gPCFileSysPath", "displayName"));
      }
    }
    return t;
  }

  private static String search(Traffic t, long ts, String src, String dc, String filter, List<String> attributes) {
    String uid = t.conn(ts, src, dc, 389, "ldap", 900, 12_000, "SF");
    t.events.add(new LdapSearchEvent(ts, uid, new FlowId(src, 50_389, dc, 389), 4, "tree", "never", BASE, 3,
        "success", null, filter, attributes));
    return uid;
  }

  /** The breaches of the fourth day (the management server's first search, on the first day, breached). */
  private static List<Breach> fired(Traffic t) {
    return Office.detect(t.events).stream()
        .filter(b -> b.model().equals(RECON) && b.ts() >= Traffic.at(3, 0, 0)).toList();
  }

  @Test
  void establishedClient_searchingForDomainAdminsMembers_breachesLow() {
    Traffic t = office();
    String uid = search(t, Traffic.at(3, 11, 5), Office.client(9), Office.DC1,
        "(&(objectClass=group)(|(sAMAccountName=Domain Admins)(sAMAccountName=Enterprise Admins)))",
        List.of("member", "distinguishedName"));
    assertThat(fired(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(9));
      assertThat(b.score()).isBetween(40, 59);
      assertThat(b.recordUids()).containsExactly(uid);
      assertThat(b.techniques()).contains("T1069.002");
      assertThat(b.explanation()).contains("privileged-groups");
    });
  }

  @Test
  void deviceFirstSeenToday_sweepingSecurityDescriptors_breachesAtAlertLevel() {
    Traffic t = office();
    String stranger = "10.0.1.77";
    t.conn(Traffic.at(3, 14, 0), stranger, Office.DC1, 445, "smb", 2000, 4000, "SF");
    search(t, Traffic.at(3, 14, 2), stranger, Office.DC1, "(objectClass=*)",
        List.of("distinguishedName", "nTSecurityDescriptor"));
    assertThat(fired(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(stranger);
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
    });
  }

  @Test
  void spnSweep_breaches() {
    Traffic t = office();
    search(t, Traffic.at(3, 10, 0), Office.client(4), Office.DC2,
        "(&(sAMAccountType=805306368)(servicePrincipalName=*))", List.of("servicePrincipalName"));
    assertThat(fired(t)).singleElement()
        .satisfies(b -> assertThat(b.explanation()).contains("service-principals"));
  }

  @Test
  void managementServer_listingPrivilegedGroupsAsEveryDay_andClientsReadingPolicies_stayQuiet() {
    Traffic t = office();
    search(t, Traffic.at(3, 6, 0), MANAGEMENT, Office.DC1, "(&(objectCategory=group)(cn=Enterprise Admins))",
        List.of("member"));
    search(t, Traffic.at(3, 8, 41), Office.client(1), Office.DC2, "(objectClass=groupPolicyContainer)",
        List.of("gPCFileSysPath", "displayName"));
    search(t, Traffic.at(3, 9, 0), Office.client(11), Office.DC2, "(objectclass=pKICertificateTemplate)", List.of());
    assertThat(fired(t)).isEmpty();
    assertThat(Office.detect(t.events)).filteredOn(b -> b.model().equals(RECON))
        .singleElement().satisfies(b -> assertThat(b.device()).isEqualTo(MANAGEMENT));
  }
}
