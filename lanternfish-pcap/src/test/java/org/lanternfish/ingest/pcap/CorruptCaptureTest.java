package org.lanternfish.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;

/** Damaged captures give a clear error and keep what was read; a missing tshark names its package. */
final class CorruptCaptureTest {

  @TempDir Path dir;

  @Test
  void truncatedCapture_reportsTsharkErrorAndKeepsEventsBeforeTheCut() throws Exception {
    Path whole = Captures.resource(Captures.SMB_COPY);
    Path cut = dir.resolve("cut.pcap");
    Files.copy(whole, cut);
    try (FileChannel channel = FileChannel.open(cut, StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(whole) * 3 / 5);
    }

    Captures.Imported complete = Captures.read(whole);
    Captures.Imported damaged = Captures.read(cut);

    assertThat(complete.report().errors()).isEmpty();
    assertThat(damaged.report().errors()).singleElement().asString()
        .contains(cut.toString()).contains("cut short").contains("events before the damage were kept");
    assertThat(damaged.report().packets()).isPositive().isLessThan(complete.report().packets());
    assertThat(damaged.of(ConnEvent.class)).isNotEmpty();
    assertThat(damaged.report().totalEvents()).isEqualTo(damaged.events().size());
  }

  @Test
  void fileThatIsNotACapture_failsWithTsharksReason() throws Exception {
    Captures.assumeTshark();
    Path bogus = dir.resolve("notes.pcap");
    Files.writeString(bogus, "these are meeting notes, not packets\n".repeat(20));

    assertThatThrownBy(() -> new PcapImporter().read(bogus, event -> { }))
        .isInstanceOf(PcapException.class)
        .hasMessageContaining(bogus.toString())
        .hasMessageContaining("tshark could not read the capture");
  }

  @Test
  void missingTshark_failsNamingTheDebianPackage() {
    PcapImporter importer = new PcapImporter(dir.resolve("no-such-tshark").toString(), FlowTimeouts.ZEEK);
    List<Event> events = new ArrayList<>();

    assertThatThrownBy(() -> importer.read(Captures.resource(Captures.SMB_COPY), events::add))
        .isInstanceOf(PcapException.class)
        .hasMessageContaining("no-such-tshark' was not found")
        .hasMessageContaining("Debian package 'tshark'");
    assertThat(events).isEmpty();
  }

  @Test
  void missingFile_failsBeforeStartingTshark() {
    Path absent = dir.resolve("absent.pcapng");

    assertThatThrownBy(() -> new PcapImporter().read(absent, event -> { }))
        .isInstanceOf(PcapException.class)
        .hasMessage(absent + ": not a readable file");
  }
}
