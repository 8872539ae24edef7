package org.lanternfish.respond.nftables;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lanternfish.respond.Action;
import org.lanternfish.respond.ActionKind;
import org.lanternfish.respond.BackendException;
import org.lanternfish.respond.Reachable;
import org.lanternfish.respond.ResponseBackend;

/**
 * RESPOND on a Linux gateway: named nftables sets whose elements carry their own timeouts, matched by a forward
 * chain, so the kernel releases each block on time even if Lanternfish has died. Every change is one {@code nft -f}
 * script, applied by the kernel as one transaction.
 *
 * <p>Sets (each in an IPv4 and an IPv6 flavour): {@code conn} (device, peer, port), {@code pair} (device, peer: every
 * port), {@code out} (everything a device opens), {@code in} (everything opened to it), {@code quarantine} (all but
 * the {@code allowed} addresses), and for a pattern of life {@code life} (devices that may open connections only to
 * the {@code allowed} addresses and their own elements of {@code usual}: device, peer, port), the same for a group's
 * pattern of life in {@code group} and {@code groupusual}. A device under a pattern of life still answers connections
 * opened to it.
 */
public final class NftablesFirewall implements ResponseBackend {

  private static final String[] FAMILIES = {"4", "6"};
  private static final List<String> SETS = List.of("conn", "pair", "out", "in", "quarantine", "life", "usual", "group",
      "groupusual");

  /** One element of one set: its set's name (with the family) and its key. */
  private record Element(String set, String key) {}

  private final List<String> command;
  private final String table;
  private final List<String> allowed;

  /**
   * A firewall in table {@code inet <table>}, run through {@code commandPrefix} (empty for this host, or for example
   * {@code ip netns exec gw}), leaving {@code allowed} addresses reachable from quarantined devices.
   */
  public NftablesFirewall(List<String> commandPrefix, String table, List<String> allowed) {
    this.command = new ArrayList<>(commandPrefix);
    this.command.addAll(List.of("nft", "-f", "-"));
    this.table = table;
    this.allowed = List.copyOf(allowed);
  }

  @Override
  public String name() {
    return "nftables";
  }

  /**
   * Creates the table, sets and chain when missing and rewrites the chain's rules and the allowed addresses; the
   * sets' elements, the blocks in force, survive it, so a restarted Lanternfish finds what the kernel still holds.
   */
  @Override
  public void install() {
    StringBuilder s = new StringBuilder();
    String t = "inet " + table;
    s.append("add table ").append(t).append('\n');
    for (String f : FAMILIES) {
      String addr = f.equals("4") ? "ipv4_addr" : "ipv6_addr";
      s.append("add set ").append(t).append(" conn").append(f).append(" { type ").append(addr).append(" . ")
          .append(addr).append(" . inet_service; flags timeout; }\n");
      s.append("add set ").append(t).append(" pair").append(f).append(" { type ").append(addr).append(" . ")
          .append(addr).append("; flags timeout; }\n");
      for (String name : List.of("out", "in", "quarantine", "life", "group")) {
        s.append("add set ").append(t).append(' ').append(name).append(f).append(" { type ").append(addr)
            .append("; flags timeout; }\n");
      }
      for (String name : List.of("usual", "groupusual")) {
        s.append("add set ").append(t).append(' ').append(name).append(f).append(" { type ").append(addr)
            .append(" . ").append(addr).append(" . inet_service; flags timeout; }\n");
      }
      s.append("add set ").append(t).append(" allowed").append(f).append(" { type ").append(addr)
          .append("; flags interval; }\n");
      s.append("flush set ").append(t).append(" allowed").append(f).append('\n');
    }
    s.append("add chain ").append(t).append(" forward { type filter hook forward priority -10; policy accept; }\n");
    s.append("flush chain ").append(t).append(" forward\n");
    for (String f : FAMILIES) {
      String ip = f.equals("4") ? "ip" : "ip6";
      String rule = "add rule " + t + " forward " + ip + " ";
      s.append(rule).append("saddr . ").append(ip).append(" daddr . tcp dport @conn").append(f)
          .append(" reject with tcp reset\n");
      s.append(rule).append("saddr . ").append(ip).append(" daddr . udp dport @conn").append(f).append(" drop\n");
      s.append(rule).append("saddr . ").append(ip).append(" daddr @pair").append(f).append(" drop\n");
      s.append(rule).append("saddr @out").append(f).append(" drop\n");
      s.append(rule).append("daddr @in").append(f).append(" drop\n");
      s.append(rule).append("saddr @quarantine").append(f).append(' ').append(ip).append(" daddr != @allowed")
          .append(f).append(" drop\n");
      s.append(rule).append("daddr @quarantine").append(f).append(' ').append(ip).append(" saddr != @allowed")
          .append(f).append(" drop\n");
      for (String life : List.of("life", "group")) {
        String outside = rule + "saddr @" + life + f + " ct direction original " + ip + " daddr != @allowed" + f
            + ' ' + ip + " saddr . " + ip + " daddr . th dport != @" + (life.equals("life") ? "usual" : "groupusual")
            + f + ' ';
        s.append(outside).append("meta l4proto tcp reject with tcp reset\n");
        s.append(outside).append("drop\n");
      }
    }
    for (String address : allowed) {
      s.append("add element ").append(t).append(" allowed").append(family(address)).append(" { ").append(address)
          .append(" }\n");
    }
    run(s.toString());
  }

