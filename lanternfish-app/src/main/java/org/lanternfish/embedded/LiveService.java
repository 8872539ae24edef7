package org.lanternfish.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.lanternfish.breach.Breach;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.event.Event;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.tail.DirectoryTail;
import org.lanternfish.ingest.tail.TailPosition;
import org.lanternfish.store.CommitLog;
import org.lanternfish.store.EventStore;
import org.lanternfish.store.IngestCheckpoint;

/**
 * Live detection of a Zeek {@code current/} directory as a service a process can host: it tails the logs, puts
 * their lines into one time order ({@link LiveMerge}), runs them through detection and every few seconds writes the events read, the positions reached, the learned state, the breaches
 * found and the incidents they change as one commit, so a restart (even after {@code kill -9}) resumes exactly.
 *
 * <p>When no line arrives the service sends heartbeats: event time moves on by the wall time the input has been
 * silent (from the last event's time, never backwards), so a live sensor's epochs close on time. After
 * {@link #QUIET_NANOS} of silence it also closes the open epoch: Zeek flushes its logs every second, so a
 * silent input has no line in flight for that epoch except records of connections still open, which arrive late
 * whenever they come, as they do in a batch read. Replayed old logs therefore surface their last breaches a few
 * seconds after the input stops, not an epoch of wall time later.
 */
public final class LiveService implements AutoCloseable {
  /**
   * The learned-state name of the time of the latest line fed to detection, so a restart on a silent directory can
   * still close that line's epoch (and only that one: heartbeats beyond it are not replayed).
   */
  public static final String CLOCK_STATE = "live-clock";
  /** Silence after which event time follows the wall clock. */
  static final long HEARTBEAT_NANOS = 1_000_000_000L;
  /** Silence after which the open epoch is closed. */
  static final long QUIET_NANOS = 3_000_000_000L;
  /** Commits happen at least this often while lines arrive (and sooner when many events wait). */
  private static final long COMMIT_EVERY_NANOS = 2_000_000_000L;
  private static final int COMMIT_EVENTS = 100_000;
  private static final long POLL_MILLIS = 200;

  private final EventStore store;
  private final Path directory;
  private final String prefix;
  private final LiveDetection detection;
  private final IncidentBook incidents;
  private final IngestReport report;
  private final Consumer<? super Event> observer;
  private final Consumer<LiveStatus> onCommit;
  private final LiveMerge merge = new LiveMerge();
  private final List<Event> pending = new ArrayList<>();
  private final Map<String, IngestCheckpoint> reached = new TreeMap<>();
  private final List<AlertSource> alertSources = new CopyOnWriteArrayList<>();
  /** The alert sources' positions taken since the last commit. */
  private final Map<String, byte[]> sourceState = new TreeMap<>();

  private volatile boolean stopping;
  private volatile LiveStatus status;
  private Thread thread;
  /** The latest time of a line read, microseconds. */
  private long lineTime = Long.MIN_VALUE;
  /** Event time as detection has it: the latest line's, or later after heartbeats. */
  private long eventTime = Long.MIN_VALUE;
  private long breaches;

  /**
   * A service tailing {@code directory} into {@code store}, detecting with {@code config} (and the services Defender
   * reports vulnerable in {@code store}, {@link VulnerableServiceFacts}) on {@code threads} shards
   * from the learned state the store holds and threading incidents with {@code analyst}; {@code observer} sees every event read and {@code onCommit} the status
   * after each commit.
   */
  public LiveService(EventStore store, Path directory, DetectConfig config, AnalystConfig analyst, int threads,
      IngestReport report, Consumer<? super Event> observer, Consumer<LiveStatus> onCommit) {
    this.store = store;
    this.directory = directory;
    this.prefix = directory.toAbsolutePath().normalize() + "/";
    // Defender's CVEs as of its last refresh: traffic to a vulnerable service scores higher (read at each start).
    this.detection = new LiveDetection(config.withVulnerableServices(VulnerableServiceFacts.of(store)), threads,
        store.state(LiveDetection.STATE_NAME));
    this.incidents = new IncidentBook(store, store, store, analyst);
    this.report = report;
    this.observer = observer;
    this.onCommit = onCommit;
    store.state(CLOCK_STATE).ifPresent(bytes -> {
      lineTime = ByteBuffer.wrap(bytes).getLong();
      eventTime = lineTime;
    });
    this.status = new LiveStatus(false, 0, 0, 0, 0, Optional.empty(), 0, detection.devices(), detection.events());
  }

  /** Why the stored learned state was not restored, when it was not. */
  public Optional<String> restoreWarning() {
    return detection.restoreWarning();
  }

  /**
   * Also takes alerts from {@code source} (such as the Defender poller) between reads of the logs; call before
   * {@link #start()} or {@link #run}.
   */
  public void addAlertSource(AlertSource source) {
    alertSources.add(source);
  }

  /** Starts following on a thread of its own; {@link #stop()} ends it. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("the live service for " + directory + " was started already");
    }
    thread = new Thread(() -> run(-1), "lanternfish-live " + directory.getFileName());
    thread.start();
  }

  /** Commits what was read and stops; returns once the last commit is stored. */
  public void stop() throws InterruptedException {
    stopping = true;
    awaitStop();
  }

