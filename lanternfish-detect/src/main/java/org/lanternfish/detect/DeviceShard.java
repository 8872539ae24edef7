package org.lanternfish.detect;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.baseline.LocalWeek;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Entities;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;
import org.lanternfish.device.DeviceDirectory;
import org.lanternfish.device.Role;
import org.lanternfish.event.AlertEvent;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FileEvent;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.LdapSearchEvent;
import org.lanternfish.event.SshEvent;
import org.lanternfish.event.NetworkEvent;
import org.lanternfish.event.NtlmEvent;
import org.lanternfish.event.RdpEvent;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;
import org.lanternfish.event.SslEvent;
import org.lanternfish.model.Model;
import org.lanternfish.model.Signal;
import org.lanternfish.model.SignalKinds;

/**
 * The per-device step of the detection core, for the devices one worker owns (a thread of the embedded runner, a
 * parallel instance of a stream processor's keyed operator): it learns from each {@link RoutedEvent}, raises signals
 * and judges them with the models. It reads only its own devices (from the {@link DeviceStates} it is given) and the
 * shared {@link NetworkView}; everything it tells the rest of the network goes into its {@link NetworkDelta}, handed
 * to the merge when an epoch closes.
 *
 * <p>An epoch ends in two calls, with the merge between them: {@link #endEpoch} reports what the epoch's devices
 * became and returns the delta; after every shard's delta is merged into the view, {@link #settleEpoch} judges the
 * signals that waited for the whole network's view. Not thread-safe: one thread at a time.
 */
public final class DeviceShard {

  static final long DAY = 86_400_000_000L;
  /** How long a network watched from scratch counts as settling (roles still unknown). */
  private static final long SETTLING = 3_600_000_000L;
  private static final long META_WINDOW = DAY;
  /** Routine findings (a drive write by an admin workstation) must not add up to an attack on their own. */
  private static final int META_MIN_SCORE = 50;
  /** The score from which a breach is an alert an analyst is shown by default. */
  private static final int ALERT_SCORE = 60;

  /**
   * Integration alerts score their own repeats ({@code times_seen}: a host's usual Defender or IDS alerts score
   * lower), so they are never silenced as routine.
   */
  private static final Set<String> OWN_REPEAT_SCORING = Set.of("alert", "defender_alert");

  /** Attributes {@link #emit} sets on every signal before models judge it. */
  private static final Set<String> SET_WHEN_JUDGED = SignalKinds.WHEN_JUDGED;

  final DetectConfig config;
  final NetworkView view;
  /** The week of each time zone in use, for the volume baselines (this shard's own: each remembers its last hour). */
  private final Map<ZoneId, LocalWeek> weeks = new HashMap<>();
  final NetworkDelta delta = new NetworkDelta();
  final DeviceStates devices;
  private final List<Breach> out = new ArrayList<>();
  /** Signals waiting for the open epoch's end, in the order they were raised. */
  final List<Pending> pending = new ArrayList<>();
  /** The open epoch's breaches, held so that the breaches of one act fold into one. */
  final Acts acts = new Acts();
  private final Names sharedNames;
  /** Devices active in the open epoch. */
  private final List<DeviceState> active = new ArrayList<>();
  private long epoch;
  /** The event being handled, whose resolved names label the signals it raises. */
  private RoutedEvent current;
  private final ConnectionSignals connections = new ConnectionSignals(this);
  private final AuthenticationSignals authentication = new AuthenticationSignals(this);
  private final LdapSignals ldap = new LdapSignals(this);
  private final SmbSignals smb = new SmbSignals(this);
  private final RemoteShellSignals remoteShells = new RemoteShellSignals(this);
  private final NameSignals names = new NameSignals(this);
  private final DefenderSignals defender = new DefenderSignals(this);
  private final BeaconSignals beacons = new BeaconSignals(this);
  /** Whether active devices report their peer group's membership: only a model comparing with the group needs it. */
  private final boolean peerGroupsCounted;

  record Pending(Signal signal, long item, long group) {}

