package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/** DCOM lateral movement: methods of an automation object called on another device (T1021.003). */
final class DcomAutomationTest {

  private static final String MODEL = "remote-dcom-automation";

  private static List<Breach> of(Traffic t, String device) {
    return Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()).stream()
        .filter(b -> b.modelId().equals(MODEL) && b.device().equals(device)).toList();
  }

  /** What a client shows when it runs MMC20.Application's ExecuteShellCommand on {@code target}. */
  private static void automate(Traffic t, long ts, String client, String target) {
    t.rpc(ts, client, target, "ISystemActivator", "RemoteCreateInstance");
    t.rpc(ts + Traffic.SECOND, client, target, "IDispatch", "GetIDsOfNames");
    t.rpc(ts + 2 * Traffic.SECOND, client, target, "IDispatch", "Invoke");
  }

  @Test
  void clientInvokingAnAutomationObjectOnAnotherClient_breaches() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    automate(t, Traffic.at(3, 13, 0), Office.client(2), Office.client(3));
    assertThat(of(t, Office.client(2))).singleElement().satisfies(b -> {
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
      assertThat(b.techniques()).containsExactly("T1021.003");
    });
  }

  @Test
  void sameObjectOnTheSamePeerTheNextDay_isNotNew() {
    Traffic t = new Traffic();
    Office.life(t, 0, 5);
    automate(t, Traffic.at(3, 13, 0), Office.client(2), Office.client(3));
    automate(t, Traffic.at(4, 13, 0), Office.client(2), Office.client(3));
    assertThat(of(t, Office.client(2))).hasSize(1);
  }

  @Test
  void wmiMonitoringOverDcom_staysQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rpc(Traffic.at(3, 6, 0), Office.ADMIN_WS, Office.FS, "IRemoteSCMActivator", "RemoteCreateInstance");
    t.rpc(Traffic.at(3, 6, 1), Office.ADMIN_WS, Office.FS, "IWbemServices", "ExecQuery");
    assertThat(of(t, Office.ADMIN_WS)).isEmpty();
  }
}