  /** Holds {@code action} until its expiry; an element already held gets the new timeout (an extension). */
  @Override
  public void apply(Action action, long now) {
    String timeout = timeout(action, now);
    if (timeout != null) {
      // "add element" keeps an existing element's timeout, so one held is replaced, in the same transaction.
      StringBuilder s = new StringBuilder();
      for (Element e : elements(action)) {
        String set = "inet " + table + ' ' + e.set();
        s.append("add element ").append(set).append(" { ").append(e.key()).append(" timeout 1s }\n")
            .append("delete element ").append(set).append(" { ").append(e.key()).append(" }\n")
            .append("add element ").append(set).append(" { ").append(e.key()).append(timeout).append(" }\n");
      }
      run(s.toString());
    }
  }

  @Override
  public void release(Action action) {
    // "destroy" would need nftables 1.0.8; adding the element first makes the delete succeed whether or not it held.
    StringBuilder s = new StringBuilder();
    for (Element e : elements(action)) {
      String set = "inet " + table + ' ' + e.set();
      s.append("add element ").append(set).append(" { ").append(e.key()).append(" timeout 1s }\n")
          .append("delete element ").append(set).append(" { ").append(e.key()).append(" }\n");
    }
    run(s.toString());
  }

  @Override
  public void reconcile(List<Action> enforced, long now) {
    StringBuilder s = new StringBuilder();
    for (String f : FAMILIES) {
      for (String name : SETS) {
        s.append("flush set inet ").append(table).append(' ').append(name).append(f).append('\n');
      }
    }
    for (Action a : enforced) {
      String timeout = timeout(a, now);
      if (timeout != null) {
        for (Element e : elements(a)) {
          s.append("add element inet ").append(table).append(' ').append(e.set()).append(" { ").append(e.key())
              .append(timeout).append(" }\n");
        }
      }
    }
    run(s.toString());
  }

  /** The timeout that holds {@code action} until its expiry, or null when it has already expired. */
  private static String timeout(Action action, long now) {
    long millis = (action.expiry() - now + 999) / 1000;
    return millis <= 0 ? null : " timeout " + millis + "ms";
  }

  /** The set elements that enforce {@code a}. */
  private static List<Element> elements(Action a) {
    var t = a.target();
    String f = family(t.address());
    return switch (a.kind()) {
      case BLOCK_CONNECTIONS -> {
        if (!f.equals(family(t.peer()))) {
          throw new IllegalArgumentException("cannot block " + t.describe() + ": the two ends are of different IP"
              + " versions");
        }
        yield List.of(t.port() == 0 ? new Element("pair" + f, t.address() + " . " + t.peer())
            : new Element("conn" + f, t.address() + " . " + t.peer() + " . " + t.port()));
      }
      case BLOCK_OUTGOING -> List.of(new Element("out" + f, t.address()));
      case BLOCK_INCOMING -> List.of(new Element("in" + f, t.address()));
      case QUARANTINE -> List.of(new Element("quarantine" + f, t.address()));
      case PATTERN_OF_LIFE, GROUP_PATTERN_OF_LIFE -> {
        boolean group = a.kind() == ActionKind.GROUP_PATTERN_OF_LIFE;
        List<Element> elements = new ArrayList<>();
        elements.add(new Element((group ? "group" : "life") + f, t.address()));
        for (Reachable r : a.reachable()) {
          // A port of 0 is no service (ICMP and the like); a peer of the other IP version cannot be reached anyway.
          if (r.port() > 0 && family(r.peer()).equals(f)) {
            elements.add(new Element((group ? "groupusual" : "usual") + f,
                t.address() + " . " + r.peer() + " . " + r.port()));
          }
        }
        yield elements;
      }
    };
  }

  private static String family(String address) {
    return address.indexOf(':') >= 0 ? "6" : "4";
  }

  private void run(String script) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    try {
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(script.getBytes(StandardCharsets.UTF_8));
      }
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new BackendException("nft did not answer within 10 s");
      }
      if (p.exitValue() != 0) {
        throw new BackendException("nft refused the change (exit " + p.exitValue() + "): " + output);
      }
    } catch (IOException e) {
      throw new BackendException("cannot run " + String.join(" ", command) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while running nft");
    }
  }
}