  /**
   * A shard judging with {@code config}, reading {@code view}, keeping its devices' state in {@code devices} and
   * sharing domain and credential names through {@code names} (one table may serve every shard of a process).
   */
  public DeviceShard(DetectConfig config, NetworkView view, DeviceStates devices, Names names) {
    this.config = config;
    this.view = view;
    this.devices = devices;
    this.sharedNames = names;
    this.peerGroupsCounted = wants("defender_alert_pattern");
  }

  /**
   * Learns from one routed event and judges what it shows; its breaches are held for the epoch's end (so one act
   * folds into one breach), then wait in {@link #drainTo}.
   */
  public void onEvent(RoutedEvent r) {
    current = r;
    Event e = r.event();
    if (e.ts() != Event.NO_TIME) {
      delta.firstTs = Math.min(delta.firstTs, e.ts());
    }
    switch (e) {
      case ConnEvent c -> {
        connections.on(c, r);
        remoteShells.on(c, r);
      }
      case DnsEvent d -> names.on(d, r);
      case SslEvent s -> names.on(s, r);
      case HttpEvent h -> names.on(h, r);
      case KerberosEvent k -> authentication.on(k, r);
      case NtlmEvent n -> authentication.on(n, r);
      case RdpEvent rdp -> authentication.on(rdp, r);
      case LdapSearchEvent q -> ldap.on(q, r);
      case SshEvent s -> connections.on(s, r);
      case SmbMappingEvent m -> smb.on(m, r);
      case SmbFileEvent f -> smb.on(f, r);
      case FileEvent f -> smb.on(f, r);
      case DceRpcEvent x -> smb.on(x, r);
      case AlertEvent a -> names.on(a, r);
      case DefenderAlertEvent a -> defender.on(a, r);
      default -> { }
    }
  }

  AuthenticationSignals authentication() {
    return authentication;
  }

  /** The shared instance of a name, so thousands of devices naming one domain hold it once. */
  String canonical(String name) {
    return sharedNames.canonical(name);
  }

  BeaconSignals beacons() {
    return beacons;
  }

  ConnectionSignals connections() {
    return connections;
  }

  DeviceState device(String id, long ts) {
    DeviceState d = devices.get(id);
    if (d == null) {
      d = new DeviceState(id);
      Role configured = config.devices().roles().get(id);
      d.configuredRoles = configured == null ? 0 : configured.bit();
      devices.put(d);
    }
    d.touch(ts);
    if (d.epoch != epoch) {
      d.epoch = epoch;
      active.add(d);
    }
    return d;
  }

  /**
   * The week by the device's clocks: its time zone is chosen from its address the first time it is asked for (and
   * again after a restore).
   */
  LocalWeek week(DeviceState d, String address) {
    if (d.week == null) {
      d.week = weeks.computeIfAbsent(config.timeZones().zoneOf(address), LocalWeek::of);
    }
    return d.week;
  }

  /**
   * Days since the device was first seen. A founding device of a network learned from scratch counts as at least a day
   * old: on the network's first day every device is seen for the first time, and none of them is a newcomer.
   */
  private double deviceDays(DeviceState d, long ts, boolean founding) {
    double days = (double) Math.max(0, ts - d.firstSeen) / DAY;
    return founding && config.learningDays() > 0 ? Math.max(1, days) : days;
  }

  static int day(long ts) {
    return (int) Math.max(0, Math.floorDiv(ts, DAY));
  }

  boolean wants(String kind) {
    return !config.catalogue().forKind(kind).isEmpty() || config.catalogue().remembered().contains(kind);
  }

  /** Counts the device as a user of a network-wide item (destination, credential, user agent to a server). */
  void use(long item, DeviceState d) {
    if (delta.firstUse(item, d.fingerprint)) {
      delta.use(item, d.fingerprint, d.peerGroup());
    }
  }

  /** The network-wide item a device of peer group {@code group} uses by being active, so the group's size is known. */
  static long peerGroupItem(long group) {
    return Fingerprint.mix(group ^ 0x5045455247524F55L);
  }

