package org.lanternfish.respond;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Entities;

/**
 * Turns breaches and incident updates, as they are stored, into proposals for the {@link ActionLedger} by the
 * {@link ResponsePolicy}. It remembers each device's recent breaches for rules that need two of them (a network
 * breach and an integration alert on one device) and each open incident's last priority; that memory is plain data
 * ({@link #memory()}, {@link #incidentPriorities()}), so a host can save it with the ledger.
 */
public final class Responder {

  /** Integration alerts are breaches of these models. */
  private static final List<String> INTEGRATION_MODELS = List.of("defender-alert");

  /**
   * What the responder keeps of a recent breach: enough to answer a rule and to name the connection to block.
   *
   * @param id the breach's id
   * @param modelId its model
   * @param foldedModelIds the other models the same act matched, folded into this breach (none in state saved
   *     before folding)
   * @param category its model's category
   * @param ts when it happened, microseconds since the Unix epoch
   * @param score its score
   * @param device the device's id
   * @param address the device's address, or null
   * @param peer the other end's address, or null
   * @param port the service port, or 0
   */
  public record Remembered(String id, String modelId, List<String> foldedModelIds, String category, long ts,
      int score, String device, String address, String peer, int port) {

    /** Makes the list immutable. */
    public Remembered {
      foldedModelIds = foldedModelIds == null ? List.of() : List.copyOf(foldedModelIds);
    }

    static Remembered of(Breach b) {
      String port = b.entities().get(Entities.SERVICE_PORT);
      List<String> folded = b.modelIds().stream().filter(id -> !id.equals(b.modelId())).toList();
      return new Remembered(b.id(), b.modelId(), folded, b.category(), b.ts(), b.score(), b.device(),
          b.entities().get(Entities.DEVICE_IP), b.entities().get(Entities.PEER_ADDRESS),
          port == null ? 0 : Integer.parseInt(port));
    }

    boolean isIntegrationAlert() {
      return INTEGRATION_MODELS.contains(modelId);
    }
  }

  private final ResponsePolicy policy;
  private final long memoryMicros;
  private final Map<String, ArrayDeque<Remembered>> recent = new HashMap<>();
  /** Each open incident's priority when last seen, so a rule acts when the priority enters its band. */
  private final Map<String, Integer> incidentPriorities = new HashMap<>();
  private long newest = Long.MIN_VALUE;

  /** A responder applying {@code policy} with nothing remembered. */
  public Responder(ResponsePolicy policy) {
    this(policy, List.of(), Map.of());
  }

  /**
   * A responder applying {@code policy} that remembers {@code memory} and {@code incidents}, as {@link #memory()} and
   * {@link #incidentPriorities()} gave them.
   */
  public Responder(ResponsePolicy policy, Collection<Remembered> memory, Map<String, Integer> incidents) {
    this.policy = policy;
    this.incidentPriorities.putAll(incidents);
    this.memoryMicros = policy.rules().stream().mapToLong(ResponseRule::windowMicros).max().orElse(0);
    for (Remembered r : memory) {
      recent.computeIfAbsent(r.device(), d -> new ArrayDeque<>()).add(r);
      newest = Math.max(newest, r.ts());
    }
  }

  /** The breaches still within a rule's window of the newest one, oldest first per device. */
  public List<Remembered> memory() {
    List<Remembered> all = new ArrayList<>();
    for (ArrayDeque<Remembered> history : recent.values()) {
      history.stream().filter(r -> newest - r.ts() <= memoryMicros).forEach(all::add);
    }
    return all;
  }

  /** Each open incident's priority when last seen. */
  public Map<String, Integer> incidentPriorities() {
    return Map.copyOf(incidentPriorities);
  }

  /**
   * The actions an incident's update calls for: those of each incident rule whose band its {@code priority} has just
   * entered, on each of its devices ({@code addresses}: device id to its address), for the incident.
   */
  public List<ActionLedger.Proposal> onIncident(String incidentId, int priority, Map<String, String> addresses) {
    Integer before = incidentPriorities.put(incidentId, priority);
    List<ActionLedger.Proposal> proposals = new ArrayList<>();
    for (ResponseRule rule : policy.rules()) {
      if (!rule.incidents() || !rule.inBand(priority) || before != null && rule.inBand(before)) {
        continue;
      }
      for (Map.Entry<String, String> device : new TreeMap<>(addresses).entrySet()) {
        proposals.add(new ActionLedger.Proposal(rule.kind(), ActionTarget.device(device.getKey(), device.getValue()),
            List.of(incidentId), rule.durationMicros(), rule.escalating(), rule.autonomous(),
            "policy:" + rule.name(), List.of(), rule.isolation()));
      }
    }
    return proposals;
  }

  /** Forgets an incident merged into another. */
  public void onIncidentRetired(String incidentId) {
    incidentPriorities.remove(incidentId);
  }

  /** The actions that {@code breach}, with the device's recent breaches, calls for. */
  public List<ActionLedger.Proposal> onBreach(Breach breach) {
    Remembered now = Remembered.of(breach);
    newest = Math.max(newest, now.ts());
    ArrayDeque<Remembered> history = recent.computeIfAbsent(now.device(), d -> new ArrayDeque<>());
    for (Iterator<Remembered> it = history.iterator(); it.hasNext(); ) {
      if (Math.abs(now.ts() - it.next().ts()) > memoryMicros) {
        it.remove();
      }
    }
    List<ActionLedger.Proposal> proposals = new ArrayList<>();
    for (ResponseRule rule : policy.rules()) {
      if (rule.incidents()) {
        continue;
      }
      if (!rule.withIntegrationAlert()) {
        if (answers(rule, now)) {
          propose(rule, now, List.of(now.id()), proposals);
        }
        continue;
      }
      // The pair can complete either way round: the alert after the network breach, or before it.
      for (Remembered other : history) {
        if (Math.abs(now.ts() - other.ts()) > rule.windowMicros()) {
          continue;
        }
        if (now.isIntegrationAlert() && !other.isIntegrationAlert() && answers(rule, other)) {
          propose(rule, other, List.of(other.id(), now.id()), proposals);
        } else if (other.isIntegrationAlert() && !now.isIntegrationAlert() && answers(rule, now)) {
          propose(rule, now, List.of(now.id(), other.id()), proposals);
        }
      }
    }
    if (memoryMicros > 0) {
      history.add(now);
    } else if (history.isEmpty()) {
      recent.remove(now.device());
    }
    return proposals;
  }

  private static boolean answers(ResponseRule rule, Remembered b) {
    // A rule for a model answers an act that matched it, even when another model of the act leads the breach.
    List<String> models = new ArrayList<>(b.foldedModelIds());
    models.add(b.modelId());
    return rule.answers(models, b.category(), b.score());
  }

  /** An action on the connection or device behind {@code network}: its device, the other end and the service port. */
  private static void propose(ResponseRule rule, Remembered network, List<String> reasons,
      List<ActionLedger.Proposal> out) {
    if (network.address() == null) {
      return;
    }
    ActionTarget target;
    if (rule.kind() == ActionKind.BLOCK_CONNECTIONS) {
      if (network.peer() == null) {
        return;
      }
      target = new ActionTarget(network.device(), network.address(), network.peer(), network.port());
    } else {
      target = ActionTarget.device(network.device(), network.address());
    }
    out.add(new ActionLedger.Proposal(rule.kind(), target, reasons, rule.durationMicros(), rule.escalating(),
        rule.autonomous(), "policy:" + rule.name(), List.of(), rule.isolation()));
  }
}
