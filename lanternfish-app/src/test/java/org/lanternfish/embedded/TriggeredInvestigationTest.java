package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Tactic;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.InvestigationReports.InvestigationReport;

/** A Defender alert's breach starts an investigation of its device once the window after it has passed. */
final class TriggeredInvestigationTest {
  private static final long HOUR = 3_600_000_000L;
  private static final long T = 1_796_000_000_000_000L;

  @TempDir Path directory;

  private static Breach defender(String id, int score, long ts, String address) {
    return new Breach(id, "defender-alert", "Security Integration / Defender Alert: Suspicious PowerShell",
        "Security Integration", ts, address, null, score, List.of("T1059.001"), List.of(Tactic.EXECUTION),
        "Microsoft Defender raised \"Suspicious PowerShell\"", List.of(), List.of(id), Map.of("device_ip", address));
  }

  private static Breach network(String id, long ts, String address) {
    return new Breach(id, "port-scan", "Device / Network Scan", "Device", ts, address, null, 50, List.of("T1046"),
        List.of(Tactic.DISCOVERY), "scanned", List.of(), List.of(), Map.of("device_ip", address));
  }

  @Test
  void exportAvailable_investigatesEachAlertedDeviceOnceItsWindowPassed_foundOrNothingUnusual() {
    AtomicLong clock = new AtomicLong(T + HOUR);
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(network("scan", T - HOUR, "10.1.0.8"),
          defender("high", 90, T, "10.1.0.7"), defender("low", 40, T + HOUR, "10.1.0.9")), List.of(), List.of()));
      TriggeredInvestigation investigations = new TriggeredInvestigation(store, AnalystConfig.defaults(),
          DeviceConfig.defaults(), clock::get);

      assertThat(investigations.exportAvailable()).as("the scan passes; the alert's window is open").isEqualTo(1);
      assertThat(store.investigationOf("high")).isEmpty();
      long waiting = store.position(TriggeredInvestigation.CONSUMER);

      clock.set(T + 4 * HOUR);
      assertThat(investigations.exportAvailable()).isEqualTo(2);
      InvestigationReport high = store.investigationOf("high").orElseThrow();
      assertThat(high.device()).isEqualTo("10.1.0.7");
      assertThat(high.atMicros()).isEqualTo(T);
      assertThat(high.found()).isTrue();
      assertThat(high.conclusion()).startsWith("Found 1 related events");
      assertThat(high.json()).contains("\"lookedAt\"", "Suspicious PowerShell");
      InvestigationReport low = store.investigationOf("low").orElseThrow();
      assertThat(low.found()).isFalse();
      assertThat(low.conclusion()).startsWith("Nothing unusual found around 10.1.0.9");
      assertThat(store.investigationOf("scan")).as("only Defender alerts trigger one").isEmpty();
      assertThat(store.position(TriggeredInvestigation.CONSUMER)).isGreaterThan(waiting);

      assertThat(investigations.exportAvailable()).as("nothing is investigated twice").isZero();
    }
  }
}
