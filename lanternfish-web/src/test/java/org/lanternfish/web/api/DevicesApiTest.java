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
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.store.DuckDbEventStore;
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
      DevicesApi devices = new DevicesApi(store, store, store, store, Suppressions.open(dataDir, Clock.systemUTC()),
          new DeviceLabels(store, () -> 0), new NoSite());

      Map<String, List<String>> flags = devices.inventory().stream()
          .collect(Collectors.toMap(DevicesApi.DeviceView::address, DevicesApi.DeviceView::flags));

      assertThat(flags.get("10.0.0.9")).contains("new");
      assertThat(flags.get("10.0.0.5")).doesNotContain("new");
      assertThat(flags.get("10.0.0.6")).doesNotContain("new");
      assertThat(flags.get("10.0.0.20")).doesNotContain("new").contains("unnamed", "unmanaged");
    }
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