  /** Holds a signal about a shared item until the epoch's end, when the whole network's use of it is known. */
  void defer(Signal s, DeviceState d, long item) {
    label(s);
    use(item, d);
    pending.add(new Pending(s, item, d.peerGroup()));
  }

  /**
   * Holds the signal of a burst that reached its threshold until an epoch ends after the burst is over, when it is
   * judged with the burst's whole size ({@link Bursts}).
   */
  void hold(Signal s) {
    label(s);
    pending.add(new Pending(s, 0, 0));
  }

  /** Judges a signal now, against every model listening to its kind. */
  void emit(Signal s, DeviceState d) {
    // Checked when tests run (with assertions on), so the registry models are validated against stays honest.
    assert SignalKinds.unregistered(s).isEmpty() && Entities.KINDS.containsAll(s.entities().keySet())
        : "signal '" + s.kind() + "' carries attributes or entities not in SignalKinds or Entities: "
            + SignalKinds.unregistered(s) + " " + s.entities().keySet();
    List<Model> models = config.catalogue().forKind(s.kind());
    if (!mayBreach(models, s)) {
      // Most signals fail a model's test on what they already say (a share that is not administrative, an RPC
      // interface no model watches): they are remembered if a model looks back at them, and go no further.
      remember(s, d, 0, false);
      return;
    }
    label(s);
    vulnerability(s);
    long ts = s.ts();
    // Without a learning period nothing is learning, not even before the first epoch has closed (a short capture).
    boolean networkLearning = config.learningDays() > 0
        && (view.start == Long.MAX_VALUE || ts - view.start < config.learningDays() * DAY);
    // A device that shows up on the network's first day was there all along (its site's morning came later, or its
    // lease did): it has learned when the network has. Only a device that arrived later learns on its own clock.
    boolean founding = view.start != Long.MAX_VALUE && d.firstSeen - view.start < DAY;
    boolean learning = founding ? networkLearning : ts - d.firstSeen < config.learningDays() * DAY;
    // The first hour of a network watched from scratch: which devices are domain controllers is not known yet.
    boolean networkSettling = networkLearning && (view.start == Long.MAX_VALUE || ts - view.start < SETTLING);
    int roles = d.roles();
    int peerRoles = view.roles(s.peer());
    s.with("device_learning", learning)
        .with("network_learning", networkLearning)
        .with("network_settling", networkSettling)
        .with("device_days", deviceDays(d, ts, founding))
        .with("device_is_dc", Role.DOMAIN_CONTROLLER.in(roles))
        .with("device_is_client", Role.CLIENT.in(roles))
        .with("device_is_server", !Role.CLIENT.in(roles))
        .with("peer_is_dc", Role.DOMAIN_CONTROLLER.in(peerRoles))
        .with("peer_is_server", peerRoles != 0 && !Role.CLIENT.in(peerRoles));
    // The peer's fingerprint is needed only once a model matches or the kind is remembered: most signals do neither.
    long peerFp = 0;
    boolean peerKnown = false;
    // The breaches this signal raises, folded into one when several models see the same act.
    List<Breach> raised = null;
    boolean summarised = false;
    String credential = s.entity(Entities.CREDENTIAL);
    long credentialFp = credential == null ? 0 : Fingerprint.of(credential);
    for (int i = 0, n = models.size(); i < n; i++) {
      Model m = models.get(i);
      // While the network is learning, a firing held back only by the learning period teaches the device's habits.
      boolean learnedOnly = false;
      if (!m.matches(s)) {
        if (!networkLearning || OWN_REPEAT_SCORING.contains(s.kind()) || !matchesOnceLearned(m, s)) {
          continue;
        }
        learnedOnly = true;
      }
      String key = m.key(s);
      long modelFp = Fingerprint.of(key);
      // Known only once the model matched, so models score with it ('boost:') and never test it ('where:').
      Campaigns.Campaign before = d.campaigns == null ? null : d.campaigns.find(modelFp, ts);
      s.with("habit_credential", before != null && before.firedUnder(credentialFp));
      if (!peerKnown) {
        peerFp = peerFingerprint(s.peer());
        peerKnown = true;
      }
      if (sequencesHold(m, d.history, ts, peerFp)) {
        String name = m.name().indexOf('{') >= 0 ? Model.render(m.name(), s.attributes()) : m.name();
        boolean overBreaches = m.on().equals(History.BREACH);
        // A model over breaches cools down per device: one attack story is one breach, whatever its peers. So do
        // models that say nothing else; one that cools down per peer does so per peer and credential: the same
        // replication under another account is another finding. Habits are per peer and credential either way.
        boolean perPeer = !overBreaches && m.cooldownScope() == Model.CooldownScope.PEER;
        long coolPeer = overBreaches ? 0 : peerFp ^ credentialFp;
        boolean peerIsDc = Role.DOMAIN_CONTROLLER.in(peerRoles);
        boolean ownRepeats = OWN_REPEAT_SCORING.contains(s.kind());
        // Integration alerts cooling down per peer need no record: they are never a habit, and their many titles
        // would crowd the models that do out of the device's small table.
        Campaigns.Campaign campaign = ownRepeats && perPeer ? null : d.campaigns().of(modelFp, ts);
        // A model learning its first firings: the device's first such act breaches, so an analyst sees it, as does
        // one under a credential new to it; the rest is the habit being learned.
        learnedOnly |= networkLearning && m.firstBreachesWhileLearning() && campaign != null
            && !campaign.newWhileLearning(credentialFp);
        // Judged before this firing joins the habit, so the first occasion is never its own routine.
        boolean habitual = !ownRepeats && campaign.habitual(ts, credentialFp, peerIsDc);
        boolean continues = campaign != null && campaign.fire(ts, peerFp, credentialFp, peerIsDc, volume(s),
            m.cooldownScope() == Model.CooldownScope.CAMPAIGN ? destination(s) : null, m.cooldownMicros());
        if (coolingDown(m, perPeer, campaign, continues, d.history, key, coolPeer, ts)) {
          continue;
        }
        History history = d.history();
        boolean habit = !ownRepeats
            && (d.routines().fire(Fingerprint.mix(modelFp ^ coolPeer), ts) >= Routines.BREACHING_FIRINGS
                || habitual);
        // A habit is routine only on a calm device: once another model alerted on it today, it is reported again.
        boolean routine = habit && !history.otherAlert(key, ts, META_WINDOW);
        if (routine || learnedOnly) {
          // The device's routine, or a habit in the making: it keeps the cooldown running, and counts towards nothing.
          history.add(History.ROUTINE, key, coolPeer, ts);
          campaign.raised(ts);
          continue;
        }
        Breach b = breach(m, name, key, s,
            m.cooldownScope() == Model.CooldownScope.CAMPAIGN ? campaignEvidence(campaign) : List.of());
        if (b.score() < m.threshold()) {
          // Below the site's threshold for this model: not raised, and no cooldown starts.
          continue;
        }
        if (raised == null) {
          raised = new ArrayList<>(2);
        }
        raised.add(b);
        if (campaign != null) {
          campaign.raised(ts);
        }
        // A first act shown while the network learns is for review: which acts are the device's routine is not
        // known yet, so like a low score it adds up to no attack story on its own.
        boolean minor = b.score() < META_MIN_SCORE || networkLearning && m.firstBreachesWhileLearning();
        // A model over breaches summarises this device's own findings: it does not wake the habits it summarises
        // (a weekly push beside a sync server's routine replication would otherwise re-alert the replication all day).
        // A habit reported again wakes no other habit: two routines of one device would keep each other awake.
        history.add(minor ? History.MINOR_BREACH : History.BREACH, key, coolPeer, ts,
            b.score() >= ALERT_SCORE && !overBreaches && !habit);
        summarised |= !overBreaches && !minor;
      }
    }
    if (raised != null) {
      Breach folded = Fold.of(raised);
      if (OWN_REPEAT_SCORING.contains(s.kind())) {
        // Integration alerts stay breaches of their own, handed out at once: RESPOND and triggered investigations
        // answer them by model, and a polled alert moves no event time that would end the epoch.
        out.addAll(raised);
      } else {
        // A breach over breaches cites the act that tipped it, and folds into it too.
        acts.add(folded);
      }
      if (summarised) {
        summarise(folded, s, d);
      }
    }
    remember(s, d, peerFp, peerKnown);
  }

