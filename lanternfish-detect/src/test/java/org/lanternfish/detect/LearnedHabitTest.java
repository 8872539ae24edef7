package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * What a device does while the network is learning is learned as its habit, not raised: an administrator's weekly
 * service creation on servers (PsExec) is silent in the learning week and when it recurs, while a client creating a
 * service on a peer after the learning period breaches.
 */
final class LearnedHabitTest {

  private static final String SERVICE = "service-created-remotely";

  private static String server(int i) {
    return "10.0.0." + (40 + i);
  }

  private static List<Breach> services(Traffic t, String device) {
    return Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()).stream()
        .filter(b -> b.modelIds().contains(SERVICE) && b.device().equals(device)).toList();
  }

  /** The administrator creates and starts a service on each of {@code servers} at 09:20 on {@code day}. */
  private static void createServices(Traffic t, String from, int day, int... servers) {
    long ts = Traffic.at(day, 9, 20);
    for (int i : servers) {
      t.kerberos(ts, from, Office.DC1, "adm-ops", true);
      t.rpc(ts + Traffic.SECOND, from, server(i), "svcctl", "CreateServiceW");
      t.rpc(ts + 2 * Traffic.SECOND, from, server(i), "svcctl", "StartServiceW");
      ts += 2 * Traffic.MINUTE;
    }
  }

  @Test
  void weeklyServiceCreationFirstSeenWhileLearning_staysQuietWhenItRecurs() {
    Traffic t = new Traffic();
    Office.life(t, 0, 9);
    createServices(t, Office.ADMIN_WS, 1, 0, 1, 2, 3);
    createServices(t, Office.ADMIN_WS, 8, 4, 5, 6, 0);
    assertThat(services(t, Office.ADMIN_WS)).isEmpty();
  }

  @Test
  void aClientCreatingAServiceAfterTheLearningPeriod_breachesAtAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 9);
    createServices(t, Office.ADMIN_WS, 1, 0, 1, 2, 3);
    createServices(t, Office.client(4), 8, 5);
    assertThat(services(t, Office.client(4))).singleElement()
        .satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(60));
  }
}
