package org.lanternfish.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class PcapImporterTest {

  @Test
  void failingSink_endsTheImportWithItsOwnException() {
    Captures.assumeTshark();
    AtomicInteger delivered = new AtomicInteger();
    PcapReport report = new PcapReport();

    assertThatThrownBy(() -> new PcapImporter().read(Captures.resource(Captures.SMB_COPY), event -> {
      if (delivered.incrementAndGet() == 3) {
        throw new IllegalStateException("store is full");
      }
    }, report)).isInstanceOf(IllegalStateException.class).hasMessage("store is full");
    assertThat(report.badLines()).isZero();
    assertThat(delivered).hasValue(3);
  }
}
