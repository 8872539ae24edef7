package org.lanternfish.simulate.organisation;

import java.time.ZoneId;

/**
 * An office of the organisation with its own time zone and an address block {@code 10.<octet>.0.0/16}.
 *
 * @param code short code used in host names, such as {@code BER}
 * @param zone the office's time zone, which decides its office hours
 * @param index position in the organisation's site list, headquarters 0
 * @param octet second octet of the site's address block, drawn from the seed
 */
public record Site(String code, ZoneId zone, int index, int octet) {}
