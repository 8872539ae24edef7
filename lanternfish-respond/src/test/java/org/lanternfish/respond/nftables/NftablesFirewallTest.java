package org.lanternfish.respond.nftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lanternfish.respond.Action;
import org.lanternfish.respond.ActionKind;
import org.lanternfish.respond.ActionLedger;
import org.lanternfish.respond.ActionTarget;
import org.lanternfish.respond.Escalation;
import org.lanternfish.respond.NeverBlock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RESPOND on a real kernel firewall: a client namespace reaches a server namespace through a gateway namespace on two
 * ports; blocks go into the gateway's nftables sets and the kernel expires them on its own.
 */
final class NftablesFirewallTest {

  private static final String NS = "lf" + ProcessHandle.current().pid() % 100_000;
  private static final String CLIENT = NS + "c";
  private static final String GATEWAY = NS + "g";
  private static final String SERVER = NS + "s";
  private static final String CLIENT_IP = "10.199.1.2";
  private static final String SERVER_IP = "10.199.2.2";
  private static final long SECOND = 1_000_000L;
  private static Process listener;

  @BeforeAll
  static void network() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    assumeTrue(root && onPath("ip") && onPath("nft"),
        "needs root, iproute2 and nftables (.ci/run installs them): skipping the real firewall test");
    for (String ns : List.of(CLIENT, GATEWAY, SERVER)) {
      sh("ip netns add " + ns);
      sh("ip -n " + ns + " link set lo up");
    }
    sh("ip link add " + NS + "a type veth peer name " + NS + "b");
    sh("ip link set " + NS + "a netns " + CLIENT);
    sh("ip link set " + NS + "b netns " + GATEWAY);
    sh("ip link add " + NS + "x type veth peer name " + NS + "y");
    sh("ip link set " + NS + "x netns " + GATEWAY);
    sh("ip link set " + NS + "y netns " + SERVER);
    sh("ip -n " + CLIENT + " addr add " + CLIENT_IP + "/24 dev " + NS + "a");
    sh("ip -n " + GATEWAY + " addr add 10.199.1.1/24 dev " + NS + "b");
    sh("ip -n " + GATEWAY + " addr add 10.199.2.1/24 dev " + NS + "x");
    sh("ip -n " + SERVER + " addr add " + SERVER_IP + "/24 dev " + NS + "y");
    sh("ip -n " + CLIENT + " link set " + NS + "a up");
    sh("ip -n " + GATEWAY + " link set " + NS + "b up");
    sh("ip -n " + GATEWAY + " link set " + NS + "x up");
    sh("ip -n " + SERVER + " link set " + NS + "y up");
    sh("ip -n " + CLIENT + " route add default via 10.199.1.1");
    sh("ip -n " + SERVER + " route add default via 10.199.2.1");
    sh("ip netns exec " + GATEWAY + " sysctl -q -w net.ipv4.ip_forward=1");
    Path source = Path.of(NftablesFirewallTest.class.getResource("/Listener.java").toURI());
    listener = new ProcessBuilder("ip", "netns", "exec", SERVER, Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), source.toString(), "8080", "9090").redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("listening");
  }

  @AfterAll
  static void teardown() throws Exception {
    if (listener != null) {
      listener.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    for (String ns : List.of(CLIENT, GATEWAY, SERVER)) {
      run("ip netns del " + ns);
    }
  }

  private static NftablesFirewall firewall() {
    return new NftablesFirewall(List.of("ip", "netns", "exec", GATEWAY), "lanternfish", List.of("10.199.2.53"));
  }

  @Test
  void block_cutsOnlyItsPort_andTheKernelReleasesItOnTimeWithoutLanternfish() throws Exception {
    NftablesFirewall firewall = firewall();
    firewall.install();
    assertThat(reaches(8080)).isTrue();
    assertThat(reaches(9090)).isTrue();

    ActionLedger ledger = new ActionLedger(new NeverBlock(List.of()), Escalation.catchAndRelease());
    long now = System.currentTimeMillis() * 1000;
    Action block = ledger.propose(new ActionLedger.Proposal(ActionKind.BLOCK_CONNECTIONS,
        new ActionTarget("client", CLIENT_IP, SERVER_IP, 8080), List.of("breach-1"), 3 * SECOND, false, true,
        "policy:test"), now).action();
    long applied = System.nanoTime();
    firewall.apply(block, now);

    assertThat(reaches(8080)).as("the blocked port").isFalse();
    assertThat(reaches(9090)).as("another port of the same server").isTrue();
    // Nothing of Lanternfish runs from here on: the element's own timeout releases the block.
    while (System.nanoTime() - applied < 3_300_000_000L) {
      Thread.sleep(100);
    }
    assertThat(reaches(8080)).as("after the expiry").isTrue();
  }

  @Test
  void reconcile_repairsDriftBothWaysAndHoldsNothingTwice() throws Exception {
    NftablesFirewall firewall = firewall();
    firewall.install();
    long now = System.currentTimeMillis() * 1000;
    ActionLedger ledger = new ActionLedger(new NeverBlock(List.of()), Escalation.catchAndRelease());
    Action block = ledger.propose(new ActionLedger.Proposal(ActionKind.BLOCK_CONNECTIONS,
        new ActionTarget("client", CLIENT_IP, SERVER_IP, 9090), List.of("breach-2"), 60 * SECOND, false, true,
        "policy:test"), now).action();

    firewall.reconcile(List.of(block), now);
    firewall.reconcile(List.of(block), now);
    firewall.install();
    assertThat(elements("conn4")).as("a restart's install keeps what the kernel holds; no duplicate")
        .containsExactly(CLIENT_IP + " . " + SERVER_IP + " . 9090");
    assertThat(reaches(9090)).isFalse();

    firewall.reconcile(List.of(), now);
    assertThat(elements("conn4")).isEmpty();
    assertThat(reaches(9090)).isTrue();

    firewall.apply(block, now);
    firewall.remove(block);
    firewall.remove(block);
    assertThat(reaches(9090)).as("cleared").isTrue();
  }

  @Test
  void quarantine_leavesOnlyTheAllowedAddresses() throws Exception {
    NftablesFirewall firewall = firewall();
    firewall.install();
    long now = System.currentTimeMillis() * 1000;
    ActionLedger ledger = new ActionLedger(new NeverBlock(List.of()), Escalation.catchAndRelease());
    Action quarantine = ledger.propose(new ActionLedger.Proposal(ActionKind.QUARANTINE,
        ActionTarget.device("client", CLIENT_IP), List.of("incident-1"), 60 * SECOND, false, true, "alice"),
        now).action();
    firewall.apply(quarantine, now);
    assertThat(reaches(8080)).isFalse();
    firewall.remove(quarantine);
    assertThat(reaches(8080)).isTrue();
  }

  /** True when the client namespace gets the server's answer on {@code port} within two seconds. */
  private static boolean reaches(int port) throws Exception {
    Process p = new ProcessBuilder("timeout", "2", "ip", "netns", "exec", CLIENT, "bash", "-c",
        "exec 3<>/dev/tcp/" + SERVER_IP + "/" + port + " && head -c 2 <&3").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 && out.equals("ok");
  }

  private static List<String> elements(String set) throws Exception {
    Process p = new ProcessBuilder("ip", "netns", "exec", GATEWAY, "nft", "list", "set", "inet", "lanternfish", set)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    int open = out.indexOf("elements = {");
    if (open < 0) {
      return List.of();
    }
    String body = out.substring(open + "elements = {".length(), out.indexOf('}', open));
    List<String> elements = new ArrayList<>();
    for (String e : body.split(",")) {
      String element = e.strip().replaceAll(" timeout .*| expires .*", "").strip();
      if (!element.isEmpty()) {
        elements.add(element);
      }
    }
    return elements;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
  }

  private static void sh(String command) throws IOException, InterruptedException {
    if (run(command) != 0) {
      throw new IllegalStateException("failed: " + command);
    }
  }

  private static int run(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command.split(" "))).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}
