package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * Stopping a service on another device over svcctl (ControlService) is judged by who does it: a client's first time
 * breaches; querying services, and an administrator's workstation that manages many servers, stay quiet.
 */
final class RemoteServiceStopTest {

  private static final String STOP = "service-stopped-remotely";
  private static final String TARGET = "10.0.0.46";

  private static List<Breach> stops(Traffic t, String device) {
    return Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()).stream()
        .filter(b -> b.modelId().equals(STOP) && b.device().equals(device)).toList();
  }

  @Test
  void aClientStoppingAServiceOnAnotherDevice_breachesAtAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rpc(Traffic.at(3, 10, 0), Office.client(4), TARGET, "svcctl", "OpenServiceW");
    t.rpc(Traffic.at(3, 10, 1), Office.client(4), TARGET, "svcctl", "ControlService");
    assertThat(stops(t, Office.client(4))).singleElement()
        .satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(60));
  }

  @Test
  void queryingServices_andAnAdministratorOfManyServers_stayQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rpc(Traffic.at(3, 10, 0), Office.client(4), TARGET, "svcctl", "QueryServiceStatus");
    for (int day = 0; day < 3; day++) {
      for (String server : new String[] {Office.INTRANET, Office.DC2, "10.0.0.47"}) {
        String smb = t.ntlm(Traffic.at(day, 11, 0), Office.ADMIN_WS, server, "adm-ops", "ADMINWS");
        t.smbMap(Traffic.at(day, 11, 1), smb, Office.ADMIN_WS, server, "C$");
      }
    }
    t.rpc(Traffic.at(3, 11, 0), Office.ADMIN_WS, TARGET, "svcctl", "ControlService");
    assertThat(stops(t, Office.client(4))).isEmpty();
    assertThat(stops(t, Office.ADMIN_WS)).isEmpty();
  }
}
