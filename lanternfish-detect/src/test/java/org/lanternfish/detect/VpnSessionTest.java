package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.junit.jupiter.api.Test;

/**
 * A VPN logon that no device in the pool takes up, followed by a never-seen device joining the pool under another
 * credential, is one VPN session: the breach on that device cites the concentrator's logon. Remote users whose own
 * laptops follow their logons stay quiet and are never cited.
 */
final class VpnSessionTest {

  private static final String UNUSUAL_DEVICE = "vpn-login-from-unusual-device";
  private static final String CONCENTRATOR = "10.0.0.40";

  private static String pool(int user) {
    return "10.8.0." + (10 + user);
  }

  /** User {@code user} works from home: the concentrator logs the user in, then the laptop appears in the pool. */
  private static String remoteDay(Traffic t, int user, long ts) {
    String logon = t.logon(ts, CONCENTRATOR, Office.DC1, "user" + user);
    t.logon(ts + 3 * Traffic.SECOND, pool(user), Office.DC1, "user" + user);
    t.ntlm(ts + 20 * Traffic.SECOND, pool(user), Office.FS, "user" + user, "LAPTOP-" + user);
    return logon;
  }

  private static Traffic remoteOffice() {
    Traffic t = new Traffic();
    for (int day = 0; day < 4; day++) {
      // Events in time order: each office day, then the evening's remote workers.
      Office.life(t, day, 1);
      for (int user = 11; user <= 15; user++) {
        remoteDay(t, user, Traffic.at(day, 18, user));
      }
    }
    return t;
  }

  private static List<Breach> vpnBreaches(List<Breach> all) {
    return all.stream().filter(b -> b.model().contains("VPN")).toList();
  }

