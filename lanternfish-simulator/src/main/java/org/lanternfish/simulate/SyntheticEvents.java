package org.lanternfish.simulate;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SslEvent;

/**
 * A day of mixed traffic from any number of clients, made directly as events (no organisation, no log files), to
 * load the detection core with many devices cheaply: 50 internal servers, a DC and 20,000 external sites, with
 * connections, DNS, HTTP, TLS, Kerberos, SMB writes and DCE-RPC in fixed proportions.
 */
public final class SyntheticEvents {
  private static final long DAY = 86_400_000_000L;
  private static final int[] INTERNAL_PORTS = {445, 443, 80, 389, 88, 135, 3389, 8080};

  private SyntheticEvents() {}

  /**
   * Hands {@code devices * perDevice} events in time order to {@code sink}, each from a device drawn at random
   * ({@code 10.x.y.z}); the same seed gives the same events.
   */
  public static void generate(int devices, int perDevice, long seed, Consumer<? super Event> sink) {
    if (devices < 1 || perDevice < 1) {
      throw new IllegalArgumentException("devices and events per device must be at least 1");
    }
    Random random = new Random(seed);
    long start = SimulationConfig.DEFAULT_START.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    long total = (long) devices * perDevice;
    for (long k = 0; k < total; k++) {
      sink.accept(event(random, devices, start + DAY * k / total, "C" + k));
    }
  }

  private static Event event(Random random, int devices, long ts, String uid) {
    int d = random.nextInt(devices);
    String src = "10." + (d >> 16 & 255) + "." + (d >> 8 & 255) + "." + (d & 255);
    int kind = random.nextInt(100);
    if (kind < 45) {
      int server = random.nextInt(50);
      int port = INTERNAL_PORTS[random.nextInt(INTERNAL_PORTS.length)];
      return new ConnEvent(ts, uid, new FlowId(src, 50000, "172.16.0." + server, port), "tcp", null, 0.5,
          random.nextInt(5000), random.nextInt(200_000), "SF", true, true, 0, "ShADadFf", 5, 0, 5, 0, null, null,
          null, null);
    }
    if (kind < 65) {
      String site = site((int) Math.min(19_999, Math.abs(random.nextGaussian()) * 3000));
      return new ConnEvent(ts, uid, new FlowId(src, 50001, site, 443), "tcp", "ssl", 2.0, random.nextInt(20_000),
          random.nextInt(500_000), "SF", true, false, 0, "ShADadFf", 5, 0, 5, 0, null, null, null, null);
    }
    if (kind < 80) {
      int site = (int) Math.min(19_999, Math.abs(random.nextGaussian()) * 3000);
      return new DnsEvent(ts, uid, new FlowId(src, 53001, "172.16.1.1", 53), "udp", 1, 0.01,
          "www.site" + site + ".com", 1, "A", 0, "NOERROR", false, true, true, List.of(site(site)), List.of(300.0),
          false);
    }
    if (kind < 87) {
      return new HttpEvent(ts, uid, new FlowId(src, 50002, "172.16.0." + random.nextInt(50), 80), 1, "GET",
          "intranet", "/", null, "1.1", "Mozilla/5.0 build " + random.nextInt(4), 0, 1000, 200, "OK", null, null);
    }
    if (kind < 93) {
      int site = random.nextInt(20_000);
      return new SslEvent(ts, uid, new FlowId(src, 50003, site(site), 443), "TLSv13", null,
          "www.site" + site + ".com", false, true, null, null, null, null, null);
    }
    if (kind < 97) {
      return new KerberosEvent(ts, uid, new FlowId(src, 50004, "172.16.1.1", 88), "TGS",
          "user" + (d % 5000) + "/CORP", "cifs", true, null, null);
    }
    if (kind < 99) {
      return new SmbFileEvent(ts, uid, new FlowId(src, 50005, "172.16.0." + random.nextInt(50), 445), "F",
          "SMB::FILE_WRITE", "\\\\fs\\DATA", "Projects\\doc" + random.nextInt(100) + ".docx", 1000, null);
    }
    return new DceRpcEvent(ts, uid, new FlowId(src, 50006, "172.16.1.1", 135), 0.001, "135", "samr",
        "SamrLookupNamesInDomain");
  }

  private static String site(int site) {
    return "203.0." + (site >> 8) + "." + (site & 255);
  }
}
