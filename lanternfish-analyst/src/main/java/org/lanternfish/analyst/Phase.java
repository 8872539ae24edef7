package org.lanternfish.analyst;

import org.lanternfish.breach.Tactic;

/** A kill-chain phase (an ATT&CK tactic), declared in the order an attack usually moves through them. */
public enum Phase {
  INITIAL_ACCESS("initial access"),
  EXECUTION("execution"),
  PERSISTENCE("persistence"),
  PRIVILEGE_ESCALATION("privilege escalation"),
  CREDENTIAL_ACCESS("credential access"),
  DISCOVERY("discovery"),
  LATERAL_MOVEMENT("lateral movement"),
  COLLECTION("collection"),
  COMMAND_AND_CONTROL("command and control"),
  EXFILTRATION("exfiltration");

  private final String label;

  Phase(String label) {
    this.label = label;
  }

  /** The phase of an ATT&CK tactic, or null for a tactic the story of a network intrusion leaves out. */
  static Phase of(Tactic tactic) {
    for (Phase phase : values()) {
      if (phase.name().equals(tactic.name())) {
        return phase;
      }
    }
    return null;
  }

  /** The phase as an analyst reads it, such as "lateral movement". */
  public String label() {
    return label;
  }
}