  @Test
  void stolenVpnLogon_thenNewDeviceUnderAnotherCredential_citesTheLogon() {
    Traffic t = remoteOffice();
    String stolen = t.logon(Traffic.at(4, 2, 0), CONCENTRATOR, Office.DC1, "user12");
    String attacker = t.ntlm(Traffic.at(4, 2, 5), "10.8.200.9", Office.DC1, "svc_backup", "DESKTOP-Q7RT2ZX");
    List<Breach> fired = Office.detect(t.events).stream().filter(b -> b.modelIds().contains(UNUSUAL_DEVICE)).toList();
    assertThat(fired).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo("DESKTOP-Q7RT2ZX");
      assertThat(b.recordUids()).contains(attacker, stolen);
      assertThat(b.entities()).containsEntry("vpn_user", "user12").containsEntry("credential", "svc_backup");
      assertThat(b.evidence()).anySatisfy(e -> {
        assertThat(e.kind()).isEqualTo("vpn-session");
        assertThat(e.text()).contains("user12").contains("300 s").contains("svc_backup");
      });
      assertThat(b.score()).isGreaterThanOrEqualTo(80);
    });
  }

  @Test
  void stolenLogon_whileTheVictimsLaptopIsAlreadyInThePool_isStillCited() {
    Traffic t = remoteOffice();
    // user12 works from home since 1:00; at 2:00 someone else logs in with user12's password.
    remoteDay(t, 12, Traffic.at(4, 1, 0));
    String stolen = t.logon(Traffic.at(4, 2, 0), CONCENTRATOR, Office.DC1, "user12");
    // The real laptop, long in the pool, renews a service ticket half a minute later: that is not joining.
    t.kerberos(Traffic.at(4, 2, 0) + 30 * Traffic.SECOND, pool(12), Office.DC1, "user12", true);
    String attacker = t.ntlm(Traffic.at(4, 2, 5), "10.8.200.9", Office.DC1, "svc_backup", "DESKTOP-Q7RT2ZX");
    List<Breach> fired = Office.detect(t.events).stream().filter(b -> b.modelIds().contains(UNUSUAL_DEVICE)).toList();
    assertThat(fired).singleElement().satisfies(b -> assertThat(b.recordUids()).contains(attacker, stolen));
  }

  @Test
  void remoteUsersOnTheirOwnLaptops_stayQuietAndAreNeverCited() {
    Traffic t = remoteOffice();
    List<String> logons = List.of(remoteDay(t, 11, Traffic.at(4, 7, 0)), remoteDay(t, 14, Traffic.at(4, 7, 2)));
    List<Breach> all = Office.detect(t.events);
    assertThat(vpnBreaches(all)).isEmpty();
    assertThat(all).noneSatisfy(b -> assertThat(b.recordUids()).containsAnyElementsOf(logons));
  }

  @Test
  void logonTakenUpByItsUsersLaptop_isNotPinnedOnALaterNewDevice() {
    Traffic t = remoteOffice();
    String own = remoteDay(t, 12, Traffic.at(4, 2, 0));
    String attacker = t.ntlm(Traffic.at(4, 2, 5), "10.8.200.9", Office.DC1, "svc_backup", "DESKTOP-Q7RT2ZX");
    List<Breach> fired = Office.detect(t.events).stream().filter(b -> b.modelIds().contains(UNUSUAL_DEVICE)).toList();
    assertThat(fired).singleElement().satisfies(b -> {
      assertThat(b.recordUids()).contains(attacker).doesNotContain(own);
      assertThat(b.entities()).doesNotContainKey("vpn_user");
    });
  }

  @Test
  void rdpToADomainControllerFromThePool_citesTheVpnLogonItCameInBy_halfAnHourLater() {
    Traffic t = remoteOffice();
    // A stolen laptop connects at night and logs its own user on; half an hour later it opens a desktop on a DC.
    String own = remoteDay(t, 12, Traffic.at(4, 2, 0));
    String rdp = t.rdp(Traffic.at(4, 2, 30), pool(12), Office.DC1, "user12");
    List<Breach> fired = Office.detect(t.events).stream().filter(b -> b.recordUids().contains(rdp)).toList();
    assertThat(fired).singleElement().satisfies(b -> {
      assertThat(b.modelIds()).contains("unusual-rdp-from-vpn");
      assertThat(b.recordUids()).contains(own);
      assertThat(b.entities()).containsEntry("vpn_user", "user12");
      assertThat(b.evidence()).anySatisfy(e -> assertThat(e.kind()).isEqualTo("vpn-session"));
    });
  }

  @Test
  void rdpFromThePool_citesItsOwnUsersSession_notAnotherRemoteUsersLogonInBetween() {
    Traffic t = remoteOffice();
    String own = remoteDay(t, 12, Traffic.at(4, 2, 0));
    String other = remoteDay(t, 14, Traffic.at(4, 2, 20));
    String rdp = t.rdp(Traffic.at(4, 2, 40), pool(12), Office.DC1, "user12");
    List<Breach> fired = Office.detect(t.events).stream().filter(b -> b.recordUids().contains(rdp)).toList();
    assertThat(fired).singleElement().satisfies(b -> assertThat(b.recordUids()).contains(own).doesNotContain(other));
  }

  @Test
  void restartBetweenTheLogonAndTheNewDevice_stillTiesThem() {
    Traffic t = remoteOffice();
    long logonAt = Traffic.at(4, 2, 0);
    String stolen = t.logon(logonAt, CONCENTRATOR, Office.DC1, "user12");
    String attacker = t.ntlm(Traffic.at(4, 2, 5), "10.8.200.9", Office.DC1, "svc_backup", "DESKTOP-Q7RT2ZX");
    List<org.lanternfish.event.Event> events = t.events;
    int cut = 0;
    while (events.get(cut).ts() <= logonAt) {
      cut++;
    }
    // Stopped one event after the logon, in the same epoch, and restarted on two threads.
    EmbeddedDetector before = new EmbeddedDetector(Office.config(), 1);
    java.util.List<Breach> all = new java.util.ArrayList<>();
    events.subList(0, cut).forEach(e -> all.addAll(before.onEvent(e)));
    try (EmbeddedDetector after = new EmbeddedDetector(Office.config(), 2)) {
      after.restore(before.snapshot());
      events.subList(cut, events.size()).forEach(e -> all.addAll(after.onEvent(e)));
      all.addAll(after.flush());
    }
    assertThat(all.stream().filter(b -> b.modelIds().contains(UNUSUAL_DEVICE))).singleElement()
        .satisfies(b -> assertThat(b.recordUids()).contains(attacker, stolen));
  }
}
