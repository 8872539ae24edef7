package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.junit.jupiter.api.Test;

/**
 * Data taken out goes one way: tens of MiB posted to a destination no other device uses breach. A video call to a
 * rare media relay sends as much, but receives more than it sends, and stays quiet.
 */
final class DataSentToRareDomainTest {

  private static final String MODEL = "Anomalous Connection / Data Sent to Rare Domain";
  private static final String RARE = "130.61.144.221";

  private static List<Breach> fired(Traffic t) {
    return Office.detect(t.events).stream().filter(b -> b.model().equals(MODEL)).toList();
  }

  private static Traffic office() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    return t;
  }

  @Test
  void uploadsToARareDestination_breach() {
    Traffic t = office();
    for (int i = 0; i < 4; i++) {
      t.session(Traffic.at(4, 11, i), Office.client(4), RARE, 443, 30, 20_000_000, 20_000);
    }
    assertThat(fired(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(4));
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
      assertThat(b.evidence()).anySatisfy(e -> assertThat(e.text()).contains("MiB received"));
    });
  }

  @Test
  void aVideoCallToARareRelay_staysQuiet() {
    Traffic t = office();
    t.session(Traffic.at(4, 11, 0), Office.client(4), RARE, 10000, 4400, 77_573_518, 362_445_151);
    assertThat(fired(t)).isEmpty();
  }

  @Test
  void uploadsAfterACall_toTheSameDestination_breachOnceTheyOutweighIt() {
    Traffic t = office();
    t.session(Traffic.at(4, 10, 0), Office.client(4), RARE, 443, 600, 12_000_000, 12_000_000);
    assertThat(fired(t)).isEmpty();
    for (int i = 0; i < 3; i++) {
      t.session(Traffic.at(4, 11, i), Office.client(4), RARE, 443, 30, 20_000_000, 20_000);
    }
    assertThat(fired(t)).hasSize(1);
  }
}
