package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;

class TrafficSummaryTest {
  @Test
  void accept_countsEachAddressOnceOnItsSide_andTheTimeSpanned() {
    TrafficSummary summary = new TrafficSummary(address -> address.startsWith("10."));
    List<Event> events = List.of(
        conn(3_000, new FlowId("10.0.0.1", 50_000, "10.0.0.2", 445)),
        conn(1_000, new FlowId("10.0.0.1", 50_001, "93.184.216.34", 443)),
        conn(2_000, new FlowId("10.0.0.3", 50_002, "93.184.216.34", 443)),
        // A new String of an address already seen is the same host.
        conn(5_000, new FlowId(new String("10.0.0.2"), 50_003, "198.51.100.7", 53)),
        conn(Event.NO_TIME, null));
    events.forEach(summary);

    assertThat(summary.events()).isEqualTo(5);
    assertThat(summary.internalHosts()).isEqualTo(3);
    assertThat(summary.externalHosts()).isEqualTo(2);
    assertThat(summary.firstTs()).isEqualTo(1_000);
    assertThat(summary.lastTs()).isEqualTo(5_000);
  }

  @Test
  void accept_moreAddressesThanItRemembersByReference_stillCountsEachOnce() {
    TrafficSummary summary = new TrafficSummary(address -> address.startsWith("10."));
    List<String> internal = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      internal.add("10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255));
    }
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < internal.size(); i++) {
        summary.accept(conn(i, new FlowId(internal.get(i), 50_000, "198.51.100." + i % 200, 443)));
      }
    }

    assertThat(summary.internalHosts()).isEqualTo(20_000);
    assertThat(summary.externalHosts()).isEqualTo(200);
  }

  @Test
  void accept_nothing_spansNoTime() {
    TrafficSummary summary = new TrafficSummary(address -> true);

    assertThat(summary.firstTs()).isEqualTo(Event.NO_TIME);
    assertThat(summary.lastTs()).isEqualTo(Event.NO_TIME);
    assertThat(summary.internalHosts()).isZero();
    assertThat(summary.externalHosts()).isZero();
  }

  private static ConnEvent conn(long ts, FlowId id) {
    return new ConnEvent(ts, "C" + ts, id, "tcp", null, 1.0, 10, 20, "SF", true, false, 0, "ShAD", 1, 2, 3, 4,
        List.of(), null, null, null);
  }
}
