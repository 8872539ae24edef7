package org.lanternfish.respond.defender;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lanternfish.microsoft.defender.MachineAction;
import org.lanternfish.microsoft.defender.MachineActions;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.respond.Action;
import org.lanternfish.respond.ActionKind;
import org.lanternfish.respond.BackendException;
import org.lanternfish.respond.ResponseBackend;
import org.lanternfish.respond.ResponseService;

/**
 * Quarantine through Microsoft Defender for Endpoint: a quarantined device's Defender machine (found by its last
 * address) is isolated, fully or selectively as {@code respond.conf} chooses, and released when the action expires
 * or is cleared. Defender's isolation has no expiry of its own, so the release is the ledger's: {@link #reconcile}
 * releases every machine Lanternfish isolated that no enforced action holds any more (expired while Lanternfish
 * was down included), and isolates every one that should be but is not. Lanternfish's isolations carry a comment
 * starting {@value #MARK}, so a machine an analyst isolated by hand is never released. Each request's machine
 * action is followed until Defender finishes it; one that fails is a {@link BackendException} the service retries.
 * Other kinds of action are not Defender's to enforce.
 */
public final class DefenderIsolation implements ResponseBackend {

  /** How Lanternfish's isolations and releases begin their comment. */
  static final String MARK = "Lanternfish RESPOND";

  /** Opens the Defender API when the backend is installed (reading the client secret, which may fail). */
  @FunctionalInterface
  public interface Connection {
    /** The machine actions API. */
    MachineActions open() throws IOException;
  }

  private final Connection connection;
  private final MachineActions.Isolation isolation;
  private final Map<String, String> machineByAddress = new HashMap<>();
  private MachineActions api;

  /** A backend that isolates as {@code isolation} says through the API {@code connection} opens. */
  public DefenderIsolation(Connection connection, MachineActions.Isolation isolation) {
    this.connection = connection;
    this.isolation = isolation;
  }

  @Override
  public String name() {
    return "defender " + isolation.name().toLowerCase(java.util.Locale.ROOT) + " isolation";
  }

  @Override
  public synchronized void install() {
    if (api == null) {
      try {
        api = connection.open();
      } catch (IOException e) {
        throw new BackendException("Defender isolation cannot connect: " + e.getMessage());
      }
    }
  }

  @Override
  public synchronized void apply(Action action, long now) {
    if (action.kind() != ActionKind.QUARANTINE) {
      return;
    }
    call(() -> {
      String machine = machine(action.target().address());
      if (!isolatedNow(latest(machine))) {
        isolate(machine, action);
      }
    });
  }

  @Override
  public synchronized void release(Action action) {
    if (action.kind() != ActionKind.QUARANTINE) {
      return;
    }
    call(() -> {
      String machine = machine(action.target().address());
      Optional<MachineAction> last = latest(machine);
      if (isolatedNow(last) && ours(last.get())) {
        release(machine, "released: action " + action.id() + " was cleared");
      }
    });
  }

  @Override
  public synchronized void reconcile(List<Action> enforced, long now) {
    call(() -> {
      Map<String, Action> wanted = new LinkedHashMap<>();
      List<String> problems = new ArrayList<>();
      for (Action a : enforced) {
        if (a.kind() == ActionKind.QUARANTINE) {
          try {
            wanted.putIfAbsent(machine(a.target().address()), a);
          } catch (BackendException e) {
            problems.add(e.getMessage());
          }
        }
      }
      Map<String, MachineAction> latest = latestByMachine(api.isolations());
      for (Map.Entry<String, Action> w : wanted.entrySet()) {
        if (!isolatedNow(Optional.ofNullable(latest.get(w.getKey())))) {
          attempt(problems, () -> isolate(w.getKey(), w.getValue()));
        }
      }
      for (MachineAction last : latest.values()) {
        if (isolatedNow(Optional.of(last)) && ours(last) && !wanted.containsKey(last.machineId())) {
          attempt(problems, () -> release(last.machineId(), "released: no action holds it any more"));
        }
      }
      if (!problems.isEmpty()) {
        throw new BackendException(String.join("; ", problems));
      }
    });
  }

  private void isolate(String machine, Action action) throws ApiFailure, InterruptedException {
    MachineActions.Isolation how = action.isolation() != null ? action.isolation() : isolation;
    MachineAction done = api.awaitFinished(api.isolate(machine, how, MARK + " action " + action.id() + ": "
        + action.target().describe() + " until " + ResponseService.instant(action.expiry()) + " (breaches "
        + String.join(", ", action.reasons()) + ")"));
    if (done.unsuccessful()) {
      throw new BackendException("Defender did not isolate machine " + machine + " (" + action.target().address()
          + "): action " + done.id() + " " + done.status());
    }
  }

  private void release(String machine, String why) throws ApiFailure, InterruptedException {
    MachineAction done = api.awaitFinished(api.release(machine, MARK + " " + why));
    if (done.unsuccessful()) {
      throw new BackendException("Defender did not release machine " + machine + ": action " + done.id() + " "
          + done.status());
    }
  }

  /** The Defender machine at {@code address}, remembered once found. */
  private String machine(String address) throws ApiFailure, InterruptedException {
    String known = machineByAddress.get(address);
    if (known != null) {
      return known;
    }
    String found = api.machineAt(address).orElseThrow(() -> new BackendException("Defender knows no machine whose"
        + " last address is " + address));
    machineByAddress.put(address, found);
    return found;
  }

  private Optional<MachineAction> latest(String machine) throws ApiFailure, InterruptedException {
    return Optional.ofNullable(latestByMachine(api.isolations()).get(machine));
  }

  /** Each machine's latest isolation or release that took (or may still take) effect. */
  private static Map<String, MachineAction> latestByMachine(List<MachineAction> actions) {
    Map<String, MachineAction> latest = new HashMap<>();
    actions.stream().filter(a -> !a.unsuccessful() && a.machineId() != null)
        .sorted(Comparator.comparing(MachineAction::created))
        .forEach(a -> latest.put(a.machineId(), a));
    return latest;
  }

  /** True when the machine's latest isolation action isolates it (or is about to). */
  private static boolean isolatedNow(Optional<MachineAction> last) {
    return last.isPresent() && last.get().type().equals("isolate");
  }

  private static boolean ours(MachineAction a) {
    return a.comment() != null && a.comment().startsWith(MARK);
  }

  private interface Call {
    void run() throws ApiFailure, InterruptedException;
  }

  private static void attempt(List<String> problems, Call call) throws InterruptedException {
    try {
      call.run();
    } catch (ApiFailure | BackendException e) {
      problems.add(e.getMessage());
    }
  }

  private void call(Call call) {
    if (api == null) {
      throw new BackendException("Defender isolation is not installed");
    }
    try {
      call.run();
    } catch (ApiFailure e) {
      throw new BackendException(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("Defender isolation interrupted");
    }
  }
}
