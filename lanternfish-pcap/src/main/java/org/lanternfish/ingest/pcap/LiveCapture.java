package org.lanternfish.ingest.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lanternfish.event.Event;

/**
 * Captures on a network interface through tshark, keeping the packets in a ring of capture files, and
 * feeds the same pipeline as {@link PcapImporter} continuously; flows are written when they end or
 * time out.
 */
public final class LiveCapture implements AutoCloseable {

  private static final long SWEEP_PERIOD_MILLIS = 1000;
  private static final long STARTUP_TIMEOUT_MILLIS = 30_000;
  private static final long POLL_MILLIS = 50;

  private final Tshark.Running running;
  private final Dissection dissection;
  private final PcapReport report;
  private final Thread reader;
  private final ScheduledExecutorService sweeper;
  private final String source;
  private final AtomicBoolean tsharkMessagesReported = new AtomicBoolean();

  /**
   * Options of a live capture.
   *
   * @param tsharkExecutable the tshark to run
   * @param timeouts when idle and closed flows are written
   * @param ringFileKilobytes size of one ring file before tshark moves to the next
   * @param ringFiles number of ring files kept
   */
  public record Options(String tsharkExecutable, FlowTimeouts timeouts, int ringFileKilobytes, int ringFiles) {
    /** tshark from the PATH, Zeek's timeouts, and a ring of 10 files of 100 MB. */
    public static final Options DEFAULT = new Options("tshark", FlowTimeouts.ZEEK, 100_000, 10);
  }

  private LiveCapture(Tshark.Running running, Dissection dissection, PcapReport report, String iface) {
    this.running = running;
    this.dissection = dissection;
    this.report = report;
    this.source = "interface " + iface;
    this.reader = Thread.ofPlatform().name("lanternfish-capture-" + iface).start(this::pump);
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
        .name("lanternfish-capture-sweep-" + iface).unstarted(r));
    sweeper.scheduleAtFixedRate(this::sweep, SWEEP_PERIOD_MILLIS, SWEEP_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Starts capturing on {@code iface} with the default options; see {@link #start(String, Path, Consumer, Options)}. */
  public static LiveCapture start(String iface, Path ringDir, Consumer<Event> sink) {
    return start(iface, ringDir, sink, Options.DEFAULT);
  }

  /**
   * Starts capturing on {@code iface}, writing the ring files into {@code ringDir}; events reach
   * {@code sink} from the capture's own threads, one at a time.
   *
   * @throws PcapException when tshark is missing, cannot capture on the interface, or the ring directory cannot
   *     be created
   */
  public static LiveCapture start(String iface, Path ringDir, Consumer<Event> sink, Options options) {
    try {
      Files.createDirectories(ringDir);
    } catch (IOException e) {
      throw new PcapException("cannot create the capture ring directory " + ringDir + ": " + e.getMessage(), e);
    }
    Tshark tshark = new Tshark(options.tsharkExecutable());
    Set<Path> before = ringFiles(ringDir, iface);
    Tshark.Running running = tshark.start(tshark.liveCommand(
        iface, ringDir.resolve(iface + ".pcapng"), options.ringFileKilobytes(), options.ringFiles()));
    awaitCapturing(running, iface, ringDir, before);
    PcapReport report = new PcapReport();
    report.started();
    Dissection dissection = new Dissection("interface " + iface, options.timeouts(), sink, report);
    return new LiveCapture(running, dissection, report, iface);
  }

  /**
   * Waits until tshark has opened the interface, which its first ring file proves, so that a wrong
   * name or a missing permission fails here with tshark's own words instead of as a capture that
   * silently sees nothing.
   */
  private static void awaitCapturing(Tshark.Running running, String iface, Path ringDir, Set<Path> before) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STARTUP_TIMEOUT_MILLIS);
    try {
      while (System.nanoTime() < deadline) {
        if (running.process().waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          running.waitFor();
          throw new PcapException("cannot capture on interface " + iface + ": "
              + String.join(" ", running.messages()));
        }
        if (!ringFiles(ringDir, iface).equals(before)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      running.process().destroy();
      Thread.currentThread().interrupt();
      throw new PcapException("interrupted while starting the capture on " + iface, e);
    }
  }

  private static Set<Path> ringFiles(Path ringDir, String iface) {
    try (Stream<Path> files = Files.list(ringDir)) {
      return files.filter(f -> f.getFileName().toString().startsWith(iface + "_")).collect(Collectors.toSet());
    } catch (IOException e) {
      return Set.of();
    }
  }

  /** What the capture did so far. */
  public PcapReport report() {
    return report;
  }

  /** True while tshark is capturing. */
  public boolean isRunning() {
    return running.process().isAlive();
  }

  /** Stops tshark and writes every open flow; {@link #report()} then holds the final figures. */
  @Override
  public void close() {
    running.process().destroy();
    try {
      if (!running.process().waitFor(10, TimeUnit.SECONDS)) {
        running.process().destroyForcibly();
      }
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sweeper.shutdownNow();
    dissection.finish();
    report.ended();
    reportTsharkMessages();
  }

  /** Once tshark has ended, its complaints belong in the report, whether it was stopped or died. */
  private void reportTsharkMessages() {
    if (tsharkMessagesReported.compareAndSet(false, true)) {
      running.messages().stream().filter(m -> m.startsWith("tshark:")).forEach(report::error);
    }
  }

  private void pump() {
    try (InputStream output = running.process().getInputStream()) {
      dissection.pump(output);
      running.waitFor();
      reportTsharkMessages();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // Nobody would read tshark's output any more, so stop it rather than let it block.
      report.error(source + ": capture stopped: " + e);
      running.process().destroy();
    }
  }

  private void sweep() {
    try {
      dissection.sweep(nowMicros());
    } catch (RuntimeException e) {
      // A failed sweep must not cancel the schedule; the next one retries.
      report.error(source + ": writing idle flows failed: " + e);
    }
  }

  private static long nowMicros() {
    return System.currentTimeMillis() * 1000;
  }
}
