package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.FileEvent;
import org.junit.jupiter.api.Test;

/** A payload fetched over the web from a rare source breaches; software the whole office installs does not. */
final class ExecutableDownloadTest {

  private static final String MODEL = "Anomalous File / Executable Download From Rare Source";
  private static final String STAGER = "10.0.5.13";

  private static void download(Traffic t, long ts, String server, String client) {
    String uid = t.conn(ts, client, server, 80, "http", 300, 7168, "SF");
    t.events.add(new FileEvent(ts, "F" + uid, uid, List.of(server), List.of(client), "HTTP",
        "application/x-dosexec", null, false, 7168, 7168, null, null, null));
  }

  private static List<Breach> fired(Traffic t) {
    return Office.detect(t.events).stream().filter(b -> b.model().equals(MODEL)).toList();
  }

  @Test
  void executableFromRareServer_breachesOnTheReceiver() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    download(t, Traffic.at(3, 20, 0), STAGER, Office.client(4));
    assertThat(fired(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(4));
      assertThat(b.peerValue()).isEqualTo(STAGER);
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
    });
  }

  @Test
  void softwareEveryClientInstalls_staysQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int i = 1; i <= 20; i++) {
      download(t, Traffic.at(3, 9, 0) + i * Traffic.SECOND, Office.INTRANET, Office.client(i));
    }
    assertThat(fired(t)).isEmpty();
  }
}
