package org.lanternfish.detect;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.device.DeviceDirectory;
import org.lanternfish.event.Event;

/**
 * The detection core on one thread: feed it events in (roughly) time order and it returns the breaches they cause.
 *
 * <p>Time is event time, taken from the events and from {@link #onTime} heartbeats, so replayed logs, tests and live
 * traffic behave the same. Breaches about network-wide rarity (rare destinations, new user agents, first use of a
 * credential) are settled at the end of each epoch (5 minutes of event time by default), when the whole network's
 * use of the item is known; they carry the time of the event that raised them.
 */
public final class Detector {

  private final Pipeline pipeline;

  /** A detector with the given configuration and no learned state. */
  public Detector(DetectConfig config) {
    this.pipeline = new Pipeline(config, 1, null);
  }

  /** Learns from one event and returns the breaches that are final now. */
  public List<Breach> onEvent(Event e) {
    return pipeline.accept(e);
  }

  /** Advances event time to {@code eventTimeMicros} and returns the breaches of the epochs that closed. */
  public List<Breach> onTime(long eventTimeMicros) {
    return pipeline.advanceTo(eventTimeMicros);
  }

  /** Closes the open epoch (end of input) and returns its held breaches. */
  public List<Breach> flush() {
    return pipeline.flush();
  }

  /** The learned state in Lanternfish's versioned binary format. */
  public byte[] snapshot() {
    return pipeline.snapshot();
  }

  /** Replaces the learned state with one taken by {@link #snapshot} (of any runner); throws on a bad snapshot. */
  public void restore(byte[] snapshot) {
    pipeline.restore(snapshot);
  }

  /** Who is behind each address, as learned so far. */
  public DeviceDirectory directory() {
    return pipeline.directory();
  }

  /** Number of events taken since the state began (snapshots carry it over). */
  public long events() {
    return pipeline.events();
  }

  /** Number of devices with learned state. */
  public int devices() {
    return pipeline.devices();
  }
}
