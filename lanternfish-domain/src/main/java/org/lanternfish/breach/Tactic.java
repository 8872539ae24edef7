package org.lanternfish.breach;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** An ATT&CK enterprise tactic, declared in the order an attack usually moves through them. */
public enum Tactic {
  RECONNAISSANCE("TA0043"),
  RESOURCE_DEVELOPMENT("TA0042"),
  INITIAL_ACCESS("TA0001"),
  EXECUTION("TA0002"),
  PERSISTENCE("TA0003"),
  PRIVILEGE_ESCALATION("TA0004"),
  DEFENSE_EVASION("TA0005"),
  CREDENTIAL_ACCESS("TA0006"),
  DISCOVERY("TA0007"),
  LATERAL_MOVEMENT("TA0008"),
  COLLECTION("TA0009"),
  COMMAND_AND_CONTROL("TA0011"),
  EXFILTRATION("TA0010"),
  IMPACT("TA0040");

  // Techniques with several tactics in ATT&CK keep only the one that tells the story of a network intrusion:
  // T1078 (valid accounts) counts as privilege escalation; a VPN login's initial access comes from its model.
  private static final Map<String, Set<Tactic>> BY_TECHNIQUE = Map.ofEntries(
      Map.entry("T1078", EnumSet.of(PRIVILEGE_ESCALATION)),
      Map.entry("T1133", EnumSet.of(INITIAL_ACCESS)),
      Map.entry("T1190", EnumSet.of(INITIAL_ACCESS)),
      Map.entry("T1566", EnumSet.of(INITIAL_ACCESS)),
      Map.entry("T1189", EnumSet.of(INITIAL_ACCESS)),
      Map.entry("T1047", EnumSet.of(EXECUTION)),
      Map.entry("T1059", EnumSet.of(EXECUTION)),
      Map.entry("T1569", EnumSet.of(EXECUTION)),
      Map.entry("T1053", EnumSet.of(EXECUTION, PERSISTENCE)),
      Map.entry("T1543", EnumSet.of(PERSISTENCE)),
      Map.entry("T1547", EnumSet.of(PERSISTENCE)),
      Map.entry("T1505", EnumSet.of(PERSISTENCE)),
      Map.entry("T1574", EnumSet.of(PERSISTENCE)),
      Map.entry("T1068", EnumSet.of(PRIVILEGE_ESCALATION)),
      Map.entry("T1134", EnumSet.of(PRIVILEGE_ESCALATION)),
      Map.entry("T1036", EnumSet.of(DEFENSE_EVASION)),
      Map.entry("T1055", EnumSet.of(DEFENSE_EVASION)),
      Map.entry("T1562", EnumSet.of(DEFENSE_EVASION)),
      Map.entry("T1489", EnumSet.of(IMPACT)),
      Map.entry("T1003", EnumSet.of(CREDENTIAL_ACCESS)),
      Map.entry("T1110", EnumSet.of(CREDENTIAL_ACCESS)),
      Map.entry("T1558", EnumSet.of(CREDENTIAL_ACCESS)),
      Map.entry("T1555", EnumSet.of(CREDENTIAL_ACCESS)),
      Map.entry("T1552", EnumSet.of(CREDENTIAL_ACCESS)),
      Map.entry("T1557", EnumSet.of(CREDENTIAL_ACCESS)),
      Map.entry("T1046", EnumSet.of(DISCOVERY)),
      Map.entry("T1018", EnumSet.of(DISCOVERY)),
      Map.entry("T1087", EnumSet.of(DISCOVERY)),
      Map.entry("T1135", EnumSet.of(DISCOVERY)),
      Map.entry("T1082", EnumSet.of(DISCOVERY)),
      Map.entry("T1021", EnumSet.of(LATERAL_MOVEMENT)),
      Map.entry("T1570", EnumSet.of(LATERAL_MOVEMENT)),
      Map.entry("T1210", EnumSet.of(LATERAL_MOVEMENT)),
      Map.entry("T1550", EnumSet.of(LATERAL_MOVEMENT)),
      Map.entry("T1039", EnumSet.of(COLLECTION)),
      Map.entry("T1005", EnumSet.of(COLLECTION)),
      Map.entry("T1074", EnumSet.of(COLLECTION)),
      Map.entry("T1560", EnumSet.of(COLLECTION)),
      Map.entry("T1071", EnumSet.of(COMMAND_AND_CONTROL)),
      Map.entry("T1572", EnumSet.of(COMMAND_AND_CONTROL)),
      Map.entry("T1573", EnumSet.of(COMMAND_AND_CONTROL)),
      Map.entry("T1090", EnumSet.of(COMMAND_AND_CONTROL)),
      Map.entry("T1105", EnumSet.of(COMMAND_AND_CONTROL)),
      Map.entry("T1568", EnumSet.of(COMMAND_AND_CONTROL)),
      Map.entry("T1095", EnumSet.of(COMMAND_AND_CONTROL)),
      Map.entry("T1219", EnumSet.of(COMMAND_AND_CONTROL)),
      Map.entry("T1571", EnumSet.of(COMMAND_AND_CONTROL)),
      Map.entry("T1041", EnumSet.of(EXFILTRATION)),
      Map.entry("T1048", EnumSet.of(EXFILTRATION)),
      Map.entry("T1567", EnumSet.of(EXFILTRATION)),
      Map.entry("T1030", EnumSet.of(EXFILTRATION)),
      Map.entry("T1029", EnumSet.of(EXFILTRATION)),
      Map.entry("T1020", EnumSet.of(EXFILTRATION)),
      Map.entry("T1608", EnumSet.of(RESOURCE_DEVELOPMENT)));

  private final String id;

  Tactic(String id) {
    this.id = id;
  }

  /** The ATT&CK id, such as {@code TA0008}. */
  public String id() {
    return id;
  }

  /** The tactic as an analyst reads it, such as "lateral movement". */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** The tactics of one technique id such as T1021.002 (looked up by its parent T1021); empty when unknown. */
  public static Set<Tactic> of(String technique) {
    if (technique == null) {
      return Set.of();
    }
    String id = technique.strip().toUpperCase(Locale.ROOT);
    int dot = id.indexOf('.');
    Set<Tactic> tactics = BY_TECHNIQUE.get(dot < 0 ? id : id.substring(0, dot));
    return tactics == null ? Set.of() : tactics;
  }

  /** The tactics of several techniques, in tactic order without repeats. */
  public static List<Tactic> ofAll(List<String> techniques) {
    Set<Tactic> tactics = EnumSet.noneOf(Tactic.class);
    for (String technique : techniques) {
      tactics.addAll(of(technique));
    }
    return List.copyOf(tactics);
  }

  /**
   * The tactic a model names: its ATT&CK id ({@code TA0008}) or its name in any case, with spaces, hyphens or
   * underscores ({@code lateral-movement}); throws IllegalArgumentException naming the known ones otherwise.
   */
  public static Tactic parse(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (Tactic tactic : values()) {
      if (tactic.name().equals(t) || tactic.id.equals(t)) {
        return tactic;
      }
    }
    throw new IllegalArgumentException("unknown tactic '" + text.strip() + "' (use an ATT&CK tactic such as"
        + " lateral-movement or TA0008)");
  }
}
