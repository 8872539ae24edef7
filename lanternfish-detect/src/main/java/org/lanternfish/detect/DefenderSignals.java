package org.lanternfish.detect;

import java.util.ArrayList;
import java.util.List;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.model.Signal;

/**
 * Microsoft Defender alerts as integration signals on the device they are about. Each device's pattern of Defender
 * alerts is learned like its Suricata signatures: a title the device raises for the first time is news, one it has
 * raised many times is its routine, and the signal says which.
 */
final class DefenderSignals {

  private final DeviceShard shard;

  DefenderSignals(DeviceShard shard) {
    this.shard = shard;
  }

  void on(DefenderAlertEvent a, RoutedEvent r) {
    if (r.orig() == null || !r.forOrig() || !shard.wants("defender_alert")) {
      return;
    }
    DeviceState d = shard.device(r.orig(), a.ts());
    String title = a.title() == null || a.title().isBlank() ? "untitled alert" : a.title().strip();
    int before = d.seen.observe(Fingerprint.of("defender", title), DeviceShard.day(a.ts()));
    String severity = a.severity() == null ? "unknown" : a.severity();
    String techniques = String.join(", ", a.mitreTechniques());
    Signal s = new Signal("defender_alert", a.ts(), d.id, null).uid(a.uid())
        .entity("actor", a.actorDisplayName())
        .with("title", title)
        .with("severity", severity)
        .with("alert_category", a.category())
        .with("threat", a.threatDisplayName())
        .with("mitre_techniques", techniques)
        .with("detection_source", a.detectionSource())
        .with("service_source", a.serviceSource())
        .with("alert_id", a.uid())
        .with("alert_status", a.status())
        .with("alert_url", a.alertWebUrl())
        .with("mde_device_id", a.mdeDeviceId())
        .with("device_dns_name", a.deviceDnsName())
        .with("details", details(a, severity, techniques))
        .with("new_for_device", before == 0)
        .with("times_seen", before)
        .evidence("integration", "Microsoft Defender alert " + a.uid() + ": \"" + title + "\" ("
            + details(a, severity, techniques) + ")", 1)
        .evidence(before == 0 ? "first-seen" : "frequency", before == 0
            ? "first time Defender raised \"" + title + "\" on " + d.id
            : "Defender raised \"" + title + "\" on " + d.id + " " + before + " times before: part of its pattern",
            before);
    if (a.alertWebUrl() != null && !a.alertWebUrl().isBlank()) {
      s.evidence("link", "the alert in the Microsoft Defender portal: " + a.alertWebUrl().strip(), Double.NaN);
    }
    shard.emit(s, d);
  }

  /** Defender's own account of the alert in one phrase, naming only what it gave. */
  private static String details(DefenderAlertEvent a, String severity, String techniques) {
    List<String> parts = new ArrayList<>();
    if (a.category() != null) {
      parts.add(a.category());
    }
    parts.add(severity + " severity");
    if (a.actorDisplayName() != null) {
      parts.add("actor " + a.actorDisplayName());
    }
    if (a.threatDisplayName() != null) {
      parts.add("threat " + a.threatDisplayName());
    }
    if (!techniques.isEmpty()) {
      parts.add("techniques " + techniques);
    }
    if (a.detectionSource() != null) {
      parts.add("detected by " + a.detectionSource());
    }
    return String.join(", ", parts);
  }
}
