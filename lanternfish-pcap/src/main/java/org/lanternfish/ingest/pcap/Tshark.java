package org.lanternfish.ingest.pcap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts tshark with the field list Lanternfish reads, and collects what it says on stderr. */
final class Tshark {

  /** The Debian package that provides tshark, named in every "not found" error. */
  static final String PACKAGE = "tshark";

  private static final int MAX_STDERR_LINES = 50;
  /** Packets after which a long-running live tshark drops its dissection state, bounding its memory. */
  private static final int LIVE_SESSION_RESET_PACKETS = 500_000;

  private final String executable;

  Tshark(String executable) {
    this.executable = executable;
  }

  /** The command that dissects a capture file. */
  List<String> readCommand(Path capture) {
    List<String> command = new ArrayList<>(List.of(executable, "-r", capture.toString()));
    addOutputOptions(command);
    return command;
  }

  /** The command that captures on an interface into a ring of files while printing each packet. */
  List<String> liveCommand(String iface, Path ringFile, int fileKilobytes, int files) {
    List<String> command = new ArrayList<>(List.of(executable, "-i", iface, "-l", "-P",
        "-w", ringFile.toString(), "-b", "filesize:" + fileKilobytes, "-b", "files:" + files,
        "-M", String.valueOf(LIVE_SESSION_RESET_PACKETS)));
    addOutputOptions(command);
    return command;
  }

  /** Starts the command, with stderr drained on its own thread so tshark never blocks on it. */
  Running start(List<String> command) {
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new PcapException("'" + command.get(0) + "' was not found or cannot run (" + e.getMessage()
          + "). Lanternfish dissects captures with tshark and editcap: install the Debian package '" + PACKAGE
          + "' (apt-get install " + PACKAGE + ") or put tshark on the PATH.", e);
    }
    return new Running(process);
  }

  /**
   * Ports where TLS often runs but tshark 4.0 guesses another protocol or none; it has no TLS heuristic,
   * so TLS elsewhere (say on 8080) stays undecoded where Zeek's protocol detection would find it.
   */
  private static final List<String> TLS_PORTS = List.of("4433", "4443", "5986", "8531", "9443", "10443");

  private static void addOutputOptions(List<String> command) {
    for (String port : TLS_PORTS) {
      command.add("-d");
      command.add("tcp.port==" + port + ",tls");
    }
    command.addAll(List.of("-n", "-T", "fields", "-E", "header=n", "-E", "separator=/t", "-E", "quote=n",
        "-E", "occurrence=a", "-E", "aggregator=" + Field.AGGREGATOR));
    for (Field field : Field.values()) {
      command.add("-e");
      command.add(field.tsharkName);
    }
  }

  /** A started tshark and the messages it printed on stderr. */
  static final class Running {
    private final Process process;
    private final List<String> messages = new ArrayList<>();
    private final Thread stderrReader;

    private Running(Process process) {
      this.process = process;
      this.stderrReader = Thread.ofPlatform().daemon().name("tshark-stderr-" + process.pid()).start(this::drain);
    }

    Process process() {
      return process;
    }

    /** Waits for tshark to exit and returns its exit code. */
    int waitFor() throws InterruptedException {
      int code = process.waitFor();
      stderrReader.join();
      return code;
    }

    /** What tshark reported, without its start-up chatter. */
    synchronized List<String> messages() {
      return List.copyOf(messages);
    }

    private void drain() {
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          String message = line.strip();
          if (!message.isEmpty() && !isChatter(message)) {
            synchronized (this) {
              if (messages.size() < MAX_STDERR_LINES) {
                messages.add(message);
              }
            }
          }
        }
      } catch (IOException e) {
        synchronized (this) {
          messages.add("cannot read tshark's stderr: " + e.getMessage());
        }
      }
    }

    private static boolean isChatter(String line) {
      return line.startsWith("Running as user") || line.startsWith("Capturing on") || line.contains("[Main MESSAGE]")
          || line.endsWith("packets captured") || line.endsWith("packet captured") || line.equals("tshark:");
    }
  }
}
