package org.lanternfish.analyst;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ATT&CK technique to kill-chain phase table, with a fallback on the kind of step when a breach carries no
 * technique the table knows.
 */
final class Tactics {

  // Techniques with several tactics in ATT&CK keep only the one that tells the story of a network intrusion:
  // T1078 (valid accounts) counts as privilege escalation, and a VPN login adds initial access through its step.
  private static final Map<String, Set<Phase>> TABLE = Map.ofEntries(
      Map.entry("T1078", EnumSet.of(Phase.PRIVILEGE_ESCALATION)),
      Map.entry("T1133", EnumSet.of(Phase.INITIAL_ACCESS)),
      Map.entry("T1190", EnumSet.of(Phase.INITIAL_ACCESS)),
      Map.entry("T1566", EnumSet.of(Phase.INITIAL_ACCESS)),
      Map.entry("T1189", EnumSet.of(Phase.INITIAL_ACCESS)),
      Map.entry("T1047", EnumSet.of(Phase.EXECUTION)),
      Map.entry("T1059", EnumSet.of(Phase.EXECUTION)),
      Map.entry("T1569", EnumSet.of(Phase.EXECUTION)),
      Map.entry("T1053", EnumSet.of(Phase.EXECUTION, Phase.PERSISTENCE)),
      Map.entry("T1543", EnumSet.of(Phase.PERSISTENCE)),
      Map.entry("T1547", EnumSet.of(Phase.PERSISTENCE)),
      Map.entry("T1505", EnumSet.of(Phase.PERSISTENCE)),
      Map.entry("T1574", EnumSet.of(Phase.PERSISTENCE)),
      Map.entry("T1068", EnumSet.of(Phase.PRIVILEGE_ESCALATION)),
      Map.entry("T1134", EnumSet.of(Phase.PRIVILEGE_ESCALATION)),
      Map.entry("T1003", EnumSet.of(Phase.CREDENTIAL_ACCESS)),
      Map.entry("T1110", EnumSet.of(Phase.CREDENTIAL_ACCESS)),
      Map.entry("T1558", EnumSet.of(Phase.CREDENTIAL_ACCESS)),
      Map.entry("T1552", EnumSet.of(Phase.CREDENTIAL_ACCESS)),
      Map.entry("T1557", EnumSet.of(Phase.CREDENTIAL_ACCESS)),
      Map.entry("T1046", EnumSet.of(Phase.DISCOVERY)),
      Map.entry("T1018", EnumSet.of(Phase.DISCOVERY)),
      Map.entry("T1087", EnumSet.of(Phase.DISCOVERY)),
      Map.entry("T1135", EnumSet.of(Phase.DISCOVERY)),
      Map.entry("T1082", EnumSet.of(Phase.DISCOVERY)),
      Map.entry("T1021", EnumSet.of(Phase.LATERAL_MOVEMENT)),
      Map.entry("T1570", EnumSet.of(Phase.LATERAL_MOVEMENT)),
      Map.entry("T1210", EnumSet.of(Phase.LATERAL_MOVEMENT)),
      Map.entry("T1550", EnumSet.of(Phase.LATERAL_MOVEMENT)),
      Map.entry("T1039", EnumSet.of(Phase.COLLECTION)),
      Map.entry("T1005", EnumSet.of(Phase.COLLECTION)),
      Map.entry("T1074", EnumSet.of(Phase.COLLECTION)),
      Map.entry("T1560", EnumSet.of(Phase.COLLECTION)),
      Map.entry("T1071", EnumSet.of(Phase.COMMAND_AND_CONTROL)),
      Map.entry("T1572", EnumSet.of(Phase.COMMAND_AND_CONTROL)),
      Map.entry("T1573", EnumSet.of(Phase.COMMAND_AND_CONTROL)),
      Map.entry("T1090", EnumSet.of(Phase.COMMAND_AND_CONTROL)),
      Map.entry("T1105", EnumSet.of(Phase.COMMAND_AND_CONTROL)),
      Map.entry("T1568", EnumSet.of(Phase.COMMAND_AND_CONTROL)),
      Map.entry("T1095", EnumSet.of(Phase.COMMAND_AND_CONTROL)),
      Map.entry("T1219", EnumSet.of(Phase.COMMAND_AND_CONTROL)),
      Map.entry("T1041", EnumSet.of(Phase.EXFILTRATION)),
      Map.entry("T1048", EnumSet.of(Phase.EXFILTRATION)),
      Map.entry("T1567", EnumSet.of(Phase.EXFILTRATION)),
      Map.entry("T1030", EnumSet.of(Phase.EXFILTRATION)),
      Map.entry("T1029", EnumSet.of(Phase.EXFILTRATION)),
      Map.entry("T1020", EnumSet.of(Phase.EXFILTRATION)));

  private Tactics() {}

  /** The phases of one technique id such as T1021.002 (looked up by its parent T1021), empty when unknown. */
  static Set<Phase> of(String technique) {
    if (technique == null) {
      return Set.of();
    }
    String id = technique.strip().toUpperCase(Locale.ROOT);
    int dot = id.indexOf('.');
    Set<Phase> phases = TABLE.get(dot < 0 ? id : id.substring(0, dot));
    return phases == null ? Set.of() : phases;
  }

  /** The phases a breach reached: those of its techniques plus the one its kind of step implies. */
  static Set<Phase> of(List<String> techniques, Step step) {
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    for (String technique : techniques) {
      phases.addAll(of(technique));
    }
    if (step.phase() != null) {
      phases.add(step.phase());
    }
    return phases;
  }
}