  /** Judges the breach {@code b} of signal {@code s} as a signal itself, for the models over a device's breaches. */
  private void summarise(Breach b, Signal s, DeviceState d) {
    long ts = s.ts();
    int distinct = d.history().distinctBreaches(ts, META_WINDOW);
    Signal meta = new Signal(History.BREACH, ts, d.id, s.peer())
        .with("model", b.model())
        .with("model_id", b.modelId())
        .with("category", b.category())
        .with("score", b.score())
        .with("distinct_models", distinct);
    b.recordUids().forEach(meta::uid);
    for (String kind : new String[] {"device_name", "device_ip", "peer_name", "peer_ip"}) {
      meta.entity(kind, s.entity(kind));
    }
    meta.evidence("breaches", d.id + " breached " + distinct + " different models in 24 hours, the last being "
        + b.model(), distinct);
    emit(meta, d);
  }

  /** True when {@code m} would match {@code s} once the network's learning period is over. */
  private static boolean matchesOnceLearned(Model m, Signal s) {
    s.with("network_learning", false);
    boolean matches = m.matches(s);
    s.with("network_learning", true);
    return matches;
  }

  /**
   * True when the model's cooldown holds the firing back: per peer, from the device's recent history; per device,
   * from the model's last breach or routine firing; per campaign, while the open campaign has not grown markedly
   * since its last breach ({@link Campaigns.Campaign#grown}).
   */
  private static boolean coolingDown(Model m, boolean perPeer, Campaigns.Campaign campaign, boolean continues,
      History history, String key, long coolPeer, long ts) {
    if (perPeer) {
      long last = history == null ? Long.MIN_VALUE : history.lastBreach(key, coolPeer);
      return within(last, ts, m.cooldownMicros());
    }
    if (m.cooldownScope() == Model.CooldownScope.CAMPAIGN) {
      return continues && campaign.lastRaised >= campaign.campaignStart && !campaign.grown();
    }
    return within(campaign.lastRaised, ts, m.cooldownMicros());
  }

