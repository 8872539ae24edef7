package org.lanternfish.model;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every kind of signal the detection core raises and the attributes each may carry, so a model that names a kind or
 * an attribute no signal has is refused when it is read instead of silently never firing.
 */
public final class SignalKinds {

  /** Attributes every signal has: its device, and its peer when it has one. */
  public static final Set<String> ALWAYS = Set.of("device", "peer");

  /**
   * Attributes set on every signal when it is judged; {@code habit_credential} is set for each model once it
   * matched (the model fired on the device before under the signal's credential), so only boosts read it.
   */
  public static final Set<String> WHEN_JUDGED = Set.of("device_learning", "network_learning", "network_settling",
      "device_days", "habit_credential",
      "device_is_dc", "device_is_client", "device_is_server", "peer_is_dc", "peer_is_server");

  /** Attributes set at the epoch's end on signals about an item the whole network shares. */
  public static final Set<String> AT_EPOCH_END = Set.of("network_devices", "network_total", "rollout",
      "item_age_days");

  /**
   * Names of the device and its internal peer, and the other end and service port of the record behind the signal,
   * set on every signal a model may breach on; with the CVE when the endpoint product reports that service vulnerable.
   */
  private static final Set<String> NAMES = Set.of("device_name", "device_ip", "peer_name", "peer_ip",
      "peer_address", "service_port", "service_vulnerable", "service_cve");

  /** The kind of the signal a breach raises, for models over breaches. */
  public static final String BREACH = "breach";

  // Each kind's own attributes, entities included (an entity is also an attribute); "label" is what an 'after:'
  // step's pattern matches.
  private static final Map<String, Set<String>> OWN = Map.ofEntries(
      Map.entry("internal_download", Set.of("bytes", "typical_bytes", "ratio", "mib", "new_share_today")),
      Map.entry("volume_out", Set.of("bytes", "typical_bytes", "ratio", "destination")),
      Map.entry("data_out", Set.of("bytes", "mib", "connections", "destination")),
      Map.entry("upload_run", Set.of("bytes", "mib", "hours", "received_mib", "destination")),
      Map.entry("beacon", Set.of("regularity", "interval_s", "jitter", "size_regularity", "connections", "direction",
          "how", "destination")),
      Map.entry("rare_port", Set.of("port", "label", "long_lived", "regular", "duration_s", "regularity",
          "connections", "how", "destination", "port_devices")),
      Map.entry("internal_session", Set.of("port", "label", "payload", "duration_s", "kib_in", "port_servers")),
      Map.entry("port_scan", Set.of("targets")),
      Map.entry("vertical_scan", Set.of("ports")),
      Map.entry("ssh_client", Set.of("client", "label")),
      Map.entry("brute_force", Set.of("attempts", "port", "method")),
      Map.entry("ticket_burst", Set.of("services", "cipher", "service", "credential", "credential_admin")),
      Map.entry("ticket_downgrade", Set.of("cipher", "credential", "credential_admin")),
      Map.entry("netlogon_burst", Set.of("calls", "operation")),
      Map.entry("share_sweep", Set.of("hosts", "first_sweep", "share", "credential", "credential_admin")),
      Map.entry("credential_file", Set.of("file", "share", "label", "action", "credential", "new_for_pair")),
      Map.entry("credential", Set.of("credential_clients", "device_is_address", "credential", "credential_admin",
          "credential_service", "new_on_device", "from_vpn", "method", "vpn_logon", "vpn_user", "vpn_logon_gap_s", "vpn_other_user")),
      Map.entry("logon_hour", Set.of("hour", "night", "logon_hours", "credential", "credential_admin",
          "new_on_device", "from_vpn", "vpn_logon", "vpn_user", "vpn_logon_gap_s", "vpn_other_user")),
      Map.entry("ldap_query", Set.of("label", "filter", "base", "new_for_device")),
      Map.entry("rdp", Set.of("from_vpn", "new_pair", "first_rdp", "cookie", "credential", "credential_admin",
          "credential_service", "vpn_logon", "vpn_user", "vpn_logon_gap_s", "vpn_other_user")),
      Map.entry("remote_shell", Set.of("port", "new_pair", "first_remote_shell", "credential",
          "credential_admin")),
      Map.entry("smb_session", Set.of("admin_share_peers", "share", "label", "share_admin", "new_share",
          "credential", "credential_admin", "from_vpn")),
      Map.entry("smb_write", Set.of("share", "label", "share_admin", "new_peer", "admin_peers", "file", "folder",
          "staging_path", "executable", "masquerade", "new_path", "size", "credential")),
      Map.entry("file_transfer", Set.of("file", "mime", "source", "masquerade", "sha1")),
      Map.entry("exe_download", Set.of("file", "new_source", "sender_internal", "bytes", "sha1")),
      Map.entry("rpc", Set.of("endpoint", "operation", "label", "named_pipe", "new_for_pair", "wmi_exec",
          "wmi_new_peer", "admin_peers", "credential", "credential_new_on_device")),
      Map.entry("dns_tunnel", Set.of("domain", "unique_subdomains", "queries", "txt_ratio", "entropy")),
      Map.entry("dga", Set.of("domain", "failed_domains", "entropy", "examples")),
      Map.entry("user_agent", Set.of("user_agent", "new_for_device", "method", "uri")),
      Map.entry("alert", Set.of("signature", "signature_id", "severity", "alert_category", "new_for_device",
          "times_seen", "as_source")),
      Map.entry("ioc", Set.of("destination", "domain", "indicator", "indicator_type", "list")),
      Map.entry("defender_alert", Set.of("actor", "title", "severity", "alert_category", "threat",
          "mitre_techniques", "detection_source", "service_source", "alert_id", "alert_status", "alert_url",
          "mde_device_id", "device_dns_name", "details", "new_for_device", "times_seen")),
      Map.entry("defender_alert_pattern", Set.of("actor", "title", "severity", "alert_category", "mitre_techniques",
          "alert_id", "alert_url", "new_category", "burst", "alerts_today", "usual_per_day", "known_categories",
          "deviation", "new_to_peer_group", "peer_devices_with_category", "peer_group_devices")),
      Map.entry(BREACH, Set.of("model", "model_id", "category", "score", "distinct_models")));

