package org.lanternfish.event;

import java.util.Locale;

/** The kinds of records Lanternfish understands, named after the Zeek log that carries them or their source. */
public enum LogType {
  CONN,
  DNS,
  HTTP,
  SSL,
  X509,
  FILES,
  SMB_FILES,
  SMB_MAPPING,
  DCE_RPC,
  RDP,
  KERBEROS,
  NTLM,
  LDAP,
  LDAP_SEARCH,
  SSH,
  DHCP,
  SOFTWARE,
  NOTICE,
  WEIRD,
  ALERT,
  /** Microsoft Defender for Endpoint alerts (Graph {@code security/alerts_v2}), not a Zeek log. */
  DEFENDER_ALERT;

  /** The Zeek log name of this type, such as {@code smb_files}. */
  public String logName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type whose Zeek log name is {@code name}, or null when Lanternfish does not read that log. */
  public static LogType fromLogName(String name) {
    for (LogType type : values()) {
      if (type.logName().equals(name)) {
        return type;
      }
    }
    return null;
  }
}
