package org.lanternfish.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lanternfish.baseline.AlertPattern;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.model.Signal;

/**
 * Microsoft Defender alerts as integration signals on the device they are about. Each device's pattern of Defender
 * alerts is learned like its Suricata signatures: a title the device raises for the first time is news, one it has
 * raised many times is its routine, and the signal says which. The categories and daily number of its alerts are
 * learned too ({@link AlertPattern}), and an alert that leaves them raises a signal of its own.
 */
final class DefenderSignals {

  /** Devices of a peer group raising a category that make it the group's routine rather than news. */
  static final int PEERS_COMMON = 2;

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
    pattern(a, d, title, severity, techniques);
  }

  /**
   * Learns the alert into the device's pattern of Defender alerts and signals when it leaves that pattern: a
   * category the device never raised, or a day of far more alerts than its usual.
   */
  private void pattern(DefenderAlertEvent a, DeviceState d, String title, String severity, String techniques) {
    if (d.defenderAlerts == null) {
      d.defenderAlerts = new AlertPattern();
    }
    String category = a.category() == null || a.category().isBlank() ? "uncategorised" : a.category().strip();
    int day = DeviceShard.day(a.ts());
    String categoryKey = category.toLowerCase(Locale.ROOT);
    AlertPattern.Deviation deviation = d.defenderAlerts.observe(Fingerprint.of("defender-category", categoryKey),
        day, day - DeviceShard.day(d.firstSeen));
    if (!shard.wants("defender_alert_pattern")) {
      return;
    }
    // The peer group's pattern is the network view's: which of its devices raised each category (epochs merged so
    // far, forgotten after 30 days unraised) and how many devices it has.
    long group = d.peerGroup();
    long groupCategory = Fingerprint.mix(group ^ Fingerprint.of("defender-peer-category", categoryKey));
    shard.use(groupCategory, d);
    int peersWithCategory = shard.view.devices(groupCategory);
    int groupDevices = Math.max(1, shard.view.devices(DeviceShard.peerGroupItem(group)));
    // A category several of its peers raise (build scripts on every developer workstation) is the group's routine.
    boolean newCategory = deviation.newCategory() && peersWithCategory < PEERS_COMMON;
    boolean newToGroup = newCategory && peersWithCategory == 0 && groupDevices > 1;
    if (!newCategory && !deviation.burst()) {
      return;
    }
    String usual = String.format(Locale.ROOT, "%.1f", deviation.usualPerDay());
    String peers = "its peer group (" + groupDevices + (groupDevices == 1 ? " device)" : " devices)");
    List<String> what = new ArrayList<>();
    if (newCategory) {
      what.add("its first " + category + " alert (\"" + title + "\"), after " + deviation.knownCategories()
          + (deviation.knownCategories() == 1 ? " category" : " categories") + " it usually raises"
          + (newToGroup ? ", and new to " + peers : ""));
    }
    if (deviation.burst()) {
      what.add(deviation.today() + " alerts today against its usual " + usual + " a day");
    }
    Signal s = new Signal("defender_alert_pattern", a.ts(), d.id, null).uid(a.uid())
        .entity("actor", a.actorDisplayName())
        .with("title", title)
        .with("severity", severity)
        .with("alert_category", category)
        .with("mitre_techniques", techniques)
        .with("alert_id", a.uid())
        .with("alert_url", a.alertWebUrl())
        .with("new_category", newCategory)
        .with("new_to_peer_group", newToGroup)
        .with("peer_devices_with_category", peersWithCategory)
        .with("peer_group_devices", groupDevices)
        .with("burst", deviation.burst())
        .with("alerts_today", deviation.today())
        .with("usual_per_day", deviation.usualPerDay())
        .with("known_categories", deviation.knownCategories())
        .with("deviation", String.join("; ", what));
    if (newCategory) {
      s.evidence("first-seen", "first " + category + " alert Defender raised on " + d.id + " (it raised "
          + deviation.knownCategories() + " other categories before)", deviation.knownCategories());
      s.evidence("peer-group", peersWithCategory == 0
          ? "no device of " + peers + " raised a " + category + " alert in 30 days"
          : peersWithCategory + " device of " + peers + " raised a " + category + " alert in 30 days",
          peersWithCategory);
    }
    if (deviation.burst()) {
      s.evidence("rate", deviation.today() + " Defender alerts on " + d.id + " today; it usually has " + usual
          + " a day", deviation.today());
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
