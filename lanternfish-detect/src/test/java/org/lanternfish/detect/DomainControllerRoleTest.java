package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.junit.jupiter.api.Test;

/** Domain controllers replicating from the first minute of a run are known as such; anything else asking is DCSync. */
final class DomainControllerRoleTest {

  private static final String DCSYNC = "Anomalous Connection / Suspicious DCSync";
  private static final String DC3 = "10.0.0.12";

  private static List<Breach> dcsync(Traffic t) {
    return Office.detect(t.events).stream().filter(b -> b.model().equals(DCSYNC)).toList();
  }

  /** Replication before any client has used the controllers: the first records of the run. */
  private static void replicationFromTheStart(Traffic t) {
    long start = Traffic.at(0, 0, 0);
    t.rpc(start, Office.DC1, Office.DC2, "drsuapi", "DRSGetNCChanges");
    t.rpc(start + Traffic.SECOND, DC3, Office.DC1, "drsuapi", "DRSGetNCChanges");
    t.rpc(start + 2 * Traffic.MINUTE, Office.DC2, DC3, "drsuapi", "DRSGetNCChanges");
    t.rpc(start + 3 * Traffic.MINUTE, Office.DC1, DC3, "drsuapi", "DRSGetNCChanges");
    for (int hour = 1; hour < 24; hour++) {
      t.rpc(Traffic.at(0, hour, 0), DC3, Office.DC2, "drsuapi", "DRSGetNCChanges");
      t.rpc(Traffic.at(0, hour, 1), Office.DC2, DC3, "drsuapi", "DRSGetNCChanges");
    }
  }

  @Test
  void replicationBetweenControllers_quietFromTheFirstMinute() {
    Traffic t = new Traffic();
    replicationFromTheStart(t);
    Office.life(t, 1, 2);
    assertThat(dcsync(t)).isEmpty();
  }

  @Test
  void controllerThatServesNoClients_isStillAController() {
    Traffic t = new Traffic();
    replicationFromTheStart(t);
    // DC3 serves no Kerberos or LDAP at all in this run: only being replicated from shows its role.
    assertThat(Office.detect(t.events)).isEmpty();
  }

  @Test
  void workstationAskingForReplicationOnTheFirstDay_breaches() {
    Traffic t = new Traffic();
    replicationFromTheStart(t);
    t.rpc(Traffic.at(0, 2, 30), Office.client(7), DC3, "drsuapi", "DRSGetNCChanges");
    assertThat(dcsync(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(7));
      assertThat(b.peerValue()).isEqualTo(DC3);
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
    });
  }
}
