package org.lanternfish.respond;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.lanternfish.breach.Entities;
import org.lanternfish.device.Subnet;
import org.lanternfish.store.ConnectionHistory;
import org.lanternfish.store.LearnedState;
import org.lanternfish.store.Outbox;
import org.lanternfish.store.OutboxEntry;
import org.lanternfish.store.StoredIncident;

/**
 * RESPOND as a service a process hosts: it reads breaches and incident updates from the outbox in sequence order,
 * proposes actions by the policy, and saves the ledger (with the responder's memory) and its outbox position in one
 * transaction before any backend hears of a new action, so {@code kill -9} at any moment neither repeats nor forgets
 * an action; on start and every minute it reconciles each backend with the ledger. A failing backend is retried with
 * growing pauses (1 s doubling to 5 min), reported by {@link #health()}, and never holds up detection, which only
 * {@link #wake wakes} this service after its commits. Analysts confirm, clear and extend actions through it.
 * Thread-safe.
 */
public final class ResponseService implements AutoCloseable {

  /** The outbox consumer name RESPOND advances. */
  public static final String CONSUMER = "respond";

  private static final long RECONCILE_EVERY_MICROS = 60_000_000L;
  /** An autonomous action on a breach older than this (or than its own duration) waits for confirmation. */
  static final long STALE_AFTER_MICROS = 3_600_000_000L;
  private static final long FIRST_RETRY_MICROS = 1_000_000L;
  private static final long LONGEST_RETRY_MICROS = 300_000_000L;
  private static final int READ_LIMIT = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The devices a group pattern of life takes as the device's peer group. */
  static final int PEER_GROUP_SIZE = 10;
  /** The most peers and ports a pattern of life leaves reachable (the most used first). */
  static final int USUAL_LIMIT = 1_000;

  private final Outbox outbox;
  private final ConnectionHistory history;
  private final List<String> hostAddresses;
  private final LongSupplier clock;
  private final Consumer<String> log;
  private volatile ResponseSettings settings;
  private ActionLedger ledger;
  private Responder responder;
  private final List<Backend> backends = new ArrayList<>();
  /** The policy file followed, or null when the settings were given once. */
  private PolicyFile policyFile;
  /** The text of the policy file last read, good or bad, so an edit is noticed once. */
  private String policyText;
  private final Object wakeUp = new Object();
  private long position;
  private boolean woken = true;
  private long wokenAtNanos;
  private volatile boolean stopping;
  private Thread thread;

  /** One backend and how it is doing. */
  private static final class Backend {
    final ResponseBackend backend;
    boolean installed;
    int failures;
    String lastError;
    long retryAt;
    /** When it last held exactly the ledger's actions; 0 before the first time. */
    long reconciledAt;

    Backend(ResponseBackend backend) {
      this.backend = backend;
    }
  }

  /**
   * A service over {@code outbox}, resuming from the state and position {@code state} and {@code outbox} hold, with
   * {@code settings}; {@code history} tells a pattern of life's usual peers and ports; {@code neverBlock} adds
   * addresses of this host; {@code clock} gives wall time in microseconds and {@code log} hears what it does (applied
   * actions with their latency, backend failures).
   */
  public ResponseService(Outbox outbox, LearnedState state, ConnectionHistory history, ResponseSettings settings,
      List<String> neverBlock, LongSupplier clock, Consumer<String> log) {
    this.outbox = outbox;
    this.history = history;
    this.settings = settings;
    this.hostAddresses = List.copyOf(neverBlock);
    this.clock = clock;
    this.log = log;
    RespondState saved = state.state(RespondState.NAME).map(RespondState::decode)
        .orElse(new RespondState(RespondState.VERSION, List.of(), List.of(), Map.of()));
    this.ledger = new ActionLedger(neverBlock(settings), Escalation.catchAndRelease(), saved.actions());
    this.responder = new Responder(settings.policy(), saved.memory(), saved.incidents());
    this.position = outbox.position(CONSUMER);
    settings.backends().forEach(b -> backends.add(new Backend(b)));
  }

  private NeverBlock neverBlock(ResponseSettings s) {
    List<String> protectedAddresses = new ArrayList<>(s.neverBlock());
    protectedAddresses.addAll(hostAddresses);
    return new NeverBlock(protectedAddresses);
  }

