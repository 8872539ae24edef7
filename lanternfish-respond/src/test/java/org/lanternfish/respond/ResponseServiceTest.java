package org.lanternfish.respond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.StoredIncident;

/** RESPOND following a real store's outbox: the ledger and position saved together, backends failing and back. */
final class ResponseServiceTest {

  private static final long SECOND = 1_000_000L;
  private static final long T0 = 1_700_000_000_000_000L;

  @TempDir Path directory;

  /** A backend that keeps what it holds in memory and fails while told to. */
  private static final class Held implements ResponseBackend {
    final List<String> held = new ArrayList<>();
    boolean down;
    int installs;

    @Override
    public String name() {
      return "memory";
    }

    @Override
    public void install() {
      check();
      installs++;
    }

    @Override
    public void apply(Action action, long now) {
      check();
      held.remove(action.id());
      held.add(action.id());
    }

    @Override
    public void release(Action action) {
      check();
      held.remove(action.id());
    }

    @Override
    public void reconcile(List<Action> enforced, long now) {
      check();
      held.clear();
      enforced.forEach(a -> held.add(a.id()));
    }

    private void check() {
      if (down) {
        throw new BackendException("peer unreachable");
      }
    }
  }

  private static Breach breach(String id, String device, String address, String peer) {
    return new Breach(id, "ioc-match", "Compliance / IoC Match", "Compliance", T0, device,
        new Peer(Peer.Kind.ADDRESS, peer), 80, List.of("T1071"), List.of(Tactic.COMMAND_AND_CONTROL), "watch list",
        List.of(), List.of("C1"), Map.of("device_ip", address, "peer_address", peer, "service_port", "443"));
  }

  private static ResponseSettings settings(boolean autonomous, ResponseBackend backend) {
    return new ResponseSettings(new ResponsePolicy(List.of(new ResponseRule("watch-list", Set.of(
        "ioc-match"), Set.of(), 0, 100, false, 0, ActionKind.BLOCK_CONNECTIONS, 60 * SECOND, false,
        autonomous))), List.of("10.0.0.10"), List.of(backend));
  }

  private static ResponseService service(DuckDbEventStore store, ResponseSettings settings, AtomicLong clock,
      List<String> log) {
    return new ResponseService(store, store, store, settings, List.of(), clock::get, log::add);
  }

