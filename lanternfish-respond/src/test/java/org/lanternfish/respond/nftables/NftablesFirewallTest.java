package org.lanternfish.respond.nftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
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

  private static final String CLIENT_IP = Namespaces.CLIENT_IP;
  private static final String SERVER_IP = Namespaces.SERVER_IP;
  private static final long SECOND = 1_000_000L;
  private static Namespaces network;

  @BeforeAll
  static void network() throws Exception {
    assumeTrue(Namespaces.available(),
        "needs root, iproute2 and nftables (.ci/run installs them): skipping the real firewall test");
    network = new Namespaces("lf", 8080, 9090);
  }

  @AfterAll
  static void teardown() throws Exception {
    if (network != null) {
      network.close();
    }
  }

  private static NftablesFirewall firewall() {
    return new NftablesFirewall(network.inGateway(), "lanternfish", List.of("10.199.2.53"));
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
    firewall.release(block);
    firewall.release(block);
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
    firewall.release(quarantine);
    assertThat(reaches(8080)).isTrue();
  }

  private static boolean reaches(int port) throws Exception {
    return network.reaches(port);
  }

  private static List<String> elements(String set) throws Exception {
    return network.elements("lanternfish", set);
  }
}
