package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The share and path tests SMB signals apply to every write, each against the rule it implements as a pattern. */
final class SmbPathsTest {

  private static final List<String> SHARES =
      List.of("C$", "c$", "ADMIN$", "admin$", "IPC$", "D$", "1$", "C", "CC$", "ADMIN", "SYSVOL", "$", "é$");
  private static final List<String> PATHS = List.of("ProgramData\\x.exe", "programdata", "PROGRAMDATA\\a\\b",
      "ProgramDataX\\a.exe", "PerfLogs\\svc.dll", "Users\\Public\\a", "users\\publicity\\a", "Windows\\Temp\\t.ps1",
      "windows\\temp", "Temp\\x", "Templates\\x", "Windows\\Tasks\\j", "$Recycle.Bin\\s-1\\a", "$RecycleXBin\\a",
      "Users\\bob\\report.docx", "", "x\\ProgramData\\a");
  private static final List<String> NAMES = List.of("a.exe", "A.EXE", "b.Dll", "c.ps1", "d.exe.txt", "e.txt.exe",
      "noextension", "f.", ".exe", "g.msi", "h.docx", "i.log", "j.JSON", "k.pdfx", "l.com", "m.bat ");

  @Test
  void adminShare_isADriveLetterShareOrAdmin() {
    Pattern rule = Pattern.compile("(?i)^([a-z]\\$|admin\\$)$");
    for (String share : SHARES) {
      assertThat(SmbSignals.adminShare(share)).as(share).isEqualTo(rule.matcher(share).matches());
    }
  }

  @Test
  void stagingPath_startsWithAStagingFolder() {
    Pattern rule = Pattern.compile("(?i)^(programdata|perflogs|users\\\\public|windows\\\\temp|temp|windows\\\\tasks"
        + "|\\$recycle\\.bin)(\\\\|$)");
    for (String path : PATHS) {
      assertThat(SmbSignals.stagingPath(path)).as(path).isEqualTo(rule.matcher(path).find());
    }
  }

  @Test
  void hasExtension_looksAtTheLastExtensionInAnyCase() {
    Set<String> executable = Set.of("exe", "dll", "sys", "scr", "cpl", "ocx", "com", "ps1", "bat", "vbs", "msi");
    Pattern rule = Pattern.compile("(?i)\\.(exe|dll|sys|scr|cpl|ocx|com|ps1|bat|vbs|msi)$");
    for (String name : NAMES) {
      assertThat(SmbSignals.hasExtension(name, executable)).as(name).isEqualTo(rule.matcher(name).find());
    }
  }

  @Test
  void wmiExec_isAMethodCallOrNewObjectOnIWbemServices() {
    assertThat(SmbSignals.wmiExec("IWbemServices", "ExecMethod")).isTrue();
    assertThat(SmbSignals.wmiExec("iwbemservices", "putinstanceasync")).isTrue();
    assertThat(SmbSignals.wmiExec("IWbemServices", "ExecQuery")).isFalse();
    assertThat(SmbSignals.wmiExec("IWbemServices", "ExecMethodX")).isFalse();
    assertThat(SmbSignals.wmiExec("svcctl", "ExecMethod")).isFalse();
  }
}
