package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * User accounts judged by who uses them: an account nobody used, or one other client's account, logging on at an
 * established client breaches below alert score; everyone's own logons and a shared account stay quiet.
 */
final class UserAccountTest {

  private static final List<String> MODELS = List.of("unknown-account-on-client", "another-clients-account");

  private static List<Breach> of(Traffic t, String device) {
    return Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()).stream()
        .filter(b -> b.device().equals(device) && MODELS.contains(b.modelId())).toList();
  }

  @Test
  void anAccountNoDeviceUsed_onAnEstablishedClient_breachesBelowAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.logon(Traffic.at(3, 14, 0), Office.client(11), Office.DC1, "helpdesk");
    assertThat(of(t, Office.client(11))).singleElement().satisfies(b -> {
      assertThat(b.modelId()).isEqualTo("unknown-account-on-client");
      assertThat(b.score()).isBetween(30, 59);
      assertThat(b.entities()).containsEntry("credential", "helpdesk");
    });
  }

  @Test
  void anotherClientsAccount_onASecondClient_breachesBelowAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.logon(Traffic.at(3, 14, 0), Office.client(11), Office.DC1, "user12");
    assertThat(of(t, Office.client(11))).singleElement().satisfies(b -> {
      assertThat(b.modelId()).isEqualTo("another-clients-account");
      assertThat(b.score()).isBetween(30, 59);
    });
  }

  @Test
  void ownLogonsAndASharedAccountOnOneMoreClient_stayQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int day = 0; day < 3; day++) {
      for (int i = 1; i <= 5; i++) {
        t.logon(Traffic.at(day, 12, i), Office.client(i), Office.DC1, "kiosk");
      }
    }
    t.logon(Traffic.at(3, 12, 0), Office.client(11), Office.DC1, "kiosk");
    for (int i = 1; i <= 20; i++) {
      assertThat(of(t, Office.client(i))).as("client %d", i).isEmpty();
    }
  }
}
