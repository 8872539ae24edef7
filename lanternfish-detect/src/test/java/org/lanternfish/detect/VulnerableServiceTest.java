package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.event.Event;
import org.lanternfish.intel.VulnerableServices;
import org.lanternfish.intel.VulnerableServices.Exposure;

/**
 * Unusual traffic to a service Defender reports vulnerable on the device serving it scores higher and names the CVE;
 * the same traffic to a device whose vulnerable software listens elsewhere, or to another device, does not.
 */
final class VulnerableServiceTest {

  private static final String MODEL = "unusual-rdp-to-server";
  private static final Exposure BLUEKEEP = new Exposure("CVE-2019-0708", "critical", "microsoft remote_desktop");

  private static Breach firstRdpToTheFileServer(VulnerableServices vulnerable) {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rdp(Traffic.at(3, 14, 0), Office.client(6), Office.FS, "user6");
    EmbeddedDetector detector = new EmbeddedDetector(DetectConfig.defaults().withDevices(DeviceConfig.defaults())
        .withLearningDays(Office.LEARNING_DAYS).withVulnerableServices(vulnerable), 1);
    List<Breach> out = new ArrayList<>();
    for (Event e : t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()) {
      out.addAll(detector.onEvent(e));
    }
    out.addAll(detector.flush());
    List<Breach> rdp = out.stream().filter(b -> b.modelId().equals(MODEL) && b.device().equals(Office.client(6)))
        .toList();
    assertThat(rdp).hasSize(1);
    return rdp.get(0);
  }

  @Test
  void unusualRdpToAServerWithAVulnerableRdpService_scoresHigher_andNamesTheCve() {
    Breach plain = firstRdpToTheFileServer(new VulnerableServices());
    Breach vulnerable = firstRdpToTheFileServer(new VulnerableServices().add(Office.FS, null, 3389, BLUEKEEP));
    assertThat(vulnerable.score()).isEqualTo(plain.score() + 15);
    assertThat(vulnerable.evidence()).extracting(Evidence::text).anySatisfy(text -> assertThat(text)
        .contains("CVE-2019-0708", "critical", "remote_desktop", "port 3389 of FS01"));
    assertThat(plain.evidence()).extracting(Evidence::kind).doesNotContain("vulnerability");
  }

  @Test
  void theSameRdp_whenTheVulnerableServiceIsAnotherPortOrAnotherDevice_scoresAsUsual() {
    Breach plain = firstRdpToTheFileServer(new VulnerableServices());
    Breach elsewhere = firstRdpToTheFileServer(new VulnerableServices()
        .add(Office.FS, null, 22, new Exposure("CVE-2024-6387", "high", "openbsd openssh 9.6"))
        .add(Office.DC2, null, 3389, BLUEKEEP));
    assertThat(elsewhere.score()).isEqualTo(plain.score());
    assertThat(elsewhere.evidence()).extracting(Evidence::kind).doesNotContain("vulnerability");
  }

  @Test
  void vulnerableServices_findADeviceByAddressOrShortHostName_keepingTheMostSevere() {
    VulnerableServices services = new VulnerableServices()
        .add("10.0.0.20", "FS20.corp.local", 22, new Exposure("CVE-2023-0001", "low", "openssh"))
        .add(null, "fs20", 22, new Exposure("CVE-2024-6387", "high", "openssh"));
    assertThat(services.at(null, "fs20.other.local", 22)).map(Exposure::cve).contains("CVE-2024-6387");
    assertThat(services.at("10.0.0.20", null, 22)).map(Exposure::cve).contains("CVE-2023-0001");
    assertThat(services.at("10.0.0.20", "fs20", 3389)).isEmpty();
    assertThat(services.at("10.0.0.21", "fs21", 22)).isEmpty();
  }
}