  /**
   * True when {@code ts} is within {@code cooldown} of the last breach, before or after it: Zeek logs a connection
   * when it ends, with its start time, so a long session can come after a shorter one that started later.
   */
  private static boolean within(long last, long ts, long cooldown) {
    return last != Long.MIN_VALUE && Math.abs(ts - last) < cooldown;
  }

  /** The bytes a signal reports ({@code bytes}), for a campaign's volume; 0 when it reports none. */
  private static long volume(Signal s) {
    return s.get("bytes") instanceof Number n ? n.longValue() : 0;
  }

  /** What a campaign's breach calls the signal's destination: its peer as analysts read it. */
  private static String destination(Signal s) {
    String name = s.entity("peer_name");
    return name != null ? name : s.peer();
  }

  /** The campaign so far, for its breaches: how many destinations and bytes since when, and the newest names. */
  private static List<Evidence> campaignEvidence(Campaigns.Campaign c) {
    int count = c.campaignDestinations();
    String names = String.join(", ", c.destinations);
    return List.of(new Evidence("campaign", count + (count == 1 ? " destination, " : " destinations, ")
        + c.volume / (1024 * 1024) + " MiB in this campaign since " + java.time.Instant.ofEpochSecond(
            Math.floorDiv(c.campaignStart, 1_000_000L)) + (count > c.destinations.size() ? "; the newest: " : ": ")
        + names, count));
  }

