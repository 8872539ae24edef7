package org.lanternfish.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.lanternfish.microsoft.syslog.CefMessages;
import org.lanternfish.microsoft.syslog.SyslogSender;
import org.lanternfish.store.Outbox;
import org.lanternfish.store.OutboxEntry;
import org.lanternfish.store.StoredIncident;

/**
 * Sends breaches and incident updates from the store's outbox as CEF lines in RFC 5424 syslog messages (for SIEMs
 * other than Sentinel), advancing its position ({@value #CONSUMER}) after every message handed to the network.
 */
public final class CefExport implements OutboxExport.Run {
  /** The outbox consumer's name. */
  public static final String CONSUMER = "syslog";
  static final int PAGE = 1_000;

  private final Outbox outbox;
  private final SyslogSender sender;
  private final String host;

  /** An export of {@code outbox} through {@code sender}, the messages naming this machine. */
  public CefExport(Outbox outbox, SyslogSender sender) {
    this.outbox = outbox;
    this.sender = sender;
    this.host = hostName();
  }

  @Override
  public long exportAvailable() throws IOException {
    long passed = 0;
    while (true) {
      List<OutboxEntry> page = outbox.read(outbox.position(CONSUMER), PAGE);
      if (page.isEmpty()) {
        return passed;
      }
      for (OutboxEntry entry : page) {
        sender.send(message(entry));
        outbox.advance(CONSUMER, entry.seq());
      }
      passed += page.size();
    }
  }

  private String message(OutboxEntry entry) {
    return switch (entry) {
      case OutboxEntry.BreachStored b -> CefMessages.breach(b.breach(), host);
      case OutboxEntry.IncidentUpdated u -> {
        StoredIncident i = u.incident().orElse(null);
        long now = System.currentTimeMillis() * 1_000;
        yield i == null ? CefMessages.incident(u.incidentId(), true, null, 0, List.of(), now, host)
            : CefMessages.incident(u.incidentId(), false, i.title(), i.priority(), i.devices(), i.lastTs(), host);
      }
    };
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "-";
    }
  }
}
