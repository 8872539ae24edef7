package org.lanternfish.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;

final class DeviceLabelsTest {
  @TempDir Path dataDir;

  @Test
  void aDeviceKnownByItsNetworkCard_isCalledByTheNameAndAddressItsBreachesSaw() {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      long[] seq = {0};
      DeviceLabels labels = new DeviceLabels(store, () -> seq[0]);
      String story = "WS-1 wrote vmtools.dll to mac:00:50:56:85:2E:F4, then mac:00:50:56:85:2e:f5 called out.";
      assertThat(labels.text(story)).isEqualTo(story);

      store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(
          breach("B1", "WS-1", new Peer(Peer.Kind.DEVICE, "mac:00:50:56:85:2e:f4"),
              Map.of("device_name", "WS-1", "peer_address", "10.145.1.11")),
          breach("B2", "mac:00:50:56:85:2e:f4", null, Map.of("device_name", "FS-02", "device_ip", "10.145.1.11")),
          breach("B3", "mac:00:50:56:85:2e:f5", null, Map.of("device_ip", "10.145.1.12"))), List.of(), List.of()));
      assertThat(labels.text(story)).as("learned only once the outbox moved").isEqualTo(story);
      seq[0] = 3;
      assertThat(labels.text(story))
          .isEqualTo("WS-1 wrote vmtools.dll to FS-02 (10.145.1.11), then 10.145.1.12 called out.");
      assertThat(labels.text("mac:aa:bb:cc:dd:ee:ff is unknown")).isEqualTo("mac:aa:bb:cc:dd:ee:ff is unknown");
      String named = "FS-02 (mac:00:50:56:85:2e:f4) and WS-1 (mac:00:50:56:85:2e:f5) wrote (to mac:00:50:56:85:2e:f4)";
      assertThat(labels.text(named))
          .as("a name the story already gave is not repeated")
          .isEqualTo("FS-02 (10.145.1.11) and WS-1 (10.145.1.12) wrote (to FS-02 (10.145.1.11))");
    }
  }

  @Test
  void story_namesTheDevicesOfItsGraphAndTimeline_notOnlyItsSentences() throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(breach("B1", "mac:00:50:56:85:2e:f4", null,
          Map.of("device_name", "FS-02", "device_ip", "10.145.1.11"))), List.of(), List.of()));
      DeviceLabels labels = new DeviceLabels(store, () -> 1);
      com.fasterxml.jackson.databind.node.ObjectNode story = (com.fasterxml.jackson.databind.node.ObjectNode)
          WebJson.MAPPER.readTree("""
              {"title": "SMB write to mac:00:50:56:85:2e:f4", "devices": ["WS-1", "mac:00:50:56:85:2e:f4"],
               "edges": [{"from": "WS-1", "to": "mac:00:50:56:85:2e:f4", "kind": "SMB_WRITE"}],
               "timeline": [{"device": "mac:00:50:56:85:2e:f4", "peer": null}],
               "summary": [{"text": "WS-1 wrote to mac:00:50:56:85:2e:f4."}]}""");

      labels.story(story);

      assertThat(story.toString()).doesNotContain("mac:");
      assertThat(story.path("devices").get(1).asText()).isEqualTo("FS-02 (10.145.1.11)");
      assertThat(story.path("edges").get(0).path("to").asText()).isEqualTo("FS-02 (10.145.1.11)");
      assertThat(story.path("timeline").get(0).path("device").asText()).isEqualTo("FS-02 (10.145.1.11)");
      assertThat(story.path("timeline").get(0).path("peer").isNull()).isTrue();
    }
  }

  private static Breach breach(String id, String device, Peer peer, Map<String, String> entities) {
    return new Breach(id, "smb-drive-write", "Compliance / SMB Drive Write", "Compliance", 1_794_531_600_000_000L,
        device, peer, 70, List.of(), List.of(), "why", List.of(), List.of(), entities);
  }
}
