package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;
import org.lanternfish.model.Signal;
import org.lanternfish.model.SignalKinds;

/**
 * Keeps {@link SignalKinds} honest against what the signal classes raise: {@link DeviceShard#emit} asserts that
 * every signal it judges carries only registered attributes and entities, so every detection test that runs
 * traffic fails on a signal class that raises something the registry lacks.
 */
final class SignalRegistryTest {

  @Test
  void emit_whenTestsRun_checksEverySignalAgainstTheRegistry() {
    assertThat(DeviceShard.class.desiredAssertionStatus()).as("assertions on for the detection core").isTrue();
  }

  @Test
  void unregistered_namesAttributesTheKindDoesNotRegister() {
    Signal typo = new Signal("smb_write", 0, "dev", "10.0.0.9").with("share_admin", true).with("shre", "C$");
    assertThat(SignalKinds.unregistered(typo)).containsExactly("shre");
    assertThat(SignalKinds.unregistered(new Signal("smb_writ", 0, "dev", null))).containsExactly("device");
  }

  @Test
  void officeLifeAndBothStories_raiseOnlyRegisteredSignals_andTypedPeers() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    String attacker = "10.8.0.77";
    long ts = Traffic.at(3, 22, 0);
    t.ntlm(ts, attacker, Office.FS, "user7", "DESKTOP-O82ILGG");
    t.kerberos(ts + Traffic.MINUTE, attacker, Office.DC1, "svc-sql", true);
    t.rdp(ts + 2 * Traffic.MINUTE, attacker, Office.DC1, "svc-sql");
    String smb = t.ntlm(ts + 3 * Traffic.MINUTE, attacker, Office.DC1, "svc-sql", "DESKTOP-O82ILGG");
    t.smbMap(ts + 3 * Traffic.MINUTE, smb, attacker, Office.DC1, "C$");
    t.smbWrite(ts + 4 * Traffic.MINUTE, smb, attacker, Office.DC1, "C$", "PerfLogs\\log.dll");
    t.rpc(ts + 5 * Traffic.MINUTE, attacker, Office.DC1, "IWbemServices", "ExecMethod");
    t.rpc(ts + 6 * Traffic.MINUTE, attacker, Office.DC2, "drsuapi", "DRSGetNCChanges");
    for (int i = 0; i < 80; i++) {
      long q = ts + 10 * Traffic.MINUTE + i * 20 * Traffic.SECOND;
      t.dns(q, Office.DC1, "158.247.199.185", "x" + i + "q" + (i * 7919) + ".cybaq.chtq.net", 16, List.of());
    }
    for (int i = 0; i < 30; i++) {
      long q = ts + 10 * Traffic.MINUTE + i * Traffic.MINUTE;
      String uid = t.conn(q, Office.DC1, "158.247.199.185", 443, "ssl", 1_200, 3_000, "SF");
      t.ssl(q, uid, Office.DC1, "158.247.199.185", "dscriy.chtq.net");
    }

    List<Breach> breaches = Office.detect(t.events);

    assertThat(breaches).flatExtracting(Breach::modelIds).contains("suspicious-dcsync", "dns-tunnelling",
        "smb-drive-write", "anomalous-smb-followed-by-multiple-model-breaches");
    assertThat(breaches).filteredOn(b -> b.modelId().equals("suspicious-dcsync")).first()
        .satisfies(b -> assertThat(b.peer()).isEqualTo(new Peer(Peer.Kind.DEVICE, Office.DC2)));
    assertThat(breaches).filteredOn(b -> b.modelId().equals("dns-tunnelling")).first()
        .satisfies(b -> assertThat(b.peer()).isEqualTo(new Peer(Peer.Kind.DOMAIN, "chtq.net")));
    assertThat(breaches).filteredOn(b -> b.modelId().equals("beaconing-to-rare-destination"))
        .allSatisfy(b -> assertThat(b.peer().kind()).isNotEqualTo(Peer.Kind.DEVICE));
  }
}
