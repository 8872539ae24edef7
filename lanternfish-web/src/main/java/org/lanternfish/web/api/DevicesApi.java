package org.lanternfish.web.api;

import io.javalin.Javalin;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Entities;
import org.lanternfish.breach.Peer;
import org.lanternfish.detect.embedded.LearnedDevices;
import org.lanternfish.store.BreachFilter;
import org.lanternfish.store.BreachLog;
import org.lanternfish.store.ConnectionHistory;
import org.lanternfish.store.DeviceInventory;
import org.lanternfish.store.EndpointMachines;
import org.lanternfish.store.Incidents;
import org.lanternfish.store.LearnedState;
import org.lanternfish.store.OutboxEntry;
import org.lanternfish.store.StoredIncident;
import org.lanternfish.web.BreachView;
import org.lanternfish.web.DeviceLabels;
import org.lanternfish.web.security.Role;
import org.lanternfish.web.settings.SiteConfiguration;
import org.lanternfish.web.suppression.Suppressions;

/**
 * Devices: the inventory the network reveals (flagged new, unnamed or unmanaged, each with its risk trend), the
 * devices most at risk, and one device's summary. Breaches the allowlist hides count nowhere.
 */
public final class DevicesApi {
  /** Days the risk trend covers, ending on the day of the newest record or breach. */
  public static final int TREND_DAYS = 14;
  /** A device first seen within this many days of the newest record (and not on the store's first day) is new. */
  public static final int NEW_DAYS = 7;
  private static final Instant END_OF_TIME = Instant.parse("2200-01-01T00:00:00Z");
  static final Pattern ADDRESS = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
  private static final int INVENTORY_LIMIT = 100_000;
  private static final long DAY_MICROS = 86_400_000_000L;
  /** The most peer-group members a summary names. */
  private static final int PEER_GROUP_SHOWN = 20;

  private final BreachLog breaches;
  private final Incidents incidents;
  private final DeviceInventory inventory;
  private final ConnectionHistory connections;
  private final EndpointMachines endpoints;
  private final Suppressions suppressions;
  private final DeviceLabels labels;
  private final SiteConfiguration site;
  private final LearnedState learned;
  /** The detection snapshot last read and what it learned, decoded again only when a commit changed it. */
  private volatile Learned lastLearned;

  private record Learned(byte[] snapshot, LearnedDevices devices) {}

  /**
   * The devices the store's {@code inventory}, {@code breaches} (less what {@code suppressions} hide),
   * {@code incidents} and {@code connections} reveal, named by {@code labels} and the {@code site}'s configuration,
   * with what Defender for Endpoint knows of them ({@code endpoints}).
   */
  public DevicesApi(BreachLog breaches, Incidents incidents, DeviceInventory inventory, ConnectionHistory connections,
      EndpointMachines endpoints, Suppressions suppressions, DeviceLabels labels, SiteConfiguration site,
      LearnedState learned) {
    this.breaches = breaches;
    this.incidents = incidents;
    this.inventory = inventory;
    this.connections = connections;
    this.endpoints = endpoints;
    this.suppressions = suppressions;
    this.labels = labels;
    this.site = site;
    this.learned = learned;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/devices", ctx -> ctx.json(Map.of("items", inventory())), Role.VIEWER);
    app.get("/api/v1/devices/{device}", ctx -> ctx.json(summary(ctx.pathParam("device"))), Role.VIEWER);
  }

  /** Every device that breached or took part in an incident, most at risk first; reads no records. */
  public List<DeviceView> atRisk(int limit) {
    BreachTotals seen = breaches();
    LocalDate end = seen.lastDay == null ? LocalDate.now(ZoneOffset.UTC) : seen.lastDay;
    List<DeviceView> views = new ArrayList<>();
    for (String device : seen.devices()) {
      views.add(view(device, null, seen, Set.of(device), end, List.of()));
    }
    return views.stream().sorted(RISK).limit(limit).toList();
  }

