package org.lanternfish.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.organisation.Role;
import org.lanternfish.simulate.truth.ScenarioTruth;
import org.lanternfish.simulate.truth.StepTruth;

/** The simulated network hangs together the way Zeek logs of a real one do. */
final class FabricTest {

  @Test
  void protocolRecords_shareTheUidOfAConnRecord() throws IOException {
    SimulatedRun run = SimulatedRun.get();
    Set<String> conns = run.rows("conn").stream().map(r -> r.get("uid")).collect(Collectors.toSet());
    for (String log : List.of("dns", "http", "ssl", "smb_files", "smb_mapping", "dce_rpc", "kerberos", "ntlm", "rdp",
        "files", "weird", "notice")) {
      List<Map<String, String>> rows = run.rows(log);
      assertThat(rows).as(log).isNotEmpty();
      List<String> orphans = rows.stream().map(r -> r.get("uid")).filter(uid -> !conns.contains(uid)).toList();
      assertThat(orphans).as(log).isEmpty();
    }
  }

  @Test
  void byteCounts_agreeBetweenConnAndProtocolRecords() throws IOException {
    SimulatedRun run = SimulatedRun.get();
    Map<String, Map<String, String>> conns = new HashMap<>();
    for (Map<String, String> conn : run.rows("conn")) {
      conns.put(conn.get("uid"), conn);
      if (!conn.get("orig_bytes").equals("-")) {
        assertThat(SimulatedRun.number(conn, "orig_ip_bytes")).isGreaterThan(SimulatedRun.number(conn, "orig_bytes"));
        assertThat(SimulatedRun.number(conn, "resp_ip_bytes"))
            .isGreaterThanOrEqualTo(SimulatedRun.number(conn, "resp_bytes"));
      }
    }
    for (Map<String, String> http : run.rows("http")) {
      Map<String, String> conn = conns.get(http.get("uid"));
      assertThat(SimulatedRun.number(conn, "orig_bytes"))
          .isGreaterThan(SimulatedRun.number(http, "request_body_len"));
      assertThat(SimulatedRun.number(conn, "resp_bytes"))
          .isGreaterThan(SimulatedRun.number(http, "response_body_len"));
    }
    Map<String, Long> sent = new HashMap<>();
    Map<String, Long> received = new HashMap<>();
    for (Map<String, String> file : run.rows("files")) {
      (file.get("is_orig").equals("T") ? sent : received)
          .merge(file.get("uid"), SimulatedRun.number(file, "seen_bytes"), Long::sum);
    }
    sent.forEach((uid, bytes) -> assertThat(SimulatedRun.number(conns.get(uid), "orig_bytes")).isGreaterThan(bytes));
    received.forEach((uid, bytes) -> assertThat(SimulatedRun.number(conns.get(uid), "resp_bytes"))
        .isGreaterThan(bytes));
  }

  @Test
  void domainControllers_replicateWithEachOther() throws IOException {
    SimulatedRun run = SimulatedRun.get();
    Organisation org = Organisation.build(SimulatedRun.SEED, SimulatedRun.DEVICES, SimulatedRun.DAYS);
    Set<String> dcs = org.devices(Role.DOMAIN_CONTROLLER).stream().map(Device::ip).collect(Collectors.toSet());
    assertThat(dcs).hasSizeGreaterThanOrEqualTo(2);
    Set<String> pairs = new HashSet<>();
    for (Map<String, String> rpc : run.rows("dce_rpc")) {
      if (rpc.get("operation").equals("DRSGetNCChanges") && dcs.contains(rpc.get("id.orig_h"))
          && dcs.contains(rpc.get("id.resp_h"))) {
        pairs.add(rpc.get("id.orig_h") + ">" + rpc.get("id.resp_h"));
      }
    }
    assertThat(pairs).hasSize(dcs.size() * (dcs.size() - 1));
  }

  @Test
  void aClientSendsNothingFromANewAddressBeforeDhcpGaveItThatAddress(@TempDir Path dir)
      throws IOException {
    // Long and wide enough for DHCP churn (a few percent of office clients a day) to move several clients.
    Simulator.run(new SimulationConfig(9, 8, 60, List.of(), dir, Format.TSV, SimulatedRun.START),
        ProgressListener.NONE);
    // A MAC's assigned address changes: the new one is its from that DHCP exchange on.
    Map<String, String> current = new HashMap<>();
    Map<String, Double> movedTo = new HashMap<>();
    Map<String, Double> firstLease = new HashMap<>();
    for (Map<String, String> dhcp : SimulatedRun.readTsv(dir, "dhcp")) {
      firstLease.merge(dhcp.get("mac"), Double.parseDouble(dhcp.get("ts")), Math::min);
      String before = current.put(dhcp.get("mac"), dhcp.get("assigned_addr"));
      if (before != null && !before.equals(dhcp.get("assigned_addr"))) {
        movedTo.merge(dhcp.get("assigned_addr"), Double.parseDouble(dhcp.get("ts")), Math::min);
      }
    }
    assertThat(movedTo).as("clients moved by DHCP churn in the run").isNotEmpty();
    // A new employee's device sends nothing before it first arrives and takes its lease.
    int newEmployees = 0;
    for (Device d : Organisation.build(9, 60, 8).devices()) {
      if (d.firstDay() > 0 && firstLease.containsKey(d.mac())) {
        newEmployees++;
        movedTo.merge(d.ip(), firstLease.get(d.mac()), Math::max);
      }
    }
    assertThat(newEmployees).as("new employees in the run").isPositive();
    for (Map<String, String> conn : SimulatedRun.readTsv(dir, "conn")) {
      Double lease = movedTo.get(conn.get("id.orig_h"));
      if (lease != null) {
        assertThat(Double.parseDouble(conn.get("ts"))).as(conn.get("id.orig_h") + " " + conn.get("uid"))
            .isGreaterThanOrEqualTo(lease);
      }
    }
  }

