package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/** PowerShell remoting (WinRM on 5985 and 5986) judged by who opens it where, its payload being encrypted. */
final class RemoteShellTest {

  private static final String MODEL = "new-winrm-session";

  private static List<Breach> of(Traffic t, String device) {
    return Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()).stream()
        .filter(b -> b.modelId().equals(MODEL) && b.device().equals(device)).toList();
  }

  @Test
  void clientThatNeverUsedWinRm_remotingIntoAServer_breaches() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.kerberos(Traffic.at(3, 15, 0), Office.client(9), Office.DC1, "adm-ops", true);
    t.session(Traffic.at(3, 15, 1), Office.client(9), Office.FS, 5985, 4.0, 9_000, 6_000);
    t.session(Traffic.at(3, 15, 2), Office.client(9), Office.FS, 5985, 4.0, 9_000, 6_000);
    assertThat(of(t, Office.client(9))).singleElement().satisfies(b -> {
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
      assertThat(b.techniques()).contains("T1021.006");
      assertThat(b.entities()).containsEntry("credential", "adm-ops");
    });
  }

  @Test
  void overHttpsToADomainController_breachesHigher() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.session(Traffic.at(3, 15, 1), Office.client(9), Office.DC2, 5986, 4.0, 9_000, 6_000);
    assertThat(of(t, Office.client(9))).singleElement()
        .satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(70));
  }

  @Test
  void adminHostThatRemotesDaily_breachesOnceWhileLearning_andReachingANewServerStaysQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 5);
    for (int day = 0; day < 5; day++) {
      t.session(Traffic.at(day, 7, 0), Office.ADMIN_WS, Office.FS, 5985, 2.0, 5_000, 5_000);
    }
    t.session(Traffic.at(4, 7, 30), Office.ADMIN_WS, Office.INTRANET, 5985, 2.0, 5_000, 5_000);
    assertThat(of(t, Office.ADMIN_WS)).as("its first remote shell, in the learning days, so an analyst sees it")
        .extracting(Breach::ts).containsExactly(Traffic.at(0, 7, 0));
  }

  @Test
  void refusedConnection_isNoSession() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.conn(Traffic.at(3, 15, 1), Office.client(9), Office.FS, 5985, null, 0, 0, "REJ");
    assertThat(of(t, Office.client(9))).isEmpty();
  }
}
