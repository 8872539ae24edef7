package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.junit.jupiter.api.Test;

/**
 * A client running a WMI method on a peer it never executed anything on (SharpWMI-style, no SMB upload) breaches; an
 * administrator's workstation doing the same, or a client only querying WMI, stays quiet.
 */
final class WmiExecutionTest {

  private static final String NEW_WMI = "Device / New Remote WMI Execution";
  private static final String AFTER_UPLOAD = "Device / Remote WMI Execution After SMB Upload";
  private static final String TARGET = "10.0.0.30";

  private static String server(int i) {
    return "10.0.0." + (40 + i);
  }

  /** What SharpWMI's "action=exec" leaves on the wire: a DCOM activation, the WMI login, then ExecMethod. */
  private static String sharpWmi(Traffic t, String from, String to, long ts) {
    t.rpc(ts, from, to, "ISystemActivator", "RemoteCreateInstance");
    t.rpc(ts + Traffic.SECOND, from, to, "IWbemLevel1Login", "NTLMLogin");
    t.rpc(ts + 2 * Traffic.SECOND, from, to, "IWbemServices", "GetObject");
    t.rpc(ts + 3 * Traffic.SECOND, from, to, "IWbemServices", "ExecMethod");
    return t.events.getLast().uid();
  }

  private static Traffic officeWithAdministrator() {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    for (int i = 0; i < 4; i++) {
      long ts = Traffic.at(i % 3, 11, i);
      String uid = t.ntlm(ts, Office.ADMIN_WS, server(i), "adm-ops", "ADMINWS");
      t.smbMap(ts, uid, Office.ADMIN_WS, server(i), "C$");
      sharpWmi(t, Office.ADMIN_WS, server(i), ts + Traffic.MINUTE);
    }
    return t;
  }

  private static List<Breach> of(List<Breach> all, String model, String device) {
    return all.stream().filter(b -> b.model().equals(model) && b.device().equals(device)).toList();
  }

  @Test
  void clientRunningWmiMethodOnNewPeer_breachesAtAlertScore() {
    Traffic t = officeWithAdministrator();
    String exec = sharpWmi(t, Office.client(4), TARGET, Traffic.at(3, 10, 0));
    assertThat(of(Office.detect(t.events), NEW_WMI, Office.client(4))).singleElement().satisfies(b -> {
      assertThat(b.peerValue()).isEqualTo(TARGET);
      assertThat(b.recordUids()).containsExactly(exec);
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
      assertThat(b.techniques()).contains("T1047");
    });
  }

  @Test
  void administratorRunningWmiOnOneMoreServer_staysQuiet() {
    Traffic t = officeWithAdministrator();
    sharpWmi(t, Office.ADMIN_WS, server(5), Traffic.at(3, 10, 0));
    assertThat(of(Office.detect(t.events), NEW_WMI, Office.ADMIN_WS)).as("only its first, in the learning days")
        .extracting(Breach::peerValue).containsExactly(server(0));
  }

  @Test
  void wmiAfterUpload_onAnAdministratorsWorkstation_carriesItsRoutine() {
    Traffic t = officeWithAdministrator();
    long ts = Traffic.at(3, 10, 0);
    String uid = t.ntlm(ts, Office.ADMIN_WS, server(5), "adm-ops", "ADMINWS");
    t.smbMap(ts, uid, Office.ADMIN_WS, server(5), "C$");
    t.smbWrite(ts + Traffic.SECOND, uid, Office.ADMIN_WS, server(5), "C$", "Windows\\Temp\\kb5031356.msu");
    sharpWmi(t, Office.ADMIN_WS, server(5), ts + Traffic.MINUTE);
    assertThat(of(Office.detect(t.events), AFTER_UPLOAD, Office.ADMIN_WS)).singleElement()
        .satisfies(b -> assertThat(b.evidence()).anySatisfy(e -> assertThat(e.kind()).isEqualTo("routine")));
  }

