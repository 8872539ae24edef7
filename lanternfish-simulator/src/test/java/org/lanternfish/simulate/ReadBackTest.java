package org.lanternfish.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;
import org.lanternfish.event.NtlmEvent;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.LogReader;

/** Everything the simulator writes reads back through Lanternfish's own Zeek reader without a single error. */
final class ReadBackTest {

  @Test
  void tsvArchive_readsBackWithZeroErrors() throws Exception {
    SimulatedRun run = SimulatedRun.get();
    IngestReport report = new IngestReport();
    Map<LogType, Long> counts = new EnumMap<>(LogType.class);
    List<SmbFileEvent> smbFiles = new ArrayList<>();
    for (Path day : days(run.dir)) {
      LogReader.read(day, event -> {
        counts.merge(event.logType(), 1L, Long::sum);
        if (event instanceof SmbFileEvent smb) {
          smbFiles.add(smb);
        }
      }, report);
    }

    assertThat(report.totalMalformed()).as(report.toString()).isZero();
    assertThat(report.rejectedFiles()).isEmpty();
    assertThat(report.totalSkipped()).isZero();
    assertThat(report.totalRecords()).isEqualTo(run.result.records());
    assertThat(counts.keySet()).containsAll(List.of(LogType.CONN, LogType.DNS, LogType.HTTP, LogType.SSL,
        LogType.X509, LogType.FILES, LogType.SMB_FILES, LogType.SMB_MAPPING, LogType.DCE_RPC, LogType.RDP,
        LogType.KERBEROS, LogType.NTLM, LogType.DHCP, LogType.SOFTWARE, LogType.NOTICE, LogType.WEIRD));
    // Backslashes survive the round trip: the seed's masqueraded paths come back as written.
    assertThat(smbFiles).extracting(SmbFileEvent::name).anyMatch(name -> name.startsWith("ProgramData\\"));
    assertThat(smbFiles).extracting(SmbFileEvent::path).anyMatch(path -> path.startsWith("\\\\DC"));
  }

  @Test
  void jsonArchive_readsBackWithZeroErrorsAndTheSameRecords(@TempDir Path json, @TempDir Path tsv) throws Exception {
    LocalDate start = LocalDate.of(2026, 6, 1);
    SimulationResult fromJson = Simulator.run(
        new SimulationConfig(5, 1, 16, List.of("S2"), json, Format.JSON, start), ProgressListener.NONE);
    Simulator.run(new SimulationConfig(5, 1, 16, List.of("S2"), tsv, Format.TSV, start), ProgressListener.NONE);
    IngestReport jsonReport = new IngestReport();
    List<Event> jsonEvents = new ArrayList<>();
    for (Path day : days(json)) {
      LogReader.read(day, jsonEvents::add, jsonReport);
    }
    IngestReport tsvReport = new IngestReport();
    List<Event> tsvEvents = new ArrayList<>();
    for (Path day : days(tsv)) {
      LogReader.read(day, tsvEvents::add, tsvReport);
    }

    assertThat(jsonReport.totalMalformed()).as(jsonReport.toString()).isZero();
    assertThat(jsonReport.rejectedFiles()).isEmpty();
    assertThat(jsonReport.totalRecords()).isEqualTo(fromJson.records());
    assertThat(new HashSet<>(jsonEvents)).isEqualTo(new HashSet<>(tsvEvents));
    Set<String> hosts = new HashSet<>();
    for (Event event : jsonEvents) {
      if (event instanceof NtlmEvent ntlm) {
        hosts.add(ntlm.hostname());
      }
    }
    assertThat(hosts).anyMatch(host -> host.startsWith("DESKTOP-") || host.startsWith("WIN-"));
    assertThat(jsonEvents).filteredOn(e -> e instanceof ConnEvent).isNotEmpty();
  }

  /** The daily log folders; truth.json and defender/ beside them are not Zeek logs. */
  private static List<Path> days(Path dir) throws IOException {
    try (var list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}")).sorted().toList();
    }
  }
}
