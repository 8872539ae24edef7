package org.lanternfish.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.lanternfish.embedded.DefenderFeed;
import org.lanternfish.embedded.LiveService;
import org.lanternfish.embedded.SystemConfiguration;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.microsoft.auth.MicrosoftSettings;
import org.lanternfish.store.LearnedState;
import picocli.CommandLine.Option;

/** The {@code --defender} option of the live follower, shared by {@code ingest --follow} and {@code serve}. */
final class DefenderOption {

  @Option(names = "--defender", description = "With --follow: also poll Microsoft Defender alerts (Graph"
      + " security/alerts_v2, as configured in the [microsoft] table of config.toml) into detection and the store.")
  boolean defender;

  /** Fails with a usage error when {@code --defender} was given without a live follower. */
  void requireFollow(boolean following) {
    if (defender && !following) {
      throw new CommandFailure(ExitCode.USAGE, "--defender polls alerts into the live follower: give --follow too");
    }
  }

  /**
   * Starts the Defender poller and attaches it to {@code service} when {@code --defender} was given; null otherwise.
   * Failed polls are told on {@code err} and tried again.
   */
  DefenderFeed attach(Path dataDir, LearnedState store, IngestReport report, LiveService service, PrintWriter err) {
    if (!defender) {
      return null;
    }
    MicrosoftSettings settings;
    try {
      settings = SystemConfiguration.microsoft(dataDir).orElseThrow(() -> new CommandFailure(ExitCode.USAGE,
          "--defender needs a [microsoft] table in " + dataDir.resolve(SystemConfiguration.FILE)
              + " (tenant_id, client_id, client_secret_file)"));
    } catch (SystemConfiguration.BadConfiguration e) {
      throw new CommandFailure(ExitCode.USAGE, "configuration error: " + e.getMessage());
    }
    DefenderFeed feed;
    try {
      feed = DefenderFeed.start(settings, store, report, problem -> {
        err.println("lanternfish: " + problem);
        err.flush();
      });
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.INPUT, e.getMessage(), e);
    }
    service.addAlertSource(feed);
    return feed;
  }
}
