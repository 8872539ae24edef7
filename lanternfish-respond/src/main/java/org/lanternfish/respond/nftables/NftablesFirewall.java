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
import org.lanternfish.respond.ResponseBackend;

/**
 * RESPOND on a Linux gateway: named nftables sets whose elements carry their own timeouts, matched by a forward
 * chain, so the kernel releases each block on time even if Lanternfish has died. Every change is one {@code nft -f}
 * script, applied by the kernel as one transaction.
 *
 * <p>Sets (each in an IPv4 and an IPv6 flavour): {@code conn} (device, peer, port), {@code pair} (device, peer: every
 * port), {@code out} (everything a device opens), {@code in} (everything opened to it), {@code quarantine} (all but
 * the {@code allowed} addresses).
 */
public final class NftablesFirewall implements ResponseBackend {

  private static final String[] FAMILIES = {"4", "6"};

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
      for (String name : List.of("out", "in", "quarantine")) {
        s.append("add set ").append(t).append(' ').append(name).append(f).append(" { type ").append(addr)
            .append("; flags timeout; }\n");
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
    String element = element(action, now);
    if (element != null) {
      // "add element" keeps an existing element's timeout, so one held is replaced, in the same transaction.
      String set = "inet " + table + ' ' + set(action);
      run("add element " + set + " { " + key(action) + " timeout 1s }\n"
          + "delete element " + set + " { " + key(action) + " }\n"
          + "add element " + set + " { " + element + " }\n");
    }
  }

  @Override
  public void release(Action action) {
    // "destroy" would need nftables 1.0.8; adding the element first makes the delete succeed whether or not it held.
    String key = key(action);
    run("add element inet " + table + ' ' + set(action) + " { " + key + " timeout 1s }\n"
        + "delete element inet " + table + ' ' + set(action) + " { " + key + " }\n");
  }

  @Override
  public void reconcile(List<Action> enforced, long now) {
    StringBuilder s = new StringBuilder();
    for (String f : FAMILIES) {
      for (String name : List.of("conn", "pair", "out", "in", "quarantine")) {
        s.append("flush set inet ").append(table).append(' ').append(name).append(f).append('\n');
      }
    }
    for (Action a : enforced) {
      String element = element(a, now);
      if (element != null) {
        s.append("add element inet ").append(table).append(' ').append(set(a)).append(" { ").append(element)
            .append(" }\n");
      }
    }
    run(s.toString());
  }

  /** The set element holding {@code action} until its expiry, or null when it has already expired. */
  private static String element(Action action, long now) {
    long millis = (action.expiry() - now + 999) / 1000;
    return millis <= 0 ? null : key(action) + " timeout " + millis + "ms";
  }

  private static String key(Action a) {
    var t = a.target();
    return switch (a.kind()) {
      case BLOCK_CONNECTIONS -> t.port() == 0 ? t.address() + " . " + t.peer()
          : t.address() + " . " + t.peer() + " . " + t.port();
      case BLOCK_OUTGOING, BLOCK_INCOMING, QUARANTINE -> t.address();
    };
  }

  private static String set(Action a) {
    var t = a.target();
    String name = switch (a.kind()) {
      case BLOCK_CONNECTIONS -> t.port() == 0 ? "pair" : "conn";
      case BLOCK_OUTGOING -> "out";
      case BLOCK_INCOMING -> "in";
      case QUARANTINE -> "quarantine";
    };
    if (a.kind() == ActionKind.BLOCK_CONNECTIONS && !family(t.address()).equals(family(t.peer()))) {
      throw new IllegalArgumentException("cannot block " + t.describe() + ": the two ends are of different IP"
          + " versions");
    }
    return name + family(t.address());
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
