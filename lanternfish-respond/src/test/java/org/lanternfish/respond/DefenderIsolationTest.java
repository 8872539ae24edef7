package org.lanternfish.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.ClientSecret;
import org.lanternfish.microsoft.auth.TokenSource;
import org.lanternfish.microsoft.defender.MachineActions;
import org.lanternfish.microsoft.fake.FakeDefender;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.fake.MutableClock;
import org.lanternfish.microsoft.http.MicrosoftHttp;
import org.lanternfish.microsoft.http.RateLimit;
import org.lanternfish.respond.defender.DefenderIsolation;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;

/** Quarantine as Defender isolation, against the local fake of the Defender API that keeps each machine's state. */
final class DefenderIsolationTest {
  private static final long SECOND = 1_000_000L;

  @TempDir Path directory;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final List<Duration> waits = new ArrayList<>();
  private final List<Duration> paced = new ArrayList<>();
  private final FakeMicrosoft fake;
  private final FakeDefender defender;

  DefenderIsolationTest() throws Exception {
    fake = new FakeMicrosoft(clock);
    defender = new FakeDefender(fake, clock);
    defender.machine("m-pc1", "pc-1.contoso.com", "10.0.1.5");
    defender.machine("m-pc2", "pc-2.contoso.com", "10.0.1.6");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private DefenderIsolation backend(MachineActions.Isolation isolation) {
    return new DefenderIsolation(() -> {
      MicrosoftHttp http = new MicrosoftHttp(wait -> { }, clock, 3);
      TokenSource tokens = new TokenSource(fake.uri(), FakeMicrosoft.TENANT, FakeMicrosoft.CLIENT,
          new ClientSecret(FakeMicrosoft.SECRET), http, clock);
      RateLimit limit = new RateLimit(100, 1_500, clock, wait -> {
        paced.add(wait);
        clock.advance(wait);
      });
      return new MachineActions(new AuthorizedClient(tokens, http), fake.uri(), limit, wait -> {
        waits.add(wait);
        clock.advance(wait);
      });
    }, isolation);
  }

  private long now() {
    Instant t = clock.instant();
    return t.getEpochSecond() * SECOND + t.getNano() / 1_000;
  }

  private ResponseService quarantine(DuckDbEventStore store, DefenderIsolation backend, String device,
      String address) {
    return quarantine(store, backend, device, address, null);
  }

  private ResponseService quarantine(DuckDbEventStore store, DefenderIsolation backend, String device,
      String address, MachineActions.Isolation ruleIsolation) {
    store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(new Breach("b-" + device, "ioc-match",
        "IoC Match", "Compliance", now(), device, new Peer(Peer.Kind.ADDRESS, "203.0.113.9"), 90, List.of(),
        List.of(Tactic.COMMAND_AND_CONTROL), "watch list", List.of(), List.of(), Map.of("device_ip", address,
        "peer_address", "203.0.113.9", "service_port", "443"))), List.of(), List.of()));
    ResponseSettings settings = new ResponseSettings(new ResponsePolicy(List.of(new ResponseRule("isolate",
        Set.of("ioc-match"), Set.of(), 0, 100, false, 0, ActionKind.QUARANTINE, 3600 * SECOND, false, true, false,
        ruleIsolation))), List.of(), List.of(backend));
    return new ResponseService(store, store, store, settings, List.of(), this::now, line -> { });
  }

  @Test
  void quarantine_isolatesTheMachine_pollsTheActionUntilFinal_andReleasesItAtExpiry() throws Exception {
    defender.pendingFor(2);
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      ResponseService service = quarantine(store, backend(MachineActions.Isolation.SELECTIVE), "pc-1",
          "10.0.1.5");
      service.step(true, 0, now());
      assertThat(service.actions()).singleElement().satisfies(a -> assertThat(a.state())
          .isEqualTo(ActionState.ACTIVE));
      assertThat(defender.isolation("m-pc1")).isEqualTo("Selective");
      assertThat(defender.isolation("m-pc2")).isNull();
      assertThat(defender.requests()).singleElement().asString()
          .startsWith("Isolate m-pc1 Selective: Lanternfish RESPOND action A-000001: 10.0.1.5 until ");
      assertThat(waits).as("two looks while the action was pending").hasSize(2);
      assertThat(fake.requests()).filteredOn(r -> r.startsWith("GET /api/machineactions/ma-1")).hasSize(2);

      clock.advance(Duration.ofMinutes(59));
      service.step(false, 0, now());
      assertThat(defender.isolation("m-pc1")).as("held while the action runs").isEqualTo("Selective");
      assertThat(defender.requests()).hasSize(1);

      clock.advance(Duration.ofMinutes(2));
      service.step(false, 0, now());
      assertThat(service.actions()).singleElement().satisfies(a -> assertThat(a.state())
          .isEqualTo(ActionState.EXPIRED));
      assertThat(defender.isolation("m-pc1")).as("released by the ledger at expiry").isNull();
      assertThat(defender.requests()).last().asString().startsWith("Unisolate m-pc1: Lanternfish RESPOND released");
      assertThat(service.health()).singleElement().satisfies(h -> assertThat(h.healthy()).isTrue());
    }
  }

  @Test
  void aRulesOwnIsolation_overridesTheBackends() throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      ResponseService service = quarantine(store, backend(MachineActions.Isolation.FULL), "pc-2", "10.0.1.6",
          MachineActions.Isolation.SELECTIVE);
      service.step(true, 0, now());
      assertThat(service.actions()).singleElement().extracting(Action::isolation)
          .isEqualTo(MachineActions.Isolation.SELECTIVE);
      assertThat(defender.isolation("m-pc2")).as("the rule says selective, the backend full").isEqualTo("Selective");
    }
  }

  @Test
  void failedIsolation_isReportedInHealth_andRetriedUntilItHolds() throws Exception {
    defender.failNext(1);
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      ResponseService service = quarantine(store, backend(MachineActions.Isolation.FULL), "pc-2", "10.0.1.6");
      service.step(true, 0, now());
      assertThat(defender.isolation("m-pc2")).isNull();
      BackendHealth failing = service.health().get(0);
      assertThat(failing.healthy()).isFalse();
      assertThat(failing.name()).isEqualTo("defender full isolation");
      assertThat(failing.lastError()).isEqualTo("Defender did not isolate machine m-pc2 (10.0.1.6): action ma-1"
          + " failed");
      assertThat(failing.nextRetry()).isNotNull();

      clock.advance(Duration.ofSeconds(2));
      service.step(false, 0, now());
      assertThat(defender.isolation("m-pc2")).as("the retry's reconciliation isolates it").isEqualTo("Full");
      assertThat(service.health().get(0).healthy()).isTrue();
      assertThat(defender.requests()).hasSize(2);
    }
  }

  @Test
  void reconcile_neverReleasesAMachineAnAnalystIsolated_andReleasesOneLeftOverFromBeforeARestart() throws Exception {
    DefenderIsolation backend = backend(MachineActions.Isolation.FULL);
    backend.install();
    defender.isolateByHand("m-pc1");
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      ResponseService service = quarantine(store, backend, "pc-2", "10.0.1.6");
      service.step(true, 0, now());
      assertThat(defender.isolation("m-pc2")).isEqualTo("Full");
    }
    DefenderIsolation restarted = backend(MachineActions.Isolation.FULL);
    restarted.install();
    restarted.reconcile(List.of(), now());
    assertThat(defender.isolation("m-pc2")).as("Lanternfish's own, no longer enforced").isNull();
    assertThat(defender.isolation("m-pc1")).as("the analyst's").isEqualTo("Full");
  }
}
