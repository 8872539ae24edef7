package org.lanternfish.ingest.pcap;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.lanternfish.event.LogType;

/**
 * What one import or live capture did: packets read, events produced per log type, lines that could
 * not be read and tshark's own errors, each with the capture and frame it came from.
 *
 * <p>Safe to read from another thread while a live capture fills it.
 */
public final class PcapReport {

  private static final int MAX_PROBLEMS = 100;

  private final AtomicLong packets = new AtomicLong();
  private final AtomicLong nonIpPackets = new AtomicLong();
  private final AtomicLong badLines = new AtomicLong();
  private final AtomicLong flows = new AtomicLong();
  private final Map<LogType, AtomicLong> events = new EnumMap<>(LogType.class);
  private final List<String> problems = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private volatile long startNanos = System.nanoTime();
  private volatile long endNanos;
  private boolean begun;

  /** Creates an empty report whose clock starts now. */
  public PcapReport() {
    for (LogType type : LogType.values()) {
      events.put(type, new AtomicLong());
    }
  }

  /** Packets tshark dissected. */
  public long packets() {
    return packets.get();
  }

  /** Packets without an IP header (ARP, LLDP...), counted but not turned into flows. */
  public long nonIpPackets() {
    return nonIpPackets.get();
  }

  /** Output lines that could not be read; each is also listed in {@link #problems()}. */
  public long badLines() {
    return badLines.get();
  }

  /** Flows written as conn records. */
  public long flows() {
    return flows.get();
  }

  /** Events produced of one log type. */
  public long events(LogType type) {
    return events.get(type).get();
  }

  /** Events produced of all types. */
  public long totalEvents() {
    return events.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Lines that were skipped, as {@code capture: frame N: reason}; the first 100 only. */
  public synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * Errors tshark reported, such as a capture cut short in the middle of a packet; the events read
   * before the error were still delivered.
   */
  public synchronized List<String> errors() {
    return List.copyOf(errors);
  }

  /** Seconds from the start of the import to its end (or to now while it runs). */
  public double elapsedSeconds() {
    long end = endNanos == 0 ? System.nanoTime() : endNanos;
    return (end - startNanos) / 1e9;
  }

  /** Packets per second of wall-clock time, tshark's dissection included. */
  public double packetsPerSecond() {
    double seconds = elapsedSeconds();
    return seconds > 0 ? packets() / seconds : 0;
  }

  @Override
  public String toString() {
    return String.format(
        "%d packets (%d non-IP), %d flows, %d events, %d bad lines, %d errors in %.2f s (%.0f packets/s)",
        packets(), nonIpPackets(), flows(), totalEvents(), badLines(), errors().size(), elapsedSeconds(),
        packetsPerSecond());
  }

  /** Starts the clock at the first import into this report; later imports extend the same span. */
  synchronized void started() {
    if (!begun) {
      begun = true;
      startNanos = System.nanoTime();
    }
    endNanos = 0;
  }

  void ended() {
    endNanos = System.nanoTime();
  }

  void packet() {
    packets.incrementAndGet();
  }

  void nonIpPacket() {
    nonIpPackets.incrementAndGet();
  }

  void event(LogType type) {
    events.get(type).incrementAndGet();
    if (type == LogType.CONN) {
      flows.incrementAndGet();
    }
  }

  synchronized void badLine(String source, long frame, String reason) {
    badLines.incrementAndGet();
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(source + ": frame " + frame + ": " + reason);
    }
  }

  synchronized void error(String message) {
    errors.add(message);
  }
}
