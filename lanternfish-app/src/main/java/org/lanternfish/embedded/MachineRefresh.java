package org.lanternfish.embedded;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.lanternfish.microsoft.defender.DefenderMachine;
import org.lanternfish.microsoft.defender.MachineInventory;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.store.EndpointMachines;
import org.lanternfish.store.EndpointMachines.EndpointMachine;

/**
 * Defender's machines and their CVEs kept in the store for the Device Summary: fetched when the live process starts
 * and every {@code machine_refresh_minutes} after, on a thread of its own; a failed refresh is told and the stored
 * machines stay until the next one works.
 */
public final class MachineRefresh implements AutoCloseable {
  private final MachineInventory inventory;
  private final EndpointMachines store;
  private final LongSupplier clock;
  private Thread thread;

  /** Refreshes {@code store} from {@code inventory}, stamping each refresh with {@code clock}'s microseconds. */
  public MachineRefresh(MachineInventory inventory, EndpointMachines store, LongSupplier clock) {
    this.inventory = inventory;
    this.store = store;
    this.clock = clock;
  }

  /** Fetches every machine with its CVEs and replaces the stored ones; returns how many there are. */
  public int refresh() throws ApiFailure, InterruptedException {
    long now = clock.getAsLong();
    List<EndpointMachine> machines = inventory.read().stream().map(MachineRefresh::stored).toList();
    store.replaceEndpointMachines(machines, now);
    return machines.size();
  }

  /** Refreshes now and then every {@code every} until {@link #close}, telling failures to {@code problems}. */
  public synchronized void start(Duration every, Consumer<String> problems) {
    thread = new Thread(() -> {
      try {
        while (true) {
          try {
            refresh();
          } catch (ApiFailure | RuntimeException e) {
            problems.accept("Defender machines not refreshed: " + e.getMessage() + "; trying again in "
                + every.toMinutes() + " min");
          }
          Thread.sleep(every.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "lanternfish-defender-machines");
    thread.setDaemon(true);
    thread.start();
  }

  private static EndpointMachine stored(DefenderMachine m) {
    return new EndpointMachine(m.id(), m.dnsName(), m.osPlatform(), m.osVersion(), m.osBuild(), m.healthStatus(),
        m.riskScore(), m.exposureLevel(), m.lastIpAddress(), 0, m.vulnerabilities().stream()
            .map(v -> new EndpointMachines.Cve(v.cveId(), v.severity(), v.product(), v.fixingKb())).toList());
  }

  /** Stops refreshing; a refresh in flight is abandoned. */
  @Override
  public synchronized void close() throws InterruptedException {
    if (thread != null) {
      thread.interrupt();
      thread.join();
    }
  }
}