  @Test
  void aBreachOlderThanItsActionWouldLast_waitsForAPerson_insteadOfBlockingToday() throws Exception {
    AtomicLong clock = new AtomicLong(T0 + 2 * ResponseService.STALE_AFTER_MICROS);
    Held backend = new Held();
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(commit(breach("b1", "pc-1", "10.0.1.5", "203.0.113.9")));
      ResponseService service = service(store, settings(true, backend), clock, new ArrayList<>());
      service.step(true, 0, clock.get());

      assertThat(service.actions()).singleElement().extracting(Action::state).isEqualTo(ActionState.PENDING_CONFIRMATION);
      assertThat(backend.held).isEmpty();
    }
  }

  @Test
  void aFollowedPolicyFile_editedByHand_isTakenWithoutARestart_andABadEditKeepsThePolicyInForce() throws Exception {
    AtomicLong clock = new AtomicLong(T0);
    List<String> log = new ArrayList<>();
    Held backend = new Held();
    Path conf = directory.resolve(ResponseSettings.FILE);
    Files.writeString(conf, "rule: watch-list\nmodels: ioc-match\naction: block_connections\nduration: 1h\n"
        + "mode: autonomous\n");
    PolicyFile file = new PolicyFile(directory, null);
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      ResponseService service = new ResponseService(store, store, store, file.settings(file.text()), List.of(),
          clock::get, log::add);
      service.follow(file);
      Files.writeString(conf, "rule: watch-list\nmodels: ioc-match\naction: block_outgoing\nduration: 1h\n"
          + "mode: autonomous\n\nnever_block: 10.0.1.6\n");
      store.commit(commit(breach("b1", "pc-1", "10.0.1.5", "203.0.113.9"),
          breach("b2", "pc-2", "10.0.1.6", "203.0.113.9")));
      service.step(true, 0, clock.get());
      assertThat(service.actions()).as("the edited rule, and its never-block list spares pc-2").singleElement()
          .satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ActionKind.BLOCK_OUTGOING);
            assertThat(a.target().address()).isEqualTo("10.0.1.5");
          });
      assertThat(log).anyMatch(line -> line.startsWith("RESPOND: took the edited " + conf + ": 1 rules"));

      Files.writeString(conf, "rule: watch-list\naction: explode\n");
      service.step(false, 0, clock.get());
      service.step(false, 0, clock.get());
      assertThat(log.stream().filter(line -> line.contains("the edited policy has problems")))
          .as("reported once").singleElement().asString().contains("unknown action 'explode'");
      assertThat(service.settings().policy().rules()).singleElement()
          .extracting(ResponseRule::kind).isEqualTo(ActionKind.BLOCK_OUTGOING);
      assertThat(service.reloadPolicy()).as("nothing changed since").isFalse();
    }
  }

  @Test
  void anIncidentRule_actsOnEachDeviceWhenThePriorityEntersItsBand_onceAcrossARestart() throws Exception {
    AtomicLong clock = new AtomicLong(T0);
    List<String> log = new ArrayList<>();
    Held backend = new Held();
    ResponseSettings settings = new ResponseSettings(new ResponsePolicy(List.of(new ResponseRule("critical",
        Set.of(), Set.of(), 80, 100, false, 0, ActionKind.QUARANTINE, 3_600 * SECOND, false, true, true, null))),
        List.of("10.0.0.10"), List.of(backend));
    Breach onPc1 = breach("b1", "pc-1", "10.0.1.5", "203.0.113.9");
    Breach onPc2 = breach("b2", "pc-2", "10.0.0.10", "203.0.113.9");
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(onPc1, onPc2),
          List.of(incident(60, onPc1, onPc2)), List.of()));
      ResponseService service = service(store, settings, clock, log);
      service.step(true, 0, clock.get());
      assertThat(service.actions()).as("priority 60 is below the band").isEmpty();

      store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(), List.of(incident(85, onPc1, onPc2)),
          List.of()));
      service.step(true, 0, clock.get());
      assertThat(service.actions()).as("pc-2 is on the never-block list; srv-9 breached nothing, so has no address")
          .singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ActionKind.QUARANTINE);
            assertThat(a.target()).isEqualTo(ActionTarget.device("pc-1", "10.0.1.5"));
            assertThat(a.reasons()).containsExactly("INC-1");
            assertThat(a.state()).isEqualTo(ActionState.ACTIVE);
          });
      assertThat(backend.held).containsExactly("A-000001");
      service.clear("A-000001", "alice", "handled");

      store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(), List.of(incident(90, onPc1, onPc2)),
          List.of()));
      service.step(true, 0, clock.get());
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      ResponseService restarted = service(store, settings, clock, log);
      store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(), List.of(incident(95, onPc1, onPc2)),
          List.of()));
      restarted.step(true, 0, clock.get());
      assertThat(restarted.actions()).as("still within the band it entered before the restart: nothing new")
          .singleElement().extracting(Action::state).isEqualTo(ActionState.CLEARED);

      store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(), List.of(incident(50, onPc1, onPc2)),
          List.of()));
      store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(), List.of(incident(88, onPc1, onPc2)),
          List.of()));
      restarted.step(true, 0, clock.get());
      assertThat(restarted.actions()).as("back into the band, but cleared for the same incident: suppressed")
          .hasSize(1);
      assertThat(store.position(ResponseService.CONSUMER)).isEqualTo(8);
    }
  }

  /** Incident INC-1 at {@code priority}, holding {@code breaches} whole as the store keeps them, and srv-9. */
  private static StoredIncident incident(int priority, Breach... breaches) throws Exception {
    String json = new ObjectMapper().writeValueAsString(Map.of("id", "INC-1", "priority", priority, "breaches",
        List.of(breaches)));
    return new StoredIncident("INC-1", "Lateral movement", priority, T0, T0, breaches.length,
        List.of("pc-1", "pc-2", "srv-9"), json);
  }

  @Test
  void step_savesTheLedgerWithItsPosition_soAReopenNeitherRepeatsNorForgets() throws Exception {
    AtomicLong clock = new AtomicLong(T0);
    List<String> log = new ArrayList<>();
    Held backend = new Held();
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(commit(breach("b1", "pc-1", "10.0.1.5", "203.0.113.9"),
          breach("b2", "pc-2", "10.0.0.10", "203.0.113.9")));
      ResponseService service = service(store, settings(true, backend), clock, log);
      service.step(true, 0, clock.get());
      assertThat(service.actions()).as("b2's device is on the never-block list").singleElement()
          .satisfies(a -> assertThat(a.target().describe()).isEqualTo("10.0.1.5 -> 203.0.113.9:443"));
      assertThat(backend.held).containsExactly("A-000001");
      assertThat(store.position(ResponseService.CONSUMER)).isEqualTo(2);
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      ResponseService service = service(store, settings(true, backend), clock, log);
      service.step(true, 0, clock.get());
      assertThat(service.actions()).extracting(Action::id).containsExactly("A-000001");
      store.commit(commit(breach("b3", "pc-3", "10.0.1.6", "203.0.113.9")));
      service.step(true, 0, clock.get());
      assertThat(service.actions()).extracting(Action::id).containsExactly("A-000001", "A-000002");
      clock.addAndGet(61 * SECOND);
      service.step(false, 0, clock.get());
      assertThat(service.actions()).extracting(Action::state).containsOnly(ActionState.EXPIRED);
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(service(store, settings(true, backend), clock, log).actions()).extracting(Action::state)
          .containsExactly(ActionState.EXPIRED, ActionState.EXPIRED);
    }
  }

  @Test
  void aFailingBackend_isRetriedWithGrowingPauses_reported_andGivenTheLedgerWhenBack() throws Exception {
    AtomicLong clock = new AtomicLong(T0);
    List<String> log = new ArrayList<>();
    Held backend = new Held();
    backend.down = true;
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(commit(breach("b1", "pc-1", "10.0.1.5", "203.0.113.9")));
      ResponseService service = service(store, settings(true, backend), clock, log);
      service.step(true, 0, clock.get());
      assertThat(service.actions()).as("the ledger is kept while the backend is down").hasSize(1);
      assertThat(service.health()).singleElement().satisfies(h -> {
        assertThat(h.healthy()).isFalse();
        assertThat(h.lastError()).isEqualTo("peer unreachable");
      });
      clock.addAndGet(SECOND);
      service.step(false, 0, clock.get());
      clock.addAndGet(SECOND);
      service.step(false, 0, clock.get());
      assertThat(service.health().get(0).failures()).as("retried after 1 s, then waits 2 s").isEqualTo(2);
      clock.addAndGet(SECOND);
      service.step(false, 0, clock.get());
      assertThat(service.health().get(0).failures()).isEqualTo(3);

      backend.down = false;
      clock.addAndGet(4 * SECOND);
      service.step(false, 0, clock.get());
      assertThat(service.health().get(0).healthy()).isTrue();
      assertThat(backend.held).as("the ledger's action, once back").containsExactly("A-000001");
      assertThat(log).anyMatch(line -> line.contains("memory is back after 3 failures"));
    }
  }

  @Test
  void confirmClearAndExtend_changeTheLedgerTheStoreAndTheBackend() throws Exception {
    AtomicLong clock = new AtomicLong(T0);
    Held backend = new Held();
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(commit(breach("b1", "pc-1", "10.0.1.5", "203.0.113.9")));
      ResponseService service = service(store, settings(false, backend), clock, new ArrayList<>());
      service.step(true, 0, clock.get());
      Action pending = service.actions().get(0);
      assertThat(pending.state()).isEqualTo(ActionState.PENDING_CONFIRMATION);
      assertThat(backend.held).isEmpty();

      clock.addAndGet(10 * SECOND);
      Action confirmed = service.confirm(pending.id(), "alice");
      assertThat(confirmed.expiry()).isEqualTo(T0 + 70 * SECOND);
      assertThat(backend.held).containsExactly(pending.id());
      assertThat(service.extend(pending.id(), 30 * SECOND, "bob").expiry()).isEqualTo(T0 + 100 * SECOND);
      Action cleared = service.clear(pending.id(), "carol", "false positive");
      assertThat(backend.held).isEmpty();
      assertThat(cleared.audit()).extracting(AuditEntry::actor)
          .containsExactly("policy:watch-list", "alice", "bob", "carol");
      assertThatThrownBy(() -> service.confirm(pending.id(), "alice")).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> service.clear("A-999999", "alice", null)).isInstanceOf(IllegalArgumentException.class);
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(service(store, settings(false, backend), clock, new ArrayList<>()).actions().get(0).state())
          .as("saved").isEqualTo(ActionState.CLEARED);
    }
  }

  private static Commit commit(Breach... breaches) {
    return new Commit(List.of(), List.of(), Map.of(), List.of(breaches), List.of(), List.of());
  }
}