  /** Waits until the service started by {@link #start()} has stopped. */
  public void awaitStop() throws InterruptedException {
    Thread running;
    synchronized (this) {
      running = thread;
    }
    if (running != null) {
      running.join();
    }
  }

  /** Where the service stands: running, counters, lag and the last commit. */
  public LiveStatus status() {
    return status;
  }

  /**
   * Follows on the calling thread until {@link #stop()}, or until no line arrived for {@code exitWhenIdleNanos}
   * (never when negative): then the input counts as ended, the open epoch is closed and its breaches committed.
   */
  public void run(long exitWhenIdleNanos) {
    try (DirectoryTail tail = new DirectoryTail(directory,
        name -> store.checkpoint(prefix + name).map(LiveService::position),
        merge::add, report)) {
      status = status.running(true);
      long lastLine = System.nanoTime();
      long lastCommit = lastLine;
      while (true) {
        long watermark = merge.seen();
        long read = tail.poll();
        release(watermark);
        takeAlerts();
        long now = System.nanoTime();
        if (read > 0) {
          lastLine = now;
        } else {
          heartbeat(now - lastLine);
        }
        boolean idle = exitWhenIdleNanos >= 0 && now - lastLine >= exitWhenIdleNanos;
        if (idle || stopping) {
          release(Long.MAX_VALUE);
          if (idle) {
            // Without a line read since the learned state was saved by a batch ingest, only the alerts fed while
            // the logs were silent wait to be judged.
            detection.advanceTo(lineTime == Long.MIN_VALUE ? Long.MIN_VALUE : detection.epochEnd(lineTime));
          }
          commit(now, lastCommit);
          return;
        }
        if (detection.hasBreaches() || !sourceState.isEmpty() || !reached.isEmpty()
            && (now - lastCommit >= COMMIT_EVERY_NANOS || pending.size() >= COMMIT_EVENTS)) {
          commit(now, lastCommit);
          lastCommit = now;
        }
        // Between commits the file is let go, so search, stats and incidents in other processes can open it.
        store.release();
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot follow " + directory, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      status = status.running(false);
    }
  }

  /** Feeds detection the lines the merge releases up to {@code watermark}, and notes how far each log got. */
  private void release(long watermark) {
    merge.release(watermark, event -> {
      observer.accept(event);
      lineTime = Math.max(lineTime, event.ts());
      eventTime = Math.max(eventTime, event.ts());
      detection.accept(event);
      pending.add(event);
    });
    merge.takeReached().forEach((source, position) -> reached.put(source, checkpoint(position)));
  }

  /**
   * Feeds detection the new alerts of every alert source and keeps their later versions and positions for the
   * next commit. Alerts do not move event time: an alert is reported minutes after the activity it tells of.
   */
  private void takeAlerts() {
    for (AlertSource source : alertSources) {
      source.take().ifPresent(fetched -> {
        for (Event alert : fetched.detect()) {
          observer.accept(alert);
          detection.accept(alert);
          pending.add(alert);
        }
        pending.addAll(fetched.storeOnly());
        sourceState.putAll(fetched.state());
      });
    }
  }

  /** Moves event time on by the silence so far, and closes the open epoch once the input has been quiet. */
  private void heartbeat(long silentNanos) {
    if (silentNanos < HEARTBEAT_NANOS || lineTime == Long.MIN_VALUE) {
      return;
    }
    long target = lineTime + silentNanos / 1_000;
    if (silentNanos >= QUIET_NANOS) {
      target = Math.max(target, detection.epochEnd(lineTime));
    }
    if (target > eventTime) {
      eventTime = target;
      detection.advanceTo(target);
    }
  }

  private void commit(long now, long lastCommit) {
    if (reached.isEmpty() && !detection.hasBreaches() && sourceState.isEmpty()) {
      return;
    }
    List<Breach> found = detection.takeBreaches();
    Map<String, byte[]> state = new TreeMap<>(sourceState);
    state.put(LiveDetection.STATE_NAME, detection.snapshot());
    state.put(CLOCK_STATE, ByteBuffer.allocate(Long.BYTES).putLong(lineTime).array());
    CommitLog.Committed committed = store.commit(incidents.commit(pending, List.copyOf(reached.values()), state,
        found));
    breaches += found.size();
    double seconds = Math.max(1e-9, (now - lastCommit) / 1e9);
    long lagMicros = eventTime == Long.MIN_VALUE ? 0 : currentMicros() - eventTime;
    status = new LiveStatus(!stopping, report.totalRecords(), pending.size() / seconds, lagMicros,
        committed.lastSeq(), Optional.of(Instant.now()), breaches, detection.devices(), detection.events());
    pending.clear();
    reached.clear();
    sourceState.clear();
    onCommit.accept(status);
  }

  private static long currentMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  private static TailPosition position(IngestCheckpoint checkpoint) {
    String source = checkpoint.source().substring(checkpoint.source().lastIndexOf('/') + 1);
    return new TailPosition(source, checkpoint.fileKey(), checkpoint.byteOffset(), checkpoint.lineNumber(),
        checkpoint.headHash());
  }

  private IngestCheckpoint checkpoint(TailPosition position) {
    return new IngestCheckpoint(prefix + position.source(), position.fileKey(), position.headHash(), position.offset(),
        position.line());
  }

  /** Stops the service if it runs and releases the detection core. */
  @Override
  public void close() throws InterruptedException {
    stop();
    detection.close();
  }
}
