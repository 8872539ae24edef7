package org.lanternfish.web.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;

final class SuppressionsTest {
  @TempDir Path dataDir;
  private Instant now = Instant.parse("2026-12-01T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void hiding_stopsAtTheExpiry_andTheEntryIsKeptAcrossRestarts() {
    Suppressions book = Suppressions.open(dataDir, clock);
    Suppression made = book.add(new Suppressions.Request("model-device", "WS-1", null, "beaconing",
        "2026-12-02T10:00:00Z", "update agent"), "ana", 42);
    Breach beacon = breach("WS-1", "beaconing", Peer.Kind.DOMAIN, "updates.example.com");
    assertThat(book.hiding(beacon)).contains(made);
    assertThat(book.hiding(breach("WS-1", "smb-drive-write", Peer.Kind.DOMAIN, "x.example.com"))).isEmpty();
    assertThat(book.hiding(breach("WS-2", "beaconing", Peer.Kind.DOMAIN, "x.example.com"))).isEmpty();

    Suppressions reopened = Suppressions.open(dataDir, clock);
    assertThat(reopened.all()).containsExactly(made);
    now = now.plus(Duration.ofDays(1));
    assertThat(reopened.hiding(beacon)).isEmpty();
    assertThat(reopened.anyInForce()).isFalse();
    assertThat(reopened.add(new Suppressions.Request("device", "WS-9", null, null, "2026-12-05", "r"), "ana", 50)
        .id()).isEqualTo("S2");
  }

  @Test
  void destinations_matchAddressesNetworksAndSubdomains() {
    Suppressions book = Suppressions.open(dataDir, clock);
    book.add(new Suppressions.Request("destination", null, "203.0.113.0/24", null, "2026-12-05", "cdn"), "ana", 0);
    book.add(new Suppressions.Request("destination", null, "Example.COM.", null, "2026-12-05", "vendor"), "ana", 0);
    assertThat(book.hiding(breach("a", "m", Peer.Kind.ADDRESS, "203.0.113.77"))).isPresent();
    assertThat(book.hiding(breach("a", "m", Peer.Kind.ADDRESS, "203.0.114.1"))).isEmpty();
    assertThat(book.hiding(breach("a", "m", Peer.Kind.DOMAIN, "cdn.example.com"))).isPresent();
    assertThat(book.hiding(breach("a", "m", Peer.Kind.DOMAIN, "badexample.com"))).isEmpty();
    assertThatThrownBy(() -> book.check(new Suppressions.Request("destination", null, "10.0.0.0/33", null,
        "2026-12-05", "r"))).hasMessageContaining("destination must be");
  }

  @Test
  void hiding_aFoldedAct_onlyWhenEveryModelOfItIsTrusted() {
    Suppressions book = Suppressions.open(dataDir, clock);
    Breach push = new Breach("B-push", "service-created-remotely", "Device / Service Created Remotely", "Device",
        1_796_000_000_000_000L, "ADMIN-1", new Peer(Peer.Kind.DEVICE, "SRV-1"), 75, List.of(), List.of(), "why",
        List.of(new Evidence(Evidence.FOLDED_MODEL + "executable-written-to-new-admin-share", "also matched", 70)),
        List.of(), Map.of());
    Suppression service = book.add(new Suppressions.Request("model-device", "ADMIN-1", null,
        "service-created-remotely", "2026-12-05", "patch pushes"), "ana", 0);
    assertThat(book.hiding(push)).as("the write it folds is not trusted").isEmpty();

    book.add(new Suppressions.Request("model-device", "ADMIN-1", null, "executable-written-to-new-admin-share",
        "2026-12-05", "patch pushes"), "ana", 0);
    assertThat(book.hiding(push)).contains(service);
  }

  private static Breach breach(String device, String modelId, Peer.Kind kind, String peer) {
    return new Breach("B-" + device + modelId + peer, modelId, "Category / " + modelId, "Category",
        1_796_000_000_000_000L, device, new Peer(kind, peer), 70, List.of(), List.of(), "why", List.of(), List.of(),
        Map.of());
  }
}
