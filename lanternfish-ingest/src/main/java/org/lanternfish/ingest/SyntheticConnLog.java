package org.lanternfish.ingest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a deterministic, realistic Zeek conn.log of any length (the 21 standard columns, IPv4 with some IPv6),
 * for the ingest benchmark and for tests that need volume. The same seed always gives the same bytes.
 */
public final class SyntheticConnLog {
  private static final String HEADER = """
      #separator \\x09
      #set_separator\t,
      #empty_field\t(empty)
      #unset_field\t-
      #path\tconn
      #open\t2024-01-01-00-00-00
      #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\t\
      resp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\t\
      resp_ip_bytes\ttunnel_parents
      #types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\t\
      count\tstring\tcount\tcount\tcount\tcount\tset[string]
      """;
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final int[] PORTS = {443, 80, 53, 123, 445, 389, 88, 135, 3389, 22, 8080, 5353};
  private static final String[] SERVICES = {"ssl", "http", "dns", "ntp", "smb", "ldap", "krb", "dce_rpc", "rdp", "ssh",
      "http", "dns"};
  private static final String[][] STATES = {{"SF", "ShADadFf"}, {"S0", "S"}, {"REJ", "Sr"}, {"SF", "Dd"},
      {"RSTO", "ShADadR"}, {"OTH", "^d"}};

  private SyntheticConnLog() {}

  /** Writes {@code lines} conn records to {@code file}, one second of traffic per ~2,000 lines. */
  public static void write(Path file, long lines, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    String[] internal = new String[500];
    for (int i = 0; i < internal.length; i++) {
      internal[i] = i % 10 == 9 ? "fd00:10:20::" + Integer.toHexString(i) : "10.1." + (i / 200) + "." + (i % 200 + 10);
    }
    String[] external = new String[5000];
    for (int i = 0; i < external.length; i++) {
      external[i] = i % 10 == 9 ? "2001:db8:" + Integer.toHexString(i) + "::" + Integer.toHexString(i % 97 + 1)
          : (random.nextInt(1, 224)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
    long micros = 1_704_067_200_000_000L;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
      StringBuilder line = new StringBuilder(256);
      char[] uid = new char[18];
      uid[0] = 'C';
      for (long n = 0; n < lines; n++) {
        micros += random.nextInt(1, 1000);
        int host = random.nextInt(internal.length);
        boolean v6 = internal[host].indexOf(':') >= 0;
        String resp;
        if (random.nextInt(4) == 0) {
          resp = internal[(host + 1 + random.nextInt(internal.length - 1)) % internal.length];
          resp = resp.indexOf(':') >= 0 == v6 ? resp : internal[host];
        } else {
          int pick = random.nextInt(external.length);
          resp = external[(pick - pick % 10) + (v6 ? 9 : pick % 9)];
        }
        int service = random.nextInt(PORTS.length);
        String[] state = STATES[random.nextInt(STATES.length)];
        boolean udp = PORTS[service] == 53 || PORTS[service] == 123 || PORTS[service] == 5353;
        boolean established = state[0].equals("SF") || state[0].equals("RSTO");
        long origBytes = established ? random.nextLong(40, 20_000) : 0;
        long respBytes = established ? random.nextLong(0, 2_000_000) : 0;
        long origPkts = 1 + origBytes / 1200 + random.nextInt(3);
        long respPkts = established ? 1 + respBytes / 1400 : state[0].equals("REJ") ? 1 : 0;
        for (int i = 1; i < uid.length; i++) {
          uid[i] = BASE62[random.nextInt(62)];
        }
        line.setLength(0);
        line.append(micros / 1_000_000).append('.');
        appendPadded(line, micros % 1_000_000);
        line.append('\t').append(uid).append('\t').append(internal[host]).append('\t')
            .append(random.nextInt(1024, 65536)).append('\t').append(resp).append('\t').append(PORTS[service])
            .append('\t').append(udp ? "udp" : "tcp").append('\t').append(established ? SERVICES[service] : "-")
            .append('\t');
        if (established) {
          long duration = random.nextLong(100, 120_000_000);
          line.append(duration / 1_000_000).append('.');
          appendPadded(line, duration % 1_000_000);
        } else {
          line.append('-');
        }
        line.append('\t').append(origBytes).append('\t').append(respBytes).append('\t')
            .append(udp && established ? "SF" : state[0]).append("\tT\t").append(resp.startsWith("10.")
                || resp.startsWith("fd00") ? 'T' : 'F').append("\t0\t").append(udp ? "Dd" : state[1]).append('\t')
            .append(origPkts).append('\t').append(origBytes + origPkts * 40).append('\t').append(respPkts)
            .append('\t').append(respBytes + respPkts * 40).append("\t(empty)\n");
        out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
      }
      out.write("#close\t2024-01-02-00-00-00\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static void appendPadded(StringBuilder out, long micros) {
    String digits = Long.toString(micros);
    for (int i = digits.length(); i < 6; i++) {
      out.append('0');
    }
    out.append(digits);
  }
}
