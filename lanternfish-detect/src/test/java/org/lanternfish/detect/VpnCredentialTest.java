package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.junit.jupiter.api.Test;

/** A credential that only servers use, logging in over the VPN, breaches; a user's own credential does not. */
final class VpnCredentialTest {

  private static final String MODEL = "User / Service Credential Used Over VPN";

  private static Traffic officeWithServiceAccount() {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    for (int day = 0; day < 4; day++) {
      t.kerberos(Traffic.at(day, 2, 0), Office.FS, Office.DC1, "svc_backup", true);
      t.kerberos(Traffic.at(day, 2, 5), Office.INTRANET, Office.DC2, "svc_backup", true);
    }
    return t;
  }

  private static List<Breach> fired(Traffic t) {
    return Office.detect(t.events).stream().filter(b -> b.model().equals(MODEL)).toList();
  }

  @Test
  void serviceCredential_fromVpnAddress_breaches() {
    Traffic t = officeWithServiceAccount();
    t.kerberos(Traffic.at(3, 22, 0), "10.8.200.9", Office.DC1, "svc_backup", true);
    assertThat(fired(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo("10.8.200.9");
      assertThat(b.entities()).containsEntry("credential", "svc_backup");
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
    });
  }

  @Test
  void usersOwnCredential_fromVpnAddress_staysQuiet() {
    Traffic t = officeWithServiceAccount();
    t.kerberos(Traffic.at(3, 22, 0), "10.8.0.6", Office.DC1, "user6", true);
    assertThat(fired(t)).isEmpty();
  }

  @Test
  void serviceCredential_onItsServers_staysQuiet() {
    Traffic t = officeWithServiceAccount();
    t.kerberos(Traffic.at(3, 22, 0), Office.FS, Office.DC2, "svc_backup", true);
    assertThat(fired(t)).isEmpty();
  }
}
