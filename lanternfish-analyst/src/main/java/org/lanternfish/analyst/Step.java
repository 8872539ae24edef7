package org.lanternfish.analyst;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lanternfish.breach.Breach;

/** What a breach means in an attack's story, read from its model name and, failing that, its techniques. */
public enum Step {
  INTEGRATION_ALERT("integration alert", null, Act.ALERT, "security integration /"),
  FOLLOW_UP("breaches after unusual SMB", null, Act.META, "followed by"),
  VPN_LOGIN("VPN login", Phase.INITIAL_ACCESS, Act.ACCESS, "vpn login", "vpn device"),
  NEW_CREDENTIAL("new credential", Phase.PRIVILEGE_ESCALATION, Act.ACCESS, "credential"),
  DCSYNC("DCSync", Phase.CREDENTIAL_ACCESS, Act.CREDENTIALS, "dcsync", "T1003.006"),
  BRUTE_FORCE("brute force", Phase.CREDENTIAL_ACCESS, Act.CREDENTIALS, "brute", "T1110"),
  RDP("RDP", Phase.LATERAL_MOVEMENT, Act.LATERAL, "rdp", "T1021.001"),
  WMI("WMI", Phase.EXECUTION, Act.LATERAL, "wmi", "T1047"),
  SERVICE("remote service", Phase.EXECUTION, Act.LATERAL, "service created", "T1569.002", "T1543.003"),
  MASQUERADED_FILE("masqueraded file", Phase.LATERAL_MOVEMENT, Act.LATERAL, "masquerad"),
  SMB_WRITE("SMB write", Phase.LATERAL_MOVEMENT, Act.LATERAL, "smb drive write", "smb write", "T1570"),
  ADMIN_SMB("admin SMB", Phase.LATERAL_MOVEMENT, Act.LATERAL, "smb", "T1021.002"),
  USER_AGENT("new user agent", Phase.LATERAL_MOVEMENT, Act.LATERAL, "user agent"),
  INTERNAL_DOWNLOAD("internal download", Phase.COLLECTION, Act.COLLECTION, "internal download", "T1039"),
  DNS_TUNNEL("DNS tunnel", Phase.COMMAND_AND_CONTROL, Act.C2, "tunnel", "T1071.004", "T1572"),
  BEACON("beaconing", Phase.COMMAND_AND_CONTROL, Act.C2, "beacon"),
  IOC_MATCH("IoC match", Phase.COMMAND_AND_CONTROL, Act.C2, "ioc"),
  EXFILTRATION("exfiltration", Phase.EXFILTRATION, Act.EXFIL, "data sent", "outbound", "exfil", "T1041",
      "T1048", "T1567"),
  SCAN("scan", Phase.DISCOVERY, Act.DISCOVERY, "scan", "T1046"),
  OTHER("connection", null, Act.OTHER);

  /** The part of a story a step belongs to; steps of one act on one device are told in one clause. */
  enum Act { ACCESS, CREDENTIALS, LATERAL, COLLECTION, C2, EXFIL, DISCOVERY, ALERT, META, OTHER }

  private final String label;
  private final Phase phase;
  private final Act act;
  private final List<String> modelWords;
  private final List<String> techniques;

  Step(String label, Phase phase, Act act, String... cues) {
    this.label = label;
    this.phase = phase;
    this.act = act;
    this.modelWords = Arrays.stream(cues).filter(c -> !c.startsWith("T1")).toList();
    this.techniques = Arrays.stream(cues).filter(c -> c.startsWith("T1")).toList();
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

  /** Classifies a breach: model name words first (they are the most specific), then technique ids. */
  public static Step of(Breach breach) {
    String model = breach.model() == null ? "" : breach.model().toLowerCase(Locale.ROOT);
    for (Step step : values()) {
      for (String word : step.modelWords) {
        if (model.contains(word)) {
          return step;
        }
      }
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
    return OTHER;
  }
}
