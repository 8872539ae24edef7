package org.lanternfish.simulate.organisation;

import java.time.ZoneId;

/**
 * An office of the organisation with its own time zone and an address block {@code 10.<octet>.0.0/16}.
 *
 * @param code short code used in host names, such as {@code BER}
 * @param zone the office's time zone, which decides its office hours
 * @param octet second octet of the site's address block
 */
public record Site(String code, ZoneId zone, int octet) {

  /** The site's client subnet, from which DHCP leases addresses, as a prefix such as {@code 10.1.16.}. */
  public String clientPrefix(int block) {
    return "10." + octet + "." + (16 + block) + ".";
  }

  /** The site's server subnet prefix. */
  public String serverPrefix() {
    return "10." + octet + ".1.";
  }
}
