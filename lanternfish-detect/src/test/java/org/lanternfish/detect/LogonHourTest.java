package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * Logons judged by the hour: a known laptop logging its owner in over the VPN at night (stolen with its credentials)
 * and a desk workstation logging on at night breach, though neither device nor account is new. A laptop logging on
 * within its usual hours or in the evening, one whose owner works nights, and the VPN concentrator logging a remote user on at night
 * stay quiet.
 */
final class LogonHourTest {

  private static final String VPN_AT_HOUR = "User / VPN Login at Unusual Hour";
  private static final String AT_HOUR = "User / Logon at Unusual Hour";
  private static final String LAPTOP = "10.8.3.41";
  private static final String NIGHT_LAPTOP = "10.8.3.42";
  private static final String CONCENTRATOR = "10.0.0.60";

  /** Four days of office life; two VPN laptops log their owners on, one in office hours, one at night. */
  private static Traffic office() {
    Traffic t = new Traffic();
    for (int day = 0; day < 4; day++) {
      Office.life(t, day, 1);
      for (int[] at : new int[][] {{7, 50}, {13, 5}}) {
        t.logon(Traffic.at(day, at[0], at[1]), LAPTOP, Office.DC1, "mhoward");
        t.conn(Traffic.at(day, at[0], at[1] + 1), LAPTOP, Office.FS, 445, "smb", 20_000, 900_000, "SF");
      }
      for (int[] at : new int[][] {{1, 15}, {3, 40}}) {
        t.logon(Traffic.at(day, at[0], at[1]), NIGHT_LAPTOP, Office.DC2, "kpatel");
        t.conn(Traffic.at(day, at[0], at[1] + 1), NIGHT_LAPTOP, Office.FS, 445, "smb", 20_000, 900_000, "SF");
      }
      for (int i = 1; i <= 4; i++) {
        t.logon(Traffic.at(day, 8, 10 + i), Office.client(i), Office.DC1, "user" + i);
        // The concentrator logs each remote user on; the user's laptop joins the pool under the same account.
        t.logon(Traffic.at(day, 9, 10 + i), CONCENTRATOR, Office.DC1, "remote" + i);
        t.logon(Traffic.at(day, 9, 10 + i) + 30 * Traffic.SECOND, "10.8.4." + i, Office.DC1, "remote" + i);
      }
    }
    return t;
  }

  private static List<Breach> fired(Traffic t, String model) {
    List<Event> inTime = new ArrayList<>(t.events);
    inTime.sort(Comparator.comparingLong(Event::ts));
    return Office.detect(inTime).stream().filter(b -> b.model().equals(model)).toList();
  }

  @Test
  void knownLaptop_loggingItsOwnerInOverTheVpnAtNight_breaches() {
    Traffic t = office();
    String session = t.logon(Traffic.at(4, 2, 34), CONCENTRATOR, Office.DC1, "mhoward");
    String logon = t.logon(Traffic.at(4, 2, 35), LAPTOP, Office.DC1, "mhoward");
    assertThat(fired(t, VPN_AT_HOUR)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(LAPTOP);
      assertThat(b.score()).isGreaterThanOrEqualTo(65);
      assertThat(b.techniques()).contains("T1133");
      assertThat(b.recordUids()).as("the laptop's logon and the concentrator's that let it in")
          .contains(logon, session);
      assertThat(b.evidence()).anySatisfy(e -> assertThat(e.text()).contains("02:00").contains("07, 13"));
    });
  }

  @Test
  void deskWorkstation_loggingAnotherAccountOnAtNight_breaches() {
    Traffic t = office();
    String logon = t.logon(Traffic.at(4, 3, 20), Office.client(3), Office.DC2, "mhoward");
    assertThat(fired(t, AT_HOUR)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(3));
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
      assertThat(b.recordUids()).containsExactly(logon);
    });
    assertThat(fired(t, VPN_AT_HOUR)).isEmpty();
  }

  @Test
  void laptop_loggingOnWithinItsUsualHours_staysQuiet() {
    Traffic t = office();
    t.logon(Traffic.at(4, 8, 40), LAPTOP, Office.DC1, "mhoward");
    t.logon(Traffic.at(4, 14, 10), LAPTOP, Office.DC1, "mhoward");
    assertThat(fired(t, VPN_AT_HOUR)).isEmpty();
  }

  @Test
  void laptop_loggingOnEarlyInTheEvening_hoursAwayFromItsUsual_staysQuiet() {
    Traffic t = office();
    t.logon(Traffic.at(4, 19, 30), LAPTOP, Office.DC1, "mhoward");
    t.logon(Traffic.at(4, 21, 30), Office.client(2), Office.DC1, "user2");
    assertThat(fired(t, VPN_AT_HOUR)).isEmpty();
    assertThat(fired(t, AT_HOUR)).isEmpty();
  }

  @Test
  void nightWorker_loggingOnAtNightAsEveryNight_staysQuiet() {
    Traffic t = office();
    t.logon(Traffic.at(4, 2, 35), NIGHT_LAPTOP, Office.DC2, "kpatel");
    assertThat(fired(t, VPN_AT_HOUR)).isEmpty();
  }

  @Test
  void vpnConcentrator_loggingARemoteUserOnAtNight_staysQuiet() {
    Traffic t = office();
    t.logon(Traffic.at(4, 2, 35), CONCENTRATOR, Office.DC1, "remote2");
    assertThat(fired(t, AT_HOUR)).isEmpty();
  }

  @Test
  void laptopOfAnotherTimeZone_loggingOnDeepInItsOwnQuietHours_breaches() {
    Traffic t = new Traffic();
    String laptop = "10.8.5.17";
    for (int day = 0; day < 4; day++) {
      Office.life(t, day, 1);
      // Its owner works 14:00 to 22:00 by the sensor's clocks (an office six hours behind).
      for (int hour = 14; hour <= 22; hour += 2) {
        t.logon(Traffic.at(day, hour, 20), laptop, Office.DC1, "rlindqvist");
      }
    }
    String logon = t.logon(Traffic.at(4, 8, 10), laptop, Office.DC1, "rlindqvist");
    assertThat(fired(t, VPN_AT_HOUR)).singleElement()
        .satisfies(b -> assertThat(b.recordUids()).contains(logon));
  }

  @Test
  void deepInQuietHours_isTheMiddleOfTheLongestRunWithoutAuthentication() {
    int office = 0;
    for (int h = 8; h <= 17; h++) {
      office |= 1 << h;
    }
    assertThat(AuthenticationSignals.deepInQuietHours(office, 22)).isTrue();
    assertThat(AuthenticationSignals.deepInQuietHours(office, 3)).isTrue();
    assertThat(AuthenticationSignals.deepInQuietHours(office, 19)).isFalse();
    assertThat(AuthenticationSignals.deepInQuietHours(office, 6)).isFalse();
  }
}
