package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.respond.Action;
import org.lanternfish.respond.ActionState;
import org.lanternfish.respond.RespondState;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.respond.nftables.Namespaces;
import org.lanternfish.store.DuckDbEventStore;

/**
 * RESPOND end to end on a real kernel firewall: a live {@code lanternfish ingest --follow} child process sees a
 * connection to a watch-listed server, and its block lands in the gateway namespace's nftables set; the blocked port
 * fails while the other works; {@code kill -9} of Lanternfish leaves the block to expire on time in the kernel; a
 * restart repairs the kernel's set from the ledger without a second action.
 */
final class RespondFirewallTest {
  private static final String TABLE = "lfrespond";
  private static final String ELEMENT = Namespaces.CLIENT_IP + " . " + Namespaces.SERVER_IP + " . 8080";
  private static final Pattern LATENCY = Pattern.compile("enforced by nftables ([0-9.]+) s after its breach's commit");

  @TempDir Path temp;

  @Test
  void breachBlocksItsPort_killNineLeavesTheExpiryToTheKernel_restartNeitherDuplicatesNorForgets() throws Exception {
    assumeTrue(Namespaces.available(),
        "needs root, iproute2 and nftables (.ci/run installs them): skipping RESPOND's end-to-end firewall test");
    try (Namespaces network = new Namespaces("lr", 8080, 9090)) {
      Path live = Files.createDirectories(temp.resolve("current"));
      Path data = Files.createDirectories(temp.resolve("data"));
      Files.writeString(data.resolve("config.toml"), "internal_networks = [\"10.199.1.0/24\"]\n"
          + "watch_lists = [\"iocs.csv\"]\n");
      Files.writeString(data.resolve("iocs.csv"), Namespaces.SERVER_IP + ",test command server\n");
      Files.writeString(data.resolve("respond.conf"), """
          rule: watch-list-block
          models: ioc-match
          action: block_connections
          duration: 20s
          mode: autonomous

          backend: nftables
          table: %s
          command: %s
          """.formatted(TABLE, String.join(" ", network.inGateway())));
      append(live.resolve("conn.log"), IngestFollowCrashTest.CONN_HEADER);

      Process follower = follow(live, data);
      awaitTable(network);
      assertThat(network.reaches(8080)).as("before the breach").isTrue();

      long appended = System.nanoTime();
      double now = System.currentTimeMillis() / 1000.0;
      append(live.resolve("conn.log"), String.format(
          "%.6f\tCrespond1\t%s\t50000\t%s\t8080\ttcp\t-\t0.5\t100\t200\tSF%n", now, Namespaces.CLIENT_IP,
          Namespaces.SERVER_IP));
      while (!network.elements(TABLE, "conn4").contains(ELEMENT)) {
        assertThat(System.nanoTime() - appended).as("the block reached the kernel's set")
            .isLessThan(TimeUnit.SECONDS.toNanos(60));
        Thread.sleep(10);
      }
      double endToEnd = (System.nanoTime() - appended) / 1e9;
      assertThat(network.reaches(8080)).as("the blocked port").isFalse();
      assertThat(network.reaches(9090)).as("another port of the same server").isTrue();
      Matcher latency = LATENCY.matcher(output(data));
      assertThat(latency.find()).as("the follower reports its latency: " + output(data)).isTrue();
      System.out.printf("RESPOND latency: breach commit to kernel set %s s (in-process); log line appended to"
          + " element in the set %.3f s (end to end)%n", latency.group(1), endToEnd);

      follower.destroyForcibly().waitFor();
      Action block = onlyAction(data);
      assertThat(block.state()).isEqualTo(ActionState.ACTIVE);

      // Drift while Lanternfish is down: the kernel lost the element. A restart puts it back, once.
      network.inGateway("nft flush set inet " + TABLE + " conn4");
      assertThat(network.reaches(8080)).as("after the drift").isTrue();
      follower = follow(live, data);
      long restarted = System.nanoTime();
      while (!network.elements(TABLE, "conn4").contains(ELEMENT)) {
        assertThat(System.nanoTime() - restarted).as("the restart reconciled the kernel's set")
            .isLessThan(TimeUnit.SECONDS.toNanos(60));
        Thread.sleep(20);
      }
      assertThat(network.elements(TABLE, "conn4")).as("held once").containsExactly(ELEMENT);
      assertThat(network.reaches(8080)).isFalse();
      follower.destroyForcibly().waitFor();
      Action afterRestart = onlyAction(data);
      assertThat(afterRestart).as("neither duplicated nor changed by the restart").isEqualTo(block);

      // Nothing of Lanternfish runs now: the kernel lifts the block at the ledger's expiry.
      long untilExpiry = block.expiry() - ResponseService.wallClock();
      assertThat(untilExpiry).as("time left of the block").isGreaterThan(1_500_000);
      TimeUnit.MICROSECONDS.sleep(untilExpiry - 1_500_000);
      assertThat(network.reaches(8080)).as("just before the expiry").isFalse();
      // The kernel counts the element's timeout from when nft handed it over, a moment after the ledger's clock.
      TimeUnit.MICROSECONDS.sleep(Math.max(0, block.expiry() - ResponseService.wallClock()) + 1_000_000);
      assertThat(network.reaches(8080)).as("after the expiry, with Lanternfish dead").isTrue();
      assertThat(network.elements(TABLE, "conn4")).isEmpty();

      // A last run finds it expired and proposes nothing new for the old breach.
      Process last = follow(live, data, "--exit-when-idle", "2");
      assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(onlyAction(data).state()).isEqualTo(ActionState.EXPIRED);
      assertThat(network.reaches(8080)).isTrue();
    }
  }

  private static Action onlyAction(Path data) {
    try (DuckDbEventStore store = DuckDbEventStore.openReadOnly(data)) {
      List<Action> actions = RespondState.decode(store.state(RespondState.NAME).orElseThrow()).actions();
      assertThat(actions).hasSize(1);
      return actions.get(0);
    }
  }

  private static void awaitTable(Namespaces network) throws Exception {
    long start = System.nanoTime();
    while (true) {
      Process p = new ProcessBuilder("ip", "netns", "exec", network.gateway(), "nft", "list", "table", "inet", TABLE)
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() == 0) {
        return;
      }
      assertThat(System.nanoTime() - start).as("RESPOND installed its table").isLessThan(TimeUnit.SECONDS.toNanos(60));
      Thread.sleep(50);
    }
  }

  private static Process follow(Path live, Path data, String... more) throws IOException {
    List<String> arguments = new ArrayList<>(List.of("ingest", "--follow", live.toString(), "--data-dir",
        data.toString(), "--learning-days", "1", "--threads", "1"));
    arguments.addAll(List.of(more));
    return LanternfishProcess.start(data.resolveSibling("follower.out"), arguments);
  }

  private static String output(Path data) throws IOException {
    return Files.readString(data.resolveSibling("follower.out"));
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