  /** Kinds held until the epoch's end (DCE-RPC only for directory replication, which waits for the DC's role). */
  private static final Set<String> DEFERRED = Set.of("data_out", "beacon", "rare_port", "internal_session",
      "credential", "logon_hour", "exe_download", "rpc", "dns_tunnel", "user_agent", "internal_download");

  private static final Map<String, Set<String>> ALL = all();

  private SignalKinds() {}

  private static Map<String, Set<String>> all() {
    Map<String, Set<String>> all = new java.util.HashMap<>();
    OWN.forEach((kind, own) -> {
      Set<String> attributes = new HashSet<>(own);
      attributes.addAll(ALWAYS);
      attributes.addAll(WHEN_JUDGED);
      attributes.addAll(NAMES);
      if (DEFERRED.contains(kind)) {
        attributes.addAll(AT_EPOCH_END);
      }
      all.put(kind, Set.copyOf(attributes));
    });
    return Map.copyOf(all);
  }

  /** Every signal kind, sorted. */
  public static Set<String> kinds() {
    return new TreeSet<>(ALL.keySet());
  }

  /** True when the core raises signals of this kind. */
  public static boolean isKind(String kind) {
    return ALL.containsKey(kind);
  }

  /** Every attribute a signal of {@code kind} may carry when a model judges it; empty for an unknown kind. */
  public static Set<String> attributes(String kind) {
    return ALL.getOrDefault(kind, Set.of());
  }

  /** The attributes of a signal that its kind does not register (or all of them for an unknown kind), sorted. */
  public static List<String> unregistered(Signal signal) {
    Set<String> known = attributes(signal.kind());
    return signal.attributes().keySet().stream().filter(a -> !known.contains(a)).sorted().toList();
  }

  /**
   * "unknown WHAT 'name' (did you mean 'x'?)" or "(known: ...)" when nothing is close: the nearest of
   * {@code known} by edit distance, when it is within a third of the name's length.
   */
  static String unknown(String what, String name, Set<String> known) {
    String best = known.stream()
        .min(Comparator.comparingInt((String k) -> distance(name, k)).thenComparing(k -> k)).orElse(null);
    if (best != null && distance(name, best) <= Math.max(2, name.length() / 3)) {
      return "unknown " + what + " '" + name + "' (did you mean '" + best + "'?)";
    }
    return "unknown " + what + " '" + name + "' (known: " + String.join(", ", new TreeSet<>(known)) + ")";
  }

  /** Levenshtein distance: edits (insert, delete, replace) that turn one text into the other. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        row[j] = Math.min(replace, Math.min(previous[j], row[j - 1]) + 1);
      }
      int[] t = previous;
      previous = row;
      row = t;
    }
    return previous[b.length()];
  }
}
