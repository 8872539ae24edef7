package org.lanternfish.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DhcpEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.respond.PolicyFile;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.respond.ResponseSettings;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.StoredIncident;
import org.lanternfish.web.security.Role;
import org.lanternfish.web.security.Secret;
import org.lanternfish.web.security.UserBook;

/**
 * A real store with a small site's story (events, 60 breaches, one ShadowPad-like incident), served by a real
 * Threat Visualizer on a free port, with one user of each role.
 */
final class SampleSite implements AutoCloseable {
  /** 2026-11-13T01:00:00Z in microseconds. */
  static final long START = 1_794_531_600_000_000L;
  static final long MINUTE = 60_000_000L;
  static final int BREACHES = 60;
  /** The records stored: a connection behind each breach and one DHCP lease. */
  static final int RECORDS = BREACHES + 1;
  static final String INCIDENT = "INC-shadowpad";
  static final Secret ADMIN = Secret.of("admin-password-1");
  static final Secret ANALYST = Secret.of("analyst-password-1");
  static final Secret VIEWER = Secret.of("viewer-password-1");

  final DuckDbEventStore store;
  final ThreatVisualizer server;
  final Path dataDir;
  /** RESPOND as the site's process hosts it: the shipped policy until respond.conf says otherwise. */
  final ResponseService respond;

  SampleSite(Path dataDir) {
    this.dataDir = dataDir;
    store = DuckDbEventStore.open(dataDir);
    store.commit(new Commit(events(), List.of(), Map.of(), breaches(), List.of(incident()), List.of()));
    UserBook users = UserBook.open(dataDir);
    users.ensureAdmin(ADMIN);
    users.add("ana", Role.ANALYST, ANALYST);
    users.add("vic", Role.VIEWER, VIEWER);
    // The working integration is this server's own health endpoint, whose port is known only once it listens.
    int[] port = new int[1];
    respond = noResponse(store);
    try {
      respond.follow(new PolicyFile(dataDir, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = ThreatVisualizer.start(store, new ListedModels(), new LineSite(dataDir), List.of(
        new HttpIntegration("self", () -> "http://localhost:" + port[0] + "/api/v1/health"),
        new HttpIntegration("closed", () -> "http://localhost:9/")), Optional::empty, respond, dataDir,
        Secret.of(""), "localhost", 0, Clock.systemUTC());
    port[0] = server.port();
  }

  /** RESPOND over {@code store} with the shipped policy and no backend, not following the outbox. */
  static ResponseService noResponse(DuckDbEventStore store) {
    return new ResponseService(store, store, store, ResponseSettings.defaults(), List.of(), ResponseService::wallClock,
        line -> { });
  }

  /** A client signed in as the site's administrator. */
  ApiClient admin() {
    return ApiClient.basic(base(), "admin", ADMIN);
  }

  /** A client signed in as the site's analyst. */
  ApiClient analyst() {
    return ApiClient.basic(base(), "ana", ANALYST);
  }

  /** A client signed in as the site's viewer. */
  ApiClient viewer() {
    return ApiClient.basic(base(), "vic", VIEWER);
  }

  String base() {
    return "http://localhost:" + server.port();
  }

  static List<Event> events() {
    List<Event> events = new ArrayList<>();
    // DHCP names the laptop behind 10.8.0.5; 10.74.1.10 stays unnamed.
    events.add(new DhcpEvent(START - MINUTE, "D0", List.of(), "10.8.0.5", "10.74.1.1", "00:50:56:85:2e:f4",
        "DESKTOP-O82ILGG", null, "corp.example", "10.8.0.5", 86400, List.of("REQUEST", "ACK")));
    for (int i = 0; i < BREACHES; i++) {
      events.add(new ConnEvent(START + i * MINUTE, "C" + i, new FlowId("10.8.0.5", 49152 + i, "10.74.1.10",
          i % 2 == 0 ? 445 : 3389), "tcp", i % 2 == 0 ? "smb" : "rdp", 1.5, 1000 + i, 200, "SF", true, false, 0,
          "ShADadFf", 10, 1000, 8, 600, List.of(), null, null, null));
    }
    return events;
  }

  static List<Breach> breaches() {
    List<Breach> breaches = new ArrayList<>();
    for (int i = 0; i < BREACHES; i++) {
      String device = i % 3 == 0 ? "DESKTOP-O82ILGG" : "WS-CHI-" + i % 3;
      String model = i % 2 == 0 ? "Anomalous Connection / Unusual Admin SMB Session" : "Anomalous Connection / Unusual RDP";
      String modelId = i % 2 == 0 ? "unusual-admin-smb-session" : "unusual-rdp";
      breaches.add(new Breach("B" + i, modelId, model, "Anomalous Connection", START + i * MINUTE, device,
          new Peer(Peer.Kind.DEVICE, "DC04"), 40 + i, List.of("T1021.002"), List.of(Tactic.LATERAL_MOVEMENT),
          device + " opened its first session to C$ on DC04",
          List.of(new Evidence("first-seen", "first session to C$ in 30 days", 1), new Evidence("rarity",
              "no figure", Double.NaN)), List.of("C" + i), Map.of("credential", "svc_sql")));
    }
    return breaches;
  }

  static StoredIncident incident() {
    String json = """
        {"id":"INC-shadowpad","title":"Credential access and lateral movement across 2 devices","priority":94,
         "firstTs":%d,"lastTs":%d,"phases":["INITIAL_ACCESS","LATERAL_MOVEMENT"],
         "devices":["DESKTOP-O82ILGG","DC04"],
         "edges":[{"from":"DESKTOP-O82ILGG","to":"DC04","kind":"SMB_WRITE","internal":true,"firstTs":%d,"lastTs":%d,
           "breachIds":["B0"]},{"from":"DESKTOP-O82ILGG","to":"DC04","kind":"DCSYNC","internal":true,"firstTs":%d,
           "lastTs":%d,"breachIds":["B3"]}],
         "timeline":[{"ts":%d,"breachId":"B0","device":"DESKTOP-O82ILGG","peer":"DC04","model":"Anomalous Connection / Unusual Admin SMB Session","score":40,"step":"SMB_WRITE","phases":["LATERAL_MOVEMENT"]}],
         "summary":[{"text":"DESKTOP-O82ILGG connected over the VPN as svc_sql.","breachIds":["B0"],"recordUids":["C0"]},
           {"text":"It wrote PerfLogs\\\\vmtools.dll to DC04 over SMB.","breachIds":["B0","B3"],"recordUids":["C0","C3"]}],
         "resemblances":[{"profile":"ShadowPad / APT41-like intrusion","confidence":0.75,"matched":3,"total":4,
           "reasons":["payload written to C:\\\\PerfLogs\\\\"],"breachIds":["B0"]}],
         "history":[{"number":1,"ts":%d,"addedBreachIds":["B0","B3"],"breachCount":2,"priority":94}],
         "breaches":[]}
        """.formatted(START, START + 3 * MINUTE, START, START, START + 3 * MINUTE, START + 3 * MINUTE, START, START);
    return new StoredIncident(INCIDENT, "Credential access and lateral movement across 2 devices", 94, START,
        START + 3 * MINUTE, 2, List.of("DESKTOP-O82ILGG", "DC04"), json);
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
