package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * Learning never hides a first administrative act: while the network learns, a model that says
 * {@code learning: first breaches} raises a device's first such act, so an analyst sees it, and learns the repeats as
 * the device's habit. An administrator's weekly service creation on servers (PsExec) and software distribution to
 * {@code ADMIN$} breach once and stay quiet when they recur; another credential, or a domain controller the routine
 * never reached, breaches again; a client creating a service after the learning period breaches.
 */
final class LearnedHabitTest {

  private static final String SERVICE = "service-created-remotely";
  private static final String EXECUTABLE = "executable-written-to-new-admin-share";
  private static final String FOLLOWED = "anomalous-smb-followed-by-multiple-model-breaches";
  private static final String DEPLOY = "10.0.0.50";

  private static String server(int i) {
    return "10.0.0." + (40 + i);
  }

  private static List<Breach> detect(Traffic t) {
    return Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList());
  }

  private static List<Breach> of(List<Breach> all, String model, String device) {
    return all.stream().filter(b -> b.modelIds().contains(model) && b.device().equals(device)).toList();
  }

  /** The administrator copies PsExec's service and starts it on each of {@code peers} at 09:20 on {@code day}. */
  private static void createServices(Traffic t, String from, String account, int day, String... peers) {
    long ts = Traffic.at(day, 9, 20);
    for (String peer : peers) {
      t.kerberos(ts, from, Office.DC1, account, true);
      String uid = t.ntlm(ts, from, peer, account, "ADMINWS");
      t.smbMap(ts, uid, from, peer, "ADMIN$");
      t.smbWrite(ts, uid, from, peer, "ADMIN$", "PSEXESVC.exe");
      t.rpc(ts + Traffic.SECOND, from, peer, "svcctl", "CreateServiceW");
      t.rpc(ts + 2 * Traffic.SECOND, from, peer, "svcctl", "StartServiceW");
      ts += 2 * Traffic.MINUTE;
    }
  }

  @Test
  void weeklyServiceCreationFirstSeenWhileLearning_breachesOnceAndStaysQuietWhenItRecurs() {
    Traffic t = new Traffic();
    Office.life(t, 0, 9);
    createServices(t, Office.ADMIN_WS, "adm-ops", 1, server(0), server(1), server(2), server(3));
    createServices(t, Office.ADMIN_WS, "adm-ops", 8, server(4), server(5), server(6), server(0));
    List<Breach> all = detect(t);
    assertThat(of(all, SERVICE, Office.ADMIN_WS)).as("the first service, so an analyst sees the routine")
        .singleElement().satisfies(b -> {
          assertThat(b.ts()).isEqualTo(Traffic.at(1, 9, 20) + Traffic.SECOND);
          assertThat(b.peerValue()).isEqualTo(server(0));
          assertThat(b.score()).isGreaterThanOrEqualTo(60);
        });
    assertThat(of(all, FOLLOWED, Office.ADMIN_WS)).as("a first act while learning adds up to no story").isEmpty();
  }

  @Test
  void serviceCreationUnderAnotherCredentialWhileLearning_breachesAgain() {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    createServices(t, Office.ADMIN_WS, "adm-ops", 0, server(0), server(1), server(2));
    createServices(t, Office.ADMIN_WS, "svc-deploy", 1, server(3));
    assertThat(of(detect(t), SERVICE, Office.ADMIN_WS)).extracting(Breach::peerValue)
        .containsExactly(server(0), server(3));
  }

  @Test
  void routineReachingADomainControllerForTheFirstTime_breachesAgain() {
    Traffic t = new Traffic();
    Office.life(t, 0, 9);
    createServices(t, Office.ADMIN_WS, "adm-ops", 1, server(0), server(1), server(2), server(3));
    createServices(t, Office.ADMIN_WS, "adm-ops", 8, server(4), Office.DC1, server(5));
    assertThat(of(detect(t), SERVICE, Office.ADMIN_WS)).extracting(Breach::peerValue)
        .containsExactly(server(0), Office.DC1);
  }

  @Test
  void weeklySoftwareDistributionToAdminShares_breachesOnceAndStaysQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 9);
    distribute(t, 1, 20, "ccmsetup\\ccmsetup.exe");
    distribute(t, 8, 20, "ccmsetup\\ccmsetup.exe");
    List<Breach> all = detect(t);
    assertThat(of(all, EXECUTABLE, DEPLOY)).singleElement().satisfies(b -> {
      assertThat(b.peerValue()).isEqualTo(Office.client(1));
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
    });
    assertThat(all).filteredOn(b -> b.device().equals(DEPLOY) && b.score() >= 60).hasSize(1);
  }

  /** The deployment server writes {@code file} to the admin shares of the first {@code clients} clients at 19:00. */
  private static void distribute(Traffic t, int day, int clients, String file) {
    for (int i = 1; i <= clients; i++) {
      long ts = Traffic.at(day, 19, 0) + i * 10 * Traffic.SECOND;
      String uid = t.ntlm(ts, DEPLOY, Office.client(i), "svc_deploy", "SCCM01");
      t.smbMap(ts, uid, DEPLOY, Office.client(i), "ADMIN$");
      t.smbWrite(ts + Traffic.SECOND, uid, DEPLOY, Office.client(i), "ADMIN$", file);
    }
  }

  @Test
  void aDeviceOnTheNetworksFirstDay_isNoNewcomer_butOneArrivingLaterIs() {
    Traffic founding = new Traffic();
    Office.life(founding, 0, 3);
    distribute(founding, 0, 5, "pkg\\agent-setup.exe");
    Traffic arriving = new Traffic();
    Office.life(arriving, 0, 3);
    distribute(arriving, 2, 5, "pkg\\agent-setup.exe");
    assertThat(of(detect(founding), EXECUTABLE, DEPLOY)).as("every device is first seen on the first day")
        .singleElement().satisfies(b -> assertThat(b.score()).isEqualTo(60));
    assertThat(of(detect(arriving), EXECUTABLE, DEPLOY)).as("a device first seen two days into the watch")
        .isNotEmpty().allSatisfy(b -> assertThat(b.score()).isGreaterThanOrEqualTo(70));
  }

  @Test
  void aClientCreatingAServiceAfterTheLearningPeriod_breachesAtAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 9);
    createServices(t, Office.ADMIN_WS, "adm-ops", 1, server(0), server(1), server(2), server(3));
    createServices(t, Office.client(4), "user4", 8, server(5));
    assertThat(of(detect(t), SERVICE, Office.client(4))).singleElement()
        .satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(60));
  }
}
