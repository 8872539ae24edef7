package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.device.DeviceDirectory;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FileEvent;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.NetworkEvent;
import org.lanternfish.event.NoticeEvent;
import org.lanternfish.event.WeirdEvent;

/**
 * The identity stage, the first of the core: learns who is behind each address from the events themselves (DHCP,
 * DNS, NTLM, Kerberos, the site's configuration) and hands each event, with its devices resolved, to the owner of
 * each internal device it involves. It sees every event in input order, so every runner resolves a record to the same
 * devices and names; its state is the {@link DeviceDirectory}, saved with {@link #write} and {@link #read}.
 */
public final class IdentityStage {

  /** Where routed events go: a runner's partitioning of devices and its hand-off to their owners. */
  public interface Sink {

    /**
     * The partition that owns a device, by the device's fingerprint: the two sides of an event whose devices share
     * a partition are handed over as one {@link RoutedEvent}.
     */
    int partitionOf(long deviceFingerprint);

    /** Takes an event for the partition that owns one or both of its devices. */
    void accept(int partition, RoutedEvent event);
  }

  private final DeviceDirectory directory;

  /** A stage that knows only what the site's configuration says. */
  public IdentityStage(DetectConfig config) {
    this.directory = new DeviceDirectory(config.devices());
  }

  /** Who is behind each address, as learned so far. */
  public DeviceDirectory directory() {
    return directory;
  }

  /** Learns from {@code e}, then hands it to the owners of its internal devices (none when both ends are outside). */
  public void route(Event e, Sink sink) {
    directory.observe(e);
    if (e instanceof DefenderAlertEvent alert) {
      routeAlert(alert, sink);
      return;
    }
    String origHost;
    String respHost;
    if (e instanceof NetworkEvent n && !(e instanceof NoticeEvent) && !(e instanceof WeirdEvent)) {
      FlowId id = n.id();
      if (id == null) {
        return;
      }
      origHost = id.origHost();
      respHost = id.respHost();
    } else if (e instanceof FileEvent f && f.txHosts() != null && !f.txHosts().isEmpty()) {
      origHost = f.txHosts().get(0);
      respHost = f.rxHosts() == null || f.rxHosts().isEmpty() ? null : f.rxHosts().get(0);
    } else {
      return;
    }
    long ts = e.ts();
    DeviceDirectory.Identity origId = directory.identify(origHost, ts);
    DeviceDirectory.Identity respId = directory.identify(respHost, ts);
    if (origId == null && respId == null) {
      return;
    }
    String orig = origId == null ? null : origId.device();
    String resp = respId == null ? null : respId.device();
    boolean vpn = origId != null && origId.vpn();
    String origName = origId == null ? null : origId.name();
    String respName = respId == null ? null : respId.name();
    int o = origId == null ? -1 : sink.partitionOf(origId.fingerprint());
    int r = respId == null ? -1 : sink.partitionOf(respId.fingerprint());
    if (o >= 0 && o == r) {
      sink.accept(o, new RoutedEvent(e, orig, resp, true, true, vpn, origHost, respHost, origName, respName, origId,
          respId));
      return;
    }
    if (o >= 0) {
      sink.accept(o, new RoutedEvent(e, orig, resp, true, false, vpn, origHost, respHost, origName, respName, origId,
          respId));
    }
    if (r >= 0) {
      sink.accept(r, new RoutedEvent(e, orig, resp, false, true, vpn, origHost, respHost, origName, respName, origId,
          respId));
    }
  }

  /**
   * Sends a Defender alert to the device it is about: the first of its evidence addresses that is one of ours,
   * resolved like any record's, or failing that the device known by its DNS host name; a host Lanternfish has not
   * seen becomes a device of its own ({@link DeviceDirectory#adopt}) rather than losing the alert.
   */
  private void routeAlert(DefenderAlertEvent alert, Sink sink) {
    String device = null;
    String address = null;
    for (String ip : alert.ipAddresses()) {
      device = directory.resolve(ip, alert.ts());
      if (device != null) {
        address = ip;
        break;
      }
    }
    if (device == null) {
      device = directory.deviceNamed(alert.deviceDnsName());
    }
    if (device == null) {
      device = directory.adopt(alert.deviceDnsName(), alert.mdeDeviceId());
    }
    if (device == null) {
      return;
    }
    boolean vpn = address != null && directory.isVpn(address);
    sink.accept(sink.partitionOf(Fingerprint.of(device)), new RoutedEvent(alert, device,
        null, true, false, vpn, address, null, directory.name(device), null, null, null));
  }

  /** Writes what the stage has learned (the directory) in the snapshot format. */
  public void write(DataOutput out) throws IOException {
    directory.write(out);
  }

  /** Replaces what the stage has learned with state written by {@link #write}. */
  public void read(DataInput in) throws IOException {
    directory.read(in);
  }
}
