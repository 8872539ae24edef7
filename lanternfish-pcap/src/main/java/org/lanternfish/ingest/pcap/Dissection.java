package org.lanternfish.ingest.pcap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.lanternfish.event.Event;

/**
 * The pipeline shared by file import and live capture: tshark's output lines become packets, packets
 * become flows and protocol records.
 */
final class Dissection {

  private final String source;
  private final FlowTable table;
  private final PcapReport report;
  /** Frames read so far, counted across the chunks of a split capture so problems name the real frame. */
  private long frame;

  Dissection(String source, FlowTimeouts timeouts, Consumer<Event> sink, PcapReport report) {
    this.source = source;
    this.report = report;
    List<FlowDecoder<?>> decoders = List.of(
        new DnsDecoder(),
        new HttpDecoder(),
        new TlsDecoder(),
        new SmbDecoder(),
        new DceRpcDecoder(),
        new KerberosDecoder(),
        new NtlmDecoder(),
        new RdpDecoder(),
        new LdapDecoder(),
        new DhcpDecoder());
    this.table = new FlowTable(decoders, timeouts, sink, report);
  }

  /**
   * Reads tshark's output to its end, one line per frame; a line that cannot be read is counted with
   * its frame number and skipped. Called once per chunk when a large capture is split.
   */
  void pump(InputStream tsharkOutput) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(tsharkOutput, StandardCharsets.UTF_8), 1 << 16);
    for (String line; (line = reader.readLine()) != null; ) {
      frame++;
      Packet packet = Packet.parse(line);
      if (packet == null) {
        report.badLine(source, frame, "expected " + Field.count() + " tab-separated fields with a time");
        continue;
      }
      try {
        table.accept(packet);
      } catch (FlowTable.SinkFailure e) {
        throw (RuntimeException) e.getCause();
      } catch (RuntimeException e) {
        // One malformed dissection must not end an import of millions of packets.
        report.badLine(source, frame, e.toString());
      }
    }
  }

  /** Ends flows idle at {@code nowMicros}, for live capture where packets may stop arriving. */
  void sweep(long nowMicros) {
    try {
      table.sweep(nowMicros);
    } catch (FlowTable.SinkFailure e) {
      throw (RuntimeException) e.getCause();
    }
  }

  /** Ends every open flow. */
  void finish() {
    try {
      table.finish();
    } catch (FlowTable.SinkFailure e) {
      throw (RuntimeException) e.getCause();
    }
  }
}
