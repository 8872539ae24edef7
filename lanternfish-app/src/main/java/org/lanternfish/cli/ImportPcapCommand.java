package org.lanternfish.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lanternfish.embedded.StoreWriter;
import org.lanternfish.event.LogType;
import org.lanternfish.ingest.pcap.PcapImporter;
import org.lanternfish.ingest.pcap.PcapReport;
import org.lanternfish.store.DuckDbEventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanternfish import-pcap}: dissects captures with tshark into the same events as Zeek, and stores them. */
@Command(
    name = "import-pcap",
    mixinStandardHelpOptions = true,
    description = {
      "Dissect packet captures (.pcap, .pcapng, plain or gzip) with tshark into the same events Zeek logs give"
          + " (conn, dns, http, ssl, smb, dce_rpc, kerberos, ntlm, rdp, dhcp) and store them in the data directory."
          + " Needs the Debian package tshark."
    })
final class ImportPcapCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files.")
  List<Path> captures;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Mixin DataDirOption data;

  @Override
  public Integer call() {
    CommandFailure.requireExisting(captures);
    PcapImporter importer = new PcapImporter();
    List<Map<String, Object>> reports = new ArrayList<>();
    try (DuckDbEventStore store = data.openForWriting(); StoreWriter writer = new StoreWriter(store)) {
      for (Path capture : captures) {
        PcapReport report = importer.read(capture, writer);
        reports.add(asMap(capture, report));
        if (!json) {
          System.out.printf("%s: %,d packets in %.1f s (%,.0f packets/s), %,d flows, %,d events%n", capture,
              report.packets(), report.elapsedSeconds(), report.packetsPerSecond(), report.flows(),
              report.totalEvents());
          report.errors().forEach(error -> System.out.println("  error: " + error));
        }
      }
    }
    if (json) {
      System.out.println(Output.json(reports));
    }
    return ExitCode.OK;
  }

  private static Map<String, Object> asMap(Path capture, PcapReport report) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("capture", capture.toString());
    map.put("packets", report.packets());
    map.put("seconds", report.elapsedSeconds());
    map.put("packetsPerSecond", report.packetsPerSecond());
    map.put("flows", report.flows());
    Map<String, Long> events = new LinkedHashMap<>();
    for (LogType type : LogType.values()) {
      if (report.events(type) > 0) {
        events.put(type.logName(), report.events(type));
      }
    }
    map.put("events", events);
    map.put("errors", report.errors());
    return map;
  }
}