  /** False when every model of the signal's kind fails on what the signal already says. */
  private static boolean mayBreach(List<Model> models, Signal s) {
    for (int i = 0, n = models.size(); i < n; i++) {
      if (!models.get(i).ruledOut(s, SET_WHEN_JUDGED)) {
        return true;
      }
    }
    return false;
  }

  /** Keeps the signal in the device's history when a model looks back at its kind ({@code after:}). */
  private void remember(Signal s, DeviceState d, long peerFp, boolean peerKnown) {
    // A breach is in the history already, under its model's key; its signal would add a nameless model to the count.
    if (config.catalogue().remembered().contains(s.kind()) && !s.kind().equals(History.BREACH)) {
      Object label = s.get("label");
      d.history().add(s.kind(), label == null ? null : label.toString(), peerKnown ? peerFp : peerFingerprint(s.peer()),
          s.ts());
    }
  }

  /** The fingerprint of a signal's peer, taken from the event's resolved devices when the peer is one of them. */
  private long peerFingerprint(String peer) {
    RoutedEvent r = current;
    if (peer == null) {
      return 0;
    }
    if (r != null && peer == r.resp() && r.respIdentity() != null) {
      return r.respIdentity().fingerprint();
    }
    if (r != null && peer == r.orig() && r.origIdentity() != null) {
      return r.origIdentity().fingerprint();
    }
    return Fingerprint.of(peer);
  }

  /**
   * Names the signal's device and internal peer after the event that raised it, and gives the device's address, so
   * analysts read host names and the AI Analyst can follow a peer given as an address to its device.
   */
  private void label(Signal s) {
    RoutedEvent r = current;
    if (r == null || s.entity("device_name") != null || s.entity("device_ip") != null) {
      return;
    }
    String device = s.device();
    int servicePort = r.event() instanceof NetworkEvent n && n.id() != null ? n.id().respPort() : 0;
    if (device.equals(r.orig())) {
      s.entity("device_name", r.origName()).entity("device_ip", r.origAddress());
      // The record's other end and service, so a response can cut exactly this connection.
      s.entity("peer_address", r.respAddress());
    } else if (device.equals(r.resp())) {
      s.entity("device_name", r.respName());
      s.entity("peer_address", r.origAddress());
    }
    if (servicePort > 0) {
      s.entity("service_port", Integer.toString(servicePort));
    }
    String peer = s.peer();
    if (peer != null) {
      if (peer.equals(r.resp())) {
        s.entity("peer_name", r.respName());
        if (r.respName() == null && peer.startsWith(DeviceDirectory.MAC_PREFIX)) {
          s.entity("peer_ip", r.respAddress());
        }
      } else if (peer.equals(r.orig())) {
        s.entity("peer_name", r.origName());
        if (r.origName() == null && peer.startsWith(DeviceDirectory.MAC_PREFIX)) {
          s.entity("peer_ip", r.origAddress());
        }
      }
    }
  }

  /**
   * Marks a signal whose record reached a service the endpoint product reports vulnerable on the device serving it,
   * naming the CVE, so models can score it higher.
   */
  private void vulnerability(Signal s) {
    RoutedEvent r = current;
    if (r == null || !(r.event() instanceof NetworkEvent n) || n.id() == null) {
      return;
    }
    int port = n.id().respPort();
    config.vulnerableServices().at(r.respAddress(), r.respName(), port).ifPresent(v -> s
        .with("service_vulnerable", true)
        .with("service_cve", v.cve())
        .evidence("vulnerability", "Defender reports " + v.cve() + (v.severity() == null ? "" : " (" + v.severity()
            + ")") + (v.product() == null ? "" : " in " + v.product()) + " behind port " + port + " of "
            + (r.respName() != null ? r.respName() : r.respAddress()), Double.NaN));
  }

