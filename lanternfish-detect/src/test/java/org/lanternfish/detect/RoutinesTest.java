package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * A device's habits breach the first times, so an analyst sees them, and then fall silent; anything about them that
 * changes breaches again, and a device that does it once still breaches.
 */
final class RoutinesTest {

  private static final String SYNC_SERVER = "10.0.0.45";
  private static final String DCSYNC = "suspicious-dcsync";

  /** A directory-sync server (as Azure AD Connect) replicating from a DC every 30 minutes for {@code days} days. */
  private static Traffic syncing(int days) {
    Traffic t = new Traffic();
    Office.life(t, 0, days + 3);
    for (long ts = Traffic.at(3, 0, 0); ts < Traffic.at(3 + days, 0, 0); ts += 30 * Traffic.MINUTE) {
      t.rpc(ts, SYNC_SERVER, Office.DC1, "drsuapi", "DRSGetNCChanges");
    }
    return t;
  }

  private static List<Breach> of(List<Event> events, String device) {
    return Office.detect(events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()).stream()
        .filter(b -> b.modelId().equals(DCSYNC) && b.device().equals(device)).toList();
  }

  @Test
  void replicationEveryHalfHour_breachesTwiceThenIsRoutine() {
    List<Breach> breaches = of(syncing(3).events, SYNC_SERVER);
    assertThat(breaches).as("three days of replication every 30 minutes, a day's cooldown").extracting(Breach::ts)
        .containsExactly(Traffic.at(3, 0, 0), Traffic.at(4, 0, 0));
    assertThat(breaches.get(0).score()).isGreaterThanOrEqualTo(60);
    assertThat(breaches.get(1).score()).as("it replicated before: a repeat, below alert score").isLessThan(60);
  }

  @Test
  void routineReplication_withANewTarget_breachesAgainBelowAlertScore() {
    Traffic t = syncing(2);
    t.rpc(Traffic.at(5, 3, 0), SYNC_SERVER, Office.DC2, "drsuapi", "DRSGetNCChanges");
    assertThat(of(t.events, SYNC_SERVER)).filteredOn(b -> b.ts() == Traffic.at(5, 3, 0)).as(
        "a device known to replicate under the same credential, with another DC: a small change").singleElement()
        .satisfies(b -> assertThat(b.score()).isLessThan(60));
  }

  @Test
  void syncServerReplicatingWithEachDomainControllerInTurn_alertsOnlyOnItsFirstReplication() {
    Traffic t = new Traffic();
    Office.life(t, 0, 8);
    for (int day = 3; day < 8; day++) {
      String dc = day % 2 == 0 ? Office.DC1 : Office.DC2;
      for (long ts = Traffic.at(day, 0, 7); ts < Traffic.at(day + 1, 0, 0); ts += 30 * Traffic.MINUTE) {
        t.kerberos(ts - Traffic.SECOND, SYNC_SERVER, dc, "msol_4f2a", true);
        t.rpc(ts, SYNC_SERVER, dc, "drsuapi", "DRSGetNCChanges");
      }
    }
    List<Breach> breaches = of(t.events, SYNC_SERVER);
    assertThat(breaches).filteredOn(b -> b.score() >= 60).extracting(Breach::ts)
        .containsExactly(Traffic.at(3, 0, 7));
    assertThat(breaches).as("the first replication with the second DC, below alert score; then the habit")
        .extracting(Breach::ts).containsExactly(Traffic.at(3, 0, 7), Traffic.at(4, 0, 7));
  }

  @Test
  void theSyncServerReplicatingUnderAnotherAccount_breachesAgain() {
    Traffic t = new Traffic();
    Office.life(t, 0, 6);
    for (long ts = Traffic.at(3, 0, 0); ts < Traffic.at(6, 0, 0); ts += 30 * Traffic.MINUTE) {
      t.kerberos(ts - Traffic.SECOND, SYNC_SERVER, Office.DC1, "msol_4f2a", true);
      t.rpc(ts, SYNC_SERVER, Office.DC1, "drsuapi", "DRSGetNCChanges");
    }
    long attack = Traffic.at(5, 3, 10);
    t.kerberos(attack - Traffic.SECOND, SYNC_SERVER, Office.DC1, "adm-ops", true);
    t.rpc(attack, SYNC_SERVER, Office.DC1, "drsuapi", "DRSGetNCChanges");
    List<Breach> breaches = of(t.events, SYNC_SERVER);
    assertThat(breaches).as("its own account's first two, then nothing until the stolen account's")
        .filteredOn(b -> b.ts() <= attack).extracting(Breach::ts)
        .containsExactly(Traffic.at(3, 0, 0), Traffic.at(4, 0, 0), attack);
    assertThat(breaches).filteredOn(b -> b.ts() == attack).singleElement().satisfies(b -> {
      assertThat(b.entities()).containsEntry("credential", "adm-ops");
      assertThat(b.score()).as("a credential it never replicated under").isGreaterThanOrEqualTo(60);
    });
  }

