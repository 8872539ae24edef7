package org.lanternfish.analyst;

import static org.lanternfish.analyst.Narrative.distinct;
import static org.lanternfish.analyst.Narrative.list;
import static org.lanternfish.analyst.Narrative.named;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Entities;

/** The templates of the story: one clause, without its subject, for what one device did in one act. */
final class Clauses {

  private final Set<String> devices;

  Clauses(Set<String> devices) {
    this.devices = devices;
  }

  String of(Step.Act act, List<Breach> breaches) {
    return switch (act) {
      case ACCESS -> access(breaches);
      case LATERAL -> lateral(breaches);
      case CREDENTIALS -> credentialTheft(breaches);
      case COLLECTION -> "downloaded an unusual volume of data from " + or(list(peers(breaches)), "an internal server")
          + as(breaches);
      case C2 -> c2(breaches);
      case EXFIL -> exfiltration(breaches);
      case DISCOVERY -> discovery(breaches);
      case ALERT -> alert(breaches);
      case META -> "breached several further models after its unusual SMB activity";
      case OTHER -> other(breaches);
    };
  }

  private String access(List<Breach> breaches) {
    List<String> parts = new ArrayList<>();
    List<Breach> vpn = only(breaches, Step.VPN_LOGIN);
    if (!vpn.isEmpty()) {
      List<String> from = external(vpn);
      String login = "connected over the VPN" + (from.isEmpty() ? "" : " from " + list(from));
      List<String> users = users(vpn);
      parts.add(users.isEmpty() ? login : login + " as " + list(users));
    }
    List<Breach> fresh = only(breaches, Step.NEW_CREDENTIAL);
    if (!fresh.isEmpty()) {
      List<String> users = users(fresh);
      parts.add(users.isEmpty() ? "used admin credentials new to it"
          : "used the admin credential" + (users.size() > 1 ? "s " : " ") + list(users) + " for the first time");
    }
    List<Breach> late = only(breaches, Step.UNUSUAL_LOGON);
    if (!late.isEmpty()) {
      parts.add("logged on to " + or(list(peers(late)), "the domain") + " at an hour it never does" + as(late));
    }
    return list(parts);
  }

  private String lateral(List<Breach> breaches) {
    List<String> parts = new ArrayList<>();
    List<Breach> rdp = only(breaches, Step.RDP);
    if (!rdp.isEmpty()) {
      parts.add("made unusual RDP connections to " + or(list(peers(rdp)), "internal servers") + as(rdp));
    }
    List<Breach> writes = only(breaches, Step.SMB_WRITE, Step.MASQUERADED_FILE);
    List<Breach> sessions = only(breaches, Step.ADMIN_SMB);
    if (!writes.isEmpty()) {
      parts.add(writes(writes, sessions));
    } else if (!sessions.isEmpty()) {
      parts.add("opened unusual admin SMB sessions to " + or(list(peers(sessions)), "internal devices") + as(sessions));
    }
    List<Breach> wmi = only(breaches, Step.WMI);
    if (!wmi.isEmpty()) {
      parts.add(writes.isEmpty() ? "ran commands through WMI on " + or(list(peers(wmi)), "internal devices")
          : "ran them through WMI (IWbemServices ExecMethod) right after the upload");
    }
    List<Breach> shells = only(breaches, Step.REMOTE_SHELL);
    if (!shells.isEmpty()) {
      parts.add("opened WinRM (PowerShell remoting) sessions to " + or(list(peers(shells)), "internal devices"));
    }
    List<Breach> ssh = only(breaches, Step.SSH);
    if (!ssh.isEmpty()) {
      parts.add("opened SSH sessions to " + or(list(peers(ssh)), "other devices") + " with client software new to it");
    }
    List<Breach> dcom = only(breaches, Step.DCOM);
    if (!dcom.isEmpty()) {
      parts.add("ran commands through DCOM automation objects on " + or(list(peers(dcom)), "internal devices"));
    }
    List<Breach> remote = only(breaches, Step.SERVICE);
    List<Breach> tasks = remote.stream().filter(b -> b.modelId().equals("scheduled-task-created-remotely")).toList();
    List<Breach> services = remote.stream().filter(b -> !tasks.contains(b)).toList();
    if (!services.isEmpty()) {
      parts.add("created services remotely on " + or(list(peers(services)), "internal devices"));
    }
    if (!tasks.isEmpty()) {
      parts.add("registered scheduled tasks remotely on " + or(list(peers(tasks)), "internal devices"));
    }
    List<Breach> agents = only(breaches, Step.USER_AGENT);
    if (!agents.isEmpty()) {
      List<String> ua = distinct(agents, b -> b.entities().get("user_agent"));
      parts.add("reached " + or(list(peers(agents)), "an internal server") + " with a user agent new to it"
          + (ua.isEmpty() ? "" : " (" + named(ua) + ")"));
    }
    return list(parts);
  }

