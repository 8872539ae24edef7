package org.lanternfish.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * Measures detection throughput and learned state per device on a synthetic network (not a test: run it by hand).
 *
 * <pre>java -cp ... org.lanternfish.detect.DetectionBenchmark DEVICES EVENTS_PER_DEVICE</pre>
 */
final class DetectionBenchmark {

  private DetectionBenchmark() {}

  /** A day of mixed traffic from {@code devices} clients to 50 servers, 2 DCs and 20,000 external sites. */
  static List<Event> traffic(int devices, int perDevice, long seed) {
    Random random = new Random(seed);
    List<Event> events = new ArrayList<>(devices * perDevice);
    long start = Traffic.START;
    long span = Traffic.DAY;
    int total = devices * perDevice;
    for (int k = 0; k < total; k++) {
      long ts = start + span * k / total;
      int d = random.nextInt(devices);
      String src = "10." + (d >> 16 & 255) + "." + (d >> 8 & 255) + "." + (d & 255);
      String uid = "C" + k;
      int kind = random.nextInt(100);
      if (kind < 45) {
        int server = random.nextInt(50);
        int port = new int[] {445, 443, 80, 389, 88, 135, 3389, 8080}[random.nextInt(8)];
        events.add(new ConnEvent(ts, uid, new FlowId(src, 50000, "172.16.0." + server, port), "tcp", null, 0.5,
            random.nextInt(5000), random.nextInt(200_000), "SF", true, true, 0, "ShADadFf", 5, 0, 5, 0, null, null,
            null, null));
      } else if (kind < 65) {
        int site = (int) Math.min(19_999, Math.abs(random.nextGaussian()) * 3000);
        events.add(new ConnEvent(ts, uid, new FlowId(src, 50001, "203.0." + (site >> 8) + "." + (site & 255), 443),
            "tcp", "ssl", 2.0, random.nextInt(20_000), random.nextInt(500_000), "SF", true, false, 0, "ShADadFf", 5,
            0, 5, 0, null, null, null, null));
      } else if (kind < 80) {
        int site = (int) Math.min(19_999, Math.abs(random.nextGaussian()) * 3000);
        events.add(new DnsEvent(ts, uid, new FlowId(src, 53001, "172.16.1.1", 53), "udp", 1, 0.01,
            "www.site" + site + ".com", 1, "A", 0, "NOERROR", false, true, true,
            List.of("203.0." + (site >> 8) + "." + (site & 255)), List.of(300.0), false));
      } else if (kind < 87) {
        events.add(new HttpEvent(ts, uid, new FlowId(src, 50002, "172.16.0." + random.nextInt(50), 80), 1, "GET",
            "intranet", "/", null, "1.1", "Mozilla/5.0 build " + random.nextInt(4), 0, 1000, 200, "OK", null, null));
      } else if (kind < 93) {
        int site = random.nextInt(20_000);
        events.add(new SslEvent(ts, uid, new FlowId(src, 50003, "203.0." + (site >> 8) + "." + (site & 255), 443),
            "TLSv13", null, "www.site" + site + ".com", false, true, null, null, null, null, null));
      } else if (kind < 97) {
        events.add(new KerberosEvent(ts, uid, new FlowId(src, 50004, "172.16.1.1", 88), "TGS",
            "user" + (d % 5000) + "/CORP", "cifs", true, null, null));
      } else if (kind < 99) {
        events.add(new SmbFileEvent(ts, uid, new FlowId(src, 50005, "172.16.0." + random.nextInt(50), 445), "F",
            "SMB::FILE_WRITE", "\\\\fs\\DATA", "Projects\\doc" + random.nextInt(100) + ".docx", 1000, null));
      } else {
        events.add(new DceRpcEvent(ts, uid, new FlowId(src, 50006, "172.16.1.1", 135), 0.001, "135", "samr",
            "SamrLookupNamesInDomain"));
      }
    }
    return events;
  }

  /** CPU time of the whole process (all shard threads, and the garbage collector), in nanoseconds. */
  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** CPU time of the calling thread (with one thread, all of detection runs on it), in nanoseconds. */
  private static long threadCpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  public static void main(String[] args) {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int perDevice = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    DetectConfig config = DetectConfig.defaults().withLearningDays(1);
    List<Event> events = traffic(devices, perDevice, 42);
    for (int threads : new int[] {1, 2}) {
      for (int round = 0; round < 2; round++) {
        long before = usedHeap();
        try (EmbeddedRunner runner = new EmbeddedRunner(config, threads)) {
          long cpu0 = cpu();
          long thread0 = threadCpu();
          long t0 = System.nanoTime();
          for (Event e : events) {
            runner.accept(e);
          }
          runner.flush();
          double seconds = (System.nanoTime() - t0) / 1e9;
          double cpuSeconds = (cpu() - cpu0) / 1e9;
          double threadSeconds = (threadCpu() - thread0) / 1e9;
          long heap = usedHeap() - before;
          int snapshot = runner.snapshot().length;
          System.out.printf("threads=%d round=%d devices=%d events=%d: %.0f events/s wall, %.0f events per CPU-second,"
                  + " %.0f per CPU-second of the calling thread, heap %d B/device, snapshot %d B/device%n", threads,
              round, runner.devices(), events.size(), events.size() / seconds, events.size() / cpuSeconds,
              events.size() / threadSeconds, heap / Math.max(1, runner.devices()),
              snapshot / Math.max(1, runner.devices()));
        }
      }
    }
  }
}