  @Test
  void anotherDeviceReplicatingOnce_isNoRoutineOfTheSyncServers() {
    Traffic t = syncing(3);
    t.rpc(Traffic.at(5, 3, 0), Office.client(7), Office.DC1, "drsuapi", "DRSGetNCChanges");
    assertThat(of(t.events, Office.client(7))).singleElement()
        .satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(60));
  }

  @Test
  void routineReplication_onADeviceAnotherModelAlertedOnToday_isReportedAgain() {
    Traffic t = syncing(4);
    long alerted = Traffic.at(5, 2, 50);
    t.events.add(new DefenderAlertEvent(alerted, "da-1", "Suspicious process injection", "DefenseEvasion", "high",
        "new", null, null, List.of("T1055"), "microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint", null,
        null, List.of(SYNC_SERVER), alerted, alerted, null));
    assertThat(of(t.events, SYNC_SERVER)).as("the two first firings, then again once its cooldown ends after the alert")
        .extracting(Breach::ts).containsExactly(Traffic.at(3, 0, 0), Traffic.at(4, 0, 0), Traffic.at(6, 0, 0));
  }

  /**
   * Regression: the sync server also restarts an agent's service on the file server each morning; one alert woke
   * that routine, the reported restart woke the replication, and that woke the next morning's restart, day after day.
   */
  @Test
  void twoRoutinesOfOneDevice_wokenByOneAlert_doNotKeepEachOtherAwake() {
    Traffic t = syncing(6);
    for (int day = 0; day < 9; day++) {
      String smb = t.ntlm(Traffic.at(day, 5, 30), SYNC_SERVER, Office.FS, "svc_sync", "SYNC01");
      t.smbMap(Traffic.at(day, 5, 30), smb, SYNC_SERVER, Office.FS, "IPC$");
      t.rpc(Traffic.at(day, 5, 31), SYNC_SERVER, Office.FS, "svcctl", "StartServiceW");
    }
    long alerted = Traffic.at(5, 2, 50);
    t.events.add(new DefenderAlertEvent(alerted, "da-2", "Suspicious process injection", "DefenseEvasion", "high",
        "new", null, null, List.of("T1055"), "microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint", null,
        null, List.of(SYNC_SERVER), alerted, alerted, null));
    List<Event> events = t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList();
    assertThat(Office.detect(events)).filteredOn(b -> b.device().equals(SYNC_SERVER))
        .as("woken for the day after the alert, quiet again from the day after")
        .allMatch(b -> b.ts() < Traffic.at(7, 0, 0));
  }

  @Test
  void routineReplication_staysRoutine_throughAnEveningsPushToEveryClient() {
    Traffic t = syncing(3);
    long push = Traffic.at(4, 19, 0);
    for (int c = 1; c <= 30; c++) {
      String uid = t.conn(push + c * Traffic.SECOND, SYNC_SERVER, Office.client(c), 445, "smb", 50_000, 2_000, "SF");
      t.smbMap(push + c * Traffic.SECOND, uid, SYNC_SERVER, Office.client(c), "ADMIN$");
      t.smbWrite(push + c * Traffic.SECOND + 1, uid, SYNC_SERVER, Office.client(c), "ADMIN$", "Deploy\\agent.exe");
    }
    List<Event> events = t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList();
    List<Breach> all = Office.detect(events).stream().filter(b -> b.device().equals(SYNC_SERVER)).toList();
    assertThat(all).as("the push itself breaches").anySatisfy(b -> assertThat(b.ts()).isGreaterThanOrEqualTo(push));
    assertThat(all).filteredOn(b -> b.modelId().equals(DCSYNC)).as("replication: its first two firings only")
        .extracting(Breach::ts).containsExactly(Traffic.at(3, 0, 0), Traffic.at(4, 0, 0));
  }

  @Test
  void fire_keepsAnEstablishedHabit_overNewerOneOffs() {
    Routines routines = new Routines();
    routines.fire(7, 0);
    routines.fire(7, Traffic.MINUTE);
    for (long key = 100; key < 150; key++) {
      routines.fire(key, DeviceShard.DAY);
    }
    assertThat(routines.fire(7, 2 * DeviceShard.DAY)).as("still the device's habit").isEqualTo(2);
  }

  @Test
  void fire_forgetsAHabitThatStoppedForAMonth() {
    Routines routines = new Routines();
    assertThat(routines.fire(7, 0)).isZero();
    assertThat(routines.fire(7, DeviceShard.DAY)).isEqualTo(1);
    assertThat(routines.fire(7, 2 * DeviceShard.DAY)).isEqualTo(2);
    assertThat(routines.fire(7, 2 * DeviceShard.DAY + Routines.MEMORY_MICROS + 1)).as("a month later").isZero();
    for (long key = 100; key < 120; key++) {
      routines.fire(key, 40 * DeviceShard.DAY);
    }
    assertThat(routines.fire(7, 41 * DeviceShard.DAY)).as("evicted by newer habits").isZero();
  }
}
