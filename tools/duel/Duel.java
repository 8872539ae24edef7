import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Compares the parse + detect speed of builds of Lanternfish in one JVM: each build is loaded by its own class
 * loader (its lanternfish.jar and lib/), and passes over the same logs alternate A B B A, so every pair of passes
 * sees the same machine. On a shared host whose speed drifts by 2x within minutes, separate runs cannot tell a 5%
 * change; paired passes can. Prints each build's records per CPU-second and the median of its paired ratios to the
 * first build.
 *
 * <p>Run with {@code tools/duel/duel LOGS ROUNDS BUILD_DIR...}, where each BUILD_DIR holds a copy of
 * {@code lanternfish-app/target/lanternfish.jar} and {@code lib/} (copy them aside before changing the code).
 */
public final class Duel {

  private record Build(String name, Object config, Constructor<?> runner, Method accept, Method flush,
      Method read, Constructor<?> report, Class<?> listener) {

    long pass(Path logs) throws Exception {
      long[] records = {0};
      try (AutoCloseable r = (AutoCloseable) runner.newInstance(config, 1)) {
        Consumer<Object> sink = e -> {
          records[0]++;
          try {
            accept.invoke(r, e);
          } catch (ReflectiveOperationException x) {
            throw new IllegalStateException(x);
          }
        };
        Object quiet = Proxy.newProxyInstance(listener.getClassLoader(), new Class<?>[] {listener}, (p, m, a) -> null);
        read.invoke(null, List.of(logs), sink, report.newInstance(), quiet);
        flush.invoke(r);
      }
      return records[0];
    }
  }

  private static Build load(Path dir) throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(dir.resolve("lanternfish.jar").toUri().toURL());
    try (Stream<Path> libs = Files.list(dir.resolve("lib"))) {
      // lib/ also holds DuckDB's native libraries, which are no class path entries.
      for (Path lib : libs.filter(lib -> lib.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(lib.toUri().toURL());
      }
    }
    ClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    Class<?> config = cl.loadClass("org.lanternfish.detect.DetectConfig");
    // Builds before the core's public API (December 2026) call the embedded runner EmbeddedRunner and its step accept.
    Class<?> runner;
    String step;
    try {
      runner = cl.loadClass("org.lanternfish.detect.embedded.EmbeddedDetector");
      step = "onEvent";
    } catch (ClassNotFoundException older) {
      runner = cl.loadClass("org.lanternfish.detect.EmbeddedRunner");
      step = "accept";
    }
    Class<?> event = cl.loadClass("org.lanternfish.event.Event");
    Class<?> reader = cl.loadClass("org.lanternfish.embedded.TimeOrderedReader");
    Class<?> report = cl.loadClass("org.lanternfish.ingest.IngestReport");
    Class<?> listener = cl.loadClass("org.lanternfish.embedded.TimeOrderedReader$FileListener");
    return new Build(dir.getFileName().toString(), config.getMethod("defaults").invoke(null),
        runner.getConstructor(config, int.class), runner.getMethod(step, event), runner.getMethod("flush"),
        reader.getMethod("read", List.class, Consumer.class, report, listener), report.getConstructor(), listener);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: Duel LOGS ROUNDS BUILD_DIR...");
      System.exit(2);
    }
    Path logs = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    List<Build> builds = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      builds.add(load(Path.of(args[i])));
    }
    int n = builds.size();
    double[][] rates = new double[rounds][n];
    for (int round = -2; round < rounds; round++) { // two warm-up rounds
      for (int k = 0; k < n; k++) {
        int b = Math.floorMod(round, 2) == 0 ? k : n - 1 - k;
        System.gc();
        long cpu = cpuNanos();
        long records = builds.get(b).pass(logs);
        double rate = records / ((cpuNanos() - cpu) / 1e9);
        if (round >= 0) {
          rates[round][b] = rate;
        }
      }
    }
    for (int b = 0; b < n; b++) {
      double[] ratios = new double[rounds];
      double sum = 0;
      StringBuilder each = new StringBuilder();
      for (int r = 0; r < rounds; r++) {
        ratios[r] = rates[r][b] / rates[r][0];
        sum += rates[r][b];
        each.append(String.format(" %,.0f", rates[r][b]));
      }
      Arrays.sort(ratios);
      System.out.printf("%-12s mean %,.0f records/CPU-s  median ratio to %s %.3f (middle half %.3f-%.3f)  [%s ]%n",
          builds.get(b).name(), sum / rounds, builds.get(0).name(), ratios[rounds / 2], ratios[rounds / 4],
          ratios[rounds - 1 - rounds / 4], each);
    }
  }
}
