package org.lanternfish.respond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ActionLedgerTest {

  private static final long MINUTE = 60_000_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long T0 = 1_700_000_000_000_000L;
  private static final ActionTarget CONNECTION = new ActionTarget("dev-7", "10.0.3.7", "10.0.0.20", 445);

  private static ActionLedger ledger() {
    return new ActionLedger(new NeverBlock(List.of("10.0.0.10", "10.0.0.53/32", "192.168.255.0/24")),
        Escalation.catchAndRelease());
  }

  private static ActionLedger.Proposal block(ActionTarget target, String breach, boolean autonomous) {
    return new ActionLedger.Proposal(ActionKind.BLOCK_CONNECTIONS, target, List.of(breach), 2 * HOUR, false,
        autonomous, "policy:s1");
  }

  @Test
  void propose_autonomous_isEnforcedForItsDurationThenExpires() {
    ActionLedger ledger = ledger();
    ActionLedger.Decision d = ledger.propose(block(CONNECTION, "b1", true), T0);

    assertThat(d.created()).isTrue();
    Action a = d.action();
    assertThat(a.state()).isEqualTo(ActionState.ACTIVE);
    assertThat(a.expiry() - a.start()).isEqualTo(2 * HOUR);
    assertThat(ledger.enforced(T0 + HOUR)).containsExactly(a);
    assertThat(ledger.expire(T0 + 2 * HOUR - 1)).isEmpty();
    assertThat(ledger.expire(T0 + 2 * HOUR)).extracting(Action::state).containsExactly(ActionState.EXPIRED);
    assertThat(ledger.enforced(T0 + 2 * HOUR)).isEmpty();
    assertThat(ledger.get(a.id()).orElseThrow().audit()).extracting(AuditEntry::change)
        .containsExactly("created and enforced", "expired");
  }

  @Test
  void propose_onTheNeverBlockList_isRefusedForDeviceAndPeer() {
    ActionLedger ledger = ledger();
    assertThat(ledger.propose(block(new ActionTarget("dc", "10.0.0.10", "8.8.8.8", 53), "b1", true), T0).refusal())
        .contains("10.0.0.10 is on the never-block list");
    assertThat(ledger.propose(block(new ActionTarget("pc", "10.0.3.7", "192.168.255.9", 0), "b1", true), T0)
        .refusal()).contains("192.168.255.9 is on the never-block list (192.168.255.0/24)");
    assertThat(ledger.all()).isEmpty();
  }

  @Test
  void propose_withConfirmation_waitsThenRunsItsFullDurationFromTheConfirmation() {
    ActionLedger ledger = ledger();
    Action pending = ledger.propose(block(CONNECTION, "b1", false), T0).action();
    assertThat(pending.state()).isEqualTo(ActionState.PENDING_CONFIRMATION);
    assertThat(ledger.enforced(T0)).isEmpty();

    Action confirmed = ledger.confirm(pending.id(), "alice", T0 + 30 * MINUTE);
    assertThat(confirmed.state()).isEqualTo(ActionState.ACTIVE);
    assertThat(confirmed.expiry()).isEqualTo(T0 + 30 * MINUTE + 2 * HOUR);
    assertThat(confirmed.audit()).extracting(AuditEntry::actor).containsExactly("policy:s1", "alice");
    assertThatThrownBy(() -> ledger.confirm(pending.id(), "bob", T0 + HOUR)).hasMessageContaining("not pending");
  }

  @Test
  void propose_whileTheSameActionIsInForce_joinsItInsteadOfDuplicating() {
    ActionLedger ledger = ledger();
    Action first = ledger.propose(block(CONNECTION, "b1", true), T0).action();
    ActionLedger.Decision again = ledger.propose(block(CONNECTION, "b2", true), T0 + MINUTE);

    assertThat(again.created()).isFalse();
    assertThat(again.action().id()).isEqualTo(first.id());
    assertThat(again.action().reasons()).containsExactly("b1", "b2");
    assertThat(ledger.all()).hasSize(1);
  }

  @Test
  void clear_suppressesTheSameActionForTheSameBreachUntilItWouldHaveExpired() {
    ActionLedger ledger = ledger();
    Action a = ledger.propose(block(CONNECTION, "b1", true), T0).action();
    ledger.clear(a.id(), "alice", "known maintenance", T0 + MINUTE);

    assertThat(ledger.enforced(T0 + MINUTE)).isEmpty();
    assertThat(ledger.propose(block(CONNECTION, "b1", true), T0 + HOUR).refusal())
        .contains("cleared by alice");
    assertThat(ledger.propose(block(CONNECTION, "b9", true), T0 + HOUR).created())
        .as("a new breach is a new reason").isTrue();
  }

  @Test
  void extend_movesTheExpiryAndIsAudited() {
    ActionLedger ledger = ledger();
    Action a = ledger.propose(block(CONNECTION, "b1", true), T0).action();
    Action extended = ledger.extend(a.id(), HOUR, "bob", T0 + MINUTE);
    assertThat(extended.expiry()).isEqualTo(T0 + 3 * HOUR);
    assertThat(extended.audit().get(1)).isEqualTo(new AuditEntry(T0 + MINUTE, "bob", "extended", "by 60 min"));
    assertThatThrownBy(() -> ledger.extend(a.id(), -1, "bob", T0)).hasMessageContaining("positive");
  }

  @Test
  void propose_escalating_holdsRepeatOffendersLongerEachTime() {
    ActionLedger ledger = ledger();
    ActionTarget device = ActionTarget.device("dev-7", "10.0.3.7");
    long now = T0;
    List<Long> durations = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Action a = ledger.propose(new ActionLedger.Proposal(ActionKind.BLOCK_OUTGOING, device, List.of("b" + i), 0,
          true, true, "policy:scan"), now).action();
      durations.add(a.expiry() - a.start());
      now = a.expiry();
      ledger.expire(now);
    }
    assertThat(durations).containsExactly(10 * MINUTE, HOUR, 24 * HOUR, 7 * 24 * HOUR, 7 * 24 * HOUR);

    Action fresh = ledger.propose(new ActionLedger.Proposal(ActionKind.BLOCK_OUTGOING, device, List.of("late"), 0,
        true, true, "policy:scan"), now + 31 * 24 * HOUR).action();
    assertThat(fresh.expiry() - fresh.start()).as("clean for the memory period: starts over").isEqualTo(10 * MINUTE);
  }
}
