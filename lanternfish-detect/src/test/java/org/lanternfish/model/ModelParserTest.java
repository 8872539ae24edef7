package org.lanternfish.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.List;
import org.lanternfish.breach.Tactic;
import org.junit.jupiter.api.Test;

final class ModelParserTest {

  private static final String GOOD = """
      # a comment
      model: Device / Test Model
      on: smb_write
      where: share_admin = true
      where: size >= 1000 | executable = true
      boost: new_path = true => +15
      after: rpc ~ svcctl within 10m same peer
      score: 50
      techniques: T1021.002, T1570
      cooldown: 2h
      explain: {device} wrote {file} ({size} bytes)
      """;

  @Test
  void parse_readsEveryKey() {
    ModelParser.Result result = ModelParser.parse("test.models", GOOD);
    assertThat(result.errors()).isEmpty();
    Model m = result.models().get(0);
    assertThat(m.name()).isEqualTo("Device / Test Model");
    assertThat(m.category()).isEqualTo("Device");
    assertThat(m.on()).isEqualTo("smb_write");
    assertThat(m.conditions()).hasSize(2);
    assertThat(m.sequences()).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo("rpc");
      assertThat(s.windowMicros()).isEqualTo(600_000_000L);
      assertThat(s.samePeer()).isTrue();
    });
    assertThat(m.techniques()).containsExactly("T1021.002", "T1570");
    assertThat(m.cooldownMicros()).isEqualTo(7_200_000_000L);
    assertThat(m.cooldownScope()).as("per device unless the model says otherwise")
        .isEqualTo(Model.CooldownScope.DEVICE);
    assertThat(m.line()).isEqualTo(2);
  }

  @Test
  void cooldown_readsItsScope() {
    String perPeer = GOOD.replace("cooldown: 2h", "cooldown: 2h per peer");
    assertThat(ModelParser.parse("t", perPeer).models().getFirst().cooldownScope())
        .isEqualTo(Model.CooldownScope.PEER);
    String perCampaign = GOOD.replace("cooldown: 2h", "cooldown: 6h  per campaign");
    Model campaign = ModelParser.parse("t", perCampaign).models().getFirst();
    assertThat(campaign.cooldownScope()).isEqualTo(Model.CooldownScope.CAMPAIGN);
    assertThat(campaign.cooldownMicros()).isEqualTo(21_600_000_000L);
    assertThat(ModelParser.parse("t", GOOD.replace("cooldown: 2h", "cooldown: 2h per host")).errors())
        .singleElement().asString().endsWith("unknown cooldown scope 'host' (known: device, peer, campaign)");
    assertThat(ModelParser.parse("t", GOOD.replace("cooldown: 2h", "cooldown: 2h each peer")).errors())
        .singleElement().asString().contains("bad cooldown '2h each peer'");
  }

  @Test
  void learning_firstBreaches_isReadAndRefusedBesideANetworkLearningTest() {
    assertThat(ModelParser.parse("t", GOOD).models().getFirst().firstBreachesWhileLearning())
        .as("learned silently unless the model says otherwise").isFalse();
    String first = GOOD.replace("cooldown: 2h", "cooldown: 2h\nlearning: first breaches");
    assertThat(ModelParser.parse("t", first).models().getFirst().firstBreachesWhileLearning()).isTrue();
    assertThat(ModelParser.parse("t", first.replace("learning: first breaches", "learning: always")).errors())
        .singleElement().asString().endsWith("unknown learning rule 'always' (known: first breaches)");
    String both = first.replace("learning: first breaches",
        "learning: first breaches\nwhere: network_learning = false");
    assertThat(ModelParser.parse("t", both).errors()).singleElement().asString()
        .contains("'learning: first breaches' judges the model while the network learns");
  }

  @Test
  void habitCredential_scoresInBoosts_andIsRefusedAsATest() {
    String boosted = GOOD.replace("score: 50", "score: 50\nboost: habit_credential = true => -40");
    assertThat(ModelParser.parse("t", boosted).errors()).isEmpty();
    assertThat(ModelParser.parse("t", GOOD.replace("score: 50", "where: habit_credential = false\nscore: 50"))
        .errors()).singleElement().asString().contains("'habit_credential' is known once a model matched");
  }

  @Test
  void model_matchesScoresAndExplains() {
    Model m = ModelParser.parse("t", GOOD).models().get(0);
    Signal small = new Signal("smb_write", 1, "10.0.0.1", "10.0.0.2").with("share_admin", true).with("size", 10L)
        .with("executable", false).entity("file", "a.txt");
    Signal exe = new Signal("smb_write", 1, "10.0.0.1", "10.0.0.2").with("share_admin", true).with("size", 10L)
        .with("executable", true).with("new_path", true).entity("file", "a.exe");
    assertThat(m.matches(small)).isFalse();
    assertThat(m.matches(exe)).isTrue();
    assertThat(m.score(exe)).isEqualTo(65);
    assertThat(Model.render(m.explanation(), exe.attributes())).isEqualTo("10.0.0.1 wrote a.exe (10 bytes)");
    assertThat(Model.render("{missing} and {size}", Map.of("size", 2.5))).isEqualTo("? and 2.50");
  }

  @Test
  void badBlock_isReportedWithItsLineAndTheOthersStillLoad() {
    String text = GOOD + """

        model: Broken / Bad Score
        on: rpc
        score: 150

        model: Broken / Bad Condition
        on: rpc
        where: endpoint drsuapi
        score: 10

        model: Device / Fine
        on: rpc
        score: 10
        """;
    ModelParser.Result result = ModelParser.parse("user.models", text);
    assertThat(result.models()).extracting(Model::name).containsExactly("Device / Test Model", "Device / Fine");
    assertThat(result.errors()).containsExactly(
        "user.models:15: score must be 0-100, got 150",
        "user.models:19: no operator in 'endpoint drsuapi' (use = != > >= < <= ~ !~ in)");
  }

  @Test
  void missingPieces_areNamed() {
    ModelParser.Result result = ModelParser.parse("x", "on: rpc\nmodel: A / B\nscore: 3\nwibble: 4\n");
    assertThat(result.errors()).containsExactly(
        "x:1: 'on:' outside a model; start one with 'model: NAME'",
        "x:4: unknown key 'wibble:' (known: id, on, where, boost, after, score, techniques, tactics, explain, cooldown,"
            + " learning, enabled)");
    assertThat(ModelParser.parse("y", "model: A / B\nscore: 3\n").errors())
        .containsExactly("y:1: model 'A / B' has no 'on:' signal kind");
  }

  @Test
  void catalogue_shipsTheWholeCatalogueWithoutErrors() {
    Catalogue c = Catalogue.shipped();
    assertThat(c.errors()).isEmpty();
    assertThat(c.models()).extracting(Model::name).contains(
        "User / New Admin Credentials on Client", "Anomalous Connection / Unusual Admin SMB Session",
        "Compliance / SMB Drive Write", "Device / Anomalous SMB Followed By Multiple Model Breaches",
        "Anomalous Connection / New User Agent to Internal Server", "Anomalous Connection / Suspicious DCSync",
        "Device / Remote WMI Execution After SMB Upload", "Device / Service Created Remotely",
        "Anomalous File / Masqueraded Executable Written to Share", "Anomalous Connection / Unusual RDP From VPN",
        "User / VPN Login From Unusual Device", "Anomalous Server Activity / DNS Tunnelling",
        "Compromise / Beaconing to Rare Destination", "Anomalous Connection / Data Sent to Rare Domain",
        "Unusual Activity / Unusual Internal Download", "Anomalous Connection / Uncommon 1 GiB Outbound",
        "Compliance / IoC Match", "Device / Port Scan", "Device / Brute Force",
        "Security Integration / Suricata Alert: {signature}");
    assertThat(c.remembered()).contains("smb_write", "breach");
  }

  @Test
  void catalogue_userDefinitionReplacesAndDisables() {
    Catalogue c = Catalogue.shipped();
    assertThat(c.forKind("port_scan")).hasSize(1);
    c.add("data/models/tuned.models", "model: Device / Port Scan\non: port_scan\nwhere: targets >= 500\nscore: 40\n");
    assertThat(c.forKind("port_scan")).singleElement().satisfies(m -> assertThat(m.score()).isEqualTo(40));
    assertThat(c.setEnabled("Device / Port Scan", false)).isTrue();
    assertThat(c.forKind("port_scan")).isEmpty();
    assertThat(c.setEnabled("No / Such Model", true)).isFalse();
  }

  @Test
  void techniques_placeholderTakesTheSignalsOwnIds() {
    ModelParser.Result result = ModelParser.parse("test.models", """
        model: Security Integration / Test Alert: {title}
        on: defender_alert
        score: 50
        techniques: T1071, {mitre_techniques}
        """);
    assertThat(result.errors()).isEmpty();
    Model m = result.models().get(0);
    Signal signal = new Signal("defender_alert", 0, "10.0.0.1", null)
        .with("mitre_techniques", "T1059.001, T1071, T1055");
    assertThat(m.techniques(signal)).containsExactly("T1071", "T1059.001", "T1055");
    assertThat(m.techniques(new Signal("defender_alert", 0, "10.0.0.1", null))).containsExactly("T1071");
    assertThat(m.techniques(new Signal("defender_alert", 0, "10.0.0.1", null)
        .with("mitre_techniques", java.util.List.of("T1003.006")))).containsExactly("T1071", "T1003.006");
  }

  @Test
  void techniques_badPlaceholder_isReportedWithItsLine() {
    ModelParser.Result result = ModelParser.parse("test.models", """
        model: Device / Bad Techniques
        on: conn
        score: 50
        techniques: {Mitre-Techniques}
        """);
    assertThat(result.models()).isEmpty();
    assertThat(result.errors()).singleElement().asString().startsWith("test.models:4: bad technique placeholder");
  }

  @Test
  void parse_unknownKind_isRefusedWithLineAndSuggestion_othersLoad() {
    String text = """
        model: Compliance / Typo
        on: smb_writ
        score: 35

        model: Compliance / Fine
        on: smb_write
        where: share_admin = true
        score: 35
        """;
    ModelParser.Result result = ModelParser.parse("user.models", text);
    assertThat(result.models()).extracting(Model::id).containsExactly("fine");
    assertThat(result.errors()).containsExactly("user.models:2: unknown signal kind 'smb_writ' (did you mean"
        + " 'smb_write'?)");
  }

  @Test
  void parse_unknownAttribute_isRefusedOnTheLineThatReadsIt() {
    String text = """
        model: Compliance / Typo
        on: smb_write
        score: 35
        where: shre_admin = true

        model: Compliance / Boosted
        on: smb_write
        score: 35
        boost: executabel = true => +10

        model: Compliance / Explained
        on: smb_write
        score: 35
        explain: {device} wrote {fiel}

        model: Compliance / Fine
        on: smb_write
        where: share_admin = true | new_path = true
        score: 35
        explain: {device} wrote {file} on {peer} ({device_days})
        """;
    ModelParser.Result result = ModelParser.parse("user.models", text);
    assertThat(result.models()).extracting(Model::name).containsExactly("Compliance / Fine");
    assertThat(result.errors()).containsExactly(
        "user.models:4: unknown attribute 'shre_admin' (did you mean 'share_admin'?) of 'smb_write' signals",
        "user.models:9: unknown attribute 'executabel' (did you mean 'executable'?) of 'smb_write' signals",
        "user.models:14: unknown attribute 'fiel' (did you mean 'file'?) of 'smb_write' signals");
  }

  @Test
  void parse_epochEndAttribute_isKnownOnlyForKindsHeldToTheEpochsEnd() {
    ModelParser.Result result = ModelParser.parse("u", "model: A / B\non: port_scan\nwhere: rollout = false\n"
        + "score: 3\n\nmodel: A / C\non: beacon\nwhere: rollout = false\nscore: 3\n");
    assertThat(result.models()).extracting(Model::id).containsExactly("c");
    assertThat(result.errors()).singleElement().asString().startsWith("u:3: unknown attribute 'rollout'");
  }

  @Test
  void parse_unknownKindInAfter_isRefused() {
    ModelParser.Result result = ModelParser.parse("u", "model: A / B\non: rpc\nafter: smb_wirte within 1h\n"
        + "score: 3\n");
    assertThat(result.errors()).containsExactly("u:3: unknown signal kind 'smb_wirte' (did you mean 'smb_write'?)"
        + " in 'after:'");
  }

  @Test
  void parse_idAndTactics_areKept_andAnIdIsDerivedFromTheNameWhenMissing() {
    ModelParser.Result result = ModelParser.parse("u", """
        model: Compliance / SMB Drive Write
        on: smb_write
        score: 3
        techniques: T1021.002

        model: Security Integration / Alert: {signature}
        id: ids-alert
        on: alert
        score: 3
        tactics: lateral-movement, TA0002
        """);
    assertThat(result.errors()).isEmpty();
    assertThat(result.models()).extracting(Model::id).containsExactly("smb-drive-write", "ids-alert");
    assertThat(result.models().get(0).tactics(List.of("T1021.002"))).containsExactly(Tactic.LATERAL_MOVEMENT);
    assertThat(result.models().get(1).tactics(List.of("T1046"))).containsExactly(Tactic.EXECUTION,
        Tactic.LATERAL_MOVEMENT);
  }

  @Test
  void parse_sameIdTwiceInOneFile_refusesTheSecond() {
    ModelParser.Result result = ModelParser.parse("u", "model: A / B\non: rpc\nscore: 3\n\nmodel: C / B\n"
        + "on: rpc\nscore: 3\n");
    assertThat(result.models()).extracting(Model::name).containsExactly("A / B");
    assertThat(result.errors()).singleElement().asString().startsWith("u:5: model id 'b' is already used");
  }

  @Test
  void shippedCatalogue_passesTheRegistry() {
    Catalogue shipped = Catalogue.shipped();
    assertThat(shipped.errors()).isEmpty();
    assertThat(shipped.models()).as("one model for every 'model:' line of the shipped files")
        .hasSize(shippedModelLines()).allSatisfy(m -> {
      assertThat(SignalKinds.isKind(m.on())).as(m.name()).isTrue();
      assertThat(m.id()).as(m.name()).matches("[a-z0-9][a-z0-9-]*");
    });
    assertThat(shipped.models()).extracting(Model::id).doesNotHaveDuplicates();
  }

  private static int shippedModelLines() {
    int n = 0;
    for (String file : Catalogue.SHIPPED) {
      try (var in = Catalogue.class.getResourceAsStream("/models/" + file)) {
        n += (int) new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
            .filter(line -> line.startsWith("model:")).count();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return n;
  }
}
