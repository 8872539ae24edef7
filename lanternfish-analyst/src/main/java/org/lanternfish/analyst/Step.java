package org.lanternfish.analyst;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lanternfish.breach.Breach;

/** What a breach means in an attack's story, read from its model id and, failing that, its techniques. */
public enum Step {
  INTEGRATION_ALERT("integration alert", null, Act.ALERT, "suricata-alert", "defender-alert",
      "unusual-defender-alert-pattern"),
  FOLLOW_UP("breaches after unusual SMB", null, Act.META, "anomalous-smb-followed-by-multiple-model-breaches"),
  VPN_LOGIN("VPN login", Phase.INITIAL_ACCESS, Act.ACCESS, "vpn-login-from-unusual-device", "vpn-login-at-unusual-hour"),
  UNUSUAL_LOGON("logon at an unusual hour", Phase.INITIAL_ACCESS, Act.ACCESS, "logon-at-unusual-hour"),
  NEW_CREDENTIAL("new credential", Phase.PRIVILEGE_ESCALATION, Act.ACCESS, "new-admin-credentials-on-client",
      "service-credential-used-over-vpn", "known-credential-on-new-device", "service-credential-on-client",
      "unknown-account-on-client", "another-clients-account", Investigator.NEW_CREDENTIAL),
  DCSYNC("DCSync", Phase.CREDENTIAL_ACCESS, Act.CREDENTIALS, "suspicious-dcsync", "T1003.006"),
  BRUTE_FORCE("brute force", Phase.CREDENTIAL_ACCESS, Act.CREDENTIALS, "brute-force", "T1110"),
  LSA_SECRETS("LSA secrets", Phase.CREDENTIAL_ACCESS, Act.CREDENTIALS, "remote-lsa-secret-retrieval",
      "dpapi-backup-key-request", "T1003.004", "T1555.004"),
  KERBEROS("Kerberos ticket abuse", Phase.CREDENTIAL_ACCESS, Act.CREDENTIALS, "kerberoasting",
      "kerberos-rc4-downgrade", "T1558", "T1550.002"),
  ZEROLOGON("Zerologon", Phase.PRIVILEGE_ESCALATION, Act.CREDENTIALS, "netlogon-handshake-burst"),
  PASSWORD_DATABASE("password database copy", Phase.CREDENTIAL_ACCESS, Act.CREDENTIALS,
      "password-database-copied-over-smb", "T1003.003", "T1003.002"),
  RDP("RDP", Phase.LATERAL_MOVEMENT, Act.LATERAL, "unusual-rdp-from-vpn", "unusual-rdp-to-server",
      "rdp-from-new-device", "T1021.001"),
  REMOTE_SHELL("WinRM", Phase.EXECUTION, Act.LATERAL, "new-winrm-session", "T1021.006"),
  SSH("SSH", Phase.LATERAL_MOVEMENT, Act.LATERAL, "new-ssh-client", "T1021.004"),
  DCOM("DCOM", Phase.EXECUTION, Act.LATERAL, "remote-dcom-automation", "T1021.003"),
  WMI("WMI", Phase.EXECUTION, Act.LATERAL, "remote-wmi-execution-after-smb-upload", "new-remote-wmi-execution",
      "T1047"),
  SERVICE("remote service", Phase.EXECUTION, Act.LATERAL, "service-created-remotely", "scheduled-task-created-remotely",
      "service-stopped-remotely", "T1569.002", "T1543.003", "T1053"),
  MASQUERADED_FILE("masqueraded file", Phase.LATERAL_MOVEMENT, Act.LATERAL,
      "masqueraded-executable-written-to-share", "masqueraded-file-transfer"),
  SMB_WRITE("SMB write", Phase.LATERAL_MOVEMENT, Act.LATERAL, "smb-drive-write",
      "executable-written-to-new-admin-share", "T1570"),
  ADMIN_SMB("admin SMB", Phase.LATERAL_MOVEMENT, Act.LATERAL, "unusual-admin-smb-session", "T1021.002"),
  USER_AGENT("new user agent", Phase.LATERAL_MOVEMENT, Act.LATERAL, "new-user-agent-to-internal-server"),
  INTERNAL_DOWNLOAD("internal download", Phase.COLLECTION, Act.COLLECTION, "unusual-internal-download", "T1039"),
  DNS_TUNNEL("DNS tunnel", Phase.COMMAND_AND_CONTROL, Act.C2, "dns-tunnelling", "T1071.004", "T1572"),
  BEACON("beaconing", Phase.COMMAND_AND_CONTROL, Act.C2, "beaconing-to-rare-destination"),
  IOC_MATCH("IoC match", Phase.COMMAND_AND_CONTROL, Act.C2, "ioc-match"),
  UNUSUAL_PORT_SESSION("session on an unusual port", Phase.COMMAND_AND_CONTROL, Act.C2,
      "connection-to-rare-destination-on-unusual-port", "internal-session-on-unusual-port", "T1571", "T1219"),
  DGA("generated domains", Phase.COMMAND_AND_CONTROL, Act.C2, "dga-domain-lookups", "T1568"),
  TOOL_DOWNLOAD("tool download", Phase.COMMAND_AND_CONTROL, Act.C2, "executable-download-from-rare-source", "T1105"),
  EXFILTRATION("exfiltration", Phase.EXFILTRATION, Act.EXFIL, "uncommon-1-gib-outbound", "data-sent-to-rare-domain",
      "sustained-unusual-upload", "T1041", "T1048", "T1567"),
  SCAN("scan", Phase.DISCOVERY, Act.DISCOVERY, "port-scan", "vertical-port-scan", "T1046"),
  ENUMERATION("enumeration", Phase.DISCOVERY, Act.DISCOVERY, "samr-domain-enumeration", "lsarpc-domain-enumeration",
      "session-enumeration", "service-manager-enumeration", "share-enumeration", "ldap-reconnaissance", "T1087",
      "T1069", "T1033", "T1049", "T1007", "T1135", "T1482"),
  OTHER("connection", null, Act.OTHER);

