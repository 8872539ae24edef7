package org.lanternfish.respond.nftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.respond.Action;
import org.lanternfish.respond.ActionKind;
import org.lanternfish.respond.ActionLedger;
import org.lanternfish.respond.ActionState;
import org.lanternfish.respond.ActionTarget;
import org.lanternfish.respond.DryRun;
import org.lanternfish.respond.Escalation;
import org.lanternfish.respond.NeverBlock;
import org.lanternfish.respond.Reachable;
import org.lanternfish.respond.ResponsePolicy;
import org.lanternfish.respond.ResponseRule;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.respond.ResponseSettings;
import org.lanternfish.store.Commit;
import org.lanternfish.store.ConnectionHistory.ConnectionTally;
import org.lanternfish.store.DuckDbEventStore;

/**
 * Pattern of life on a real gateway: the client's stored connections of the last week say which peers and ports it
 * (or its peer group) used before the last day; a breach makes RESPOND leave the client only those, through the
 * gateway's nftables, until the kernel lets the action expire.
 *
 * <p>The client used the server's port 9090 and the DNS server {@code 10.199.2.99:53} every day; it first opened
 * port 8080 an hour before the breach. Its peer group, the one other device that also asks that DNS server, used port
 * 8080 all week and never 9090.
 */
final class PatternOfLifeTest {

  private static final String CLIENT_IP = Namespaces.CLIENT_IP;
  private static final String SERVER_IP = Namespaces.SERVER_IP;
  private static final String DNS_IP = "10.199.2.99";
  private static final String GROUP_PEER_IP = "10.199.1.3";
  private static final String UNRELATED_IP = "10.199.1.4";
  private static final long SECOND = 1_000_000L;
  private static final long HOUR = 3_600 * SECOND;
  private static final long DAY = 24 * HOUR;
  private static Namespaces network;

  @TempDir Path directory;

  @BeforeAll
  static void network() throws Exception {
    assumeTrue(Namespaces.available(),
        "needs root, iproute2 and nftables (.ci/run installs them): skipping the real firewall test");
    network = new Namespaces("lp", 8080, 9090);
  }

  @AfterAll
  static void teardown() throws Exception {
    if (network != null) {
      network.close();
    }
  }

  @Test
  void patternOfLife_keepsTheDevicesUsualPort_cutsTheNewOne_andTheKernelLiftsItOnTime() throws Exception {
    long now = ResponseService.wallClock();
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(week(now));
      NftablesFirewall firewall = new NftablesFirewall(network.inGateway(), "lanternfish", List.of());
      ResponseService respond = service(store, ActionKind.PATTERN_OF_LIFE, 4 * SECOND, firewall);
      assertThat(network.reaches(8080)).isTrue();
      store.commit(breach("b-life", now));
      respond.catchUp();
      long told = System.nanoTime();

      Action action = single(respond);
      assertThat(action.reachable()).containsExactlyInAnyOrder(new Reachable(SERVER_IP, 9090),
          new Reachable(DNS_IP, 53));
      assertThat(network.reaches(9090)).as("the port it used all week").isTrue();
      assertThat(network.reaches(8080)).as("the port it first opened in the last day").isFalse();
      assertThat(DryRun.of(action, store).connections())
          .as("the dry run names what the action cuts of the last 7 days")
          .extracting(ConnectionTally::peer, ConnectionTally::port)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(SERVER_IP, 8080));

