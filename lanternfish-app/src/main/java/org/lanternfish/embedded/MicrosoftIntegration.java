package org.lanternfish.embedded;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.lanternfish.microsoft.auth.ConnectionCheck;
import org.lanternfish.microsoft.auth.MicrosoftSettings;
import org.lanternfish.microsoft.http.MicrosoftHttp;
import org.lanternfish.microsoft.http.Sleeper;
import org.lanternfish.site.SystemConfiguration;
import org.lanternfish.web.settings.Integration;

/**
 * Microsoft Defender for Endpoint (and Sentinel) on the System Configuration page: the {@code [microsoft]} table of
 * the data directory's {@code config.toml}, read afresh for every test, so a change saved on the page is what the
 * next "test connection" tries. The test runs the same steps as {@code lanternfish microsoft-check}.
 */
public final class MicrosoftIntegration implements Integration {
  private final Path dataDir;
  private final Clock clock;

  public MicrosoftIntegration(Path dataDir, Clock clock) {
    this.dataDir = dataDir;
    this.clock = clock;
  }

  @Override
  public String id() {
    return "microsoft";
  }

  @Override
  public String name() {
    return "Microsoft Defender for Endpoint and Sentinel";
  }

  @Override
  public String describe() {
    try {
      return settings().map(s -> "tenant " + s.tenantId() + ", application " + s.clientId()
          + (s.sentinel() ? ", exports to Sentinel" : ""))
          .orElse("not configured: add a [microsoft] table to config.toml");
    } catch (SystemConfiguration.BadConfiguration e) {
      return "configuration error: " + e.getMessage();
    }
  }

  @Override
  public ConnectionTest testConnection() {
    long start = clock.millis();
    Optional<MicrosoftSettings> settings;
    try {
      settings = settings();
    } catch (SystemConfiguration.BadConfiguration e) {
      return new ConnectionTest(false, "configuration error: " + e.getMessage(), clock.millis() - start);
    }
    if (settings.isEmpty()) {
      return new ConnectionTest(false, "not configured: add a [microsoft] table to config.toml",
          clock.millis() - start);
    }
    try {
      // Two attempts: a test should answer in seconds, not wait out a long outage.
      List<ConnectionCheck.Step> steps = ConnectionCheck.run(settings.get(),
          new MicrosoftHttp(Sleeper.THREAD, clock, 2), clock);
      String message = steps.stream().map(s -> (s.ok() ? "ok " : "FAILED ") + s.name() + ": " + s.detail())
          .collect(Collectors.joining("; "));
      return new ConnectionTest(ConnectionCheck.passed(steps), message, clock.millis() - start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ConnectionTest(false, "interrupted", clock.millis() - start);
    }
  }

  private Optional<MicrosoftSettings> settings() {
    return SystemConfiguration.microsoft(dataDir);
  }
}
