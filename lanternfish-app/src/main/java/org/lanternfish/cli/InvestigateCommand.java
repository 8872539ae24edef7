package org.lanternfish.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.analyst.Investigation;
import org.lanternfish.breach.Breach;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.embedded.DeviceInvestigation;
import org.lanternfish.site.SystemConfiguration;
import org.lanternfish.search.AdvancedSearch;
import org.lanternfish.store.AddressKey;
import org.lanternfish.store.DuckDbEventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanternfish investigate}: the AI Analyst looks at one device around one time, on demand. */
@Command(
    name = "investigate",
    mixinStandardHelpOptions = true,
    description = "Have the AI Analyst investigate a device around a time (for example a Defender alert's): its"
        + " breaches, connections and credentials it never used before, and rare external destinations, threaded"
        + " into an incident, or an explicit 'nothing unusual found' with what was looked at.")
final class InvestigateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DEVICE", description = "Device id, host name or address.")
  String device;

  @Option(names = "--at", required = true, paramLabel = "TIME",
      description = "When, as ISO-8601 (2026-11-03T14:00:00Z).")
  String at;

  @Option(names = "--json", description = "Print the investigation as JSON.")
  boolean json;

  @Mixin DataDirOption data;

  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  @Override
  public Integer call() throws IOException {
    if (device.isBlank()) {
      throw new CommandFailure(ExitCode.USAGE, "DEVICE must name a device: its id, host name or address");
    }
    Instant when;
    try {
      when = Instant.parse(at);
    } catch (DateTimeParseException bad) {
      when = null;
    }
    if (when == null || when.isBefore(EARLIEST) || when.isAfter(LATEST)) {
      throw new CommandFailure(ExitCode.USAGE, "--at must be an ISO-8601 time of the years 1970 to 9999 such as"
          + " 2026-11-03T14:00:00Z, not '" + (at.length() > 40 ? at.substring(0, 40) + "..." : at) + "'");
    }
    long atMicros = when.getEpochSecond() * 1_000_000L + when.getNano() / 1_000;
    DeviceConfig site;
    try {
      site = SystemConfiguration.load(data.dataDir).devices();
    } catch (SystemConfiguration.BadConfiguration e) {
      throw new CommandFailure(ExitCode.USAGE, "configuration error: " + e.getMessage());
    }
    Investigation investigation;
    try (DuckDbEventStore store = data.openForReading()) {
      if (!known(store, device)) {
        throw new CommandFailure(ExitCode.INPUT, "unknown device '" + device + "': no stored breach or record names"
            + " it (give a device id, host name or address that 'search' finds)");
      }
      investigation = DeviceInvestigation.run(store, analyst(), site, device, atMicros);
    }
    if (json) {
      System.out.println(Output.json(investigation));
      return ExitCode.OK;
    }
    System.out.println(investigation.conclusion());
    investigation.lookedAt().forEach(line -> System.out.println("  looked at: " + line));
    if (investigation.found()) {
      System.out.print(Findings.render(investigation.incident().breaches(), List.of(investigation.incident())));
    }
    return ExitCode.OK;
  }

  /** The thresholds and investigation window of {@code config.toml}'s {@code [analyst]} table. */
  private AnalystConfig analyst() throws IOException {
    try {
      return SystemConfiguration.load(data.dataDir).analyst();
    } catch (SystemConfiguration.BadConfiguration e) {
      throw new CommandFailure(ExitCode.USAGE, "configuration error: " + e.getMessage());
    }
  }

  /**
   * Whether the store knows the device: a breach names it (id, name or address), or a record holds it as a flow's
   * address, a DHCP host name or a DNS name. Without this an unknown name would read as "nothing unusual found".
   */
  private static boolean known(DuckDbEventStore store, String device) {
    for (Breach breach : store.breaches(EARLIEST, LATEST, 0)) {
      if (device.equals(breach.device()) || device.equals(breach.entities().get("device_name"))
          || device.equals(breach.entities().get("device_ip"))) {
        return true;
      }
    }
    String quoted = "\"" + device.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    String query = AddressKey.range(device) != null ? "src=" + quoted + " OR dst=" + quoted
        : "host_name=" + quoted + " OR query=" + quoted;
    return !new AdvancedSearch(store, Clock.systemUTC()).search(query, 1).isEmpty();
  }
}
