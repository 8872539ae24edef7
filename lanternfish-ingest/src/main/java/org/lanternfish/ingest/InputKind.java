package org.lanternfish.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of input a file is, decided in this one place for every reader: a Zeek or Suricata log, a file of
 * Defender alerts, a packet capture (for tshark), or the simulator's ground truth, which sits beside its logs and
 * is not input. Names decide when they can (a capture's extension, a Zeek log's name); otherwise the file's first
 * bytes do.
 */
public enum InputKind {
  /** Zeek TSV or JSON, or Suricata EVE, read by {@link LogReader}. */
  LOG,
  /** Microsoft Graph {@code alerts_v2} alerts, read by {@link DefenderAlerts}. */
  DEFENDER_ALERTS,
  /** A pcap or pcapng capture, dissected by tshark. */
  CAPTURE,
  /** The simulator's {@code truth.json}, the answer key for {@code eval}; skipped with a one-line reason. */
  SIMULATOR_TRUTH;

  /** Why a {@link #SIMULATOR_TRUTH} file is not read, as ingest and analyze report it. */
  public static final String TRUTH_REASON = "the simulator's ground truth (for eval --truth), not a log";

  private static final int HEAD_BYTES = 1 << 16;
  private static final List<String> CAPTURE_EXTENSIONS =
      List.of(".pcap", ".pcapng", ".cap", ".pcap.gz", ".pcapng.gz");
  private static final Pattern LOG_NAME =
      Pattern.compile(".*\\.(log|json|ndjson|eve|labeled)(\\.gz)?$|.*\\.log\\..*", Pattern.CASE_INSENSITIVE);

  /** The kind of a file, reading its first bytes only when its name does not decide; unreadable files are LOG. */
  public static InputKind of(Path file) {
    if (capturedName(file)) {
      return CAPTURE;
    }
    if (DefenderAlerts.zeekNamed(file.toString())) {
      return LOG;
    }
    try (InputStream in = LogReader.open(file)) {
      byte[] head = in.readNBytes(HEAD_BYTES);
      if (captureMagic(head)) {
        return CAPTURE;
      }
      return of(file.toString(), head, head.length);
    } catch (IOException unreadable) {
      // The log reader opens it again and reports why it cannot, with the path.
      return LOG;
    }
  }

  /** The kind of a text file named {@code source} from its first {@code n} bytes, already read. */
  static InputKind of(String source, byte[] head, int n) {
    if (DefenderAlerts.looksLike(source, head, n)) {
      return DEFENDER_ALERTS;
    }
    String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
    if (name.equals("truth.json")) {
      String text = new String(head, 0, Math.min(n, 512), StandardCharsets.ISO_8859_1);
      if (text.contains("\"seed\"") && text.contains("\"scenarios\"")) {
        return SIMULATOR_TRUTH;
      }
    }
    return LOG;
  }

  /**
   * Whether a file found while walking a folder is worth opening: a log by its name ({@code .log}, {@code .json},
   * {@code .eve}, {@code .labeled}, optionally {@code .gz}, or rotated {@code *.log.*}) or a capture by its extension.
   * Hidden files are not.
   */
  public static boolean candidate(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".") && (LOG_NAME.matcher(name).matches() || capturedName(file));
  }

  /** Whether the name alone says capture: tshark reads these, the log reader never does. */
  static boolean capturedName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return CAPTURE_EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  /** The magic numbers of pcap (either byte order, micro or nanosecond) and pcapng. */
  private static boolean captureMagic(byte[] head) {
    if (head.length < 4) {
      return false;
    }
    int magic = (head[0] & 0xff) << 24 | (head[1] & 0xff) << 16 | (head[2] & 0xff) << 8 | head[3] & 0xff;
    return magic == 0xa1b2c3d4 || magic == 0xd4c3b2a1 || magic == 0xa1b23c4d || magic == 0x4d3cb2a1
        || magic == 0x0a0d0d0a;
  }
}