  /**
   * The asset inventory: every device inside the site that the records show, joined with the breaches made from its
   * address, and every breaching device the records do not show; most at risk first.
   */
  public List<DeviceView> inventory() {
    BreachTotals seen = breaches();
    List<DeviceInventory.SeenDevice> devices = inventory.devices(INVENTORY_LIMIT);
    LocalDate end = seen.lastDay;
    long firstMicros = Long.MAX_VALUE;
    for (DeviceInventory.SeenDevice d : devices) {
      firstMicros = Math.min(firstMicros, d.firstMicros());
      LocalDate last = day(d.lastMicros());
      end = end == null || last.isAfter(end) ? last : end;
    }
    end = end == null ? LocalDate.now(ZoneOffset.UTC) : end;
    Map<String, String> configuredNames = configuration().names();
    Set<String> joined = new LinkedHashSet<>();
    List<DeviceView> views = new ArrayList<>();
    for (DeviceInventory.SeenDevice d : devices) {
      String name = d.hostName() != null ? d.hostName() : configuredNames.get(d.address());
      // The breaches made from its address, and every id known by the same name (its breaches' or its lease's):
      // a laptop on the VPN breaches under one id while incidents call it by its host name.
      Set<String> ids = new LinkedHashSet<>(seen.byAddress.getOrDefault(d.address(), Set.of()));
      Set<String> names = new LinkedHashSet<>();
      if (name != null) {
        names.add(name);
      }
      ids.stream().map(seen.names::get).filter(n -> n != null).forEach(names::add);
      names.forEach(n -> ids.addAll(seen.byName.getOrDefault(BreachTotals.hostKey(n), Set.of())));
      joined.addAll(ids);
      List<String> flags = new ArrayList<>();
      if (d.firstMicros() >= firstMicros + DAY_MICROS
          && !day(d.firstMicros()).isBefore(end.minusDays(NEW_DAYS - 1))) {
        flags.add("new");
      }
      if (name == null && ids.stream().allMatch(id -> seen.names.get(id) == null)) {
        flags.add("unnamed");
      }
      if (d.domainLogons() == 0) {
        flags.add("unmanaged");
      }
      // Linked by the id incidents and breach filters know it by: a name when one of its ids is one.
      String device = ids.stream().filter(names::contains).findFirst()
          .orElse(ids.size() == 1 ? ids.iterator().next() : name != null ? name : d.address());
      views.add(view(device, d, seen, ids, end, flags).named(name));
    }
    for (String device : seen.devices()) {
      if (!joined.contains(device)) {
        views.add(view(device, null, seen, Set.of(device), end, List.of()));
      }
    }
    return views.stream().sorted(RISK).toList();
  }

  /**
   * One device's summary: names and addresses over time, role, usual peers and ports, latest breaches no suppression
   * hides, incidents, and its event log's query; a 404 when nothing stored knows it.
   */
  public DeviceSummary summary(String device) {
    List<DeviceInventory.Lease> leases = inventory.leases(device, 20);
    Set<String> ids = knownAs(device, leases, breaches());
    // A device breaches under the ids identity knew at the time (a card, an address, a name): all of them are its.
    Map<String, OutboxEntry.BreachStored> byId = new LinkedHashMap<>();
    for (String id : ids) {
      for (OutboxEntry.BreachStored b : breaches.breaches(new BreachFilter(0, null, id, null, null, Long.MAX_VALUE,
          500))) {
        byId.putIfAbsent(b.breach().id(), b);
      }
    }
    List<OutboxEntry.BreachStored> stored = byId.values().stream()
        .sorted(Comparator.comparingLong(OutboxEntry.BreachStored::seq).reversed()).limit(500).toList();
    List<BreachView> latest = stored.stream().filter(b -> suppressions.hiding(b.breach()).isEmpty()).limit(50)
        .map(b -> BreachView.of(b, null)).toList();
    List<String> involved = incidents.incidents(Integer.MIN_VALUE).stream()
        .filter(incident -> incident.devices().stream().anyMatch(ids::contains)).map(StoredIncident::id).toList();
    List<Sighting> names = new ArrayList<>();
    leases.forEach(l -> names.add(new Sighting(l.hostName(), l.address(), l.mac(), BreachView.instant(l.firstMicros()),
        BreachView.instant(l.lastMicros()), "dhcp")));
    names.addAll(breachSightings(ids, stored));
    names.sort(Comparator.comparing(Sighting::last).reversed());
    String address = ADDRESS.matcher(device).matches() ? device : names.stream().map(Sighting::address)
        .filter(a -> a != null).findFirst().orElse(null);
    List<PeerTally> peers = address == null ? List.of() : tallies(address, ConnectionHistory.Side.OPENED);
    List<PeerTally> serves = address == null ? List.of() : tallies(address, ConnectionHistory.Side.ACCEPTED);
    if (stored.isEmpty() && involved.isEmpty() && leases.isEmpty() && peers.isEmpty() && serves.isEmpty()) {
      throw new NotFoundResponse("no record, breach or incident knows " + device);
    }
    String name = !ADDRESS.matcher(device).matches() && !device.startsWith("mac:") ? device
        : names.stream().map(Sighting::hostName).filter(n -> n != null).findFirst().orElse(null);
    SiteConfiguration.Summary configured = configuration();
    if (name == null && address != null) {
      name = configured.names().get(address);
    }
    Optional<LearnedDevices.LearnedDevice> profile = learnedDevices()
        .flatMap(all -> all.device(List.copyOf(ids), PEER_GROUP_SHOWN));
    return new DeviceSummary(device, label(name, address, device), address, address == null ? null
        : configured.roles().get(address), profile.map(p -> p.roles().stream()
        .map(r -> r.name().toLowerCase(Locale.ROOT)).toList()).orElse(null),
        profile.map(LearnedDevices.LearnedDevice::peerGroup).orElse(null),
        profile.map(LearnedDevices.LearnedDevice::peerGroupSize).orElse(null), List.copyOf(ids), names, peers,
        serves, latest, involved, defenderMachines(device, address, names),
        address == null ? null : "src:" + address + " OR dst:" + address);
  }