  /**
   * Follows {@code file}, whose current text made the settings this service was given: an edit is taken within a
   * second by the service's thread, or at once by {@link #reloadPolicy()}, without a restart.
   */
  public synchronized void follow(PolicyFile file) throws IOException {
    policyFile = file;
    policyText = file.text();
  }

  /**
   * Reads the followed policy file again and, when its text changed, runs with its settings from now on: the new
   * rules, never-block list and backends (a backend no longer named gives up what it holds); the ledger and the
   * responder's memory stay. A text with problems is reported through the log and the settings in force stay.
   * Returns true when new settings were taken.
   */
  public synchronized boolean reloadPolicy() {
    if (policyFile == null) {
      return false;
    }
    String text;
    try {
      text = policyFile.text();
    } catch (IOException e) {
      if (policyText != null) {
        log.accept("RESPOND: " + policyFile.path() + " cannot be read, keeping the policy in force: " + e.getMessage());
        policyText = null;
      }
      return false;
    }
    if (text.equals(policyText)) {
      return false;
    }
    policyText = text;
    ResponseSettings next;
    try {
      next = policyFile.settings(text);
    } catch (ResponseSettings.InvalidSettings e) {
      log.accept("RESPOND: the edited policy has problems, keeping the one in force:\n" + e.getMessage());
      return false;
    }
    reload(next);
    log.accept("RESPOND: took the edited " + policyFile.path() + ": " + next.policy().rules().size() + " rules, "
        + next.neverBlock().size() + " never-block entries, backends " + next.backends().stream()
        .map(ResponseBackend::name).toList());
    return true;
  }

  private void reload(ResponseSettings next) {
    long now = clock.getAsLong();
    List<String> kept = next.backends().stream().map(ResponseBackend::name).toList();
    for (Backend b : backends) {
      if (!kept.contains(b.backend.name())) {
        try {
          install(b);
          b.backend.reconcile(List.of(), now);
        } catch (RuntimeException e) {
          log.accept("RESPOND: " + b.backend.name() + ", no longer in the policy, could not give up what it holds: "
              + e.getMessage());
        }
      }
      b.backend.close();
    }
    backends.clear();
    next.backends().forEach(b -> backends.add(new Backend(b)));
    ledger = new ActionLedger(neverBlock(next), Escalation.catchAndRelease(), ledger.all());
    responder = new Responder(next.policy(), responder.memory(), responder.incidentPriorities());
    settings = next;
  }

