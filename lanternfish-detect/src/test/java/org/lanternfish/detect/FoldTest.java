package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * One act, one breach: the models that fire on one record of a device are folded into the breach of the
 * highest-scoring one, which names the others; separate acts stay separate breaches.
 */
final class FoldTest {

  private static final String ATTACKER = Office.client(3);
  private static final String MASQUERADE = "masqueraded-executable-written-to-share";
  private static final String NEW_ADMIN_SHARE = "executable-written-to-new-admin-share";
  private static final String DRIVE_WRITE = "smb-drive-write";
  private static final String ADMIN_SESSION = "unusual-admin-smb-session";
  private static final String FOLLOWED = "anomalous-smb-followed-by-multiple-model-breaches";
  private static final String SERVICE = "service-created-remotely";
  private static final String PAYLOAD = "ProgramData\\Oracle\\Java\\wksprt.exe";

  private static List<Breach> writes(Traffic t) {
    return Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()).stream()
        .filter(b -> b.device().equals(ATTACKER)
            && (b.modelIds().contains(DRIVE_WRITE) || b.modelIds().contains(NEW_ADMIN_SHARE)))
        .toList();
  }

  private static String write(Traffic t, long ts, String to, String file) {
    String uid = t.ntlm(ts, ATTACKER, to, "user3", "PC3");
    t.smbWrite(ts + Traffic.SECOND, uid, ATTACKER, to, "C$", file);
    return uid;
  }

  @Test
  void oneMasqueradedExecutableWritten_isOneBreachNamingEveryModel() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    String uid = write(t, Traffic.at(3, 11, 0), Office.client(12), PAYLOAD);
    assertThat(writes(t)).singleElement().satisfies(b -> {
      assertThat(b.modelId()).as("the highest score wins").isEqualTo(MASQUERADE);
      assertThat(b.modelIds()).as("with the summary of the device's breaches this act tipped")
          .containsExactlyInAnyOrder(MASQUERADE, NEW_ADMIN_SHARE, DRIVE_WRITE, FOLLOWED);
      assertThat(b.score()).isGreaterThanOrEqualTo(80);
      assertThat(b.techniques()).contains("T1036.005", "T1570", "T1021.002");
      assertThat(b.explanation()).contains("also matched", "Executable Written to New Admin Share",
          "SMB Drive Write");
      assertThat(b.evidence()).filteredOn(e -> e.kind().startsWith(Evidence.FOLDED_MODEL))
          .extracting(Evidence::value).allSatisfy(score -> assertThat(score).isLessThanOrEqualTo(b.score()));
      assertThat(b.recordUids()).containsExactly(uid);
    });
  }

  @Test
  void adminSessionAndTheFilesWrittenInIt_areOneBreach() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    long ts = Traffic.at(3, 11, 0);
    String uid = t.ntlm(ts, ATTACKER, Office.client(12), "adm-ops", "PC3");
    t.smbMap(ts, uid, ATTACKER, Office.client(12), "C$");
    t.smbWrite(ts + Traffic.SECOND, uid, ATTACKER, Office.client(12), "C$", "Tools\\setup.exe");
    t.smbWrite(ts + 2 * Traffic.SECOND, uid, ATTACKER, Office.client(12), "C$", PAYLOAD);
    List<Breach> all = Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList());
    assertThat(all).filteredOn(b -> b.device().equals(ATTACKER) && b.recordUids().contains(uid)).singleElement()
        .satisfies(b -> {
          assertThat(b.modelIds()).contains(ADMIN_SESSION, NEW_ADMIN_SHARE, DRIVE_WRITE, MASQUERADE, FOLLOWED);
          assertThat(b.score()).isGreaterThanOrEqualTo(80);
        });
  }

  @Test
  void anActHeldForItsEpochsEnd_survivesASnapshot() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    long ts = Traffic.at(3, 11, 1);
    String uid = t.ntlm(ts, ATTACKER, Office.client(12), "adm-ops", "PC3");
    t.smbMap(ts, uid, ATTACKER, Office.client(12), "C$");
    t.smbWrite(ts + Traffic.SECOND, uid, ATTACKER, Office.client(12), "C$", PAYLOAD);
    List<Event> events = t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList();
    int cut = 0;
    while (events.get(cut).ts() <= ts + Traffic.SECOND) {
      cut++;
    }
    List<Breach> all = new ArrayList<>();
    byte[] snapshot;
    try (EmbeddedDetector before = new EmbeddedDetector(Office.config(), 1)) {
      events.subList(0, cut).forEach(e -> all.addAll(before.onEvent(e)));
      all.addAll(before.settle());
      snapshot = before.snapshot();
    }
    assertThat(all).as("held until the epoch ends").noneMatch(b -> b.recordUids().contains(uid));
    try (EmbeddedDetector after = new EmbeddedDetector(Office.config(), 1)) {
      after.restore(snapshot);
      events.subList(cut, events.size()).forEach(e -> all.addAll(after.onEvent(e)));
      all.addAll(after.flush());
    }
    assertThat(all).filteredOn(b -> b.recordUids().contains(uid)).singleElement()
        .satisfies(b -> assertThat(b.modelIds()).contains(ADMIN_SESSION, NEW_ADMIN_SHARE, MASQUERADE));
  }

  @Test
  void writesToTwoPeers_stayTwoBreaches() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    write(t, Traffic.at(3, 11, 0), Office.client(12), PAYLOAD);
    write(t, Traffic.at(3, 13, 0), Office.client(14), PAYLOAD);
    List<Breach> breaches = writes(t);
    assertThat(breaches).extracting(b -> b.peerValue()).containsExactly(Office.client(12), Office.client(14));
    assertThat(breaches).allSatisfy(
        b -> assertThat(b.modelIds()).contains(MASQUERADE, NEW_ADMIN_SHARE, DRIVE_WRITE));
  }

  private static List<Breach> pushes(Traffic t) {
    return Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()).stream()
        .filter(b -> b.device().equals(ATTACKER)
            && (b.modelIds().contains(NEW_ADMIN_SHARE) || b.modelIds().contains(SERVICE)))
        .toList();
  }

  @Test
  void payloadWrittenThenRunAsAService_isOneBreachLedByTheService() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    long ts = Traffic.at(3, 11, 0);
    String write = write(t, ts, Office.client(12), PAYLOAD);
    t.rpc(ts + 10 * Traffic.SECOND, ATTACKER, Office.client(12), "svcctl", "CreateServiceW");
    assertThat(pushes(t)).singleElement().satisfies(b -> {
      assertThat(b.modelId()).as("the execution leads the act").isEqualTo(SERVICE);
      assertThat(b.modelIds()).as("and cites the write").contains(NEW_ADMIN_SHARE, MASQUERADE, DRIVE_WRITE);
      assertThat(b.peerValue()).isEqualTo(Office.client(12));
      assertThat(b.recordUids()).as("both records").contains(write).hasSizeGreaterThan(1);
      assertThat(b.techniques()).contains("T1569.002", "T1570");
      assertThat(b.score()).as("the act's highest score").isEqualTo(b.evidence().stream()
          .filter(e -> e.kind().startsWith(Evidence.FOLDED_MODEL)).mapToInt(e -> (int) e.value())
          .max().orElseThrow());
      assertThat(b.explanation()).contains("svcctl", "also matched", "Executable Written to New Admin Share");
    });
  }

  @Test
  void pushesToTwoPeers_stayTwoBreaches() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    long ts = Traffic.at(3, 11, 0);
    write(t, ts, Office.client(12), PAYLOAD);
    write(t, ts + 5 * Traffic.SECOND, Office.client(14), PAYLOAD);
    t.rpc(ts + 10 * Traffic.SECOND, ATTACKER, Office.client(12), "svcctl", "CreateServiceW");
    t.rpc(ts + 11 * Traffic.SECOND, ATTACKER, Office.client(14), "svcctl", "CreateServiceW");
    assertThat(pushes(t)).extracting(Breach::peerValue).containsExactly(Office.client(12), Office.client(14));
    assertThat(pushes(t)).allSatisfy(b -> assertThat(b.modelIds()).contains(SERVICE, NEW_ADMIN_SHARE));
  }

  @Test
  void serviceCreatedUnderAnotherCredential_isAnActOfItsOwn() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    long ts = Traffic.at(3, 11, 0);
    write(t, ts, Office.client(12), PAYLOAD);
    // The service is created after the device logged on to the peer as somebody else.
    t.ntlm(ts + 5 * Traffic.SECOND, ATTACKER, Office.client(12), "adm-ops", "PC3");
    t.rpc(ts + 10 * Traffic.SECOND, ATTACKER, Office.client(12), "svcctl", "CreateServiceW");
    List<Breach> breaches = pushes(t);
    assertThat(breaches).hasSize(2);
    assertThat(breaches).filteredOn(b -> b.modelIds().contains(SERVICE)).singleElement()
        .satisfies(b -> assertThat(b.modelIds()).doesNotContain(NEW_ADMIN_SHARE));
    assertThat(breaches).extracting(b -> b.entities().get("credential")).doesNotContainNull().doesNotHaveDuplicates();
  }

  @Test
  void serviceCreatedInALaterEpoch_isAnActOfItsOwn() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    long ts = Traffic.at(3, 11, 0);
    write(t, ts, Office.client(12), PAYLOAD);
    t.rpc(Traffic.at(3, 14, 0), ATTACKER, Office.client(12), "svcctl", "CreateServiceW");
    assertThat(pushes(t)).hasSize(2).noneSatisfy(
        b -> assertThat(b.modelIds()).contains(SERVICE, NEW_ADMIN_SHARE));
  }
}