  private static boolean sequencesHold(Model m, History history, long ts, long peerFp) {
    for (var seq : m.sequences()) {
      if (history == null || !history.matches(seq, ts, peerFp)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The breach of model {@code m} on {@code s}; {@code key} (the model id, see {@link Model#key}) rather than the
   * display name makes its id, so renaming a model changes no breach id.
   */
  private Breach breach(Model m, String name, String key, Signal s, List<Evidence> campaign) {
    String first = s.uids().isEmpty() ? "" : s.uids().get(0);
    String id = Long.toHexString(Fingerprint.of(key, s.device(), s.ts() + "|" + s.peer() + "|" + first));
    Map<String, String> entities = new TreeMap<>(s.entities());
    if (s.peer() != null) {
      entities.putIfAbsent(Entities.DESTINATION, s.peer());
    }
    List<String> techniques = m.techniques(s);
    return new Breach(id, m.id(), name, m.category(), s.ts(), s.device(), peer(s.peer()), m.score(s), techniques,
        m.tactics(techniques), Model.render(m.explanation(), readable(s)), withCampaign(readableEvidence(s), campaign),
        s.uids(), entities);
  }

  private static List<Evidence> withCampaign(List<Evidence> evidence, List<Evidence> campaign) {
    if (campaign.isEmpty()) {
      return evidence;
    }
    List<Evidence> all = new ArrayList<>(evidence);
    all.addAll(campaign);
    return all;
  }

  /**
   * What a signal's peer is: device ids are a network card ({@code mac:...}), an internal address or a short host
   * name without dots; any other address is outside our devices, and any other dotted name a domain.
   */
  private Peer peer(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.startsWith(DeviceDirectory.MAC_PREFIX)) {
      return new Peer(Peer.Kind.DEVICE, value);
    }
    if (address(value)) {
      return new Peer(config.devices().isInternal(value) ? Peer.Kind.DEVICE : Peer.Kind.ADDRESS, value);
    }
    return new Peer(value.indexOf('.') < 0 ? Peer.Kind.DEVICE : Peer.Kind.DOMAIN, value);
  }

  private static boolean address(String value) {
    return value.indexOf(':') >= 0 || value.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
  }

  /** What analysts call a device: a device known only by its network card goes by its host name, else its address. */
  private static String readableDevice(Signal s) {
    String name = s.entity("device_name");
    return name != null || !s.device().startsWith(DeviceDirectory.MAC_PREFIX) ? name : s.entity("device_ip");
  }

  /** What analysts call an internal peer: its host name, else (for one known by its network card) its address. */
  private static String readablePeer(Signal s) {
    String name = s.entity("peer_name");
    return name != null || s.peer() == null || !s.peer().startsWith(DeviceDirectory.MAC_PREFIX) ? name
        : s.entity("peer_ip");
  }

  /**
   * The evidence with devices known only by their network card ({@code mac:...} ids, written into the texts as
   * they were learned) called what the explanation calls them.
   */
  private static List<Evidence> readableEvidence(Signal s) {
    String device = s.device().startsWith(DeviceDirectory.MAC_PREFIX) ? readableDevice(s) : null;
    String peer = s.peer() != null && s.peer().startsWith(DeviceDirectory.MAC_PREFIX) ? readablePeer(s) : null;
    if (device == null && peer == null) {
      return s.evidence();
    }
    List<Evidence> out = new ArrayList<>(s.evidence().size());
    for (Evidence e : s.evidence()) {
      String text = e.text();
      if (device != null) {
        text = text.replace(s.device(), device);
      }
      if (peer != null) {
        text = text.replace(s.peer(), peer);
      }
      out.add(new Evidence(e.kind(), text, e.value()));
    }
    return out;
  }

  /**
   * The signal's attributes for an explanation, with the device and an internal peer called what analysts call
   * them: their host names when known; a device known only by its network card by its address.
   */
  private static Map<String, Object> readable(Signal s) {
    Map<String, Object> attributes = new LinkedHashMap<>(s.attributes());
    String device = readableDevice(s);
    if (device != null) {
      attributes.put("device", device);
    }
    String peer = readablePeer(s);
    if (peer != null) {
      attributes.put("peer", peer);
    }
    return attributes;
  }

  /**
   * Closes the epoch on this shard's side: reports the roles and last activity of the epoch's devices and returns
   * everything this shard tells the network about the epoch, for the merge ({@link NetworkView#merge}).
   */
  public NetworkDelta endEpoch() {
    for (DeviceState d : active) {
      int roles = d.roles();
      if (d.reportedRoles != roles) {
        d.reportedRoles = roles;
        delta.roles.put(d.id, roles);
      }
      delta.active(d.fingerprint, d.lastSeen);
      if (peerGroupsCounted) {
        use(peerGroupItem(d.peerGroup()), d);
      }
    }
    active.clear();
    epoch++;
    return delta;
  }

  /**
   * After the merge: judges the held signals with the whole network's knowledge, hands out the epoch's breaches (see
   * {@link #drainTo}), then starts a new epoch.
   */
  public void settleEpoch() {
    current = null;
    long end = (view.epoch + 1) * config.epochMicros();
    List<Pending> growing = new ArrayList<>();
    for (Pending p : pending) {
      Signal s = p.signal();
      DeviceState d = devices.get(s.device());
      Bursts.Kind burst = Bursts.Kind.of(s.kind());
      if (burst != null) {
        if (d.bursts().growing(burst, end)) {
          growing.add(p);
        } else {
          judgeBurst(s, d, burst);
        }
        continue;
      }
      int others = Math.max(0, view.devices(p.item()) - 1);
      int item = view.items.find(p.item());
      double ageDays = item < 0 ? 0 : (double) (view.epoch - view.items.firstEpoch(item)) * config.epochMicros() / DAY;
      boolean rollout = view.adoptedTogether(p.item(), p.group(), 3);
      s.with("network_devices", others).with("network_total", view.activeDevices).with("rollout", rollout)
          .with("item_age_days", ageDays);
      s.evidence("rarity", "used by " + others + " other of " + view.activeDevices + " devices in 30 days", others);
      if (rollout) {
        s.evidence("rollout", "adopted by several devices of the same peer group at once: a roll-out", 1);
      }
      if (s.kind().equals("credential") || s.kind().equals("logon_hour")) {
        authentication.vpnSession(s);
      } else if (s.kind().equals("rare_port")) {
        connections.portRarity(s);
      } else if (s.kind().equals("internal_download")) {
        ConnectionSignals.sharesOpened(s, d);
      } else if (s.kind().equals("internal_session")) {
        connections.servedPortRarity(s);
      }
      emit(s, d);
    }
    pending.clear();
    pending.addAll(growing);
    delta.clear();
    acts.releaseTo(out);
  }

  /** Judges a held burst's signal with the burst's size, which is no longer held. */
  private void judgeBurst(Signal s, DeviceState d, Bursts.Kind burst) {
    int size = d.bursts().take(burst);
    switch (burst) {
      case RC4_TICKETS -> authentication.ticketBurst(s, size);
      case NETLOGON_HANDSHAKES -> smb.handshakeBurst(s, size);
      case SHARE_HOSTS -> smb.shareSweep(s, size);
      case PORT_TARGETS -> connections.portScan(s, size);
      case HOST_PORTS -> connections.verticalScan(s, size);
    }
    emit(s, d);
  }

  /**
   * At the end of a finite input, after its last epoch settled: judges the bursts still held (they can grow no more)
   * and hands out their breaches.
   */
  public void endInput() {
    for (Pending p : pending) {
      Signal s = p.signal();
      judgeBurst(s, devices.get(s.device()), Bursts.Kind.of(s.kind()));
    }
    pending.clear();
    acts.releaseTo(out);
  }

  /**
   * Moves the breaches handed out since the last call to {@code into}: those of the epochs settled since, each act's
   * breaches folded into one.
   */
  public void drainTo(List<Breach> into) {
    if (!out.isEmpty()) {
      into.addAll(out);
      out.clear();
    }
  }
}
