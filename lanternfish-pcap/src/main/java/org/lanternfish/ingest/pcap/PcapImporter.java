package org.lanternfish.ingest.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.lanternfish.event.Event;

/**
 * Imports packet captures (pcap, pcapng) into the same typed events the Zeek reader produces, with
 * tshark as the dissector; the capture is streamed, never loaded into memory.
 *
 * <p>tshark itself keeps some state for every packet it has read (about half a kilobyte), so a
 * capture larger than {@link #SPLIT_BYTES} is first cut into chunks with editcap and each chunk gets
 * a fresh tshark, while Lanternfish's flow table carries on across chunks.
 */
public final class PcapImporter {

  /** Captures larger than this are dissected in chunks. */
  public static final long SPLIT_BYTES = 1L << 30;

  private static final int CHUNK_PACKETS = 1_000_000;

  private final String tsharkExecutable;
  private final Tshark tshark;
  private final FlowTimeouts timeouts;
  private final long splitBytes;
  private final int chunkPackets;

  /** An importer that runs {@code tshark} from the PATH with Zeek's flow timeouts. */
  public PcapImporter() {
    this("tshark", FlowTimeouts.ZEEK);
  }

  /** An importer that runs the given tshark executable with the given flow timeouts. */
  public PcapImporter(String tsharkExecutable, FlowTimeouts timeouts) {
    this(tsharkExecutable, timeouts, SPLIT_BYTES, CHUNK_PACKETS);
  }

  PcapImporter(String tsharkExecutable, FlowTimeouts timeouts, long splitBytes, int chunkPackets) {
    this.tsharkExecutable = tsharkExecutable;
    this.tshark = new Tshark(tsharkExecutable);
    this.timeouts = timeouts;
    this.splitBytes = splitBytes;
    this.chunkPackets = chunkPackets;
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
    long size;
    try {
      size = Files.isDirectory(capture) ? -1 : Files.size(capture);
    } catch (IOException e) {
      size = -1;
    }
    if (size < 0 || !Files.isReadable(capture)) {
      throw new PcapException(capture + ": not a readable file");
    }
    String source = capture.toString();
    long packetsBefore = report.packets();
    report.started();
    Dissection dissection = new Dissection(source, timeouts, sink, report);
    if (size > splitBytes) {
      readInChunks(capture, dissection, report, packetsBefore);
    } else {
      dissect(capture, source, dissection, report, packetsBefore);
    }
    dissection.finish();
    report.ended();
  }

  private void readInChunks(Path capture, Dissection dissection, PcapReport report, long packetsBefore) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("lanternfish-pcap-");
      Tshark editcap = new Tshark(siblingOfTshark("editcap"));
      Tshark.Running split = editcap.start(List.of(siblingOfTshark("editcap"), "-c", String.valueOf(chunkPackets),
          capture.toString(), dir.resolve("chunk.pcapng").toString()));
      if (split.waitFor() != 0) {
        split.messages().forEach(message -> report.error(capture + ": " + message));
      }
      List<Path> chunks;
      try (Stream<Path> files = Files.list(dir)) {
        chunks = files.sorted().toList();
      }
      for (Path chunk : chunks) {
        dissect(chunk, capture.toString(), dissection, report, packetsBefore);
        Files.delete(chunk);
      }
    } catch (IOException e) {
      throw new PcapException(capture + ": cannot split the capture into chunks: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PcapException(capture + ": interrupted while splitting the capture", e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private void dissect(Path file, String source, Dissection dissection, PcapReport report, long packetsBefore) {
    Tshark.Running running = tshark.start(tshark.readCommand(file));
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
    if (exitCode != 0) {
      List<String> messages = running.messages();
      String reason = messages.isEmpty() ? "tshark exited with code " + exitCode : String.join(" ", messages);
      if (report.packets() == packetsBefore) {
        throw new PcapException(source + ": tshark could not read the capture: " + reason);
      }
      report.error(source + ": " + reason + " (events before the damage were kept)");
    }
  }

  /** editcap ships beside tshark (Debian package wireshark-common, a dependency of tshark). */
  private String siblingOfTshark(String tool) {
    Path executable = Path.of(tsharkExecutable);
    Path dir = executable.getParent();
    return dir == null ? tool : dir.resolve(tool).toString();
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A leftover temporary chunk is harmless; the import result stands.
    }
  }
}
