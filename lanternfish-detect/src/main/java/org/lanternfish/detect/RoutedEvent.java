package org.lanternfish.detect;

import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.device.DeviceDirectory;
import org.lanternfish.event.Event;

/**
 * An event with its devices resolved by the {@link IdentityStage}, as handed to the shard that owns one or both of
 * them: the unit of work of the per-device core in every runner.
 *
 * @param event the record
 * @param orig the originator's device id, or null when it is external
 * @param resp the responder's device id, or null when it is external
 * @param forOrig true when this shard owns the originator and should learn from its side
 * @param forResp true when this shard owns the responder and should learn from its side
 * @param origVpn true when the originator's address is in a VPN pool
 * @param origAddress the originator's address as the record gives it
 * @param respAddress the responder's address as the record gives it, or null
 * @param origName the originator's host name when known at this time, or null
 * @param respName the responder's host name when known at this time, or null
 * @param origIdentity the originator's identity (whose state slot its owning shard uses), or null when external
 * @param respIdentity the responder's identity, or null when external
 */
public record RoutedEvent(Event event, String orig, String resp, boolean forOrig, boolean forResp, boolean origVpn,
    String origAddress, String respAddress, String origName, String respName, DeviceDirectory.Identity origIdentity,
    DeviceDirectory.Identity respIdentity) {

  /** The originator device's fingerprint (kept with its identity, so not recomputed per event). */
  public long origFingerprint() {
    return origIdentity != null ? origIdentity.fingerprint() : Fingerprint.of(orig);
  }

  /** The responder device's fingerprint. */
  public long respFingerprint() {
    return respIdentity != null ? respIdentity.fingerprint() : Fingerprint.of(resp);
  }
}
