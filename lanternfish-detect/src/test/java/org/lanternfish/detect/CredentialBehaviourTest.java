package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/** Credentials judged by how they are used, not by their names. */
final class CredentialBehaviourTest {

  /** An address whose device the 128-bit distinct counters tell apart from user4's own client (1 in 128 collide). */
  private static final String STRANGER = "10.0.7.74";

  private static List<Breach> of(Traffic t, String model, String device) {
    return Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()).stream()
        .filter(b -> b.modelIds().contains(model) && b.device().equals(device)).toList();
  }

  /** The office, with a backup server whose service account no client ever used. */
  private static Traffic office(int days) {
    Traffic t = new Traffic();
    Office.life(t, 0, days);
    for (int day = 0; day < days; day++) {
      t.kerberos(Traffic.at(day, 1, 0), Office.FS, Office.DC1, "svc_backup", true);
    }
    return t;
  }

  @Test
  void newDeviceLoggingOnWithAColleaguesAccount_breachesUnderAlertScore() {
    Traffic t = office(4);
    t.logon(Traffic.at(3, 22, 0), STRANGER, Office.DC1, "user4");
    assertThat(of(t, "known-credential-on-new-device", STRANGER)).as("a colleague's laptop on its first VPN session"
        + " looks the same").singleElement().satisfies(b -> {
          assertThat(b.score()).isLessThan(60);
          assertThat(b.entities()).containsEntry("credential", "user4");
        });
  }

  @Test
  void newDeviceWithAnAdministrativeAccount_breachesAtAlertScore() {
    Traffic t = office(4);
    t.logon(Traffic.at(3, 22, 0), STRANGER, Office.DC1, "adm-ops");
    assertThat(of(t, "known-credential-on-new-device", STRANGER)).singleElement()
        .satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(60));
  }

  @Test
  void newDeviceWithAServiceAccount_scoresHigher() {
    Traffic t = office(4);
    t.logon(Traffic.at(3, 22, 0), STRANGER, Office.DC1, "svc_backup");
    assertThat(of(t, "known-credential-on-new-device", STRANGER)).singleElement()
        .satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(60));
  }

  @Test
  void newLaptopOfANewColleague_staysQuiet() {
    Traffic t = office(4);
    t.logon(Traffic.at(3, 9, 0), STRANGER, Office.DC1, "user99");
    t.kerberos(Traffic.at(3, 9, 1), STRANGER, Office.DC1, "user99", true);
    assertThat(of(t, "known-credential-on-new-device", STRANGER)).isEmpty();
  }

  @Test
  void clientUsingAnAccountOnlyServersUsed_breaches() {
    Traffic t = office(4);
    t.kerberos(Traffic.at(3, 14, 0), Office.client(8), Office.DC1, "svc_backup", true);
    assertThat(of(t, "service-credential-on-client", Office.client(8))).singleElement()
        .satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(60));
  }

  @Test
  void theBackupServersOwnNightlyLogons_stayQuiet() {
    Traffic t = office(6);
    assertThat(Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()))
        .filteredOn(b -> b.device().equals(Office.FS) && b.modelId().contains("credential")).isEmpty();
  }
}
