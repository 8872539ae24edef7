package org.lanternfish.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.lanternfish.embedded.DefenderFeed;
import org.lanternfish.embedded.LiveService;
import org.lanternfish.embedded.CefExport;
import org.lanternfish.embedded.OutboxExport;
import org.lanternfish.embedded.SentinelExport;
import org.lanternfish.embedded.SentinelVerdictFeed;
import org.lanternfish.site.SystemConfiguration;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.microsoft.auth.MicrosoftSettings;
import org.lanternfish.microsoft.syslog.SyslogSender;
import org.lanternfish.store.AlertVerdicts;
import org.lanternfish.store.EventStore;
import org.lanternfish.store.Outbox;
import picocli.CommandLine.Option;

/**
 * The integrations of a long-running process ({@code ingest --follow} and {@code serve}): {@code --defender} polls
 * Microsoft Defender alerts into the live follower, {@code --sentinel} exports the outbox to Microsoft Sentinel and
 * {@code --syslog} to another SIEM as CEF.
 */
final class MicrosoftOptions {

  @Option(names = "--defender", description = "With --follow: also poll Microsoft Defender alerts (Graph"
      + " security/alerts_v2, as configured in the [microsoft] table of config.toml) into detection and the store.")
  boolean defender;

  @Option(names = "--syslog", paramLabel = "URI", description = "Also send breaches and incident updates as CEF in"
      + " RFC 5424 syslog to tcp://HOST:PORT, tls://HOST:PORT (RFC 5425, the receiver's certificate checked) or"
      + " udp://HOST:PORT (for SIEMs other than Sentinel), resuming after the last message sent.")
  URI syslog;

  @Option(names = "--sentinel", description = "Also send breaches and incident updates to Microsoft Sentinel through"
      + " the Logs Ingestion API (ingestion_endpoint and dcr_immutable_id in the [microsoft] table of config.toml),"
      + " resuming after the last batch sent; with sentinel_subscription_id, sentinel_resource_group and"
      + " sentinel_workspace there, also read the analysts' verdicts on Sentinel's Lanternfish incidents back.")
  boolean sentinel;

  /**
   * Fails with a usage error when {@code --defender} was given without a live follower, or {@code --sentinel}
   * without a process that stays (a follower or the server).
   */
  void requireLiveProcess(boolean following, boolean serving) {
    if (defender && !following) {
      throw new CommandFailure(ExitCode.USAGE, "--defender polls alerts into the live follower: give --follow too");
    }
    if ((sentinel || syslog != null) && !following && !serving) {
      throw new CommandFailure(ExitCode.USAGE, (sentinel ? "--sentinel" : "--syslog")
          + " exports while the process runs: give --follow too");
    }
  }

  /**
   * Starts the Defender poller and attaches it to {@code service} when {@code --defender} was given; null otherwise.
   * Failed polls are told on {@code err} and tried again.
   */
  DefenderFeed attach(Path dataDir, EventStore store, IngestReport report, LiveService service, PrintWriter err) {
    if (!defender) {
      return null;
    }
    MicrosoftSettings settings = settings(dataDir, "--defender");
    DefenderFeed feed;
    try {
      SystemConfiguration site = SystemConfiguration.load(dataDir);
      feed = DefenderFeed.start(settings, store, report, site.analyst(), site.devices(), problem -> {
        err.println("lanternfish: " + problem);
        err.flush();
      });
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.INPUT, e.getMessage(), e);
    }
    service.addAlertSource(feed);
    return feed;
  }

  /**
   * Starts the Sentinel export of {@code outbox} when {@code --sentinel} was given; null otherwise. Failed sends are
   * told on {@code err} and tried again.
   */
  OutboxExport startSentinel(Path dataDir, Outbox outbox, PrintWriter err) {
    if (!sentinel) {
      return null;
    }
    MicrosoftSettings settings = settings(dataDir, "--sentinel");
    if (!settings.sentinel()) {
      throw new CommandFailure(ExitCode.USAGE, "--sentinel needs ingestion_endpoint and dcr_immutable_id in the"
          + " [microsoft] table of " + dataDir.resolve(SystemConfiguration.FILE));
    }
    Consumer<String> tell = problem -> {
      err.println("lanternfish: " + problem);
      err.flush();
    };
    try {
      return OutboxExport.start("Sentinel export", SentinelExport.of(settings, outbox, tell), tell);
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.INPUT, e.getMessage(), e);
    }
  }

  /**
   * Starts reading Sentinel's verdicts on Lanternfish's incidents back into {@code verdicts} when {@code --sentinel}
   * was given and the [microsoft] table names the workspace; null otherwise.
   */
  OutboxExport startSentinelVerdicts(Path dataDir, AlertVerdicts verdicts, PrintWriter err) {
    if (!sentinel) {
      return null;
    }
    MicrosoftSettings settings = settings(dataDir, "--sentinel");
    if (settings.sentinelWorkspace() == null) {
      return null;
    }
    Consumer<String> tell = problem -> {
      err.println("lanternfish: " + problem);
      err.flush();
    };
    try {
      return OutboxExport.start("Sentinel verdicts", SentinelVerdictFeed.of(settings, verdicts), tell);
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.INPUT, e.getMessage(), e);
    }
  }

  /** Starts the CEF syslog export of {@code outbox} when {@code --syslog} was given; null otherwise. */
  OutboxExport startSyslog(Outbox outbox, PrintWriter err) {
    if (syslog == null) {
      return null;
    }
    SyslogSender sender;
    try {
      sender = new SyslogSender(syslog);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCode.USAGE, "--syslog: " + e.getMessage());
    }
    return OutboxExport.start("Syslog export", new CefExport(outbox, sender), problem -> {
      err.println("lanternfish: " + problem);
      err.flush();
    });
  }

  /** The {@code [microsoft]} table, which {@code option} (an option or a command) needs; a usage error without it. */
  static MicrosoftSettings settings(Path dataDir, String option) {
    try {
      return SystemConfiguration.microsoft(dataDir).orElseThrow(() -> new CommandFailure(ExitCode.USAGE,
          option + " needs a [microsoft] table in " + dataDir.resolve(SystemConfiguration.FILE)
              + " (tenant_id, client_id, client_secret_file or client_certificate_file)"));
    } catch (SystemConfiguration.BadConfiguration e) {
      throw new CommandFailure(ExitCode.USAGE, "configuration error: " + e.getMessage());
    }
  }
}
