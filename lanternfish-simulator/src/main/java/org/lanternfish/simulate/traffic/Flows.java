package org.lanternfish.simulate.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.zeek.LogRecord;
import org.lanternfish.simulate.zeek.ZeekLog;

/**
 * Emits the Zeek records of one connection at a time: the conn record and the protocol records that share its uid,
 * with byte counts that agree with each other.
 *
 * <p>Every uid and file id it makes can be captured into a list, which is how scenarios name their records in the
 * ground truth.
 */
public final class Flows {
  private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final long MICROS = 1_000_000L;

  private final SplittableRandom random;
  private final Consumer<LogRecord> sink;
  private long seq;
  private List<String> capture;

  /**
   * Creates flows drawing from {@code random} and handing every record to {@code sink}, numbering records from
   * {@code firstSeq} so that records of separate flows never tie.
   */
  public Flows(SplittableRandom random, Consumer<LogRecord> sink, long firstSeq) {
    this.random = random;
    this.sink = sink;
    this.seq = firstSeq;
  }

  /** The random source, shared with the callers that decide what happens. */
  public SplittableRandom random() {
    return random;
  }

  /** Starts adding every new uid and file id to {@code uids}; null stops. */
  public void capture(List<String> uids) {
    this.capture = uids;
  }

  /** A new connection uid in Zeek's form: {@code C} and 17 base-62 digits. */
  public String uid() {
    return id('C');
  }

  /** A new file id in Zeek's form: {@code F} and 17 base-62 digits. */
  public String fuid() {
    return id('F');
  }

  private String id(char prefix) {
    char[] chars = new char[18];
    chars[0] = prefix;
    long a = random.nextLong();
    long b = random.nextLong();
    for (int i = 1; i < 18; i++) {
      long bits = i < 10 ? a : b;
      chars[i] = BASE62[(int) Long.remainderUnsigned(bits >>> ((i % 9) * 6), 62)];
    }
    String id = new String(chars);
    if (capture != null) {
      capture.add(id);
    }
    return id;
  }

  /** An ephemeral client port as Windows picks them. */
  public int ephemeralPort() {
    return 49152 + random.nextInt(16384);
  }

  /** Emits a record of {@code log} at {@code ts} with the values of the columns after {@code ts}, in order. */
  public void emit(ZeekLog log, long ts, Object... values) {
    if (values.length + 1 != log.fields().size()) {
      throw new IllegalArgumentException(log + " takes " + (log.fields().size() - 1) + " values, got " + values.length);
    }
    Object[] row = new Object[values.length + 1];
    row[0] = ts;
    System.arraycopy(values, 0, row, 1, values.length);
    sink.accept(new LogRecord(ts, seq++, log, row));
  }

  /**
   * Emits a conn record and returns its uid; packet and IP byte counts follow from the payload bytes.
   *
   * @param state Zeek's conn_state, such as {@code SF} (normal close), {@code S0} (no answer), {@code REJ}
   */
  public String conn(
      String uid, long ts, Endpoints ep, String proto, String service, double duration, long origBytes,
      long respBytes, String state) {
    boolean tcp = proto.equals("tcp");
    long origPkts = packets(origBytes, tcp, state, true);
    long respPkts = state.equals("S0") ? 0 : packets(respBytes, tcp, state, false);
    int header = tcp ? 52 : 28;
    String history = history(tcp, state, origBytes, respBytes);
    emit(
        ZeekLog.CONN, ts, uid, ep.origHost(), ep.origPort(), ep.respHost(), ep.respPort(), proto, service,
        state.equals("S0") && tcp ? null : duration, tcp && state.equals("S0") ? null : origBytes,
        tcp && state.equals("S0") ? null : respBytes, state, Organisation.isLocal(ep.origHost()),
        Organisation.isLocal(ep.respHost()), 0L, history, origPkts, origBytes + origPkts * header, respPkts,
        respBytes + respPkts * header, List.of(), tcp ? 6L : 17L);
    return uid;
  }

  private static long packets(long bytes, boolean tcp, String state, boolean orig) {
    if (!tcp) {
      return Math.max(1, bytes / 1400 + (bytes > 0 ? 1 : 0));
    }
    if (state.equals("S0")) {
      return 1 + (orig ? 1 : 0);
    }
    if (state.equals("REJ")) {
      return 1;
    }
    return 3 + bytes / 1380 + (bytes % 1380 > 0 ? 1 : 0);
  }

  private static String history(boolean tcp, String state, long origBytes, long respBytes) {
    if (!tcp) {
      return respBytes > 0 ? "Dd" : "D";
    }
    return switch (state) {
      case "S0" -> "S";
      case "REJ" -> "Sr";
      case "RSTO" -> origBytes > 0 ? "ShADadR" : "ShR";
      default -> origBytes > 0 && respBytes > 0 ? "ShADadFf" : origBytes > 0 ? "ShADaFf" : "ShAFf";
    };
  }

  /** Time a connection of {@code duration} seconds ends, in microseconds. */
  public static long end(long ts, double duration) {
    return ts + (long) (duration * MICROS);
  }

  /** Emits a DNS lookup (conn and dns record) of {@code query} answered with {@code answers}; returns the uid. */
  public String dns(long ts, String client, String resolver, String query, String qtype, List<String> answers) {
    String uid = uid();
    Endpoints ep = new Endpoints(client, ephemeralPort(), resolver, 53);
    double rtt = 0.0005 + random.nextDouble() * (Organisation.isLocal(resolver) ? 0.002 : 0.04);
    long question = 17 + query.length();
    long answer = answers.isEmpty() ? question : question + answers.stream().mapToLong(a -> 12 + a.length()).sum();
    conn(uid, ts, ep, "udp", "dns", rtt, question, answer, "SF");
    int rcode = answers.isEmpty() ? 3 : 0;
    List<Double> ttls = new ArrayList<>(answers.size());
    for (int i = 0; i < answers.size(); i++) {
      ttls.add((double) (60 + random.nextInt(3540)));
    }
    emit(
        ZeekLog.DNS, ts, uid, client, ep.origPort(), resolver, 53, "udp", (long) random.nextInt(65536), rtt, query,
        1L, "C_INTERNET", qtypeCode(qtype), qtype, (long) rcode, rcode == 0 ? "NOERROR" : "NXDOMAIN", false, false,
        true, true, 0L, answers, ttls, false, 0L, "query");
    return uid;
  }

