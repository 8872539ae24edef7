package org.lanternfish.cli;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.MicrosoftSettings;
import org.lanternfish.microsoft.defender.DefenderMachine;
import org.lanternfish.microsoft.defender.MachineInventory;
import org.lanternfish.microsoft.http.MicrosoftHttp;
import org.lanternfish.microsoft.http.RateLimit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lanternfish defender-machines}: what Defender for Endpoint knows of each machine, with its CVEs. */
@Command(
    name = "defender-machines",
    mixinStandardHelpOptions = true,
    description = {
      "List the machines Microsoft Defender for Endpoint knows (the [microsoft] table of config.toml): OS and"
          + " version, sensor health, risk, exposure, last address and the CVEs Defender reports on each"
          + " (api/machines and the organisation-wide machinesVulnerabilities, paged, within Defender's limit of"
          + " 100 calls a minute and 1,500 an hour)."
    })
final class DefenderMachinesCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print the machines as JSON.")
  boolean json;

  @Mixin DataDirOption data;

  @Override
  public Integer call() throws InterruptedException {
    MicrosoftSettings settings = MicrosoftOptions.settings(data.dataDir, "defender-machines");
    List<DefenderMachine> machines;
    try {
      MachineInventory inventory = new MachineInventory(AuthorizedClient.of(settings, MicrosoftHttp.standard(),
          Clock.systemUTC()), settings.defender(), RateLimit.defender());
      machines = inventory.read();
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.INPUT, e.getMessage(), e);
    }
    if (json) {
      System.out.println(Output.json(machines));
      return ExitCode.OK;
    }
    for (DefenderMachine m : machines) {
      System.out.printf("%-32s %-15s %s %s, health %s, risk %s, exposure %s, %d CVEs%n", m.dnsName(),
          m.lastIpAddress() == null ? "-" : m.lastIpAddress(), m.osPlatform(), m.osVersion() == null ? ""
              : m.osVersion(), m.healthStatus(), m.riskScore(), m.exposureLevel(), m.vulnerabilities().size());
    }
    System.out.printf("%,d machines%n", machines.size());
    return ExitCode.OK;
  }
}
