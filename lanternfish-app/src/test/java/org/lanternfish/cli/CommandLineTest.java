package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;

/** The command line as a user meets it: exit codes, JSON output, clear errors for bad input. */
final class CommandLineTest {
  private static final String DNS_HEADER = String.join("\n",
      "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tdns",
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery\tqtype_name",
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tstring") + "\n";

  @TempDir Path temp;

  private static CommandRun run(String... args) {
    return CommandRun.of(args);
  }

  @Test
  void actions_proposedByTheFollower_confirmedExtendedAndClearedFromTheCommandLine() throws IOException {
    Path data = Files.createDirectories(temp.resolve("respond-data"));
    Path live = Files.createDirectories(temp.resolve("respond-live"));
    Files.writeString(data.resolve("config.toml"), "watch_lists = [\"iocs.csv\"]\n");
    Files.writeString(data.resolve("iocs.csv"), "203.0.113.9,test command server\n");
    Files.writeString(data.resolve("respond.conf"), """
        rule: watch-list
        models: ioc-match
        action: block_connections
        duration: 2h
        mode: confirm
        """);
    Files.writeString(live.resolve("conn.log"), String.join("\n", "#separator \\x09", "#path\tconn",
        "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto",
        "#types\ttime\tstring\taddr\tport\taddr\tport\tenum",
        "1704067200.000000\tCr1\t10.0.0.5\t50000\t203.0.113.9\t443\ttcp") + "\n");
    String dir = "--data-dir=" + data;
    assertThat(run("ingest", "--follow", live.toString(), dir, "--exit-when-idle", "1").exitCode()).isZero();

    CommandRun listed = run("actions", "list", dir);
    assertThat(listed.out()).contains("A-000001  pending_confirmation  block_connections  10.0.0.5 -> 203.0.113.9:443",
        "policy:watch-list  created, awaiting confirmation", "1 action");
    assertThat(run("actions", "confirm", "A-000001", "--as", "alice", dir).out()).contains("A-000001  active");
    CommandRun badDuration = run("actions", "extend", "A-000001", "--by", "2 hours", dir);
    assertThat(badDuration.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badDuration.err()).contains("--by: a duration is a positive number");
    assertThat(run("actions", "extend", "A-000001", "--by", "1h", "--as", "bob", dir).exitCode()).isZero();
    assertThat(run("actions", "clear", "A-000001", "--note", "our own scanner", "--as", "carol", dir).out())
        .contains("A-000001  cleared", "cli:carol  cleared (our own scanner)");
    assertThat(run("actions", "clear", "A-000001", dir).exitCode()).as("already cleared").isEqualTo(ExitCode.USAGE);
    assertThat(run("actions", "confirm", "A-000002", dir).exitCode()).as("no such action").isEqualTo(ExitCode.INPUT);
    assertThat(run("actions", "list", "--json", dir).out()).contains("\"cli:alice\"", "\"cli:bob\"",
        "\"CLEARED\"");

    Files.writeString(data.resolve("respond.conf"), "rule: x\naction: block_everything\nduration: 1h\nmode: now\n");
    CommandRun bad = run("ingest", "--follow", live.toString(), dir, "--exit-when-idle", "1");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains(data.resolve("respond.conf") + ":2: unknown action 'block_everything'",
        data.resolve("respond.conf") + ":4: mode is autonomous or confirm, got 'now'");
  }

  private Path logs() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("logs"));
    Files.writeString(dir.resolve("dns.log"), DNS_HEADER
        + "1704067200.000000\tCa1\t10.0.0.5\t5353\t10.0.0.53\t53\tudp\tcybaq.chtq.net\tTXT\n"
        + "1704067201.000000\tCa2\t10.0.0.5\t5353\t10.0.0.53\t53\tudp\n"
        + "17040672xx.000000\tCa3\t10.0.0.6\t5353\t10.0.0.53\t53\tudp\twww.example.org\tA\n"
        + "1704067203.000000\tCa4\t10.0.0.6\t5353\t10.0.0.53\t53\tudp\twww.example.org\tA\n");
    return dir;
  }

  @Test
  void everyCommand_hasHelp() {
    for (String command : new String[] {"demo", "serve", "analyze", "ingest", "import-pcap", "search", "stats",
        "simulate", "eval", "implant", "models", "bench"}) {
      CommandRun help = run(command, "--help");
      assertThat(help.exitCode()).as(command).isZero();
      assertThat(help.out()).as(command).contains("Usage: lanternfish " + command);
    }
  }

  @Test
  void analyze_reportsMalformedLinesWithFileAndLine_andKeepsTheGoodOnes() throws IOException {
    CommandRun run = run("analyze", "--json", "--data-dir", temp.resolve("data").toString(), logs().toString());

    assertThat(run.exitCode()).isZero();
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.at("/ingest/recordsByType/dns").asLong()).isEqualTo(2);
    assertThat(report.at("/ingest/malformed").asLong()).isEqualTo(2);
    assertThat(report.at("/ingest/malformedByClass/WRONG_COLUMN_COUNT/first/0").asText()).contains("dns.log:9");
    assertThat(report.at("/ingest/malformedByClass/BAD_NUMBER/first/0").asText()).contains("dns.log:10");
    assertThat(report.at("/internalDevices").asInt()).isEqualTo(3);
  }

  @Test
  void analyze_readsTheSiteConfiguration_andABadOneIsAUsageErrorWithItsReason() throws IOException {
    Path data = Files.createDirectories(temp.resolve("data"));
    Files.writeString(data.resolve("intel.csv"), "indicator,description\nchtq.net,tunnelling test domain\n");
    Files.writeString(data.resolve("config.toml"), """
        internal_networks = ["10.0.0.0/8"]
        time_zone = "Europe/Berlin"
        watch_lists = ["intel.csv"]
        """);
    CommandRun watched = run("analyze", "--json", "--data-dir", data.toString(), logs().toString());
    assertThat(watched.exitCode()).isZero();
    assertThat(watched.out()).contains("Compliance / IoC Match").contains("tunnelling test domain");

    Files.writeString(data.resolve("config.toml"), "internal_networks = [\"10.0.0.0/33\"]\n");
    CommandRun bad = run("analyze", "--data-dir", data.toString(), logs().toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains("config.toml: internal_networks: bad prefix length in '10.0.0.0/33'");
  }

  @Test
  void analyze_missingPath_isAnInputError() {
    CommandRun run = run("analyze", temp.resolve("nowhere").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
    assertThat(run.err()).contains("no such file or directory");
  }

  @Test
  void ingestThenSearch_findsStoredEvents_andABadQueryPointsAtItsToken() throws IOException {
    String data = temp.resolve("data").toString();
    assertThat(run("ingest", "--data-dir", data, logs().toString()).exitCode()).isZero();

    CommandRun hits = run("search", "--data-dir", data, "--json", "query:*.chtq.net AND qtype_name:TXT");
    assertThat(hits.exitCode()).isZero();
    JsonNode rows = new ObjectMapper().readTree(hits.out());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("uid").asText()).isEqualTo("Ca1");

    CommandRun bad = run("search", "--data-dir", data, "query:x AND AND");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains("column").contains("^");

    CommandRun stats = run("stats", "--data-dir", data, "--json");
    assertThat(stats.exitCode()).isZero();
    JsonNode counts = new ObjectMapper().readTree(stats.out());
    assertThat(counts.at("/rows/DNS").asLong()).isEqualTo(2);
    assertThat(counts.at("/malformed/BAD_NUMBER").asLong()).isEqualTo(1);
  }

  @Test
  void stats_countsEveryMalformedLine_notOnlyTheKeptSamples() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("bad"));
    StringBuilder text = new StringBuilder(DNS_HEADER);
    for (int i = 0; i < 25; i++) {
      text.append("1704067200.000000\tCb").append(i).append("\t10.0.0.5\tnot-a-port\t10.0.0.53\t53\tudp\tx.org\tA\n");
    }
    Files.writeString(dir.resolve("dns.log"), text);
    String data = temp.resolve("data").toString();
    assertThat(run("ingest", "--data-dir", data, dir.toString()).exitCode()).isZero();

    JsonNode stats = new ObjectMapper().readTree(run("stats", "--data-dir", data, "--json").out());
    assertThat(stats.at("/malformed/BAD_NUMBER").asLong()).isEqualTo(25);
    assertThat(stats.at("/malformedSamples")).hasSizeLessThanOrEqualTo(20);
  }

  @Test
  void ingest_runsDetection_andStoresTheBreachesAndWhatItLearned() throws IOException {
    Path dir = dcsyncLogs();
    Path data = temp.resolve("data");
    CommandRun run = run("ingest", "--json", "--learning-days", "0", "--data-dir", data.toString(), dir.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).get("breaches").asLong()).isPositive();

    try (DuckDbEventStore store = DuckDbEventStore.openReadOnly(data)) {
      assertThat(store.breaches(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 0))
          .anySatisfy(breach -> {
            assertThat(breach.model()).isEqualTo("Anomalous Connection / Suspicious DCSync");
            assertThat(breach.recordUids()).contains("Cdc1");
          });
      assertThat(store.state("detector")).isPresent();
    }
  }

  /** A DCSync from a workstation: breaches even with nothing learned. */
  private Path dcsyncLogs() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("dcsync"));
    Files.writeString(dir.resolve("dce_rpc.log"), String.join("\n",
        "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tdce_rpc",
        "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\trtt\tnamed_pipe\tendpoint\toperation",
        "#types\ttime\tstring\taddr\tport\taddr\tport\tinterval\tstring\tstring\tstring",
        "1704067200.000000\tCdc1\t10.0.0.5\t50123\t10.0.0.10\t49667\t0.01\t49667\tdrsuapi\tDRSBind",
        "1704067201.000000\tCdc1\t10.0.0.5\t50123\t10.0.0.10\t49667\t0.20\t49667\tdrsuapi\tDRSGetNCChanges",
        "") );
    return dir;
  }

  @Test
  void breaches_listsInCommitOrder_andResumesAfterSince() throws IOException {
    String data = temp.resolve("data").toString();
    assertThat(run("ingest", "--learning-days", "0", "--data-dir", data, dcsyncLogs().toString()).exitCode())
        .isZero();

    JsonNode all = new ObjectMapper().readTree(run("breaches", "--json", "--data-dir", data).out());
    assertThat(all).isNotEmpty();
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).get("seq").asLong()).isEqualTo(i + 1);
    }
    assertThat(all.findValuesAsText("model")).contains("Anomalous Connection / Suspicious DCSync");
    long last = all.get(all.size() - 1).get("seq").asLong();
    assertThat(new ObjectMapper().readTree(run("breaches", "--json", "--since", String.valueOf(last - 1),
        "--data-dir", data).out())).hasSize(1);
    assertThat(new ObjectMapper().readTree(run("breaches", "--json", "--min-score", "101", "--data-dir", data)
        .out())).isEmpty();
    CommandRun text = run("breaches", "--data-dir", data);
    assertThat(text.out()).contains("Suspicious DCSync").contains(all.size() + " breach");
    assertThat(run("breaches", "--since", "-1", "--data-dir", data).exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void ingest_overLearnedStateOfAnotherFormat_warnsAndLearnsAfresh() throws IOException {
    Path data = temp.resolve("data");
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      // What an older Lanternfish left: the snapshot magic, then format version 3.
      store.commit(Commit.of(java.util.List.of(), java.util.List.of(), java.util.Map.of("detector",
          new byte[] {0x4c, 0x46, 0x4e, 0x31, 0, 0, 0, 3, 1, 2, 3})));
    }
    CommandRun run = run("ingest", "--data-dir", data.toString(), logs().toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("format version 3").contains("starts learning again");
    try (DuckDbEventStore store = DuckDbEventStore.openReadOnly(data)) {
      assertThat(store.state("detector")).hasValueSatisfying(state -> assertThat(state[7]).isNotEqualTo((byte) 3));
    }
  }

  @Test
  void simulatedDefenderAlert_isScoredAsDetected_andStoredSearchably() throws IOException {
    Path sim = temp.resolve("sim");
    assertThat(run("simulate", "--seed", "5", "--days", "2", "--devices", "20", "--scenarios", "S1@1", "--out",
        sim.toString()).exitCode()).isZero();
    String alertId = new ObjectMapper().readTree(sim.resolve("defender/alerts.json").toFile())
        .get("value").get(0).get("id").asText();

    CommandRun eval = run("eval", "--json", "--learning-days", "1", "--truth", sim.resolve("truth.json").toString(),
        "--logs", sim.toString());
    assertThat(eval.exitCode()).isZero();
    JsonNode steps = new ObjectMapper().readTree(eval.out()).get("scenarios").get(0).get("steps");
    assertThat(steps).anySatisfy(step -> {
      assertThat(step.get("name").asText()).isEqualTo("defender-alert");
      assertThat(step.get("detected").asBoolean()).isTrue();
    });

    String data = temp.resolve("data").toString();
    assertThat(run("ingest", "--learning-days", "1", "--data-dir", data, sim.resolve("defender").toString())
        .exitCode()).isZero();
    CommandRun found = run("search", "--json", "--data-dir", data, "type:defender_alert AND actor_display_name:DEV-0408");
    assertThat(found.exitCode()).isZero();
    assertThat(found.out()).contains(alertId, "microsoftDefenderForEndpoint", "\"first_activity\" : \"2026-11-03T");
  }

  @Test
  void ingestOfASimulatedDataTheft_storesOneIncidentThatTellsIt() throws IOException {
    Path sim = temp.resolve("sim");
    assertThat(run("simulate", "--seed", "3", "--days", "2", "--devices", "14", "--scenarios", "S3@1", "--out",
        sim.toString()).exitCode()).isZero();
    String data = temp.resolve("data").toString();
    assertThat(run("ingest", "--learning-days", "1", "--data-dir", data, sim.resolve("2026-11-02").toString(),
        sim.resolve("2026-11-03").toString()).exitCode()).isZero();

    CommandRun listed = run("incidents", "--json", "--data-dir", data);
    assertThat(listed.exitCode()).isZero();
    JsonNode incidents = new ObjectMapper().readTree(listed.out());
    assertThat(incidents).anySatisfy(incident -> {
      assertThat(incident.get("priority").asInt()).isGreaterThanOrEqualTo(60);
      assertThat(incident.get("phases").toString()).contains("EXFILTRATION").contains("LATERAL_MOVEMENT");
      assertThat(incident.get("resemblances").toString()).contains("DPRK");
      assertThat(incident.get("history")).isNotEmpty();
      assertThat(incident.get("summary").get(0).get("breachIds")).isNotEmpty();
    });
    assertThat(run("incidents", "--data-dir", data).out())
        .as("devices known only by their network card are called by name and address").doesNotContain("mac:");

    // On demand, the AI Analyst investigates the first attacking device at its first breach, and a quiet night.
    JsonNode first = incidents.get(0).get("breaches").get(0);
    String name = first.get("entities").get("device_name").asText();
    Instant when = Instant.EPOCH.plusNanos(first.get("ts").asLong() * 1000);
    CommandRun found = run("investigate", name, "--at", when.toString(), "--json", "--data-dir", data);
    assertThat(found.exitCode()).isZero();
    JsonNode investigation = new ObjectMapper().readTree(found.out());
    assertThat(investigation.get("incident").get("devices").toString()).contains(first.get("device").asText());
    assertThat(investigation.get("lookedAt")).hasSize(4);

    // The second night: on the store's first, everything a device does is a first time.
    CommandRun quiet = run("investigate", name, "--at", "2026-11-03T03:00:00Z", "--data-dir", data);
    assertThat(quiet.exitCode()).isZero();
    assertThat(quiet.out()).startsWith("Nothing unusual found");
  }

  @Test
  void search_withoutAStore_isAStoreError() {
    CommandRun run = run("search", "--data-dir", temp.resolve("empty").toString(), "query:x");
    assertThat(run.exitCode()).isEqualTo(ExitCode.STORE);
    assertThat(run.err()).contains("no event store");
  }

  @Test
  void benchDetect_printsPositiveThroughputAndStateFigures() throws IOException {
    CommandRun run = run("bench", "detect", "--devices", "50", "--state-devices", "200", "--json", "--dir",
        temp.resolve("bench").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode figures = new ObjectMapper().readTree(run.out());
    assertThat(figures.get("records").asLong()).isPositive();
    assertThat(figures.get("parseOnly").findValuesAsText("input")).containsExactly("plain", "gzip");
    for (JsonNode parseOnly : figures.get("parseOnly")) {
      assertThat(parseOnly.get("recordsPerSecond").asDouble()).isPositive();
    }
    assertThat(figures.at("/parseIntoMemory/recordsPerCpuSecond").asDouble()).isPositive();
    assertThat(figures.get("parseDetect").findValuesAsText("input")).containsExactly("plain", "plain", "gzip", "gzip");
    assertThat(figures.get("parseDetect").findValuesAsText("threads")).containsExactly("1", "2", "1", "2");
    assertThat(figures.get("detectOnly").findValuesAsText("threads")).containsExactly("1", "2");
    for (JsonNode parseDetect : figures.get("parseDetect")) {
      assertThat(parseDetect.get("recordsPerSecond").asDouble()).isPositive();
      assertThat(parseDetect.get("recordsPerCpuSecond").asDouble()).isPositive();
    }
    for (JsonNode detectOnly : figures.get("detectOnly")) {
      assertThat(detectOnly.get("eventsPerSecond").asDouble()).isPositive();
      assertThat(detectOnly.get("eventsPerCpuSecond").asDouble()).isPositive();
    }
    JsonNode state = figures.get("state").get(0);
    assertThat(state.get("devices").asInt()).isEqualTo(200);
    assertThat(state.get("identifiedDevices").asInt()).isGreaterThanOrEqualTo(200);
    assertThat(state.get("heapBytesPerDevice").asLong()).isPositive();
    assertThat(state.get("snapshotBytesPerDevice").asLong()).isPositive();
  }

  @Test
  void benchIngest_printsRatioWholeIngestBytesAndSearchLatency() throws IOException {
    CommandRun run = run("bench", "ingest", "--lines", "3000", "--devices", "50", "--search-records", "150000", "--json",
        "--dir", temp.resolve("bench").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode figures = new ObjectMapper().readTree(run.out());
    assertThat(figures.get("lines").asLong()).isEqualTo(3000);
    assertThat(figures.get("ratio").asDouble()).isPositive();
    assertThat(figures.get("cpuRatio").asDouble()).isPositive();
    assertThat(figures.at("/readCsv/recordsPerCpuSecond").asDouble()).isPositive();
    JsonNode day = figures.get("simulatedDay");
    assertThat(day.get("records").asLong()).isPositive();
    assertThat(day.at("/wholeIngest/recordsPerSecond").asDouble()).isPositive();
    assertThat(day.at("/wholeIngestCompiled/recordsPerSecond").asDouble()).isPositive();
    assertThat(day.get("storeBytesPerRecord").asDouble()).isPositive();
    assertThat(day.get("gzipBytesPerRecord").asDouble()).isPositive();
    JsonNode search = day.get("search");
    assertThat(search.get("records").asLong()).isGreaterThanOrEqualTo(150_000);
    assertThat(search.get("days").asLong()).isGreaterThan(1);
    assertThat(search.get("queries").findValuesAsText("shape"))
        .containsExactly("CIDR + time range", "wildcard domain", "count by field");
    for (JsonNode query : search.get("queries")) {
      assertThat(query.get("p95Millis").asDouble()).isGreaterThanOrEqualTo(query.get("p50Millis").asDouble());
    }
    assertThat(search.get("queries").get(0).get("results").asInt()).as("the busiest /24 on a copied day").isPositive();
    assertThat(search.get("queries").get(1).get("results").asInt()).as("the commonest domain's parent").isPositive();
  }

  @Test
  void simulate_rejectsTooFewDevices_asAUsageError() {
    CommandRun run = run("simulate", "--devices", "2", "--out", temp.resolve("sim").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("devices must be at least");
  }

  @Test
  void analyzeAndIngest_ofASymlinkedFolder_readIt_asZeeksLogsCurrent() throws IOException {
    Path current = Files.createSymbolicLink(temp.resolve("current"), logs());

    CommandRun analyze = run("analyze", "--json", "--data-dir", temp.resolve("data").toString(), current.toString());
    assertThat(analyze.exitCode()).as(analyze.err()).isZero();
    assertThat(new ObjectMapper().readTree(analyze.out()).at("/ingest/records").asLong()).isEqualTo(2);

    CommandRun ingest = run("ingest", "--json", "--data-dir", temp.resolve("data").toString(), current.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(new ObjectMapper().readTree(ingest.out()).at("/ingest/records").asLong()).isEqualTo(2);
  }

  @Test
  void ingest_withAnUnreadableFile_readsTheRest_andExitsWithTheInputErrorCode() throws IOException {
    Path dir = logs();
    Files.createSymbolicLink(dir.resolve("conn.log"), dir.resolve("rotated-away.log"));

    CommandRun run = run("ingest", "--json", "--data-dir", temp.resolve("data").toString(), dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
    assertThat(run.err()).contains("unreadable: " + dir.resolve("conn.log")).doesNotContain("\tat ");
    assertThat(new ObjectMapper().readTree(run.out()).at("/ingest/records").asLong()).isEqualTo(2);
  }

  @Test
  void ingest_retention_isBoundedAndSaysWhatWasNotKept() throws IOException {
    String data = temp.resolve("data").toString();
    for (String bad : new String[] {"0", "-1", "36501"}) {
      CommandRun refused = run("ingest", "--data-dir", data, "--retention", bad, logs().toString());
      assertThat(refused.exitCode()).as(bad).isEqualTo(ExitCode.USAGE);
      assertThat(refused.err()).contains("--retention must be between 1 and 36500");
    }
    // The logs are of 2024, older than 30 days.
    CommandRun run = run("ingest", "--data-dir", data, "--retention", "30", logs().toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("2 records older than the retention of 30 days were not kept");
  }

  @Test
  void numericOptions_outOfBounds_areUsageErrorsWithTheirReason() throws IOException {
    String data = temp.resolve("data").toString();
    String logs = logs().toString();
    String[][] cases = {
      {"--threads", "analyze", "--threads", "100000", "--data-dir", data, logs},
      {"--threads", "analyze", "--threads", "0", "--data-dir", data, logs},
      {"--exit-when-idle", "ingest", "--follow", "--exit-when-idle", "-3", "--data-dir", data, logs},
      {"--exit-when-idle", "ingest", "--follow", "--exit-when-idle", "NaN", "--data-dir", data, logs},
      {"--learning-days", "analyze", "--learning-days", "-1", "--data-dir", data, logs},
      {"--limit", "search", "--limit", "0", "--data-dir", data, "type:conn"},
      {"--min-priority", "incidents", "--min-priority", "-5", "--data-dir", data},
      {"--days", "simulate", "--days", "100000", "--out", temp.resolve("sim").toString()},
    };
    for (String[] c : cases) {
      CommandRun run = run(java.util.Arrays.copyOfRange(c, 1, c.length));
      assertThat(run.exitCode()).as(String.join(" ", c)).isEqualTo(ExitCode.USAGE);
      assertThat(run.err()).as(String.join(" ", c)).contains(c[0] + " must be between").doesNotContain("\tat ");
    }
  }

  @Test
  void ingestOfASimulatedFolder_ignoresTheTruthWithOneLine_andRejectsNothing() throws IOException {
    Path sim = temp.resolve("sim");
    assertThat(run("simulate", "--seed", "3", "--days", "1", "--devices", "20", "--scenarios", "none", "--out",
        sim.toString()).exitCode()).isZero();

    CommandRun run = run("ingest", "--data-dir", temp.resolve("data").toString(), sim.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).doesNotContain("rejected").doesNotContain("jackson")
        .contains("ignored file: " + sim.resolve("truth.json") + ": the simulator's ground truth");
  }

  @Test
  void configThatIsNotUtf8OrIsAFolder_isAConfigurationError_notAStackTrace() throws IOException {
    Path data = Files.createDirectories(temp.resolve("data"));
    Files.write(data.resolve("config.toml"), new byte[] {'t', 'i', 'm', 'e', '_', 'z', 'o', 'n', 'e', ' ', '=', ' ',
        '"', (byte) 0xff, (byte) 0xfe, '"', '\n'});
    CommandRun notUtf8 = run("analyze", "--data-dir", data.toString(), logs().toString());
    assertThat(notUtf8.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(notUtf8.err()).startsWith("lanternfish: configuration error: " + data.resolve("config.toml"))
        .contains("not UTF-8").doesNotContain("\tat ");

    Files.delete(data.resolve("config.toml"));
    Files.createDirectories(data.resolve("config.toml"));
    CommandRun folder = run("analyze", "--data-dir", data.toString(), logs().toString());
    assertThat(folder.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(folder.err()).startsWith("lanternfish: configuration error: " + data.resolve("config.toml"))
        .contains("folder").doesNotContain("\tat ");
  }

  @Test
  void investigate_anUnknownOrEmptyDeviceOrAnAbsurdTime_isRefusedWithItsReason() throws IOException {
    String data = temp.resolve("data").toString();
    assertThat(run("ingest", "--data-dir", data, logs().toString()).exitCode()).isZero();

    CommandRun unknown = run("investigate", "NO-SUCH-HOST", "--at", "2024-01-01T00:00:00Z", "--data-dir", data);
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.INPUT);
    assertThat(unknown.err()).contains("unknown device 'NO-SUCH-HOST'");
    assertThat(unknown.out()).doesNotContain("Nothing unusual");

    CommandRun empty = run("investigate", "", "--at", "2024-01-01T00:00:00Z", "--data-dir", data);
    assertThat(empty.exitCode()).isEqualTo(ExitCode.USAGE);

    CommandRun far = run("investigate", "10.0.0.5", "--at", "+1000000000-01-01T00:00:00Z", "--data-dir", data);
    assertThat(far.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(far.err()).contains("--at must be").doesNotContain("-171979");

    CommandRun known = run("investigate", "10.0.0.5", "--at", "2024-01-01T00:00:00Z", "--data-dir", data);
    assertThat(known.exitCode()).as(known.err()).isZero();
  }

  @Test
  void ingestTwice_storesEachRecordOnce_namesTheSkippedFile_andForceReadsItAgain() throws IOException {
    String data = temp.resolve("data").toString();
    Path logs = logs();
    assertThat(run("ingest", "--data-dir", data, logs.toString()).exitCode()).isZero();

    CommandRun again = run("ingest", "--data-dir", data, logs.toString());
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).startsWith("Stored 0 records")
        .contains("ignored file: " + logs.resolve("dns.log") + ": already stored");
    CommandRun copy = run("ingest", "--data-dir", data, Files.copy(logs.resolve("dns.log"), temp.resolve("copy.log"))
        .toString());
    assertThat(copy.out()).contains("already stored");
    assertThat(new ObjectMapper().readTree(run("stats", "--data-dir", data, "--json").out()).at("/rows/DNS")
        .asLong()).isEqualTo(2);

    assertThat(run("ingest", "--force", "--data-dir", data, logs.toString()).exitCode()).isZero();
    assertThat(new ObjectMapper().readTree(run("stats", "--data-dir", data, "--json").out()).at("/rows/DNS")
        .asLong()).isEqualTo(4);
  }

  @Test
  void ingestOfALogThatGrewSinceItWasStored_storesOnlyItsNewLines() throws IOException {
    String data = temp.resolve("data").toString();
    Path logs = logs();
    assertThat(run("ingest", "--data-dir", data, logs.toString()).exitCode()).isZero();
    Files.writeString(logs.resolve("dns.log"),
        "1704067300.000000\tCa9\t10.0.0.7\t5353\t10.0.0.53\t53\tudp\tlate.example.org\tA\n",
        java.nio.file.StandardOpenOption.APPEND);

    CommandRun grown = run("ingest", "--json", "--data-dir", data, logs.toString());
    assertThat(grown.exitCode()).isZero();
    assertThat(new ObjectMapper().readTree(grown.out()).at("/ingest/records").asLong()).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(grown.out()).at("/ingest/malformed").asLong()).isZero();
    CommandRun again = run("ingest", "--data-dir", data, logs.toString());
    assertThat(again.out()).startsWith("Stored 0 records").contains("already stored");

    JsonNode rows = new ObjectMapper().readTree(run("search", "--json", "--data-dir", data, "type:dns").out());
    assertThat(rows).extracting(row -> row.get("uid").asText()).containsExactlyInAnyOrder("Ca1", "Ca4", "Ca9");
  }
}
