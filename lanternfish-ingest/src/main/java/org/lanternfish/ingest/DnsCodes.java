package org.lanternfish.ingest;

import java.util.Map;
import org.lanternfish.event.Event;

/** DNS type and response-code numbers for the names Suricata writes, so EVE records carry Zeek's numeric fields. */
final class DnsCodes {
  private static final Map<String, Long> QTYPES = Map.ofEntries(
      Map.entry("A", 1L), Map.entry("NS", 2L), Map.entry("CNAME", 5L), Map.entry("SOA", 6L), Map.entry("NULL", 10L),
      Map.entry("PTR", 12L), Map.entry("HINFO", 13L), Map.entry("MX", 15L), Map.entry("TXT", 16L),
      Map.entry("AAAA", 28L), Map.entry("SRV", 33L), Map.entry("NAPTR", 35L), Map.entry("OPT", 41L),
      Map.entry("DS", 43L), Map.entry("RRSIG", 46L), Map.entry("NSEC", 47L), Map.entry("DNSKEY", 48L),
      Map.entry("SVCB", 64L), Map.entry("HTTPS", 65L), Map.entry("AXFR", 252L), Map.entry("ANY", 255L));

  private static final Map<String, Long> RCODES = Map.of(
      "NOERROR", 0L, "FORMERR", 1L, "SERVFAIL", 2L, "NXDOMAIN", 3L, "NOTIMP", 4L, "REFUSED", 5L, "YXDOMAIN", 6L,
      "YXRRSET", 7L, "NXRRSET", 8L, "NOTAUTH", 9L);

  private DnsCodes() {}

  /** The number of a query type name such as {@code TXT}, or {@code UNSET} when unknown. */
  static long qtype(String name) {
    return name == null ? Event.UNSET : QTYPES.getOrDefault(name, Event.UNSET);
  }

  /** The number of a response code name such as {@code NXDOMAIN}, or {@code UNSET} when unknown. */
  static long rcode(String name) {
    return name == null ? Event.UNSET : RCODES.getOrDefault(name, Event.UNSET);
  }
}
