package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;
import org.lanternfish.microsoft.syslog.SyslogListener;
import org.lanternfish.microsoft.syslog.SyslogSender;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.StoredIncident;

/** The syslog export reads the outbox into a real local listener over TCP and resumes where it stopped. */
final class CefExportTest {
  private static final long DAY = 1_764_979_200_000_000L;
  @TempDir Path temp;

  @Test
  void exportAvailable_sendsBreachesAndIncidentsInOrder_andResumesAfterTheListenerWasAway() throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(temp.resolve("data"))) {
      store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(breach(1), breach(2)), List.of(
          new StoredIncident("inc-1", "Data theft from 10.1.0.5", 80, DAY, DAY + 2, 2, List.of("10.1.0.5"), "{}")),
          List.of()));
      URI away;
      try (SyslogListener listener = new SyslogListener(true); SyslogSender sender = new SyslogSender(listener.uri())) {
        assertThat(new CefExport(store, sender).exportAvailable()).isEqualTo(3);
        assertThat(List.of(listener.next(), listener.next(), listener.next()))
            .extracting(m -> m.cefExtension().get("externalId")).containsExactly("b1", "b2", "inc-1");
        away = listener.uri();
      }
      store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(breach(3)), List.of(), List.of()));
      try (SyslogSender sender = new SyslogSender(away)) {
        assertThatThrownBy(() -> new CefExport(store, sender).exportAvailable()).isInstanceOf(IOException.class);
      }
      List<String> received = new ArrayList<>();
      try (SyslogListener listener = new SyslogListener(true); SyslogSender sender = new SyslogSender(listener.uri())) {
        assertThat(new CefExport(store, sender).exportAvailable()).isEqualTo(1);
        received.add(listener.next().cefExtension().get("externalId"));
      }
      assertThat(received).containsExactly("b3");
    }
  }

  private static Breach breach(int n) {
    return new Breach("b" + n, "data-sent-to-rare-domain", "Anomalous Connection / Data Sent to Rare Domain",
        "Anomalous Connection", DAY + n, "10.1.0.5", new Peer(Peer.Kind.DOMAIN, "rare.example"), 70,
        List.of("T1048"), List.of(Tactic.EXFILTRATION), "sent 2 GB", List.of(), List.of("C" + n), Map.of());
  }
}
