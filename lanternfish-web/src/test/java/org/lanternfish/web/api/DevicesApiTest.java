package org.lanternfish.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.detect.embedded.LearnedDevices;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DhcpEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.StoredIncident;
import org.lanternfish.web.BreachView;
import org.lanternfish.web.DeviceLabels;
import org.lanternfish.web.settings.SiteConfiguration;
import org.lanternfish.web.suppression.Suppressions;

final class DevicesApiTest {
  private static final long DAY = 86_400_000_000L;
  /** 2026-11-01T00:00:00Z in microseconds. */
  private static final long START = 1_793_491_200_000_000L;

  @TempDir Path dataDir;

  @Test
  void inventory_flagsNew_onlyADeviceFirstSeenInTheLastWeek_notOneThatWasThereFromTheStart() {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      List<Event> events = new ArrayList<>();
      for (int day = 0; day < 14; day++) {
        events.add(conn(START + day * DAY, "10.0.0.5", "10.0.0.20"));
      }
      // Quiet for a while, but there since the second day: a look-alike of a new device that is not one.
      events.add(conn(START + DAY, "10.0.0.6", "10.0.0.20"));
      events.add(conn(START + 12 * DAY, "10.0.0.6", "10.0.0.20"));
      events.add(conn(START + 10 * DAY, "10.0.0.9", "10.0.0.20"));
      store.append(events);
      DevicesApi devices = new DevicesApi(store, store, store, store, store, Suppressions.open(dataDir, Clock.systemUTC()),
          new DeviceLabels(store, () -> 0), new NoSite(), store);

      Map<String, List<String>> flags = devices.inventory().stream()
          .collect(Collectors.toMap(DevicesApi.DeviceView::address, DevicesApi.DeviceView::flags));

      assertThat(flags.get("10.0.0.9")).contains("new");
      assertThat(flags.get("10.0.0.5")).doesNotContain("new");
      assertThat(flags.get("10.0.0.6")).doesNotContain("new");
      assertThat(flags.get("10.0.0.20")).doesNotContain("new").contains("unnamed", "unmanaged");
    }
  }

  @Test
  void inventory_joinsADevicesIdsByAddressAndName_intoOneRow_countingEachIncidentOnce() {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      String card = "mac:00:50:56:85:2e:f4";
      Breach breach = new Breach("B1", "smb-drive-write", "Compliance / SMB Drive Write", "Compliance", START, card,
          null, 70, List.of(), List.of(), "why", List.of(), List.of(), Map.of("device_name", "WS-1", "device_ip",
          "10.0.0.5"));
      StoredIncident incident = new StoredIncident("INC-1", "t", 70, START, START, 2, List.of(card, "WS-1"), "{}");
      store.commit(new Commit(List.of(conn(START, "10.0.0.5", "10.0.0.20")), List.of(), Map.of(), List.of(breach),
          List.of(incident), List.of()));
      DevicesApi devices = new DevicesApi(store, store, store, store, store, Suppressions.open(dataDir, Clock.systemUTC()),
          new DeviceLabels(store, () -> 1), new NoSite(), store);

      List<DevicesApi.DeviceView> rows = devices.inventory().stream()
          .filter(d -> d.label().contains("WS-1")).toList();

      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).device()).as("the name incidents use").isEqualTo("WS-1");
      assertThat(rows.get(0).label()).isEqualTo("WS-1 (10.0.0.5)");
      assertThat(rows.get(0).breaches()).isEqualTo(1);
      assertThat(rows.get(0).incidents()).isEqualTo(1);
    }
  }

  @Test
  void summary_findsTheBreachesOfEveryIdTheDeviceHad_butNotThoseOfAnotherNamedDeviceLaterAtItsAddress() {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      String card = "00:50:56:85:2e:f4";
      Breach underCard = breach("B1", START, "mac:" + card, Map.of("device_name", "WS-1", "device_ip", "10.0.0.5"));
      Breach underAddress = breach("B2", START + DAY, "10.0.0.5", Map.of("device_ip", "10.0.0.5"));
      Breach underName = breach("B3", START + 2 * DAY, "WS-1", Map.of("device_name", "WS-1", "device_ip", "10.0.0.7"));
      Breach otherDevice = breach("B4", START + 9 * DAY, "WS-2", Map.of("device_name", "WS-2", "device_ip",
          "10.0.0.5"));
      StoredIncident incident = new StoredIncident("INC-1", "t", 70, START, START, 1, List.of("mac:" + card), "{}");
      store.commit(new Commit(List.of(new DhcpEvent(START - DAY, "D0", List.of(), "10.0.0.5", "10.0.0.1", card,
          "WS-1", null, "corp.example", "10.0.0.5", 86400, List.of("REQUEST", "ACK")),
          conn(START, "10.0.0.5", "10.0.0.20")), List.of(), Map.of(), List.of(underCard, underAddress, underName,
          otherDevice), List.of(incident), List.of()));
      DevicesApi devices = new DevicesApi(store, store, store, store, store,
          Suppressions.open(dataDir, Clock.systemUTC()), new DeviceLabels(store, () -> 1), new NoSite(), store);

      DevicesApi.DeviceSummary summary = devices.summary("WS-1");

      assertThat(summary.breaches()).extracting(BreachView::id).containsExactly("B3", "B2", "B1");
      assertThat(summary.knownAs()).contains("WS-1", "mac:" + card, "10.0.0.5").doesNotContain("WS-2");
      assertThat(summary.incidents()).as("the incident names it by its card").containsExactly("INC-1");
      assertThat(devices.summary("WS-2").breaches()).extracting(BreachView::id).containsExactly("B4");
      assertThat(summary.learnedRoles()).as("no detection snapshot committed").isNull();
    }
  }

  @Test
  void aHostDefenderReportedFirst_isTheDeviceDhcpLeasedLater_inTheSummaryAndTheInventory() {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      String card = "00:50:56:aa:bb:cc";
      Breach alert = new Breach("D1", "defender-alert", "Security Integration / Defender Alert", "Security Integration",
          START, "laptop-99.corp.local", null, 80, List.of(), List.of(), "Defender says so", List.of(), List.of(),
          Map.of());
      Breach later = breach("B1", START + 2 * DAY, "mac:" + card, Map.of("device_name", "LAPTOP-99", "device_ip",
          "10.0.0.8"));
      Breach lookAlike = breach("B2", START + 2 * DAY, "laptop-98.corp.local", Map.of());
      store.commit(new Commit(List.of(new DhcpEvent(START + DAY, "D0", List.of(), "10.0.0.8", "10.0.0.1", card,
          "LAPTOP-99", null, "corp.local", "10.0.0.8", 86400, List.of("REQUEST", "ACK")),
          conn(START + DAY, "10.0.0.8", "10.0.0.20")), List.of(), Map.of(), List.of(alert, later, lookAlike),
          List.of(), List.of()));
      DevicesApi devices = new DevicesApi(store, store, store, store, store,
          Suppressions.open(dataDir, Clock.systemUTC()), new DeviceLabels(store, () -> 1), new NoSite(), store);

      assertThat(devices.summary("LAPTOP-99").breaches()).extracting(BreachView::id).containsExactly("B1", "D1");
      assertThat(devices.summary("laptop-99.corp.local").breaches()).extracting(BreachView::id)
          .containsExactly("B1", "D1");
      assertThat(devices.inventory()).filteredOn(d -> d.breaches() > 0).extracting(DevicesApi.DeviceView::label,
          DevicesApi.DeviceView::breaches).containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("LAPTOP-99 (10.0.0.8)", 2),
              org.assertj.core.groups.Tuple.tuple("laptop-98.corp.local", 1));
    }
  }

  @Test
  void summary_showsTheRoleAndPeerGroupTheCommittedDetectionSnapshotLearned() {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir);
        EmbeddedDetector detector = new EmbeddedDetector(DetectConfig.defaults(), 1)) {
      List<Event> events = new ArrayList<>();
      for (int day = 0; day < 3; day++) {
        for (int client = 31; client <= 36; client++) {
          events.add(conn(START + day * DAY + client, "10.0.0." + client, "10.0.0.20"));
        }
        // Same role, other habits: a client of another server is not in their group.
        events.add(conn(START + day * DAY + 50, "10.0.0.40", "10.0.0.21"));
      }
      events.forEach(detector::onEvent);
      detector.flush();
      store.commit(new Commit(events, List.of(), Map.of(LearnedDevices.STATE_NAME, detector.snapshot()), List.of(),
          List.of(), List.of()));
      DevicesApi devices = new DevicesApi(store, store, store, store, store,
          Suppressions.open(dataDir, Clock.systemUTC()), new DeviceLabels(store, () -> 1), new NoSite(), store);

      DevicesApi.DeviceSummary server = devices.summary("10.0.0.20");
      assertThat(server.learnedRoles()).contains("file_server");
      DevicesApi.DeviceSummary client = devices.summary("10.0.0.31");
      assertThat(client.learnedRoles()).containsExactly("client");
      assertThat(client.peerGroup()).containsExactlyInAnyOrder("10.0.0.32", "10.0.0.33", "10.0.0.34", "10.0.0.35",
          "10.0.0.36");
      assertThat(client.peerGroupSize()).isEqualTo(5);
      assertThat(devices.summary("10.0.0.40").peerGroup()).doesNotContain("10.0.0.31");
    }
  }

  private static Breach breach(String id, long ts, String device, Map<String, String> entities) {
    return new Breach(id, "smb-drive-write", "Compliance / SMB Drive Write", "Compliance", ts, device, null, 70,
        List.of(), List.of(), "why", List.of(), List.of(), entities);
  }

  private static ConnEvent conn(long ts, String from, String to) {
    return new ConnEvent(ts, "C" + ts + from, new FlowId(from, 50000, to, 445), "tcp", "smb", 1.5, 100, 200, "SF",
        true, true, 0, "ShADadFf", 10, 1000, 8, 600, List.of(), null, null, null);
  }

  /** A site without config.toml. */
  private static final class NoSite implements SiteConfiguration {
    @Override
    public String location() {
      return "config.toml";
    }

    @Override
    public String text() {
      return "";
    }

    @Override
    public Reading read(String text) {
      return new Reading(new Summary(List.of(), List.of(), Map.of(), Map.of(), "", List.of(), "UTC", List.of()),
          null);
    }

    @Override
    public Reading save(String text) {
      return read(text);
    }
  }
}
