package org.lanternfish.simulate.organisation;

/** What a device does in the organisation; decides its pattern of life. */
public enum Role {
  WORKSTATION(true),
  LAPTOP(true),
  ADMIN_WORKSTATION(true),
  DOMAIN_CONTROLLER(false),
  FILE_SERVER(false),
  APP_SERVER(false),
  WEB_SERVER(false),
  BACKUP_SERVER(false),
  PRINTER(false),
  VPN_CONCENTRATOR(false),
  PROXY(false);

  private final boolean client;

  Role(boolean client) {
    this.client = client;
  }

  /** True for devices a person works at: they follow office hours and get their address from DHCP. */
  public boolean client() {
    return client;
  }
}
