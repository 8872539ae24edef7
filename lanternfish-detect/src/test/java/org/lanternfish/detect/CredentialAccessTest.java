package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * Credential access and share enumeration judged by what the requests do, each beside the routine that looks like
 * it: Kerberoasting and a legacy application's RC4 tickets, an RC4 logon by an AES device and a device that only
 * knows RC4, Zerologon and members setting up their secure channel, copies of the password databases and ordinary
 * files, a client's first large share sweep and an inventory server's or a monitoring host's sweeps, the DPAPI key
 * asked for by a client whose profiles exist and by a new user's first logon. Bursts report their whole size.
 */
final class CredentialAccessTest {

  private static final String LEGACY = "10.0.2.50";
  private static final String MONITOR = "10.0.2.60";
  private static final String INVENTORY = "10.0.2.70";

  /** The size of the burst a breach reports (distinct items are estimated, within a few percent). */
  private static int burst(Breach b) {
    return (int) b.evidence().stream().filter(e -> e.kind().equals("burst")).findFirst().orElseThrow().value();
  }

  private static List<Breach> of(Traffic t, String device, String model) {
    return Office.detect(t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()).stream()
        .filter(b -> b.device().equals(device) && b.modelId().equals(model)).toList();
  }

  @Test
  void rc4TicketsForManyServicesInMinutes_isKerberoasting() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int i = 0; i < 12; i++) {
      t.ticket(Traffic.at(3, 14, 0) + i * 5 * Traffic.SECOND, Office.client(11), Office.DC1, "TGS", "user11",
          "MSSQLSvc/sql" + i + ".corp.local:1433", "rc4-hmac");
    }
    assertThat(of(t, Office.client(11), "kerberoasting")).singleElement().satisfies(b -> {
      assertThat(burst(b)).isBetween(10, 14);
      assertThat(b.score()).isEqualTo(70);
    });
  }

  @Test
  void kerberoastingThirtyServicesAcrossAnEpochsEnd_reportsTheWholeBurst_andItsBoost() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    // Two minutes from 14:04, so the burst crosses its threshold before the epoch ends at 14:05 and goes on after.
    for (int i = 0; i < 30; i++) {
      t.ticket(Traffic.at(3, 14, 4) + i * 4 * Traffic.SECOND, Office.client(11), Office.DC1, "TGS", "user11",
          "MSSQLSvc/sql" + i + ".corp.local:1433", "rc4-hmac");
    }
    assertThat(of(t, Office.client(11), "kerberoasting")).singleElement().satisfies(b -> {
      assertThat(burst(b)).isBetween(24, 36);
      assertThat(b.explanation()).contains(burst(b) + " different services");
      assertThat(b.score()).isEqualTo(80);
    });
  }

  @Test
  void aBurstAtTheEndOfTheInput_isJudgedWithItsSize() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int i = 0; i < 12; i++) {
      t.ticket(Traffic.at(3, 23, 58) + 30 * Traffic.SECOND + i * 5 * Traffic.SECOND, Office.client(11), Office.DC1,
          "TGS", "user11", "MSSQLSvc/sql" + i + ".corp.local:1433", "rc4-hmac");
    }
    assertThat(of(t, Office.client(11), "kerberoasting")).singleElement()
        .satisfies(b -> assertThat(burst(b)).isBetween(10, 14));
  }

  @Test
  void aLegacyApplicationsRc4Tickets_andManyAesTickets_stayQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int day = 0; day < 4; day++) {
      for (int minute = 0; minute < 600; minute += 10) {
        t.ticket(Traffic.at(day, 8, minute), LEGACY, Office.DC1, "TGS", "svc_app", "HTTP/app1.corp.local", "rc4-hmac");
        t.ticket(Traffic.at(day, 8, minute + 1), LEGACY, Office.DC1, "TGS", "svc_app", "MSSQLSvc/db1.corp.local:1433",
            "rc4-hmac");
      }
    }
    for (int i = 0; i < 12; i++) {
      t.ticket(Traffic.at(3, 14, 0) + i * 5 * Traffic.SECOND, Office.client(12), Office.DC1, "TGS", "user12",
          "cifs/host" + i + ".corp.local", "aes256-cts-hmac-sha1-96");
    }
    assertThat(of(t, LEGACY, "kerberoasting")).isEmpty();
    assertThat(of(t, Office.client(12), "kerberoasting")).isEmpty();
  }

  @Test
  void anRc4LogonFromADeviceWhoseTicketsWereAes_isADowngrade() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.ticket(Traffic.at(3, 14, 0), Office.client(11), Office.DC1, "AS", "adm-ops", "krbtgt/CORP.LOCAL", "rc4-hmac");
    assertThat(of(t, Office.client(11), "kerberos-rc4-downgrade")).singleElement()
        .satisfies(b -> assertThat(b.entities()).containsEntry("credential", "adm-ops"));
  }

  @Test
  void aDeviceThatOnlyEverUsedRc4_staysQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int day = 0; day < 4; day++) {
      t.ticket(Traffic.at(day, 8, 0), LEGACY, Office.DC1, "AS", "svc_app", "krbtgt/CORP.LOCAL", "rc4-hmac");
    }
    assertThat(of(t, LEGACY, "kerberos-rc4-downgrade")).isEmpty();
  }

  @Test
  void aBurstOfSecureChannelHandshakes_isZerologon() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int i = 0; i < 200; i++) {
      long ts = Traffic.at(3, 14, 0) + i * 200_000L;
      t.rpc(ts, Office.client(11), Office.DC1, "netlogon", "NetrServerReqChallenge");
      t.rpc(ts + 50_000L, Office.client(11), Office.DC1, "netlogon", "NetrServerAuthenticate3");
    }
    assertThat(of(t, Office.client(11), "netlogon-handshake-burst")).singleElement().satisfies(b -> {
      assertThat(burst(b)).isEqualTo(400);
      assertThat(b.score()).isGreaterThanOrEqualTo(80);
    });
  }

  @Test
  void membersSettingUpTheirSecureChannel_stayQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int day = 0; day < 4; day++) {
      for (int i = 1; i <= 20; i++) {
        t.rpc(Traffic.at(day, 7, i), Office.client(i), Office.DC1, "netlogon", "NetrServerReqChallenge");
        t.rpc(Traffic.at(day, 7, i) + Traffic.SECOND, Office.client(i), Office.DC1, "netlogon",
            "NetrServerAuthenticate3");
        t.rpc(Traffic.at(day, 7, i) + 2 * Traffic.SECOND, Office.client(i), Office.DC1, "netlogon",
            "NetrLogonSamLogonEx");
      }
    }
    for (int i = 1; i <= 20; i++) {
      assertThat(of(t, Office.client(i), "netlogon-handshake-burst")).isEmpty();
    }
  }

  @Test
  void anEstablishedClientsFirstBackupKeyCall_breaches_andItsRepeatIsQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 5);
    t.rpc(Traffic.at(3, 14, 0), Office.client(11), Office.DC1, "BackupKey", "BackuprKey");
    t.rpc(Traffic.at(4, 14, 0), Office.client(11), Office.DC1, "BackupKey", "BackuprKey");
    assertThat(of(t, Office.client(11), "dpapi-backup-key-request")).singleElement()
        .satisfies(b -> assertThat(b.score()).isBetween(60, 79));
  }

  @Test
  void aNewUsersFirstLogon_makingTheirProfile_fetchesTheKeyBelowAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 5);
    // A colleague sits at a desk for the first time: logon, then the profile's first call for the domain's key.
    t.logon(Traffic.at(3, 13, 58), Office.client(11), Office.DC1, "newhire");
    t.rpc(Traffic.at(3, 14, 0), Office.client(11), Office.DC1, "BackupKey", "BackuprKey");
    assertThat(of(t, Office.client(11), "dpapi-backup-key-request")).singleElement()
        .satisfies(b -> assertThat(b.score()).isBetween(30, 59));
  }

  @Test
  void theDirectoryDatabaseOrASavedHiveReadOverSmb_breachesHigh() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    String smb = t.ntlm(Traffic.at(3, 14, 0), Office.client(11), Office.DC1, "adm-ops", "PC11");
    t.smbMap(Traffic.at(3, 14, 0), smb, Office.client(11), Office.DC1, "C$");
    t.smbFile(Traffic.at(3, 14, 1), smb, Office.client(11), Office.DC1, "C$", "Windows\\Temp\\x\\Active Directory\\ntds.dit",
        "SMB::FILE_OPEN");
    t.smbFile(Traffic.at(3, 16, 1), smb, Office.client(11), Office.DC1, "C$", "Windows\\Temp\\x\\registry\\SYSTEM.hiv",
        "SMB::FILE_READ");
    assertThat(of(t, Office.client(11), "password-database-copied-over-smb")).hasSize(2)
        .allSatisfy(b -> assertThat(b.score()).isGreaterThanOrEqualTo(80));
  }

  @Test
  void aBackupAgentsNightlyCopyOfTheServersHives_breachesOnceWhileLearning_thenStaysQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 6);
    for (int day = 0; day < 6; day++) {
      for (String server : new String[] {Office.FS, Office.INTRANET, Office.DC2}) {
        String smb = t.ntlm(Traffic.at(day, 2, 0), MONITOR, server, "svc_backup", "BACKUP01");
        t.smbFile(Traffic.at(day, 2, 1), smb, MONITOR, server, "C$", "Windows\\System32\\config\\SYSTEM.bak",
            "SMB::FILE_READ");
      }
    }
    assertThat(of(t, MONITOR, "password-database-copied-over-smb")).as("its first copy, so an analyst sees it")
        .extracting(Breach::ts).containsExactly(Traffic.at(0, 2, 1));
  }

  @Test
  void ordinaryFilesNamedLikeHives_stayQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    String smb = t.ntlm(Traffic.at(3, 14, 0), Office.ADMIN_WS, Office.FS, "adm-ops", "ADMINWS");
    t.smbFile(Traffic.at(3, 14, 1), smb, Office.ADMIN_WS, Office.FS, "C$", "Windows\\System", "SMB::FILE_OPEN");
    t.smbFile(Traffic.at(3, 14, 2), smb, Office.ADMIN_WS, Office.FS, "DATA", "Security\\policy.docx",
        "SMB::FILE_READ");
    t.smbFile(Traffic.at(3, 14, 3), smb, Office.ADMIN_WS, Office.FS, "DATA", "Audit\\system.log", "SMB::FILE_READ");
    assertThat(of(t, Office.ADMIN_WS, "password-database-copied-over-smb")).isEmpty();
  }

  @Test
  void sessionsToTheSharesOfManyHostsInMinutes_isShareEnumerationBelowAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int i = 1; i <= 15; i++) {
      t.smbMap(Traffic.at(3, 14, 0) + i * 10 * Traffic.SECOND, t.uid(), Office.client(11), "10.0.3." + i, "IPC$");
    }
    assertThat(of(t, Office.client(11), "share-enumeration")).singleElement().satisfies(b -> {
      assertThat(burst(b)).isBetween(13, 17);
      assertThat(b.score()).isBetween(30, 59);
    });
  }

  @Test
  void anEstablishedClientsFirstSweepOfFortyHosts_reachesAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int i = 1; i <= 40; i++) {
      t.smbMap(Traffic.at(3, 14, 4) + i * 3 * Traffic.SECOND, t.uid(), Office.client(11), "10.0.3." + i, "IPC$");
    }
    assertThat(of(t, Office.client(11), "share-enumeration")).singleElement().satisfies(b -> {
      assertThat(burst(b)).isBetween(34, 46);
      assertThat(b.score()).isEqualTo(60);
    });
  }

  @Test
  void anInventoryServersFirstSweepOfFortyHosts_staysBelowAlertScore() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int day = 0; day < 4; day++) {
      for (int i = 1; i <= 20; i++) {
        t.conn(Traffic.at(day, 9, i), Office.client(i), INVENTORY, 8530, "http", 2000, 40_000, "SF");
      }
    }
    for (int i = 1; i <= 40; i++) {
      t.smbMap(Traffic.at(3, 14, 4) + i * 3 * Traffic.SECOND, t.uid(), INVENTORY, "10.0.3." + i, "ADMIN$");
    }
    assertThat(of(t, INVENTORY, "share-enumeration")).singleElement().satisfies(b -> {
      assertThat(burst(b)).isBetween(34, 46);
      assertThat(b.score()).isBetween(30, 59);
    });
  }

  @Test
  void aMonitoringHostsDailySweep_fallsSilentAsRoutine() {
    Traffic t = new Traffic();
    Office.life(t, 0, 8);
    for (int day = 0; day < 8; day++) {
      for (int i = 1; i <= 40; i++) {
        t.smbMap(Traffic.at(day, 6, 0) + i * 10 * Traffic.SECOND, t.uid(), MONITOR, "10.0.3." + i, "IPC$");
      }
    }
    List<Breach> sweeps = of(t, MONITOR, "share-enumeration");
    assertThat(sweeps).hasSizeLessThanOrEqualTo(Routines.BREACHING_FIRINGS)
        .allSatisfy(b -> assertThat(b.score()).isLessThan(60));
    assertThat(sweeps).allSatisfy(b -> assertThat(b.ts()).isLessThan(Traffic.at(5, 0, 0)));
  }
}
