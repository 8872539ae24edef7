package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.junit.jupiter.api.Test;

/** An administrator's workstation opening one more server's drive share is routine; a client doing it is not. */
final class AdminRoutineTest {

  private static final String ADMIN_SMB = "unusual-admin-smb-session";
  private static final String FOLLOWED = "anomalous-smb-followed-by-multiple-model-breaches";

  private static String server(int i) {
    return "10.0.0." + (40 + i);
  }

  private static void administer(Traffic t, String from, String server, long ts) {
    String uid = t.ntlm(ts, from, server, "adm-ops", "HOST");
    t.smbMap(ts, uid, from, server, "C$");
    t.smbWrite(ts + Traffic.SECOND, uid, from, server, "C$", "Windows\\Logs\\CBS\\CBS.log");
  }

  private static Traffic administeredOffice() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int i = 0; i < 4; i++) {
      administer(t, Office.ADMIN_WS, server(i), Traffic.at(i % 2, 11, i));
    }
    return t;
  }

  private static List<Breach> of(List<Breach> all, String model, String device) {
    return all.stream().filter(b -> b.modelIds().contains(model) && b.device().equals(device)).toList();
  }

  @Test
  void adminWorkstation_onOneMoreServer_isRoutineAndNeverAddsUp() {
    Traffic t = administeredOffice();
    for (int i = 4; i < 8; i++) {
      administer(t, Office.ADMIN_WS, server(i), Traffic.at(3, 11, i));
    }
    List<Breach> all = Office.detect(t.events);
    // It had administered four servers already: a fifth to eighth are its fleet administration, not news.
    assertThat(of(all, ADMIN_SMB, Office.ADMIN_WS)).isEmpty();
    assertThat(of(all, FOLLOWED, Office.ADMIN_WS)).isEmpty();
  }

  @Test
  void clientOpeningDriveShare_breachesAtAlertScore() {
    Traffic t = administeredOffice();
    administer(t, Office.client(3), server(5), Traffic.at(3, 11, 0));
    assertThat(of(Office.detect(t.events), ADMIN_SMB, Office.client(3))).singleElement()
        .satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(60));
  }

  /** Regression: the breach signal a summary is judged on counted itself as one more, nameless, model. */
  @Test
  void twoModelsOnOnePush_areNotMultipleModelBreaches() {
    Traffic t = administeredOffice();
    // The administrator's workstation installs a service on a server it never touched, at another hour.
    long ts = Traffic.at(3, 16, 0);
    String uid = t.ntlm(ts, Office.ADMIN_WS, server(9), "adm-ops", "HOST");
    t.smbMap(ts, uid, Office.ADMIN_WS, server(9), "ADMIN$");
    t.smbWrite(ts + Traffic.SECOND, uid, Office.ADMIN_WS, server(9), "ADMIN$", "agent-setup.exe");
    t.rpc(ts + 2 * Traffic.SECOND, Office.ADMIN_WS, server(9), "svcctl", "CreateServiceW");
    List<Breach> all = Office.detect(t.events);
    assertThat(of(all, "service-created-remotely", Office.ADMIN_WS)).isNotEmpty();
    assertThat(of(all, FOLLOWED, Office.ADMIN_WS)).isEmpty();
  }
}