  /** The part of a story a step belongs to; steps of one act on one device are told in one clause. */
  enum Act { ACCESS, CREDENTIALS, LATERAL, COLLECTION, C2, EXFIL, DISCOVERY, ALERT, META, OTHER }

  private final String label;
  private final Phase phase;
  private final Act act;
  private final List<String> modelIds;
  private final List<String> techniques;

  Step(String label, Phase phase, Act act, String... cues) {
    this.label = label;
    this.phase = phase;
    this.act = act;
    this.modelIds = Arrays.stream(cues).filter(c -> !c.startsWith("T1")).toList();
    this.techniques = Arrays.stream(cues).filter(c -> c.startsWith("T1")).toList();
  }

  /** The ids of the shipped models this step reads a breach of. */
  List<String> modelIds() {
    return modelIds;
  }

  /** The step as an analyst reads it on an edge of the device graph, such as "SMB write". */
  public String label() {
    return label;
  }

  /** The kill-chain phase this kind of step reaches, or null when only its techniques tell. */
  public Phase phase() {
    return phase;
  }

  Act act() {
    return act;
  }

  /**
   * Every step a breach tells: its own ({@link #of}), then, for a remote execution that folded the payload's write
   * (a service, task, WMI or DCOM run on a peer right after writing a file there), that write, so the story and the
   * device graph show both.
   */
  public static List<Step> steps(Breach breach) {
    Step step = of(breach);
    if (step.phase == Phase.EXECUTION) {
      for (String id : breach.modelIds()) {
        for (Step write : List.of(MASQUERADED_FILE, SMB_WRITE)) {
          if (write.modelIds.contains(id)) {
            return List.of(step, write);
          }
        }
      }
    }
    return List.of(step);
  }

  /**
   * Classifies a breach by its model ids (the shipped models and the Investigator's findings; a user model that
   * replaces a shipped one keeps its id), then by its technique ids; never by the model's display name. A breach
   * that folds an act's models together is that act, even when a summary of the device's breaches scored highest,
   * and an admin-share session that folds what was done in it (files written, a service created) is that deed.
   */
  public static Step of(Breach breach) {
    Step summary = null;
    Step first = null;
    Step deed = null;
    for (String id : breach.modelIds()) {
      for (Step step : values()) {
        if (step.modelIds.contains(id)) {
          if (step.act == Act.META) {
            summary = summary == null ? step : summary;
          } else {
            first = first == null ? step : first;
            deed = deed == null && step.act == Act.LATERAL && step != ADMIN_SMB ? step : deed;
          }
        }
      }
    }
    if (first != null) {
      return first == ADMIN_SMB && deed != null ? deed : first;
    }
    if (summary != null && breach.modelIds().size() == 1) {
      return summary;
    }
    for (Step step : values()) {
      for (String technique : breach.techniques()) {
        for (String prefix : step.techniques) {
          if (technique != null && technique.toUpperCase(Locale.ROOT).startsWith(prefix)) {
            return step;
          }
        }
      }
    }
    return summary != null ? summary : OTHER;
  }
}
