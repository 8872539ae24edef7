package org.lanternfish.device;

/** What a device does for others, learned from what it serves (or set in the configuration). */
public enum Role {
  /** Is replicated from with DRSUAPI, or serves both Kerberos and LDAP. */
  DOMAIN_CONTROLLER,
  /** Serves SMB to many devices. */
  FILE_SERVER,
  /** Terminates remote-access VPN sessions (configured, or the gateway of a VPN subnet). */
  VPN_CONCENTRATOR,
  /** Relays web traffic for many devices on a proxy port. */
  PROXY,
  /** Serves something to several other devices. */
  SERVER,
  /** Uses services and serves none: a workstation, laptop or phone. */
  CLIENT;

  /** The bit of this role in a role set. */
  public int bit() {
    return 1 << ordinal();
  }

  /** True when the role set {@code roles} holds this role. */
  public boolean in(int roles) {
    return (roles & bit()) != 0;
  }
}