  /**
   * What the committed detection snapshot learned of every device, read through the store's learned-state port;
   * empty before the first snapshot or when it is of another format version.
   */
  private Optional<LearnedDevices> learnedDevices() {
    Optional<byte[]> snapshot = learned.state(LearnedDevices.STATE_NAME);
    if (snapshot.isEmpty()) {
      return Optional.empty();
    }
    Learned last = lastLearned;
    if (last != null && Arrays.equals(last.snapshot(), snapshot.get())) {
      return Optional.ofNullable(last.devices());
    }
    LearnedDevices devices;
    try {
      devices = LearnedDevices.read(snapshot.get());
    } catch (IllegalArgumentException e) {
      devices = null;
    }
    lastLearned = new Learned(snapshot.get(), devices);
    return Optional.ofNullable(devices);
  }

  /**
   * The ids {@code device} breaches and takes part in incidents under: itself, the network cards, names and
   * addresses of its DHCP leases, the name its breaches give it, the ids that breached under those names (matched by
   * their first label, so a host Defender reported first by its DNS name is the host DHCP later leased), and those
   * that breached under its leased addresses while identity knew no name for them. An address seen only in its
   * breaches is not followed: without a lease nothing says the device, and not another, held it then.
   */
  static Set<String> knownAs(String device, List<DeviceInventory.Lease> leases, BreachTotals seen) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> addresses = new LinkedHashSet<>();
    if (ADDRESS.matcher(device).matches()) {
      addresses.add(device);
    } else if (!device.startsWith("mac:")) {
      names.add(device);
    }
    Set<String> ids = new LinkedHashSet<>();
    ids.add(device);
    for (DeviceInventory.Lease l : leases) {
      if (l.hostName() != null) {
        names.add(l.hostName());
      }
      if (l.mac() != null) {
        ids.add("mac:" + l.mac());
      }
      if (l.address() != null) {
        addresses.add(l.address());
      }
    }
    if (seen.names.get(device) != null) {
      names.add(seen.names.get(device));
    }
    Set<String> hostKeys = new LinkedHashSet<>();
    names.forEach(n -> hostKeys.add(BreachTotals.hostKey(n)));
    for (String name : names) {
      ids.add(name);
      ids.addAll(seen.byName.getOrDefault(BreachTotals.hostKey(name), Set.of()));
    }
    for (String address : addresses) {
      ids.add(address);
      for (String id : seen.byAddress.getOrDefault(address, Set.of())) {
        String itsName = seen.names.get(id);
        if (itsName == null || hostKeys.contains(BreachTotals.hostKey(itsName))) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  private List<PeerTally> tallies(String address, ConnectionHistory.Side side) {
    return connections.connections(address, side, null, 0, Long.MAX_VALUE, TREND_DAYS, 10).stream()
        .map(t -> new PeerTally(t.peer(), t.port(), t.connections(), BreachView.instant(t.firstMicros()),
            BreachView.instant(t.lastMicros()))).toList();
  }

  /**
   * The names and addresses the breaches of a device known by {@code ids} saw of it, each pair with its first and
   * last breach.
   */
  private static List<Sighting> breachSightings(Set<String> ids, List<OutboxEntry.BreachStored> stored) {
    Map<List<String>, long[]> pairs = new LinkedHashMap<>();
    for (OutboxEntry.BreachStored s : stored) {
      Breach b = s.breach();
      boolean breaching = ids.contains(b.device());
      if (!breaching && (b.peer() == null || b.peer().kind() != Peer.Kind.DEVICE)) {
        continue;
      }
      String name = b.entities().get(breaching ? Entities.DEVICE_NAME : Entities.PEER_NAME);
      String address = b.entities().get(breaching ? Entities.DEVICE_IP : Entities.PEER_ADDRESS);
      if (name == null && address == null) {
        continue;
      }
      long[] span = pairs.computeIfAbsent(java.util.Arrays.asList(name, address),
          k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      span[0] = Math.min(span[0], b.ts());
      span[1] = Math.max(span[1], b.ts());
    }
    List<Sighting> sightings = new ArrayList<>();
    pairs.forEach((pair, span) -> sightings.add(new Sighting(pair.get(0), pair.get(1), null,
        BreachView.instant(span[0]), BreachView.instant(span[1]), "breaches")));
    return sightings;
  }

  private SiteConfiguration.Summary configuration() {
    SiteConfiguration.Summary summary = site.read(site.text()).summary();
    return summary != null ? summary : new SiteConfiguration.Summary(List.of(), List.of(), Map.of(), Map.of(), null,
        List.of(), null, List.of());
  }

  private DeviceView view(String device, DeviceInventory.SeenDevice seenDevice, BreachTotals seen, Set<String> ids,
      LocalDate end, List<String> flags) {
    int count = 0;
    int max = 0;
    long last = Long.MIN_VALUE;
    // One device may breach under several ids that the same incident names: each incident counts once.
    Set<String> involved = new LinkedHashSet<>();
    int[] trend = new int[TREND_DAYS];
    for (String id : ids) {
      long[] row = seen.totals.get(id);
      if (row != null) {
        count += (int) row[0];
        max = Math.max(max, (int) row[1]);
        last = Math.max(last, row[2]);
      }
      involved.addAll(seen.incidents.getOrDefault(id, Set.of()));
      Map<LocalDate, Integer> daily = seen.daily.getOrDefault(id, Map.of());
      for (int i = 0; i < TREND_DAYS; i++) {
        trend[i] = Math.max(trend[i], daily.getOrDefault(end.minusDays(TREND_DAYS - 1 - i), 0));
      }
    }
    String address = seenDevice != null ? seenDevice.address() : ADDRESS.matcher(device).matches() ? device
        : seen.addresses.get(device);
    String name = ids.stream().map(seen.names::get).filter(n -> n != null).findFirst().orElse(null);
    return new DeviceView(device, label(name, address, device), address, name,
        seenDevice == null ? null : seenDevice.mac(),
        seenDevice == null ? null : BreachView.instant(seenDevice.firstMicros()),
        seenDevice == null ? null : BreachView.instant(seenDevice.lastMicros()),
        seenDevice == null ? 0 : seenDevice.connections(), flags, count, max,
        last == Long.MIN_VALUE ? null : BreachView.instant(last), involved.size(),
        java.util.Arrays.stream(trend).boxed().toList());
  }

  private String label(String name, String address, String device) {
    if (name != null && address != null && !name.equals(address)) {
      return name + " (" + address + ")";
    }
    return name != null ? name : address != null ? address : labels.text(device);
  }

  /** The breaches no suppression hides, summed per breaching device id. */
  private BreachTotals breaches() {
    BreachTotals seen = new BreachTotals();
    boolean filter = suppressions.anyInForce();
    for (Breach breach : breaches.breaches(Instant.EPOCH, END_OF_TIME, 0)) {
      if (filter && suppressions.hiding(breach).isPresent()) {
        continue;
      }
      seen.add(breach);
    }
    for (StoredIncident incident : incidents.incidents(Integer.MIN_VALUE)) {
      incident.devices().forEach(device -> seen.involve(device, incident.id()));
    }
    return seen;
  }

  static LocalDate day(long micros) {
    return LocalDate.ofInstant(BreachView.instant(micros), ZoneOffset.UTC);
  }

  private static final Comparator<DeviceView> RISK = Comparator.comparingInt(DeviceView::incidents).reversed()
      .thenComparing(Comparator.comparingInt(DeviceView::maxScore).reversed())
      .thenComparing(Comparator.comparingInt((DeviceView d) -> d.flags().size()).reversed())
      .thenComparing(DeviceView::device);

  /**
   * A device as the inventory lists it.
   *
   * @param device the id its breaches and links use: its host name, address or network card
   * @param label what people call it: name and address
   * @param address its address, or null when unknown
   * @param hostName its host name, or null when unknown
   * @param mac its network card by its latest DHCP lease, or null
   * @param firstSeen its first connection, or null when the records do not show it
   * @param lastSeen its latest connection, or null
   * @param connections connections it opened or answered
   * @param flags {@code new}, {@code unnamed}, {@code unmanaged} (never logged on to the domain)
   * @param breaches how many breaches it made
   * @param maxScore its highest breach score
   * @param lastBreach its latest breach, or null
   * @param incidents how many incidents involve it
   * @param risk its highest breach score each day of the last {@value #TREND_DAYS} days, oldest first (0: none)
   */
  public record DeviceView(String device, String label, String address, String hostName, String mac,
      Instant firstSeen, Instant lastSeen, long connections, List<String> flags, int breaches, int maxScore,
      Instant lastBreach, int incidents, List<Integer> risk) {
    DeviceView named(String name) {
      return name == null || hostName != null ? this : new DeviceView(device, address == null ? name
          : name + " (" + address + ")", address, name, mac, firstSeen, lastSeen, connections, flags, breaches,
          maxScore, lastBreach, incidents, risk);
    }
  }

  /**
   * What Defender for Endpoint knows of a device: the machines whose last address or host name is one the device had
   * ({@code device} itself, {@code address}, or one of {@code names}).
   */
  private List<DefenderMachine> defenderMachines(String device, String address, List<Sighting> names) {
    Set<String> addresses = new LinkedHashSet<>();
    Set<String> hostNames = new LinkedHashSet<>();
    (ADDRESS.matcher(device).matches() ? addresses : hostNames).add(device);
    if (address != null) {
      addresses.add(address);
    }
    for (Sighting sighting : names) {
      if (sighting.address() != null) {
        addresses.add(sighting.address());
      }
      if (sighting.hostName() != null) {
        hostNames.add(sighting.hostName());
      }
    }
    return endpoints.endpointMachines(addresses, hostNames).stream().map(m -> new DefenderMachine(m.id(),
        m.dnsName(), m.osPlatform(), m.osVersion(), m.osBuild(), m.health(), m.risk(), m.exposure(), m.lastAddress(),
        BreachView.instant(m.refreshedMicros()), m.cves())).toList();
  }

  /**
   * A machine of Microsoft Defender for Endpoint, as the machines API last reported it.
   *
   * @param id Defender's machine id
   * @param dnsName its DNS name, or null
   * @param osPlatform such as {@code Windows11}, or null
   * @param osVersion or null
   * @param osBuild or null
   * @param health the sensor's health, or null
   * @param risk Defender's risk level, or null
   * @param exposure the exposure level, or null
   * @param lastAddress its last internal address, or null
   * @param refreshed when Lanternfish fetched it
   * @param cves the vulnerabilities reported on it, most severe first
   */
  public record DefenderMachine(String id, String dnsName, String osPlatform, String osVersion, String osBuild,
      String health, String risk, String exposure, String lastAddress, Instant refreshed,
      List<EndpointMachines.Cve> cves) {}

  /**
   * A device's summary.
   *
   * @param device its id as asked
   * @param label what people call it: name and address
   * @param address its latest address, or null when unknown
   * @param role its role as {@code config.toml} sets it, or null
   * @param learnedRoles the roles detection learned from what it serves (and config.toml's), or null before
   *     detection knows it
   * @param peerGroup other devices of the peer group detection compares it with (up to 20), or null
   * @param peerGroupSize how many other devices that peer group holds, or null
   * @param knownAs the ids its breaches and incidents know it by: itself, its names, cards and addresses
   * @param names the names and addresses it had, from DHCP leases and its breaches, latest first
   * @param usualPeers whom it connected to most in the last {@value #TREND_DAYS} days of records, and on which port
   * @param serves who connected to it most in the same days, and on which of its ports
   * @param breaches its latest breaches (as the breaching device or the peer), newest first
   * @param incidents the ids of the incidents it takes part in
   * @param defender the Defender for Endpoint machines whose last address or host name it had, with their CVEs
   * @param eventLogQuery the Advanced Search query of its event log, or null when no address is known
   */
  public record DeviceSummary(String device, String label, String address, String role,
      List<String> learnedRoles, List<String> peerGroup, Integer peerGroupSize, List<String> knownAs,
      List<Sighting> names,
      List<PeerTally> usualPeers, List<PeerTally> serves, List<BreachView> breaches, List<String> incidents,
      List<DefenderMachine> defender, String eventLogQuery) {}

  /**
   * A name and address a device had, and when.
   *
   * @param hostName the name, or null
   * @param address the address, or null
   * @param mac the network card, or null
   * @param first the first time seen so
   * @param last the last time seen so
   * @param source {@code dhcp} (a lease) or {@code breaches} (what its breaches recorded)
   */
  public record Sighting(String hostName, String address, String mac, Instant first, Instant last, String source) {}

  /**
   * Connections with one other end on one port.
   *
   * @param peer the other end's address
   * @param port the responder's port
   * @param connections how many
   * @param first the first
   * @param last the latest
   */
  public record PeerTally(String peer, int port, long connections, Instant first, Instant last) {}
}