  @Test
  void clientTraffic_followsOfficeHoursAndWeekends() throws IOException {
    SimulatedRun run = SimulatedRun.get();
    Organisation org = Organisation.build(SimulatedRun.SEED, SimulatedRun.DEVICES, SimulatedRun.DAYS);
    ZoneId zone = org.sites().getFirst().zone();
    long[] weekdayHours = new long[24];
    long weekday = 0;
    long weekend = 0;
    for (Map<String, String> conn : run.rows("conn")) {
      String ip = conn.get("id.orig_h");
      // Office clients lease from the 10.<site>.16.0 block and above; the VPN pool is elsewhere.
      String hq = "10." + org.sites().getFirst().octet() + ".";
      if (!ip.startsWith(hq) || Integer.parseInt(ip.split("\\.")[2]) < 16) {
        continue;
      }
      double seconds = Double.parseDouble(conn.get("ts"));
      ZonedDateTime local = Instant.ofEpochSecond((long) seconds).atZone(zone);
      boolean isWeekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (isWeekend) {
        weekend++;
      } else if (local.getDayOfWeek() == DayOfWeek.MONDAY) {
        weekday++;
        weekdayHours[local.getHour()]++;
      }
    }
    long office = weekdayHours[10] + weekdayHours[11] + weekdayHours[14] + weekdayHours[15];
    long night = weekdayHours[1] + weekdayHours[2] + weekdayHours[3] + weekdayHours[4];
    assertThat(office).isGreaterThan(5 * night);
    // Two weekend days together carry far less than one working day.
    assertThat(weekend).isLessThan(weekday / 2);
  }

  @Test
  void truth_namesOnlyRecordsThatExistInsideTheirWindow() throws IOException {
    SimulatedRun run = SimulatedRun.get();
    Map<String, Double> firstSeen = new HashMap<>();
    for (String log : List.of("conn", "dns", "http", "ssl", "files", "smb_files", "dce_rpc", "kerberos", "rdp")) {
      for (Map<String, String> row : run.rows(log)) {
        double ts = Double.parseDouble(row.get("ts"));
        for (String id : List.of(row.getOrDefault("uid", "-"), row.getOrDefault("fuid", "-"))) {
          firstSeen.merge(id, ts, Math::min);
        }
      }
    }
    assertThat(run.result.truth().scenarios()).extracting(ScenarioTruth::id)
        .containsExactlyInAnyOrder("S1", "S2", "S3", "beaconing", "port-scan", "brute-force", "dga",
            "c2-unusual-port");
    for (ScenarioTruth scenario : run.result.truth().scenarios()) {
      for (StepTruth step : scenario.steps()) {
        if (step.name().equals("defender-alert")) {
          continue;
        }
        assertThat(step.uids()).as(step.name()).isNotEmpty();
        List<String> missing = step.uids().stream().filter(uid -> !firstSeen.containsKey(uid)).toList();
        assertThat(missing).as(step.name()).isEmpty();
        List<String> outside = step.uids().stream().filter(uid -> {
          long micros = Math.round(firstSeen.get(uid) * 1e6);
          return micros < step.start() || micros > step.end();
        }).toList();
        assertThat(outside).as(step.name()).isEmpty();
      }
    }
  }

  @Test
  void defenderAlert_isOnTheDeviceOfTheNewUserAgent() throws IOException {
    SimulatedRun run = SimulatedRun.get();
    ScenarioTruth s1 = run.result.truth().scenarios().stream().filter(s -> s.id().equals("S1")).findFirst()
        .orElseThrow();
    StepTruth alert = s1.steps().stream().filter(s -> s.name().equals("defender-alert")).findFirst().orElseThrow();
    StepTruth agent = s1.steps().stream().filter(s -> s.name().startsWith("new-user-agent")).findFirst()
        .orElseThrow();
    var json = new ObjectMapper()
        .readTree(run.dir.resolve("defender/alerts.json").toFile());
    var first = json.get("value").get(0);
    assertThat(first.get("id").asText()).isEqualTo(alert.uids().getFirst());
    assertThat(first.get("actorDisplayName").asText()).isEqualTo("DEV-0408");
    assertThat(first.get("evidence").get(0).get("ipInterfaces").get(0).asText()).isEqualTo(agent.ips().getFirst());
    Set<String> agents = run.rows("http").stream().filter(r -> agent.uids().contains(r.get("uid")))
        .map(r -> r.get("user_agent")).collect(Collectors.toSet());
    Set<String> usedBefore = run.rows("http").stream()
        .filter(r -> r.get("id.orig_h").equals(agent.ips().getFirst()) && !agent.uids().contains(r.get("uid")))
        .map(r -> r.get("user_agent")).collect(Collectors.toSet());
    assertThat(agents).hasSize(1).doesNotContainAnyElementsOf(usedBefore);
  }
}
