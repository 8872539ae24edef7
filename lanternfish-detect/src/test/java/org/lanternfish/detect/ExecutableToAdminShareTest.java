package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * An executable, library or script written to a drive share or ADMIN$ of a device the writer never wrote to there
 * scores at alert level whatever its folder and name; a host that distributes software to many devices does not.
 */
final class ExecutableToAdminShareTest {

  private static final String MODEL = "executable-written-to-new-admin-share";
  private static final String TARGET = Office.client(12);

  private static List<Breach> of(Traffic t, String device) {
    return Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()).stream()
        .filter(b -> b.modelIds().contains(MODEL) && b.device().equals(device)).toList();
  }

  private static void write(Traffic t, long ts, String from, String to, String share, String file) {
    String uid = t.ntlm(ts, from, to, "user3", "PC3");
    t.smbMap(ts, uid, from, to, share);
    t.smbWrite(ts + Traffic.SECOND, uid, from, to, share, file);
  }

  @Test
  void libraryUnderAVendorFolderWithAnOrdinaryName_breachesAtAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    write(t, Traffic.at(3, 11, 0), Office.client(3), TARGET, "C$", "Program Files\\Contoso\\Agent\\libcurl.dll");
    assertThat(of(t, Office.client(3))).singleElement().satisfies(b -> {
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
      assertThat(b.techniques()).contains("T1570");
      assertThat(b.entities()).containsEntry("file", "Program Files\\Contoso\\Agent\\libcurl.dll");
    });
  }

  @Test
  void scriptInAStagingFolderOnADomainController_scoresHigher() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    write(t, Traffic.at(3, 11, 0), Office.client(3), Office.DC1, "ADMIN$", "Temp\\run.cmd");
    assertThat(of(t, Office.client(3))).singleElement()
        .satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(80));
  }

  @Test
  void secondWriteToTheSamePeer_isNotNew() {
    Traffic t = new Traffic();
    Office.life(t, 0, 5);
    write(t, Traffic.at(3, 11, 0), Office.client(3), TARGET, "C$", "Tools\\a.exe");
    write(t, Traffic.at(4, 11, 0), Office.client(3), TARGET, "C$", "Tools\\b.exe");
    assertThat(of(t, Office.client(3))).extracting(Breach::ts).containsExactly(Traffic.at(3, 11, 0) + Traffic.SECOND);
  }

  @Test
  void documentsToADriveShare_stayQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    write(t, Traffic.at(3, 11, 0), Office.client(3), TARGET, "C$", "Users\\bob\\Desktop\\report.docx");
    write(t, Traffic.at(3, 11, 5), Office.client(3), Office.FS, "DATA", "Tools\\a.exe");
    assertThat(of(t, Office.client(3))).isEmpty();
  }

  @Test
  void softwareDistributionToEveryClient_staysUnderAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 10);
    String deploy = "10.0.0.60";
    for (int week = 0; week < 2; week++) {
      for (int i = 1; i <= 20; i++) {
        write(t, Traffic.at(3 + 7 * week, 19, i), deploy, Office.client(i), "ADMIN$", "ccmsetup\\ccmsetup.exe");
      }
    }
    List<Breach> breaches = of(t, deploy);
    assertThat(breaches).as("a breach for each of the first clients of the first push, none the week after")
        .allMatch(b -> b.ts() < Traffic.at(4, 0, 0)).hasSizeLessThanOrEqualTo(20);
    assertThat(breaches.stream().filter(b -> b.score() >= 60)).as("only the first few, before it is a distributor")
        .hasSizeLessThanOrEqualTo(3);
  }
}