      // Nothing of Lanternfish acts from here on: the elements' own timeouts lift the action.
      while (System.nanoTime() - told < 4_300_000_000L) {
        Thread.sleep(100);
      }
      assertThat(network.reaches(8080)).as("after the expiry").isTrue();
      respond.close();
    }
  }

  @Test
  void groupPatternOfLife_keepsWhatThePeerGroupDoes_notTheDevicesOwnHabit_andAClearingLiftsIt() throws Exception {
    long now = ResponseService.wallClock();
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(week(now));
      NftablesFirewall firewall = new NftablesFirewall(network.inGateway(), "lanternfish", List.of());
      ResponseService respond = service(store, ActionKind.GROUP_PATTERN_OF_LIFE, 600 * SECOND, firewall);
      store.commit(breach("b-group", now));
      respond.catchUp();

      Action action = single(respond);
      assertThat(action.reachable()).as("the group is the device sharing its DNS server; 10.199.1.4 shares nothing")
          .containsExactlyInAnyOrder(new Reachable(SERVER_IP, 8080), new Reachable(DNS_IP, 53));
      assertThat(network.reaches(8080)).as("what its group does").isTrue();
      assertThat(network.reaches(9090)).as("its own habit, which no peer shares").isFalse();
      assertThat(network.elements("lanternfish", "group4")).containsExactly(CLIENT_IP);

      respond.clear(action.id(), "alice", "checked");
      assertThat(network.reaches(9090)).as("cleared").isTrue();
      assertThat(network.elements("lanternfish", "group4")).isEmpty();
      assertThat(network.elements("lanternfish", "groupusual4")).isEmpty();
      respond.close();
    }
  }

  @Test
  void aRestart_reconcilesThePatternFromTheLedger_withoutASecondAction() throws Exception {
    long now = ResponseService.wallClock();
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(week(now));
      NftablesFirewall firewall = new NftablesFirewall(network.inGateway(), "lanternfish", List.of());
      ResponseService respond = service(store, ActionKind.PATTERN_OF_LIFE, 600 * SECOND, firewall);
      store.commit(breach("b-restart", now));
      respond.catchUp();
      respond.close();
      // Drift while Lanternfish is down: someone flushes the gateway's sets.
      network.inGateway("nft flush set inet lanternfish life4");
      network.inGateway("nft flush set inet lanternfish usual4");
      assertThat(network.reaches(8080)).isTrue();

      ResponseService restarted = service(store, ActionKind.PATTERN_OF_LIFE, 600 * SECOND, firewall);
      restarted.catchUp();
      assertThat(restarted.actions()).singleElement().extracting(Action::state).isEqualTo(ActionState.ACTIVE);
      assertThat(network.elements("lanternfish", "usual4")).containsExactlyInAnyOrder(
          CLIENT_IP + " . " + SERVER_IP + " . 9090", CLIENT_IP + " . " + DNS_IP + " . 53");
      assertThat(network.reaches(8080)).isFalse();
      assertThat(network.reaches(9090)).isTrue();
      restarted.clear(restarted.actions().getFirst().id(), "alice", null);
      restarted.close();
    }
  }

  @Test
  void aDeviceUnderItsPatternOfLife_stillAnswersConnectionsOpenedToIt_butOpensNoOtherItself() throws Exception {
    NftablesFirewall firewall = new NftablesFirewall(network.inGateway(), "lanternfish", List.of());
    firewall.install();
    long now = ResponseService.wallClock();
    ActionLedger ledger = new ActionLedger(new NeverBlock(List.of()), Escalation.catchAndRelease());
    // The server is held to a pattern of life that names nothing: its answers to the client are replies.
    Action server = ledger.propose(new ActionLedger.Proposal(ActionKind.PATTERN_OF_LIFE,
        ActionTarget.device("server", SERVER_IP), List.of("b-server"), 600 * SECOND, false, true, "alice",
        List.of(), null), now).action();
    firewall.apply(server, now);
    assertThat(network.reaches(8080)).as("the client's connection to it, answered").isTrue();
    Action client = ledger.propose(new ActionLedger.Proposal(ActionKind.PATTERN_OF_LIFE,
        ActionTarget.device("client", CLIENT_IP), List.of("b-client"), 600 * SECOND, false, true, "alice",
        List.of(), null), now).action();
    firewall.apply(client, now);
    assertThat(network.reaches(8080)).as("the client opens nothing outside its pattern").isFalse();
    firewall.reconcile(List.of(), now);
    assertThat(network.reaches(8080)).isTrue();
  }

  private static Action single(ResponseService respond) {
    List<Action> actions = respond.actions();
    assertThat(actions).singleElement().extracting(Action::state).isEqualTo(ActionState.ACTIVE);
    return actions.getFirst();
  }

  private static ResponseService service(DuckDbEventStore store, ActionKind kind, long durationMicros,
      NftablesFirewall firewall) {
    ResponseSettings settings = new ResponseSettings(new ResponsePolicy(List.of(new ResponseRule("life", Set.of(
        "ioc-match"), Set.of(), 0, 100, false, 0, kind, durationMicros, false, true))), List.of(), List.of(firewall));
    return new ResponseService(store, store, store, settings, List.of(), ResponseService::wallClock, line -> { });
  }

  /** A week of connections before {@code now}, as the class comment tells. */
  private static List<Event> week(long now) {
    List<Event> events = new ArrayList<>();
    for (int day = 6; day >= 1; day--) {
      long ts = now - day * DAY;
      events.add(conn(ts, CLIENT_IP, SERVER_IP, 9090));
      events.add(conn(ts + 1, CLIENT_IP, DNS_IP, 53));
      events.add(conn(ts + 2, GROUP_PEER_IP, DNS_IP, 53));
      events.add(conn(ts + 3, GROUP_PEER_IP, SERVER_IP, 8080));
      events.add(conn(ts + 4, UNRELATED_IP, SERVER_IP, 22));
    }
    events.add(conn(now - HOUR, CLIENT_IP, SERVER_IP, 8080));
    events.add(conn(now - HOUR + 1, CLIENT_IP, SERVER_IP, 9090));
    return events;
  }

  private static ConnEvent conn(long ts, String from, String to, int port) {
    return new ConnEvent(ts, "C" + ts + from, new FlowId(from, 50000, to, port), "tcp", null, 1.5, 100, 200, "SF",
        true, false, 0, "ShADadFf", 10, 1000, 8, 600, List.of(), null, null, null);
  }

  private static Commit breach(String id, long ts) {
    Breach b = new Breach(id, "ioc-match", "Compliance / IoC Match", "Compliance", ts, "client",
        new Peer(Peer.Kind.ADDRESS, SERVER_IP), 80, List.of("T1071"), List.of(Tactic.COMMAND_AND_CONTROL),
        "watch list", List.of(), List.of("C1"), Map.of("device_ip", CLIENT_IP, "peer_address", SERVER_IP,
        "service_port", "8080"));
    return new Commit(List.of(), List.of(), Map.of(), List.of(b), List.of(), List.of());
  }
}
