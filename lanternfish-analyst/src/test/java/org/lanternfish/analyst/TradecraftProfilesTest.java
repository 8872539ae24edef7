package org.lanternfish.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.analyst.BreachFactory.MONDAY;
import static org.lanternfish.analyst.BreachFactory.breach;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;

final class TradecraftProfilesTest {

  @Test
  void bundled_parsesWithoutErrors() {
    TradecraftProfiles profiles = TradecraftProfiles.bundled();

    assertThat(profiles.errors()).isEmpty();
    assertThat(profiles.names()).containsExactly("ShadowPad / APT41-like intrusion", "DPRK-linked data theft");
  }

  @Test
  void parse_badLines_areReportedWithLineNumbers_andTheRestStillCounts() {
    String text = """
        # comment
        marker: orphan | step = dcsync
        [Test actor]
        marker: broken regex | file ~ ([unclosed
        marker: no condition
        marker: unknown field | what-is-this ~ x
        marker: DCSync | step = dcsync
        marker: PerfLogs payloads | file ~ ^perflogs\\\\
        """;

    TradecraftProfiles profiles = TradecraftProfiles.parse("custom.txt", text);

    assertThat(profiles.names()).containsExactly("Test actor");
    assertThat(profiles.errors()).hasSize(4);
    assertThat(profiles.errors().get(0)).startsWith("custom.txt:2: marker before any");
    assertThat(profiles.errors().get(1)).startsWith("custom.txt:4: bad regex");
    assertThat(profiles.errors().get(2)).startsWith("custom.txt:5: expected");
    assertThat(profiles.errors().get(3)).startsWith("custom.txt:6: unknown field");
    List<Breach> breaches = List.of(
        breach("a", "Anomalous Connection / Suspicious DCSync").on("WS-1").to("DC-02").at(MONDAY).score(80).build(),
        breach("b", "Compliance / SMB Drive Write").on("WS-1").to("DC-01").at(MONDAY).score(60)
            .with("file", "\\\\DC-01\\C$\\PerfLogs\\x.dll").build());
    assertThat(profiles.resemblances(breaches)).singleElement().satisfies(r -> {
      assertThat(r.matched()).isEqualTo(2);
      assertThat(r.confidence()).isEqualTo(1.0);
      assertThat(r.breachIds()).containsExactly("a", "b");
    });
  }

  @Test
  void resemblances_oneMarkerAlone_isNoHint() {
    TradecraftProfiles profiles = TradecraftProfiles.bundled();
    Breach dcsync = breach("a", "Anomalous Connection / Suspicious DCSync").on("WS-1").to("DC-02").at(MONDAY)
        .score(80).build();

    assertThat(profiles.resemblances(List.of(dcsync))).isEmpty();
  }

  @Test
  void resemblances_distinctCount_needsEnoughValues() {
    TradecraftProfiles profiles = TradecraftProfiles.parse("t", """
        [Wide exfiltration]
        marker: many sites | distinct endpoint >= 3 where step = exfiltration
        marker: any beacon | step = beaconing
        """);
    Breach beacon = breach("b0", "Compromise / Beaconing to Rare Destination").on("WS-1").to("c2.example")
        .at(MONDAY).score(70).build();
    List<Breach> two = List.of(beacon, exfil("x1", "a.example"), exfil("x2", "b.example"));
    List<Breach> three = List.of(beacon, exfil("x1", "a.example"), exfil("x2", "b.example"), exfil("x3", "c.example"));

    assertThat(profiles.resemblances(two)).isEmpty();
    assertThat(profiles.resemblances(three)).singleElement()
        .satisfies(r -> assertThat(r.reasons()).contains("many sites (3 endpoints)"));
  }

  @Test
  void resemblances_modelIdMarker_matchesWhateverTheModelIsCalled() {
    TradecraftProfiles profiles = TradecraftProfiles.parse("t", """
        [Replicator]
        marker: DCSync by model | model_id = suspicious-dcsync
        marker: drive write by model | model_id = smb-drive-write
        """);
    Breach dcsync = new Breach("a", "suspicious-dcsync", "Site / Replication Request", "Site", MONDAY, "WS-1", null,
        80, List.of(), List.of(), "x", List.of(), List.of(), java.util.Map.of());
    Breach write = breach("b", "Compliance / SMB Drive Write").on("WS-1").to("DC-01").at(MONDAY).score(60).build();

    assertThat(profiles.errors()).isEmpty();
    assertThat(profiles.resemblances(List.of(dcsync, write))).singleElement()
        .satisfies(r -> assertThat(r.breachIds()).containsExactly("a", "b"));
  }

  @Test
  void resemblances_modelIdMarker_matchesAModelFoldedIntoAnotherBreach() {
    TradecraftProfiles profiles = TradecraftProfiles.parse("t", """
        [Replicator]
        marker: DCSync by model | model_id = suspicious-dcsync
        marker: drive write by model | model_id = smb-drive-write
        """);
    Breach dcsync = new Breach("a", "suspicious-dcsync", "Site / Replication Request", "Site", MONDAY, "WS-1", null,
        80, List.of(), List.of(), "x", List.of(), List.of(), java.util.Map.of());
    // The drive write was folded into the masquerade's breach of the same act.
    Breach write = new Breach("b", "masqueraded-executable-written-to-share",
        "Anomalous File / Masqueraded Executable Written to Share", "Anomalous File", MONDAY, "WS-1", null, 85,
        List.of(), List.of(), "x", List.of(new Evidence(Evidence.FOLDED_MODEL + "smb-drive-write",
            "Compliance / SMB Drive Write \u2014 WS-1 wrote a.exe to C$", 50)), List.of(), java.util.Map.of());

    assertThat(profiles.resemblances(List.of(dcsync, write))).singleElement()
        .satisfies(r -> assertThat(r.breachIds()).containsExactly("a", "b"));
  }

  private static Breach exfil(String id, String site) {
    return breach(id, "Anomalous Connection / Data Sent to Rare Domain").on("WS-1").to(site).at(MONDAY).score(60)
        .with("domain", site).build();
  }
}