  /** Wall time in microseconds since the Unix epoch. */
  public static long wallClock() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** Starts following the outbox on a thread of its own; {@link #close()} ends it. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("RESPOND was started already");
    }
    thread = new Thread(this::run, "lanternfish-respond");
    thread.setDaemon(true);
    thread.start();
  }

  /** Tells the service a commit just stored new outbox entries, so it reads them now rather than within a minute. */
  public void wake() {
    synchronized (wakeUp) {
      if (!woken) {
        wokenAtNanos = System.nanoTime();
      }
      woken = true;
      wakeUp.notifyAll();
    }
  }

  private void run() {
    long lastRead = 0;
    while (!stopping) {
      boolean read;
      long commitNanos;
      synchronized (wakeUp) {
        read = woken;
        commitNanos = wokenAtNanos;
        woken = false;
      }
      long now = clock.getAsLong();
      if (!read && now - lastRead >= RECONCILE_EVERY_MICROS) {
        read = true;
        commitNanos = 0;
      }
      try {
        step(read, commitNanos, now);
        if (read) {
          lastRead = now;
        }
      } catch (RuntimeException e) {
        log.accept("RESPOND: " + e.getMessage());
      }
      synchronized (wakeUp) {
        if (!woken && !stopping) {
          try {
            wakeUp.wait(1_000);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  /**
   * Does now, on the calling thread, what the service's thread does when woken: reads what the outbox holds, expires
   * what ran out, saves, and brings the backends along.
   */
  public void catchUp() {
    step(true, 0, clock.getAsLong());
  }

  /** Reads what the outbox holds (when {@code read}), expires what ran out, saves, and brings the backends along. */
  synchronized void step(boolean read, long commitNanos, long now) {
    reloadPolicy();
    List<Action> created = new ArrayList<>();
    boolean changed = false;
    long reached = position;
    if (read) {
      List<OutboxEntry> entries;
      do {
        entries = outbox.read(reached, READ_LIMIT);
        for (OutboxEntry entry : entries) {
          reached = entry.seq();
          if (entry instanceof OutboxEntry.BreachStored stored) {
            for (ActionLedger.Proposal p : responder.onBreach(stored.breach())) {
              decide(p, stored.breach().ts(), now, created);
            }
            changed = true;
          } else if (entry instanceof OutboxEntry.IncidentUpdated updated) {
            if (updated.incident().isEmpty()) {
              responder.onIncidentRetired(updated.incidentId());
            } else {
              StoredIncident incident = updated.incident().get();
              for (ActionLedger.Proposal p : responder.onIncident(incident.id(), incident.priority(),
                  addresses(incident))) {
                decide(p, incident.lastTs(), now, created);
              }
            }
            changed = true;
          }
        }
      } while (entries.size() == READ_LIMIT);
    }
    changed |= !ledger.expire(now).isEmpty();
    if (changed || reached != position) {
      save(reached);
    }
    // A backend counts each expiry from the time it is told, so that time is read just before telling it.
    for (Action a : created) {
      enforce(a, clock.getAsLong(), commitNanos);
    }
    for (Backend b : backends) {
      boolean due = b.failures > 0 ? now >= b.retryAt
          : b.reconciledAt == 0 || now - b.reconciledAt >= RECONCILE_EVERY_MICROS;
      if (due) {
        reconcile(b, clock.getAsLong());
      }
    }
  }

  /**
   * Puts a proposal asked for by what happened at {@code ts} to the ledger, adding to {@code created} an action it
   * makes and enforces at once.
   */
  private void decide(ActionLedger.Proposal proposed, long ts, long now, List<Action> created) {
    ActionLedger.Proposal p = stale(ts, proposed, now) ? proposed.awaitingConfirmation() : proposed;
    if (p.kind().isPatternOfLife()) {
      p = p.reaching(usual(p, ts));
    }
    ActionLedger.Decision d = ledger.propose(p, now);
    if (d.created() && d.action().state() == ActionState.ACTIVE) {
      created.add(d.action());
    }
  }

  /**
   * Each device of {@code incident} with the address its latest breach in the incident had: the incident keeps
   * whole breaches, which carry it as {@code device_ip}. A device none of whose breaches names one is left out.
   */
  static Map<String, String> addresses(StoredIncident incident) {
    Map<String, String> addresses = new HashMap<>();
    Map<String, Long> seen = new HashMap<>();
    JsonNode breaches;
    try {
      breaches = JSON.readTree(incident.json()).path("breaches");
    } catch (IOException e) {
      return Map.of();
    }
    for (JsonNode b : breaches) {
      String device = b.path("device").asText(null);
      String address = b.path("entities").path(Entities.DEVICE_IP).asText(null);
      long ts = b.path("ts").asLong();
      if (device != null && address != null && incident.devices().contains(device)
          && ts >= seen.getOrDefault(device, Long.MIN_VALUE)) {
        addresses.put(device, address);
        seen.put(device, ts);
      }
    }
    return addresses;
  }

  /** The peers and ports the device, or its peer group, used before the day of the breach at {@code breachTs}. */
  private List<Reachable> usual(ActionLedger.Proposal p, long breachTs) {
    return history.usual(p.target().address(), p.kind() == ActionKind.GROUP_PATTERN_OF_LIFE, PEER_GROUP_SIZE,
        breachTs, DryRun.DAYS, USUAL_LIMIT).stream().filter(t -> isAddress(t.peer()))
        .map(t -> new Reachable(t.peer(), t.port())).toList();
  }

  /** True for a plain IPv4 or IPv6 address, the only peer a firewall's set can hold. */
  private static boolean isAddress(String text) {
    try {
      return text.indexOf('/') < 0 && Subnet.parse(text) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void save(long reached) {
    outbox.advance(CONSUMER, reached, Map.of(RespondState.NAME, RespondState.of(ledger, responder).encode()));
    position = reached;
  }

  /**
   * A breach older than the action it asks for would already have run its course (logs of last month loaded into a
   * new store, a follower catching up after days down): acting at machine speed on it now would block today's
   * traffic for yesterday's events, so such an action waits for a person instead.
   */
  static boolean stale(long ts, ActionLedger.Proposal p, long now) {
    return p.autonomous() && now - ts > Math.max(p.durationMicros(), STALE_AFTER_MICROS);
  }

  private void enforce(Action a, long now, long commitNanos) {
    for (Backend b : backends) {
      if (b.failures > 0) {
        continue;
      }
      try {
        install(b);
        b.backend.apply(a, now);
        String latency = commitNanos == 0 ? "" : String.format(" %.3f s after its breach's commit",
            (System.nanoTime() - commitNanos) / 1e9);
        log.accept("RESPOND: " + a.id() + " " + a.kind().name().toLowerCase() + " " + a.target().describe()
            + " enforced by " + b.backend.name() + latency);
      } catch (RuntimeException e) {
        failed(b, e, now);
      }
    }
  }

  private void reconcile(Backend b, long now) {
    try {
      install(b);
      b.backend.reconcile(ledger.enforced(now), now);
      if (b.failures > 0) {
        log.accept("RESPOND: " + b.backend.name() + " is back after " + b.failures + " failures; it holds the"
            + " ledger's " + ledger.enforced(now).size() + " actions again");
      }
      b.failures = 0;
      b.lastError = null;
      b.reconciledAt = now;
    } catch (RuntimeException e) {
      failed(b, e, now);
    }
  }

  private static void install(Backend b) {
    if (!b.installed) {
      b.backend.install();
      b.installed = true;
    }
  }

  private void failed(Backend b, RuntimeException e, long now) {
    b.failures++;
    b.installed = false;
    b.lastError = e.getMessage();
    long pause = Math.min(LONGEST_RETRY_MICROS, FIRST_RETRY_MICROS << Math.min(20, b.failures - 1));
    b.retryAt = now + pause;
    log.accept("RESPOND: " + b.backend.name() + " failed (" + b.failures + " in a row), retrying in "
        + pause / 1_000_000 + " s: " + e.getMessage());
  }

  /** Every action in the ledger, oldest first. */
  public synchronized List<Action> actions() {
    return ledger.all();
  }

  /** The action with {@code id}; throws {@link IllegalArgumentException} when there is none. */
  public synchronized Action action(String id) {
    return ledger.get(id).orElseThrow(() -> new IllegalArgumentException("no action " + id));
  }

  /**
   * A person confirms a pending action: it is enforced from now for its full duration. Throws
   * {@link IllegalArgumentException} for an unknown action and {@link IllegalStateException} for one not pending.
   */
  public synchronized Action confirm(String id, String actor) {
    long now = clock.getAsLong();
    Action a = ledger.confirm(id, actor, now);
    save(position);
    enforce(a, clock.getAsLong(), 0);
    return a;
  }

  /** A person lifts an open action now, with a note; the same action for the same breaches is not proposed again. */
  public synchronized Action clear(String id, String actor, String note) {
    long now = clock.getAsLong();
    Action a = ledger.clear(id, actor, note, now);
    save(position);
    for (Backend b : backends) {
      if (b.failures == 0) {
        try {
          install(b);
          b.backend.release(a);
        } catch (RuntimeException e) {
          failed(b, e, now);
        }
      }
    }
    return a;
  }

  /** A person moves an open action's expiry {@code byMicros} later. */
  public synchronized Action extend(String id, long byMicros, String actor) {
    long now = clock.getAsLong();
    Action a = ledger.extend(id, byMicros, actor, now);
    save(position);
    if (a.state() == ActionState.ACTIVE) {
      enforce(a, clock.getAsLong(), 0);
    }
    return a;
  }

  /** How each backend is doing. */
  public synchronized List<BackendHealth> health() {
    List<BackendHealth> health = new ArrayList<>();
    for (Backend b : backends) {
      health.add(new BackendHealth(b.backend.name(), b.failures == 0, b.failures, b.lastError,
          b.reconciledAt == 0 ? null : instant(b.reconciledAt),
          b.failures == 0 ? null : instant(b.retryAt)));
    }
    return health;
  }

  /** The settings the service runs with. */
  public ResponseSettings settings() {
    return settings;
  }

  /** A time in microseconds since the Unix epoch as an instant. */
  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
  }

  /**
   * Stops the service's thread, if it runs, after it has read what the outbox holds by now, and lets go of the
   * backends (what they enforce stays).
   */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
    wake();
    Thread running;
    synchronized (this) {
      running = thread;
    }
    if (running != null) {
      running.join();
      try {
        catchUp();
      } catch (RuntimeException e) {
        log.accept("RESPOND: " + e.getMessage());
      }
    }
    for (Backend b : backends) {
      b.backend.close();
    }
  }
}
