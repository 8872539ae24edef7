package org.lanternfish.respond;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Entities;

/**
 * Turns breaches, as they are stored, into proposals for the {@link ActionLedger} by the {@link ResponsePolicy}. It
 * remembers each device's recent breaches for rules that need two of them (a network breach and an integration
 * alert on one device); plain state, no I/O.
 */
public final class Responder {

  /** Integration alerts are breaches of these models. */
  private static final List<String> INTEGRATION_MODELS = List.of("defender-alert");

  private final ResponsePolicy policy;
  private final long memoryMicros;
  private final Map<String, ArrayDeque<Breach>> recent = new HashMap<>();

  /** A responder applying {@code policy}. */
  public Responder(ResponsePolicy policy) {
    this.policy = policy;
    this.memoryMicros = policy.rules().stream().mapToLong(ResponseRule::windowMicros).max().orElse(0);
  }

  /** The actions that {@code breach}, with the device's recent breaches, calls for. */
  public List<ActionLedger.Proposal> onBreach(Breach breach) {
    ArrayDeque<Breach> history = recent.computeIfAbsent(breach.device(), d -> new ArrayDeque<>());
    for (Iterator<Breach> it = history.iterator(); it.hasNext(); ) {
      if (Math.abs(breach.ts() - it.next().ts()) > memoryMicros) {
        it.remove();
      }
    }
    List<ActionLedger.Proposal> proposals = new ArrayList<>();
    for (ResponseRule rule : policy.rules()) {
      if (!rule.withIntegrationAlert()) {
        if (answers(rule, breach)) {
          block(rule, breach, List.of(breach.id()), proposals);
        }
        continue;
      }
      // The pair can complete either way round: the alert after the network breach, or before it.
      for (Breach other : history) {
        if (Math.abs(breach.ts() - other.ts()) > rule.windowMicros()) {
          continue;
        }
        if (isIntegrationAlert(breach) && !isIntegrationAlert(other) && answers(rule, other)) {
          block(rule, other, List.of(other.id(), breach.id()), proposals);
        } else if (isIntegrationAlert(other) && !isIntegrationAlert(breach) && answers(rule, breach)) {
          block(rule, breach, List.of(breach.id(), other.id()), proposals);
        }
      }
    }
    history.add(breach);
    return proposals;
  }

  private static boolean isIntegrationAlert(Breach b) {
    return INTEGRATION_MODELS.contains(b.modelId());
  }

  private static boolean answers(ResponseRule rule, Breach b) {
    return b.score() >= rule.minScore() && (rule.modelIds().isEmpty() || rule.modelIds().contains(b.modelId()));
  }

  /** A block of the connection behind {@code network}: its device, the other end and the service port. */
  private static void block(ResponseRule rule, Breach network, List<String> reasons,
      List<ActionLedger.Proposal> out) {
    String address = network.entities().get(Entities.DEVICE_IP);
    String peer = network.entities().get(Entities.PEER_ADDRESS);
    String port = network.entities().get(Entities.SERVICE_PORT);
    ActionTarget target;
    if (rule.kind() == ActionKind.BLOCK_CONNECTIONS) {
      if (address == null || peer == null) {
        return;
      }
      target = new ActionTarget(network.device(), address, peer, port == null ? 0 : Integer.parseInt(port));
    } else {
      if (address == null) {
        return;
      }
      target = ActionTarget.device(network.device(), address);
    }
    out.add(new ActionLedger.Proposal(rule.kind(), target, reasons, rule.durationMicros(), rule.escalating(),
        rule.autonomous(), "policy:" + rule.name()));
  }
}
