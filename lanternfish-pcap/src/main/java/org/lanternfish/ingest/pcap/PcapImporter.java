package org.lanternfish.ingest.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.lanternfish.event.Event;

/**
 * Imports packet captures (pcap, pcapng) into the same typed events the Zeek reader produces, with
 * tshark as the dissector; the capture is streamed, never loaded into memory.
 */
public final class PcapImporter {

  private static final List<String> EXTENSIONS = List.of(".pcap", ".pcapng", ".cap", ".pcap.gz", ".pcapng.gz");

  private final Tshark tshark;
  private final FlowTimeouts timeouts;

  /** An importer that runs {@code tshark} from the PATH with Zeek's flow timeouts. */
  public PcapImporter() {
    this("tshark", FlowTimeouts.ZEEK);
  }

  /** An importer that runs the given tshark executable with the given flow timeouts. */
  public PcapImporter(String tsharkExecutable, FlowTimeouts timeouts) {
    this.tshark = new Tshark(tsharkExecutable);
    this.timeouts = timeouts;
  }

  /** True when the file name looks like a packet capture, so callers can route it here. */
  public static boolean isCapture(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  /** Imports one capture and returns what it did; see {@link #read(Path, Consumer, PcapReport)}. */
  public PcapReport read(Path capture, Consumer<Event> sink) {
    PcapReport report = new PcapReport();
    read(capture, sink, report);
    return report;
  }

  /**
   * Imports one capture, sending every event to {@code sink} on the calling thread.
   *
   * <p>A capture cut short or damaged part-way keeps every event read before the damage; tshark's
   * message lands in {@link PcapReport#errors()}.
   *
   * @throws PcapException when tshark is missing, or the file is unreadable or yields no packet at all
   */
  public void read(Path capture, Consumer<Event> sink, PcapReport report) {
    if (!Files.isReadable(capture) || Files.isDirectory(capture)) {
      throw new PcapException(capture + ": not a readable file");
    }
    String source = capture.toString();
    long packetsBefore = report.packets();
    report.started();
    Tshark.Running running = tshark.start(tshark.readCommand(capture));
    Dissection dissection = new Dissection(source, timeouts, sink, report);
    int exitCode;
    try (InputStream output = running.process().getInputStream()) {
      dissection.pump(output);
      exitCode = running.waitFor();
    } catch (IOException e) {
      throw new PcapException(source + ": cannot read tshark's output: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PcapException(source + ": interrupted while tshark was reading the capture", e);
    } finally {
      running.process().destroy();
    }
    dissection.finish();
    report.ended();
    if (exitCode != 0) {
      List<String> messages = running.messages();
      String reason = messages.isEmpty() ? "tshark exited with code " + exitCode : String.join(" ", messages);
      if (report.packets() == packetsBefore) {
        throw new PcapException(source + ": tshark could not read the capture: " + reason);
      }
      report.error(source + ": " + reason + " (events before the damage were kept)");
    }
  }
}
