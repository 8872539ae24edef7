package org.lanternfish.simulate.truth;

import java.util.List;

/**
 * One step of an intrusion: what the attacker did, when, where, and the exact records it left.
 *
 * @param name short step name, such as {@code dcsync}
 * @param technique MITRE ATT&CK technique id, such as {@code T1003.006}
 * @param variant the tradecraft the step was drawn with, such as {@code vendor-folder+service-account}; the first
 *     variant of each choice is the simulator's default tradecraft
 * @param start time of the step's first record, microseconds since the epoch
 * @param end end of the step's last record (its time plus duration), microseconds since the epoch
 * @param devices host names involved, attacker first
 * @param ips addresses involved, in the same spirit
 * @param uids Zeek connection uids and file ids of the step's records, or Defender alert ids
 */
public record StepTruth(
    String name, String technique, String variant, long start, long end, List<String> devices, List<String> ips,
    List<String> uids) {

  /** Makes the lists immutable. */
  public StepTruth {
    devices = List.copyOf(devices);
    ips = List.copyOf(ips);
    uids = List.copyOf(uids);
  }
}
