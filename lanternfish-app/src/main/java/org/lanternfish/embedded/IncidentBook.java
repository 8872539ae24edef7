package org.lanternfish.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.lanternfish.analyst.Analyst;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.analyst.Incident;
import org.lanternfish.analyst.TradecraftProfiles;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.lanternfish.store.BreachLog;
import org.lanternfish.store.Commit;
import org.lanternfish.store.Incidents;
import org.lanternfish.store.IngestCheckpoint;
import org.lanternfish.store.LearnedState;
import org.lanternfish.store.StoredIncident;

/**
 * Keeps the stored incidents in step with the stored breaches, in the commit that stores the breaches. The AI Analyst
 * threads breaches one at a time ({@code onBreach}); its state is saved in the same commit (learned state
 * {@value #STATE_NAME}), settled up to a watermark a day behind the newest breach. Each commit restores that state
 * and threads only the breaches since the watermark, in time order, so the incidents are exactly those of threading
 * every stored breach in one batch. A breach older than the watermark (a record that arrived a day late) is threaded
 * with all the others again, from the start.
 */
public final class IncidentBook {
  /** The name under which the Analyst's settled state is kept in the store. */
  public static final String STATE_NAME = "analyst";
  /** How far behind the newest breach the settled state stays: breaches may arrive this late and still be cheap. */
  static final long SETTLE_BEHIND_MICROS = 86_400_000_000L;
  // Sorted maps: a breach read back from the store and one fresh from detection give the same incident text.
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final Instant END_OF_TIME = Instant.parse("2200-01-01T00:00:00Z");
  private static final Comparator<Breach> IN_TIME = Comparator.comparingLong(Breach::ts).thenComparing(Breach::id);

  private final BreachLog breaches;
  private final Incidents incidents;
  private final LearnedState learned;
  private final AnalystConfig config;
  private long rethreads;

  /**
   * A book over the stored {@code breaches}, {@code incidents} and the Analyst's state in {@code learned}, threaded
   * with the AI Analyst's {@code config}.
   */
  public IncidentBook(BreachLog breaches, Incidents incidents, LearnedState learned, AnalystConfig config) {
    this.breaches = breaches;
    this.incidents = incidents;
    this.learned = learned;
    this.config = config;
  }

  /**
   * One commit of {@code events}, {@code checkpoints}, {@code state} and the breaches {@code found} with them, and,
   * when there are new breaches, the incidents as they stand with them, those no longer standing, and the Analyst's
   * settled state.
   */
  public Commit commit(List<? extends Event> events, List<IngestCheckpoint> checkpoints, Map<String, byte[]> state,
      List<Breach> found) {
    if (found.isEmpty()) {
      return Commit.of(events, checkpoints, state);
    }
    Settled saved = settled();
    long oldest = found.stream().mapToLong(Breach::ts).min().orElseThrow();
    long newest = found.stream().mapToLong(Breach::ts).max().orElseThrow();
    Settled settled = saved;
    if (oldest < saved.watermark()) {
      // A late breach belongs before what is settled: thread everything again, as one batch would.
      settled = fresh();
      rethreads++;
    }
    Map<String, Breach> open = new LinkedHashMap<>();
    Instant from = settled.watermark() == Long.MIN_VALUE ? Instant.EPOCH : micros(settled.watermark());
    breaches.breaches(from, END_OF_TIME, 0).forEach(b -> open.put(b.id(), b));
    found.forEach(b -> open.putIfAbsent(b.id(), b));
    for (Breach b : open.values()) {
      newest = Math.max(newest, b.ts());
    }
    List<Breach> ordered = new ArrayList<>(open.values());
    ordered.sort(IN_TIME);

    long watermark = Math.max(settled.watermark(), newest - SETTLE_BEHIND_MICROS);
    Analyst analyst = settled.analyst();
    int i = 0;
    for (; i < ordered.size() && ordered.get(i).ts() < watermark; i++) {
      analyst.onBreach(ordered.get(i));
    }
    byte[] snapshot = analyst.snapshot();
    for (; i < ordered.size(); i++) {
      analyst.onBreach(ordered.get(i));
    }
    List<StoredIncident> threaded = analyst.incidents().stream().map(IncidentBook::stored).toList();
    Set<String> standing = threaded.stream().map(StoredIncident::id).collect(Collectors.toSet());
    List<String> retired = incidents.incidents(Integer.MIN_VALUE).stream().map(StoredIncident::id)
        .filter(id -> !standing.contains(id)).toList();
    Map<String, byte[]> withAnalyst = new LinkedHashMap<>(state);
    withAnalyst.put(STATE_NAME, ByteBuffer.allocate(8 + snapshot.length).putLong(watermark).put(snapshot).array());
    return new Commit(events, checkpoints, withAnalyst, found, threaded, retired);
  }

  /** How many commits had to thread every breach again because one arrived behind the settled state. */
  long rethreads() {
    return rethreads;
  }

  /**
   * The Analyst after every stored breach before the watermark, as the last commit saved it; a fresh one (nothing
   * settled) when there is none or it cannot be read (another format version): every breach is threaded again.
   */
  private Settled settled() {
    Optional<byte[]> saved = learned.state(STATE_NAME);
    if (saved.isPresent() && saved.get().length > 8) {
      ByteBuffer b = ByteBuffer.wrap(saved.get());
      long watermark = b.getLong();
      byte[] snapshot = new byte[b.remaining()];
      b.get(snapshot);
      try {
        return new Settled(watermark, Analyst.restore(snapshot, config, TradecraftProfiles.bundled()));
      } catch (IllegalArgumentException unreadable) {
        // Nothing is lost: the breaches are in the store and are threaded again from the start.
      }
    }
    return fresh();
  }

  private Settled fresh() {
    return new Settled(Long.MIN_VALUE, new Analyst(config, TradecraftProfiles.bundled()));
  }

  private static Instant micros(long ts) {
    return Instant.ofEpochSecond(Math.floorDiv(ts, 1_000_000L), Math.floorMod(ts, 1_000_000L) * 1_000L);
  }

  /**
   * The Analyst after every breach before {@code watermark}, in time order.
   *
   * @param watermark breaches at or after it are threaded anew by each commit ({@link Long#MIN_VALUE}: none settled)
   * @param analyst the Analyst holding them
   */
  private record Settled(long watermark, Analyst analyst) {}

  /** The incident as the store keeps it: sortable columns and the whole incident as JSON with sorted keys. */
  static StoredIncident stored(Incident incident) {
    try {
      return new StoredIncident(incident.id(), incident.title(), incident.priority(), incident.firstTs(),
          incident.lastTs(), incident.breaches().size(), incident.devices(), JSON.writeValueAsString(incident));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write incident " + incident.id() + " as JSON", e);
    }
  }
}
