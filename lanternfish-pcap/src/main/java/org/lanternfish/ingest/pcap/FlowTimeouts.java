package org.lanternfish.ingest.pcap;

import java.time.Duration;

/**
 * How long a flow may stay idle before its conn record is written, and how long a closed TCP flow
 * lingers for late packets.
 *
 * @param tcpInactivity idle time after which an open TCP flow ends
 * @param udpInactivity idle time after which a UDP flow ends
 * @param otherInactivity idle time after which an ICMP or other flow ends
 * @param closeDelay time a TCP flow lingers after FIN from both sides or a RST
 */
public record FlowTimeouts(
    Duration tcpInactivity, Duration udpInactivity, Duration otherInactivity, Duration closeDelay) {

  /** Zeek's defaults: 5 minutes for TCP, 1 minute for UDP and ICMP, 5 seconds after close. */
  public static final FlowTimeouts ZEEK =
      new FlowTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(5));

  long inactivityMicros(int proto) {
    Duration idle = proto == Flow.TCP ? tcpInactivity : proto == Flow.UDP ? udpInactivity : otherInactivity;
    return idle.toNanos() / 1000;
  }

  long closeDelayMicros() {
    return closeDelay.toNanos() / 1000;
  }
}
