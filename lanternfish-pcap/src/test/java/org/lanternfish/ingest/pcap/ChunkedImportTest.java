package org.lanternfish.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.SmbFileEvent;

/** A capture dissected in chunks, as large captures are, keeps its flows whole across the cuts. */
final class ChunkedImportTest {

  @Test
  void splitCapture_givesTheSameConnRecordsAsOnePass() {
    Path capture = Captures.resource(Captures.SMB_COPY);
    Captures.Imported whole = Captures.read(capture);
    List<Event> events = new ArrayList<>();
    PcapReport report = new PcapReport();

    new PcapImporter("tshark", FlowTimeouts.ZEEK, 1, 40).read(capture, events::add, report);

    List<ConnEvent> chunkedConns = events.stream().filter(ConnEvent.class::isInstance).map(ConnEvent.class::cast)
        .toList();
    assertThat(chunkedConns).containsExactlyInAnyOrderElementsOf(whole.of(ConnEvent.class));
    assertThat(report.packets()).isEqualTo(whole.report().packets());
    assertThat(report.errors()).isEmpty();
    assertThat(events).filteredOn(SmbFileEvent.class::isInstance).map(SmbFileEvent.class::cast)
        .anySatisfy(file -> {
          assertThat(file.action()).isEqualTo("SMB::FILE_WRITE");
          assertThat(file.name()).isEqualTo("ProgramData\\GruntHTTP.exe");
        });
  }
}
