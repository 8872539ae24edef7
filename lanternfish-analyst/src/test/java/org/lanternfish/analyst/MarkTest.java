package org.lanternfish.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.analyst.BreachFactory.MONDAY;
import static org.lanternfish.analyst.BreachFactory.breach;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;

final class MarkTest {

  @Test
  void normalisePath_dropsHostShareAndDrive() {
    assertThat(Mark.normalisePath("\\\\DC-01\\C$\\PerfLogs\\log.dll")).isEqualTo("perflogs\\log.dll");
    assertThat(Mark.normalisePath("C:\\PerfLogs\\log.dll")).isEqualTo("perflogs\\log.dll");
    assertThat(Mark.normalisePath("c$/ProgramData/Oracle/java.log")).isEqualTo("programdata\\oracle\\java.log");
    assertThat(Mark.normalisePath("ProgramData\\Oracle\\java.log")).isEqualTo("programdata\\oracle\\java.log");
  }

  @Test
  void zone_isTheRegisteredDomain() {
    assertThat(Mark.zone("a8f3k2.cybaq.chtq.net")).isEqualTo("chtq.net");
    assertThat(Mark.zone("www.example.co.uk")).isEqualTo("example.co.uk");
    assertThat(Mark.zone("158.247.199.185")).isNull();
  }

  @Test
  void internal_privateAddressesAndBareNames_externalPublicOnes() {
    assertThat(Mark.internal("DC-01", Set.of())).isTrue();
    assertThat(Mark.internal("10.8.0.23", Set.of())).isTrue();
    assertThat(Mark.internal("172.20.1.1", Set.of())).isTrue();
    assertThat(Mark.internal("dc01.corp.local", Set.of())).isTrue();
    assertThat(Mark.internal("srv.acme.com", Set.of("srv.acme.com"))).isTrue();
    assertThat(Mark.internal("172.32.1.1", Set.of())).isFalse();
    assertThat(Mark.internal("194.5.83.25", Set.of())).isFalse();
    assertThat(Mark.internal("fdx.example", Set.of())).isFalse();
  }

  @Test
  void of_marksEndpointsZonesFilesAndCredentials_ignoresShares() {
    Breach b = breach("a", "Compliance / SMB Drive Write").on("WS-1").to("DC-01").at(MONDAY)
        .with("file", "C:\\PerfLogs\\log.dll").with("credential", "SVC-Backup").with("share", "C$")
        .with("domain", "x.cybaq.chtq.net").build();

    assertThat(Mark.of(b, Set.of())).containsExactlyInAnyOrder(
        new Mark(Mark.Kind.INTERNAL_PEER, "DC-01"),
        new Mark(Mark.Kind.FILE, "perflogs\\log.dll"),
        new Mark(Mark.Kind.FOLDER, "perflogs"),
        new Mark(Mark.Kind.CREDENTIAL, "svc-backup"),
        new Mark(Mark.Kind.ENDPOINT, "x.cybaq.chtq.net"),
        new Mark(Mark.Kind.ZONE, "chtq.net"));
  }
}