  @Test
  void wmiAfterUpload_onAServerTheAdministratorRanWmiMethodsOnBefore_staysUnderAlertScore() {
    Traffic t = officeWithAdministrator();
    long ts = Traffic.at(3, 10, 0);
    String uid = t.ntlm(ts, Office.ADMIN_WS, server(1), "adm-ops", "ADMINWS");
    t.smbMap(ts, uid, Office.ADMIN_WS, server(1), "ADMIN$");
    t.smbWrite(ts + Traffic.SECOND, uid, Office.ADMIN_WS, server(1), "ADMIN$", "PSEXESVC.exe");
    String exec = sharpWmi(t, Office.ADMIN_WS, server(1), ts + 10 * Traffic.MINUTE);
    assertThat(Office.detect(t.events)).filteredOn(b -> b.recordUids().contains(exec)).singleElement()
        .satisfies(b -> assertThat(scoreOf(b, "remote-wmi-execution-after-smb-upload")).isLessThan(60));
  }

  /** The score model {@code id} gave, whether its breach is the act's or was folded into another model's. */
  private static double scoreOf(Breach b, String id) {
    return id.equals(b.modelId()) ? b.score() : b.evidence().stream()
        .filter(e -> e.kind().equals(Evidence.FOLDED_MODEL + id)).findFirst().orElseThrow().value();
  }

  @Test
  void wmiAfterUpload_onAPeerTheClientNeverRanWmiMethodsOn_scoresHigh() {
    List<Breach> all = uploadThenWmi("C$", "ProgramData\\Oracle\\java.exe");
    assertThat(of(all, AFTER_UPLOAD, Office.client(4))).singleElement()
        .satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(80));
  }

  @Test
  void clientOnlyQueryingWmi_staysQuiet() {
    Traffic t = officeWithAdministrator();
    t.rpc(Traffic.at(3, 10, 0), Office.client(4), TARGET, "IWbemLevel1Login", "NTLMLogin");
    t.rpc(Traffic.at(3, 10, 1), Office.client(4), TARGET, "IWbemServices", "ExecQuery");
    assertThat(of(Office.detect(t.events), NEW_WMI, Office.client(4))).isEmpty();
  }

  /** The breaches of a client that writes a file to a share of the target, then runs a WMI method there. */
  private static List<Breach> uploadThenWmi(String share, String file) {
    Traffic t = officeWithAdministrator();
    long ts = Traffic.at(3, 10, 0);
    String uid = t.ntlm(ts, Office.client(4), TARGET, "user4", "PC4");
    t.smbMap(ts, uid, Office.client(4), TARGET, share);
    t.smbWrite(ts + Traffic.SECOND, uid, Office.client(4), TARGET, share, file);
    sharpWmi(t, Office.client(4), TARGET, ts + Traffic.MINUTE);
    return Office.detect(t.events);
  }

  @Test
  void wmiAfterSavingADocumentOnAFileShare_isNoUpload() {
    List<Breach> all = uploadThenWmi("DATA", "Reports\\q3-budget.xlsx");
    assertThat(of(all, AFTER_UPLOAD, Office.client(4))).isEmpty();
    assertThat(of(all, NEW_WMI, Office.client(4))).as("its first WMI method there still breaches").hasSize(1);
  }

  @Test
  void wmiAfterSmbUpload_scoresTheSequenceModelHigher() {
    List<Breach> all = uploadThenWmi("C$", "ProgramData\\Oracle\\java.exe");
    Breach sequence = of(all, AFTER_UPLOAD, Office.client(4)).getFirst();
    assertThat(of(all, NEW_WMI, Office.client(4)))
        .allSatisfy(b -> assertThat(b.score()).isLessThan(sequence.score()));
  }

  @Test
  void wmiAfterUploadToAnOrdinaryShare_isStillASequence() {
    // No drive-write or masquerade model fires on a plain installer dropped on a departmental share, so the write
    // is judged out early; it must still be remembered for the sequence model that looks back at it.
    List<Breach> all = uploadThenWmi("Finance", "reports\\update.msi");
    assertThat(of(all, AFTER_UPLOAD, Office.client(4))).hasSize(1);
    assertThat(all).filteredOn(b -> b.device().equals(Office.client(4)))
        .noneMatch(b -> b.model().contains("Drive Write") || b.model().contains("Masqueraded"));
  }
}
