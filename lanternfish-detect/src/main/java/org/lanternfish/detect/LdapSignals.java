package org.lanternfish.detect;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.event.LdapSearchEvent;
import org.lanternfish.model.Signal;

/**
 * Judges LDAP searches by what they ask the directory: the members of privileged groups (Domain Admins, Enterprise
 * Admins, adminCount=1), security descriptors (who may change what), and every account with a service principal
 * name (the targets of Kerberoasting). Each kind is signalled the first time a device asks it, as PowerView,
 * BloodHound and ADRecon do on a foothold; a management server that asks every day has asked before.
 */
final class LdapSignals {

  /** Privileged groups by name, and accounts marked as protected members of one (adminCount=1). */
  private static final Pattern PRIVILEGED = Pattern.compile(
      "(domain|enterprise|schema|key|enterprise key) admins|administrators|account operators|backup operators"
          + "|server operators|dnsadmins|group policy creator owners|admincount=1");
  private static final Pattern SPN_SWEEP = Pattern.compile("serviceprincipalname=\\*");
  private static final String DESCRIPTOR = "ntsecuritydescriptor";

  private final DeviceShard shard;

  LdapSignals(DeviceShard shard) {
    this.shard = shard;
  }

  void on(LdapSearchEvent q, RoutedEvent r) {
    if (!r.forOrig() || r.orig() == null || q.id() == null) {
      return;
    }
    String kind = kind(q);
    if (kind == null) {
      return;
    }
    DeviceState d = shard.device(r.orig(), q.ts());
    int before = d.seen.observe(Fingerprint.of("ldap-query", kind), DeviceShard.day(q.ts()));
    if (!shard.wants("ldap_query")) {
      return;
    }
    String asked = q.filter() != null ? q.filter() : String.join(",", q.attributes());
    Signal s = new Signal("ldap_query", q.ts(), d.id, r.resp() != null ? r.resp() : q.id().respHost())
        .uid(q.uid())
        .with("label", kind)
        .with("filter", q.filter())
        .with("base", q.baseObject())
        .with("new_for_device", before == 0)
        .evidence("query", () -> d.id + " searched the directory" + (q.baseObject() == null ? "" : " under "
            + q.baseObject()) + " for " + asked + (before == 0 ? ", a search of this kind it never made before"
            : ""), before);
    shard.emit(s, d);
  }

  /** The kind of reconnaissance a search is, or null for an ordinary one. */
  static String kind(LdapSearchEvent q) {
    String filter = q.filter() == null ? "" : q.filter().toLowerCase(Locale.ROOT);
    String base = q.baseObject() == null ? "" : q.baseObject().toLowerCase(Locale.ROOT);
    if (PRIVILEGED.matcher(filter).find() || PRIVILEGED.matcher(base).find() && base.startsWith("cn=")) {
      return "privileged-groups";
    }
    if (SPN_SWEEP.matcher(filter.replace(" ", "")).find()) {
      return "service-principals";
    }
    List<String> attributes = q.attributes() == null ? List.of() : q.attributes();
    for (String a : attributes) {
      if (a.equalsIgnoreCase(DESCRIPTOR)) {
        return "security-descriptors";
      }
    }
    return null;
  }
}