  private String writes(List<Breach> writes, List<Breach> sessions) {
    List<String> files = distinct(writes, b -> b.entities().get("file"));
    List<String> folders = files.stream().map(Clauses::folder).distinct().toList();
    String what;
    if (files.isEmpty()) {
      what = "wrote files";
    } else if (files.size() == 1) {
      what = "wrote " + files.get(0);
    } else if (folders.size() == 1 && !folders.get(0).isEmpty()) {
      what = "wrote " + files.size() + " files under " + folders.get(0);
    } else {
      what = "wrote " + files.size() + " files (" + named(files) + ")";
    }
    List<String> shares = distinct(writes, b -> b.entities().get("share"));
    String target = or(list(peers(writes)), "other devices");
    String where = shares.isEmpty() ? " to " + target
        : " to the " + list(shares) + (shares.size() == 1 ? " share" : " shares") + " of " + target;
    boolean masqueraded = writes.stream().anyMatch(b -> Step.steps(b).contains(Step.MASQUERADED_FILE));
    List<String> users = users(writes, sessions);
    return what + where + " over SMB" + (users.isEmpty() ? "" : " as " + list(users))
        + (masqueraded ? " (executables disguised with harmless names)" : "");
  }

  private String credentialTheft(List<Breach> breaches) {
    List<String> parts = new ArrayList<>();
    List<Breach> dcsync = only(breaches, Step.DCSYNC);
    if (!dcsync.isEmpty()) {
      parts.add("requested directory replication (DRSGetNCChanges, a DCSync) from "
          + or(list(peers(dcsync)), "a domain controller") + as(dcsync));
    }
    List<Breach> brute = only(breaches, Step.BRUTE_FORCE);
    if (!brute.isEmpty()) {
      parts.add("tried many logins against " + or(list(peers(brute)), "other devices"));
    }
    List<Breach> secrets = only(breaches, Step.LSA_SECRETS);
    if (!secrets.isEmpty()) {
      parts.add("asked " + or(list(peers(secrets)), "a domain controller") + " for secrets remotely ("
          + list(distinct(secrets, b -> b.modelId().equals("dpapi-backup-key-request") ? "the domain's DPAPI backup key"
              : "LSA secrets")) + ")" + as(secrets));
    }
    List<Breach> kerberos = only(breaches, Step.KERBEROS);
    if (!kerberos.isEmpty()) {
      parts.add(kerberos.stream().anyMatch(b -> b.modelId().equals("kerberoasting"))
          ? "requested Kerberos service tickets for many accounts' services with weak encryption (Kerberoasting)"
          : "requested Kerberos tickets downgraded to RC4 encryption" + as(kerberos));
    }
    List<Breach> zerologon = only(breaches, Step.ZEROLOGON);
    if (!zerologon.isEmpty()) {
      parts.add("sent a burst of failing Netlogon authentications to " + or(list(peers(zerologon)),
          "a domain controller") + " (as the Zerologon exploit does)");
    }
    List<Breach> databases = only(breaches, Step.PASSWORD_DATABASE);
    if (!databases.isEmpty()) {
      List<String> files = distinct(databases, b -> b.entities().get("file"));
      parts.add("copied " + or(named(files), "password databases") + " from " + or(list(peers(databases)),
          "other devices") + " over SMB");
    }
    return list(parts);
  }

  private String discovery(List<Breach> breaches) {
    List<String> parts = new ArrayList<>();
    List<Breach> scans = only(breaches, Step.SCAN);
    if (!scans.isEmpty()) {
      parts.add("scanned " + or(named(peers(scans)), "the network"));
    }
    List<Breach> queries = only(breaches, Step.ENUMERATION);
    if (!queries.isEmpty()) {
      List<String> what = distinct(queries, b -> switch (b.modelId()) {
        case "samr-domain-enumeration" -> "accounts and groups (SAMR)";
        case "lsarpc-domain-enumeration" -> "the domain's policy and trusts (LSARPC)";
        case "session-enumeration" -> "logged-on sessions";
        case "service-manager-enumeration" -> "services";
        case "share-enumeration" -> "shares";
        case "ldap-reconnaissance" -> "privileged groups and accounts (LDAP)";
        default -> "accounts and resources";
      });
      parts.add("enumerated " + list(what) + " on " + or(named(peers(queries)), "other devices"));
    }
    return list(parts);
  }

