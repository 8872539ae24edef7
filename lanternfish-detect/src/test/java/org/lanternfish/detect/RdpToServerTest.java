package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * Remote desktop judged without a VPN pool: to a server by who opened it, how new the device is and whose account; to
 * any device from a device first seen today.
 */
final class RdpToServerTest {

  private static final String MODEL = "unusual-rdp-to-server";
  private static final String FROM_NEW_DEVICE = "rdp-from-new-device";

  private static List<Breach> of(Traffic t, String device) {
    return of(t, device, MODEL);
  }

  /** The office without a configured VPN pool. */
  private static List<Breach> of(Traffic t, String device, String model) {
    EmbeddedDetector detector = new EmbeddedDetector(DetectConfig.defaults().withDevices(DeviceConfig.defaults())
        .withLearningDays(Office.LEARNING_DAYS), 1);
    List<Breach> out = new java.util.ArrayList<>();
    for (Event e : t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()) {
      out.addAll(detector.onEvent(e));
    }
    out.addAll(detector.flush());
    return out.stream().filter(b -> b.modelIds().contains(model) && b.device().equals(device)).toList();
  }

  @Test
  void workstationThatNeverUsedRdp_toADomainController_breaches() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rdp(Traffic.at(3, 14, 0), Office.client(6), Office.DC2, "user6");
    assertThat(of(t, Office.client(6))).singleElement()
        .satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(75));
  }

  @Test
  void deviceFirstSeenMinutesAgo_breachesHigher() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    String stranger = "10.0.7.77";
    t.logon(Traffic.at(3, 22, 0), stranger, Office.DC1, "user4");
    t.rdp(Traffic.at(3, 22, 5), stranger, Office.DC1, "user4");
    assertThat(of(t, stranger)).singleElement().satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(85));
  }

  @Test
  void adminWorkstationReachingAnotherServer_staysQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rdp(Traffic.at(3, 11, 0), Office.ADMIN_WS, Office.DC2, "adm-ops");
    assertThat(of(t, Office.ADMIN_WS)).as("RDP to servers is its pattern of life").isEmpty();
  }

  @Test
  void serviceAccountOverRdp_fromAnRdpUser_breaches() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int day = 0; day < 4; day++) {
      t.kerberos(Traffic.at(day, 1, 0), Office.FS, Office.DC1, "svc_backup", true);
    }
    t.rdp(Traffic.at(3, 11, 0), Office.ADMIN_WS, Office.FS, "svc_backup");
    assertThat(of(t, Office.ADMIN_WS)).singleElement()
        .satisfies(b -> assertThat(b.entities()).containsEntry("credential", "svc_backup"));
  }

  @Test
  void rdpToAnotherClient_isNotThisModel() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rdp(Traffic.at(3, 14, 0), Office.client(6), Office.client(7), "user6");
    assertThat(of(t, Office.client(6))).isEmpty();
  }

  @Test
  void deviceFirstSeenToday_toAWorkstation_breaches() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    String stranger = "10.0.7.78";
    t.logon(Traffic.at(3, 15, 0), stranger, Office.DC1, "user4");
    t.rdp(Traffic.at(3, 15, 4), stranger, Office.client(7), "user4");
    assertThat(of(t, stranger, FROM_NEW_DEVICE)).singleElement()
        .satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(60));
  }

  @Test
  void establishedWorkstation_toAnotherClient_isNoRdpFromANewDevice() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rdp(Traffic.at(3, 14, 0), Office.client(6), Office.client(7), "user6");
    assertThat(of(t, Office.client(6), FROM_NEW_DEVICE)).isEmpty();
  }
}
