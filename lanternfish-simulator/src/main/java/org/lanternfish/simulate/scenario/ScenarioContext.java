package org.lanternfish.simulate.scenario;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.organisation.Role;
import org.lanternfish.simulate.traffic.ClientSessions;
import org.lanternfish.simulate.traffic.Flows;
import org.lanternfish.simulate.traffic.ServerSessions;
import org.lanternfish.simulate.traffic.WindowsFlows;
import org.lanternfish.simulate.truth.ScenarioTruth;
import org.lanternfish.simulate.truth.StepTruth;
import org.lanternfish.simulate.zeek.LogRecord;
import org.lanternfish.simulate.zeek.ZeekLog;

/**
 * What a scenario sees while it injects itself on one day: the organisation, its own flows, and the recorder that
 * turns each step's records into ground truth.
 */
public final class ScenarioContext {
  private final Organisation org;
  private final Flows flows;
  private final WindowsFlows windows;
  private final ClientSessions clients;
  private final ServerSessions servers;
  private final LocalDate date;
  private final List<StepTruth> steps = new ArrayList<>();
  private final List<Map<String, Object>> alerts;
  private final SplittableRandom tradecraft;
  private List<String> uids;
  private String stepName;
  private String technique;
  private String variant;
  private List<String> devices;
  private List<String> ips;
  private long first;
  private long last;

  /**
   * Creates the context for one scenario on UTC date {@code date}.
   *
   * @param sink where the scenario's records go (the same queue as the background's)
   * @param alerts where Defender alerts go
   * @param tradecraft draws each step's variant, or null for the simulator's default tradecraft
   */
  public ScenarioContext(Organisation org, SplittableRandom random, Consumer<LogRecord> sink, long firstSeq,
      LocalDate date, List<Map<String, Object>> alerts, SplittableRandom tradecraft) {
    this.org = org;
    this.flows = new Flows(random, record -> {
      observe(record);
      sink.accept(record);
    }, firstSeq);
    this.windows = new WindowsFlows(flows, org);
    this.clients = new ClientSessions(org, flows, windows);
    this.servers = new ServerSessions(org, flows, windows, clients);
    this.date = date;
    this.alerts = alerts;
    this.tradecraft = tradecraft;
  }

  /**
   * One of {@code variants}, drawn when the run draws tradecraft, else the first (the default tradecraft). The draw
   * uses a random source of its own, so the default run's records do not change.
   */
  public String variant(String... variants) {
    return tradecraft == null ? variants[0] : variants[tradecraft.nextInt(variants.length)];
  }

  /** True when the run draws tradecraft variants rather than the default tradecraft. */
  public boolean varies() {
    return tradecraft != null;
  }

  /** The organisation under attack. */
  public Organisation org() {
    return org;
  }

  /** Flows whose records are captured into the current step. */
  public Flows flows() {
    return flows;
  }

  /** Windows protocol flows captured into the current step. */
  public WindowsFlows windows() {
    return windows;
  }

  /** Client sessions captured into the current step. */
  public ClientSessions clients() {
    return clients;
  }

  /** Server sessions captured into the current step. */
  public ServerSessions servers() {
    return servers;
  }

  /** The scenario's own random source. */
  public SplittableRandom random() {
    return flows.random();
  }

  /**
   * Epoch microseconds of {@code hour} (fractional) local time at {@code device}'s site on the scenario's day, or on
   * the next local date when that moment falls before the UTC day began (sites east of UTC).
   */
  public long localTime(Device device, double hour) {
    long dayStart = date.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    long ts = localTime(date, device, hour);
    return ts >= dayStart ? ts : localTime(date.plusDays(1), device, hour);
  }

  private static long localTime(LocalDate day, Device device, double hour) {
    long seconds = day.atTime(LocalTime.MIDNIGHT).atZone(device.site().zone()).toEpochSecond();
    return (seconds + (long) (hour * 3600)) * 1_000_000L;
  }

  /** A random workstation (not a laptop, whose address moves with the VPN) other than those in {@code exclude}. */
  public Device workstation(List<Device> exclude) {
    List<Device> desks = org.devices(Role.WORKSTATION).stream()
        .filter(d -> d.firstDay() == 0 && !exclude.contains(d)).toList();
    if (desks.isEmpty()) {
      throw new IllegalStateException("the organisation has too few workstations for this scenario");
    }
    return desks.get(random().nextInt(desks.size()));
  }

  /** A random element of {@code list}. */
  public <T> T pick(List<T> list) {
    return list.get(random().nextInt(list.size()));
  }

  /** Opens a step in the default tradecraft: records emitted until {@link #end()} belong to it. */
  public void begin(String name, String attackTechnique, List<String> stepDevices, List<String> stepIps) {
    begin(name, attackTechnique, "default", stepDevices, stepIps);
  }

  /** Opens a step drawn as {@code stepVariant}: records emitted until {@link #end()} belong to it. */
  public void begin(String name, String attackTechnique, String stepVariant, List<String> stepDevices,
      List<String> stepIps) {
    if (stepName != null) {
      throw new IllegalStateException("step " + stepName + " is still open");
    }
    stepName = name;
    technique = attackTechnique;
    variant = stepVariant;
    devices = stepDevices;
    ips = stepIps;
    uids = new ArrayList<>();
    first = Long.MAX_VALUE;
    last = Long.MIN_VALUE;
    flows.capture(uids);
  }

  /** Closes the open step and records it. */
  public void end() {
    flows.capture(null);
    if (first == Long.MAX_VALUE) {
      throw new IllegalStateException("step " + stepName + " emitted no records");
    }
    steps.add(new StepTruth(stepName, technique, variant, first, last, devices, ips,
        uids.stream().distinct().toList()));
    stepName = null;
  }

  /** Records a Defender alert with id {@code id} raised at {@code ts} as one step of its own. */
  public void alert(String name, String attackTechnique, long ts, String id, Map<String, Object> alert,
      List<String> stepDevices, List<String> stepIps) {
    alerts.add(alert);
    steps.add(new StepTruth(name, attackTechnique, "default", ts, ts, stepDevices, stepIps, List.of(id)));
  }

  private void observe(LogRecord record) {
    if (stepName == null) {
      return;
    }
    first = Math.min(first, record.ts());
    long end = record.ts();
    if (record.log() == ZeekLog.CONN && record.values()[8] instanceof Double duration) {
      end = Flows.end(record.ts(), duration);
    }
    last = Math.max(last, end);
  }

  /** The scenario's truth once all its steps are recorded. */
  public ScenarioTruth truth(String id, String name, int day) {
    long start = steps.stream().mapToLong(StepTruth::start).min().orElseThrow();
    long end = steps.stream().mapToLong(StepTruth::end).max().orElseThrow();
    return new ScenarioTruth(id, name, day, start, end, steps);
  }
}
