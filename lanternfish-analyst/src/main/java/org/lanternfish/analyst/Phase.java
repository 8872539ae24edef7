package org.lanternfish.analyst;

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

  /** The phase as an analyst reads it, such as "lateral movement". */
  public String label() {
    return label;
  }
}