  private String c2(List<Breach> breaches) {
    List<String> parts = new ArrayList<>();
    List<Breach> tunnel = only(breaches, Step.DNS_TUNNEL);
    if (!tunnel.isEmpty()) {
      List<String> zones = distinct(tunnel, b -> {
        String domain = b.entities().getOrDefault("domain", b.peerValue());
        return domain == null ? null : Mark.zone(domain) == null ? domain : Mark.zone(domain);
      });
      parts.add("tunnelled data through DNS queries for many subdomains of " + or(list(zones), "one domain"));
    }
    List<Breach> beacon = only(breaches, Step.BEACON);
    if (!beacon.isEmpty()) {
      parts.add("beaconed to the rarely seen " + or(named(endpoints(beacon)), "external endpoints"));
    }
    List<Breach> ioc = only(breaches, Step.IOC_MATCH);
    if (!ioc.isEmpty()) {
      List<String> hits = endpoints(ioc);
      parts.add("contacted " + or(named(hits), "an endpoint") + (hits.size() > 1 ? ", which are" : ", which is")
          + " on a watch list");
    }
    List<Breach> sessions = only(breaches, Step.UNUSUAL_PORT_SESSION);
    if (!sessions.isEmpty()) {
      List<String> ports = distinct(sessions, b -> b.entities().get(Entities.SERVICE_PORT));
      parts.add("held sessions with " + or(named(endpoints(sessions)), "a rarely seen endpoint") + " on "
          + (ports.isEmpty() ? "unusual ports" : "the unusual port" + (ports.size() > 1 ? "s " : " ") + list(ports)));
    }
    List<Breach> generated = only(breaches, Step.DGA);
    if (!generated.isEmpty()) {
      parts.add("looked up many machine-generated domain names");
    }
    List<Breach> tools = only(breaches, Step.TOOL_DOWNLOAD);
    if (!tools.isEmpty()) {
      parts.add("downloaded executables from the rarely seen " + or(named(endpoints(tools)), "external endpoint"));
    }
    return list(parts);
  }

  private String exfiltration(List<Breach> breaches) {
    List<String> sites = endpoints(breaches);
    String where = sites.size() > 1 ? sites.size() + " rarely seen external sites (" + named(sites) + ")"
        : "the rarely seen " + or(list(sites), "external endpoint");
    List<String> large = endpoints(breaches.stream()
        .filter(b -> "uncommon-1-gib-outbound".equals(b.modelId())).toList());
    return "sent data to " + where
        + (large.isEmpty() ? "" : ", including an unusually large upload to " + list(large));
  }

  // Findings of an investigation explain themselves; model breaches are named by their model.
  private static String other(List<Breach> breaches) {
    List<String> what = distinct(breaches, b -> Investigator.found(b) && b.explanation() != null
        ? b.explanation() : "\"" + b.model() + "\"");
    return "showed unusual activity: " + named(what);
  }

  private static String alert(List<Breach> breaches) {
    List<String> alerts = distinct(breaches, b -> {
      int slash = b.model().indexOf(" / ");
      return slash < 0 ? b.model() : b.model().substring(slash + 3);
    });
    return "was flagged by a security integration: " + named(alerts.stream().map(a -> "\"" + a + "\"").toList());
  }

  private static String folder(String file) {
    String f = file.replace('/', '\\');
    int slash = f.lastIndexOf('\\');
    return slash <= 0 ? "" : f.substring(0, slash + 1);
  }

  private static String as(List<Breach> breaches) {
    List<String> users = users(breaches);
    return users.isEmpty() ? "" : " as " + list(users);
  }

  @SafeVarargs
  private static List<String> users(List<Breach>... groups) {
    List<Breach> all = new ArrayList<>();
    for (List<Breach> g : groups) {
      all.addAll(g);
    }
    return distinct(all, b -> b.entities().getOrDefault("credential", b.entities().get("user")));
  }

  private static List<String> peers(List<Breach> breaches) {
    return distinct(breaches, Breach::peerValue);
  }

  // The address a VPN user came from: an external peer, or the source the detection recorded.
  private List<String> external(List<Breach> breaches) {
    List<String> outside = peers(breaches).stream().filter(p -> !Mark.internal(p, devices)).toList();
    return outside.isEmpty() ? distinct(breaches, b -> b.entities().get("source")) : outside;
  }

  // What a contact was with: the domain if one is known, else the destination, else the peer.
  private static List<String> endpoints(List<Breach> breaches) {
    return distinct(breaches, b -> {
      String domain = b.entities().get("domain");
      return domain != null ? domain : b.entities().getOrDefault("destination", b.peerValue());
    });
  }

  private static List<Breach> only(List<Breach> breaches, Step... steps) {
    List<Step> wanted = List.of(steps);
    return breaches.stream().filter(b -> Step.steps(b).stream().anyMatch(wanted::contains)).toList();
  }

  private static String or(String text, String otherwise) {
    return text == null || text.isEmpty() ? otherwise : text;
  }
}
