package org.lanternfish.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.analyst.BreachFactory.HOUR;
import static org.lanternfish.analyst.BreachFactory.MINUTE;
import static org.lanternfish.analyst.BreachFactory.MONDAY;
import static org.lanternfish.analyst.BreachFactory.breach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;

final class InvestigatorTest {

  private static final long ALERT = MONDAY + 10 * HOUR;

  /** What the app would answer from its store: fixed lists, filtered to the window asked for. */
  private record Recorded(List<Observation> connections, List<Observation> credentials,
      List<Observation> destinations, List<String> asked) implements Surroundings {

    Recorded(List<Observation> connections, List<Observation> credentials, List<Observation> destinations) {
      this(connections, credentials, destinations, new ArrayList<>());
    }

    @Override
    public List<Observation> unusualConnections(String device, long fromMicros, long toMicros) {
      asked.add("connections " + device);
      return within(connections, fromMicros, toMicros);
    }

    @Override
    public List<Observation> newCredentials(String device, long fromMicros, long toMicros) {
      asked.add("credentials " + device);
      return within(credentials, fromMicros, toMicros);
    }

    @Override
    public List<Observation> rareDestinations(String device, long fromMicros, long toMicros) {
      asked.add("destinations " + device);
      return within(destinations, fromMicros, toMicros);
    }

    private static List<Observation> within(List<Observation> all, long from, long to) {
      return all.stream().filter(o -> o.ts() >= from && o.ts() < to).toList();
    }
  }

  private static final Breach DEFENDER_ALERT = breach("def-1",
      "Security Integration / Defender Alert: DEV-0408 activity group").on("SRV-WEB02").at(ALERT).score(70)
      .techniques("T1190").with("actor", "DEV-0408").build();

  private static Investigator investigator() {
    return new Investigator(AnalystConfig.defaults(), TradecraftProfiles.bundled());
  }

  @Test
  void investigate_unusualSurroundings_giveAnIncidentAroundTheTrigger() {
    Breach userAgent = breach("ua-1", "Anomalous Connection / New User Agent to Internal Server").on("SRV-WEB02")
        .to("SRV-APP03").at(ALERT - 40 * MINUTE).score(55).with("user_agent", "Go-http-client/1.1").build();
    Recorded surroundings = new Recorded(
        List.of(new Observation(ALERT - 30 * MINUTE, "SRV-APP03", "first connection to SRV-APP03 on port 8443", 50,
            List.of("Cxyz1"), Map.of())),
        List.of(),
        List.of(new Observation(ALERT + 20 * MINUTE, "45.9.148.3", "45.9.148.3 is contacted by 0 of 412 devices", 60,
            List.of("Cxyz2"), Map.of("destination", "45.9.148.3"))));

    Investigation investigation = investigator().investigate("SRV-WEB02", ALERT, List.of(DEFENDER_ALERT, userAgent),
        surroundings);

    assertThat(investigation.found()).isTrue();
    assertThat(investigation.incident().breachIds()).contains("def-1", "ua-1").hasSize(4);
    assertThat(investigation.incident().summaryText()).contains("DEV-0408", "45.9.148.3 is contacted by 0 of 412");
    assertThat(surroundings.asked()).containsExactly("connections SRV-WEB02", "credentials SRV-WEB02",
        "destinations SRV-WEB02");
    assertThat(investigation.lookedAt()).contains("1 unusual connections of SRV-WEB02", "0 new credentials of SRV-WEB02");
  }

  @Test
  void investigate_quietSurroundings_sayNothingUnusualFound_andWhatWasLookedAt() {
    Breach farAway = breach("old", "Device / Port Scan").on("SRV-WEB02").at(ALERT - 3 * 24 * HOUR).score(80).build();
    Recorded surroundings = new Recorded(List.of(), List.of(), List.of());

    Investigation investigation = investigator().investigate("SRV-WEB02", ALERT, List.of(DEFENDER_ALERT, farAway),
        surroundings);

    assertThat(investigation.found()).isFalse();
    assertThat(investigation.conclusion()).startsWith("Nothing unusual found around SRV-WEB02");
    assertThat(investigation.lookedAt()).hasSize(4).first().asString().startsWith("1 breach on SRV-WEB02");
    assertThat(investigation.toMicros() - investigation.fromMicros()).isEqualTo(8 * HOUR);
  }
}