  private static long qtypeCode(String qtype) {
    return switch (qtype) {
      case "A" -> 1;
      case "CNAME" -> 5;
      case "MX" -> 15;
      case "PTR" -> 12;
      case "TXT" -> 16;
      case "AAAA" -> 28;
      case "SRV" -> 33;
      default -> 255;
    };
  }

  /**
   * Emits a TLS connection (conn and ssl record, and an x509 record when {@code withCertificate}); returns the uid.
   *
   * @param sni the server name the client asked for, or null
   */
  public String tls(
      long ts, Endpoints ep, String sni, double duration, long origBytes, long respBytes, boolean withCertificate,
      String validation) {
    String uid = uid();
    String fingerprint = Certificates.fingerprint(sni == null ? ep.respHost() : sni);
    conn(uid, ts, ep, "tcp", "ssl", duration, Math.max(origBytes, 517), Math.max(respBytes, 2400), "SF");
    emit(
        ZeekLog.SSL, ts, uid, ep.origHost(), ep.origPort(), ep.respHost(), ep.respPort(), "TLSv13",
        "TLS_AES_256_GCM_SHA384", "x25519", sni, false, null, null, true, "CsiI",
        withCertificate ? List.of(fingerprint) : List.of(), List.of(), sni == null ? null : true, validation);
    if (withCertificate) {
      Certificates.x509(this, ts, fingerprint, sni == null ? ep.respHost() : sni);
    }
    return uid;
  }

  /**
   * Emits one HTTP request and response (conn, http, and a files record when the response has a body).
   *
   * @return the uid of the connection
   */
  public String http(long ts, Endpoints ep, HttpExchange x) {
    String uid = uid();
    double duration = 0.02 + random.nextDouble() * 0.5 + (x.requestBody() + x.responseBody()) / 2e7;
    long origBytes = 180 + x.host().length() + x.uri().length() + x.userAgent().length() + x.requestBody();
    long respBytes = 220 + x.responseBody();
    conn(uid, ts, ep, "tcp", "http", duration, origBytes, respBytes, "SF");
    String fuid = x.responseBody() > 0 ? fuid() : null;
    String origFuid = x.requestBody() > 0 ? fuid() : null;
    emit(
        ZeekLog.HTTP, ts, uid, ep.origHost(), ep.origPort(), ep.respHost(), ep.respPort(), 1L, x.method(), x.host(),
        x.uri(), null, "1.1", x.userAgent(), null, x.requestBody(), x.responseBody(), (long) x.status(),
        statusMessage(x.status()), null, null, List.of(), x.username(), null, null,
        origFuid == null ? null : List.of(origFuid), null, null, fuid == null ? null : List.of(fuid), null,
        fuid == null ? null : List.of(x.mimeType()));
    long done = end(ts, duration);
    if (origFuid != null) {
      file(done, origFuid, uid, ep, "HTTP", "application/octet-stream", null, true, x.requestBody());
    }
    if (fuid != null) {
      file(done, fuid, uid, ep, "HTTP", x.mimeType(), null, false, x.responseBody());
    }
    return uid;
  }

  private static String statusMessage(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 304 -> "Not Modified";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      default -> "Other";
    };
  }

  /** Emits a files record for {@code bytes} moved over connection {@code uid}; {@code isOrig} when sent by the originator. */
  public void file(
      long ts, String fuid, String uid, Endpoints ep, String source, String mime, String name, boolean isOrig,
      long bytes) {
    // Hashes follow the content (name and size), so the same payload dropped on many hosts hashes the same.
    String content = (name == null ? mime : name) + "/" + bytes;
    emit(
        ZeekLog.FILES, ts, fuid, uid, ep.origHost(), ep.origPort(), ep.respHost(), ep.respPort(), source, 0L,
        List.of("MD5", "SHA1", "SHA256"), mime, name, 0.001 + bytes / 5e7, Organisation.isLocal(ep.origHost()),
        isOrig, bytes, bytes, 0L, 0L, false, null, Certificates.fingerprint("md5:" + content).substring(0, 32),
        Certificates.fingerprint("sha1:" + content).substring(0, 40), Certificates.fingerprint(content));
  }

  /** Emits a weird record, Zeek's note of odd protocol behaviour. */
  public void weird(long ts, String uid, Endpoints ep, String name, String source) {
    emit(
        ZeekLog.WEIRD, ts, uid, ep == null ? null : ep.origHost(), ep == null ? null : ep.origPort(),
        ep == null ? null : ep.respHost(), ep == null ? null : ep.respPort(), name, null, false, "zeek", source);
  }

  /** Emits a notice record raised by a Zeek policy script about the connection {@code uid}. */
  public void notice(long ts, String uid, Endpoints ep, String note, String msg, String sub) {
    emit(
        ZeekLog.NOTICE, ts, uid, ep.origHost(), ep.origPort(), ep.respHost(), ep.respPort(), null, null, null, "tcp",
        note, msg, sub, ep.origHost(), ep.respHost(), ep.respPort(), null, "zeek", List.of("Notice::ACTION_LOG"),
        List.of(), 3600.0, null, null, null, null, null);
  }
}
