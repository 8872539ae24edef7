package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * Software distribution writing to every client's ADMIN$ each week is learned in the network's learning week and
 * stays quiet when it recurs; a client writing to a peer's drive share after the learning period is reported.
 */
final class LearnedDriveWriteTest {

  private static final String DRIVE_WRITE = "smb-drive-write";
  private static final String DEPLOY = "10.0.0.60";

  private static List<Breach> driveWrites(Traffic t, String device) {
    return Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()).stream()
        .filter(b -> b.modelIds().contains(DRIVE_WRITE) && b.device().equals(device)).toList();
  }

  private static void push(Traffic t, int day) {
    for (int i = 1; i <= 20; i++) {
      long ts = Traffic.at(day, 19, i);
      String uid = t.ntlm(ts, DEPLOY, Office.client(i), "svc_deploy", "DEPLOY");
      t.smbMap(ts, uid, DEPLOY, Office.client(i), "ADMIN$");
      t.smbWrite(ts + Traffic.SECOND, uid, DEPLOY, Office.client(i), "ADMIN$", "ccmsetup\\ccmsetup.exe");
    }
  }

  @Test
  void weeklySoftwareDistributionFirstSeenWhileLearning_staysQuietWhenItRecurs() {
    Traffic t = new Traffic();
    Office.life(t, 0, 9);
    push(t, 1);
    push(t, 8);
    assertThat(driveWrites(t, DEPLOY)).isEmpty();
  }

  @Test
  void aClientWritingToAPeersDriveShareAfterTheLearningPeriod_isReported() {
    Traffic t = new Traffic();
    Office.life(t, 0, 9);
    push(t, 1);
    long ts = Traffic.at(8, 11, 0);
    String uid = t.ntlm(ts, Office.client(3), Office.client(12), "user3", "PC3");
    t.smbMap(ts, uid, Office.client(3), Office.client(12), "C$");
    t.smbWrite(ts + Traffic.SECOND, uid, Office.client(3), Office.client(12), "C$", "Users\\Public\\notes.txt");
    assertThat(driveWrites(t, Office.client(3))).singleElement()
        .satisfies(b -> assertThat(b.recordUids()).containsExactly(uid));
  }
}
