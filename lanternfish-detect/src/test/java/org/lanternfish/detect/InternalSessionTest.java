package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.junit.jupiter.api.Test;

/**
 * A Meterpreter-style handler on an internal foothold: a workstation pulls a stage from a host inside the network on
 * a port nobody serves and then holds a session to it. It breaches; the agents and consoles of routine software on
 * unusual ports (a management server every client uses, monitoring agents every device serves), a session the device
 * holds every day, and a channel held open with keep-alives only stay quiet.
 */
final class InternalSessionTest {

  private static final String MODEL = "Compromise / Internal Session on Unusual Port";
  private static final String CONSOLE = "10.0.0.40";
  private static final String MONITOR = "10.0.0.50";
  private static final String FOOTHOLD = Office.client(17);

  /**
   * Four days of office life in which every client keeps a session to a management server on 10123 each morning and
   * the monitoring host reads every client's agent on 10050.
   */
  private static Traffic officeWithAgents() {
    Traffic t = new Traffic();
    for (int day = 0; day < 5; day++) {
      Office.life(t, day, 1);
      for (int i = 1; i <= 16; i++) {
        t.session(Traffic.at(day, 7, i), Office.client(i), CONSOLE, 10123, 600, 40_000, 400_000);
        t.session(Traffic.at(day, 6, i), MONITOR, Office.client(i), 10050, 2, 300, 4000);
      }
    }
    return t;
  }

  private static List<Breach> fired(Traffic t) {
    return Office.detect(t.events).stream().filter(b -> b.model().equals(MODEL)).toList();
  }

  @Test
  void stagedSessionFromAnInternalFoothold_breaches() {
    Traffic t = officeWithAgents();
    long ts = Traffic.at(5, 11, 0);
    t.session(ts, Office.client(4), FOOTHOLD, 4433, 2, 300, 204_000);
    String session = t.session(ts + 3 * Traffic.SECOND, Office.client(4), FOOTHOLD, 4433, 257, 2_000, 1_150_000);
    List<Breach> fired = fired(t);
    assertThat(fired).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(4));
      assertThat(b.recordUids()).contains(session);
      assertThat(b.score()).isGreaterThanOrEqualTo(65);
      assertThat(b.techniques()).contains("T1571");
      assertThat(b.evidence()).anySatisfy(e -> assertThat(e.text()).contains("4433").contains("257 s"));
    });
  }

  @Test
  void aLongSessionLoggedAfterAShorterOneThatStartedLater_isInTheCooldown() {
    Traffic t = officeWithAgents();
    long ts = Traffic.at(5, 11, 0);
    // Zeek logs a connection when it ends, with its start time: the 124-second session comes first in the log,
    // the 160-second one that started 35 s earlier after it.
    t.session(ts + 35 * Traffic.SECOND, Office.client(4), FOOTHOLD, 4433, 124, 2_000, 300_000);
    t.session(ts, Office.client(4), FOOTHOLD, 4433, 160, 2_000, 300_000);

    assertThat(fired(t)).hasSize(1);
  }

  @Test
  void aSessionWithoutAPayload_breachesLower() {
    Traffic t = officeWithAgents();
    t.session(Traffic.at(5, 11, 0), Office.client(4), FOOTHOLD, 4433, 300, 20_000, 60_000);
    assertThat(fired(t)).singleElement().satisfies(b -> assertThat(b.score()).isEqualTo(60));
  }

  @Test
  void pagesPulledFromADevelopersServerInShortCalls_stayQuiet() {
    Traffic t = officeWithAgents();
    for (int i = 0; i < 5; i++) {
      t.session(Traffic.at(5, 11, i), Office.client(4), FOOTHOLD, 3000, 3, 2_000, 900_000);
    }
    assertThat(fired(t)).isEmpty();
  }

  @Test
  void aNewClientOfTheManagementServer_staysQuiet() {
    Traffic t = officeWithAgents();
    t.session(Traffic.at(5, 7, 30), Office.client(18), CONSOLE, 10123, 600, 40_000, 400_000);
    assertThat(fired(t)).isEmpty();
  }

  @Test
  void aWorkstationReadingAnotherOnTheMonitoringAgentsPort_staysQuiet() {
    Traffic t = officeWithAgents();
    // Client 19 is not monitored, so nobody else used its agent; but sixteen devices serve the agent's port.
    t.session(Traffic.at(5, 11, 0), Office.client(4), Office.client(19), 10050, 300, 5_000, 600_000);
    assertThat(fired(t)).isEmpty();
  }

  @Test
  void aSessionTheWorkstationHoldsEveryDay_staysQuiet() {
    Traffic t = new Traffic();
    for (int day = 0; day < 5; day++) {
      Office.life(t, day, 1);
      t.session(Traffic.at(day, 11, 0), Office.client(4), FOOTHOLD, 4433, 900, 50_000, 1_150_000);
    }
    assertThat(fired(t)).isEmpty();
  }

  @Test
  void aChannelHeldOpenWithKeepAlivesOnly_staysQuiet() {
    Traffic t = officeWithAgents();
    t.session(Traffic.at(5, 9, 0), Office.client(4), FOOTHOLD, 4433, 4 * 3600, 2_000, 2_000);
    assertThat(fired(t)).isEmpty();
  }
}
