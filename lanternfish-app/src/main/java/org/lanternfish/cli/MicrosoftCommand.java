package org.lanternfish.cli;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lanternfish.microsoft.auth.ConnectionCheck;
import org.lanternfish.microsoft.auth.MicrosoftSettings;
import org.lanternfish.microsoft.http.MicrosoftHttp;
import org.lanternfish.microsoft.http.Sleeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lanternfish microsoft-check}: tests the Defender connection of {@code config.toml}'s {@code [microsoft]}. */
@Command(
    name = "microsoft-check",
    mixinStandardHelpOptions = true,
    description = {
      "Test the connection to Microsoft Defender described by the [microsoft] table of config.toml: the client secret"
          + " file (the service user's alone), a token for Microsoft Graph and for the Defender API, and one call"
          + " per permission (SecurityAlert.Read.All, Machine.Read.All). Each step says whether it worked and, if"
          + " not, exactly what failed: a wrong or expired secret, a missing permission, an unreachable host.",
      "Exits 0 when every step worked, 3 otherwise. The secret is never printed."
    })
final class MicrosoftCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print the steps as JSON.")
  boolean json;

  @Mixin DataDirOption data;

  @Override
  public Integer call() throws InterruptedException {
    MicrosoftSettings settings = MicrosoftOptions.settings(data.dataDir, "microsoft-check");
    // Two attempts: a check should answer in seconds, not wait out a long outage.
    List<ConnectionCheck.Step> steps = ConnectionCheck.run(settings,
        new MicrosoftHttp(Sleeper.THREAD, Clock.systemUTC(), 2), Clock.systemUTC());
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("tenant", settings.tenantId());
      out.put("passed", ConnectionCheck.passed(steps));
      out.put("steps", steps);
      System.out.println(Output.json(out));
    } else {
      System.out.println("tenant " + settings.tenantId() + ", application " + settings.clientId());
      for (ConnectionCheck.Step step : steps) {
        System.out.printf("  %-4s %s: %s%n", step.ok() ? "ok" : "FAIL", step.name(), step.detail());
      }
    }
    return ConnectionCheck.passed(steps) ? ExitCode.OK : ExitCode.INPUT;
  }
}
