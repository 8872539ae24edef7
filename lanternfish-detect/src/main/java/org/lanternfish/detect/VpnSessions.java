package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lanternfish.baseline.Fingerprint;

/**
 * Who logged in over the VPN lately, network-wide: the user logons (Kerberos AS) that devices outside the VPN pool
 * request, and whether a device in the pool then used the same credential. A VPN concentrator is such a device: it
 * asks a domain controller for a user's ticket, and seconds later that user's laptop appears in the pool under the
 * same credential. Devices whose logons are echoed that way by {@value #ENDPOINT_ECHOES} or more users are learned
 * VPN endpoints; a logon of theirs that no device in the pool claims, followed by a device that joins the pool under
 * some other identity, is a VPN session someone else is using.
 *
 * <p>Part of the {@link NetworkView}: it changes only at epoch ends, from the shards' deltas, in an order that does
 * not depend on how devices were spread over shards. Endpoints are learned as view items ({@link #endpointItem});
 * the last {@value #KEEP_MINUTES} minutes of logons are written with the view, so a restored detector goes on
 * attributing pool devices to the logons it had seen.
 */
final class VpnSessions {

  static final int ENDPOINT_ECHOES = 3;
  private static final long SECOND = 1_000_000L;
  /** A user's own device appears in the pool this soon after the concentrator logged the user in. */
  private static final long CLAIM = 120 * SECOND;
  /** A pool device is attributed to logons this recent. */
  static final long ATTRIBUTE = 15 * 60 * SECOND;
  /** Gap before a logon can count as unclaimed: its user's device has had time to appear. */
  private static final long GRACE = 10 * SECOND;
  /** A user's own device stays in the session it took up this long: remote work lasts hours. */
  static final long SESSION = 4 * 3600 * SECOND;
  private static final int KEEP_MINUTES = 4 * 60;
  private static final int MAX_LOGONS = 4096;

  /** A user logon requested by a device outside the VPN pool. */
  record Logon(long ts, String credential, String uid, String device, String name) {}

  /** A credential used from an address in the VPN pool. */
  record PoolUse(long ts, String credential) {}

  private static final class Entry {
    final Logon logon;
    boolean claimed;

    Entry(Logon logon) {
      this.logon = logon;
    }
  }

  private static final Comparator<Logon> BY_TIME =
      Comparator.comparingLong(Logon::ts).thenComparing(Logon::uid).thenComparing(Logon::device);

  private final List<Entry> recent = new ArrayList<>();
  private long latest = Long.MIN_VALUE;

  /** The view item whose distinct count is the number of users whose logons by {@code device} the pool echoed. */
  static long endpointItem(String device) {
    return Fingerprint.of("vpn-endpoint", device);
  }

  /**
   * Adds one epoch's logons and pool uses; returns, as (endpoint item, credential fingerprint) pairs, the echoes that
   * teach which devices are VPN endpoints.
   */
  List<long[]> merge(List<Logon> logons, List<PoolUse> uses) {
    if (logons.isEmpty() && uses.isEmpty()) {
      return List.of();
    }
    List<Logon> sorted = new ArrayList<>(logons);
    sorted.sort(BY_TIME);
    for (Logon l : sorted) {
      recent.add(new Entry(l));
      latest = Math.max(latest, l.ts());
    }
    for (PoolUse u : uses) {
      latest = Math.max(latest, u.ts());
    }
    long horizon = latest - KEEP_MINUTES * 60 * SECOND;
    recent.removeIf(e -> e.logon.ts() < horizon);
    if (recent.size() > MAX_LOGONS) {
      // A busy morning brings thousands of logons an epoch: drop the oldest in one move, not one at a time.
      recent.subList(0, recent.size() - MAX_LOGONS).clear();
    }
    List<PoolUse> byTime = new ArrayList<>(uses);
    byTime.sort(Comparator.comparingLong(PoolUse::ts).thenComparing(PoolUse::credential));
    List<long[]> echoes = new ArrayList<>();
    for (PoolUse u : byTime) {
      for (Entry e : recent) {
        Logon l = e.logon;
        if (!e.claimed && l.credential().equals(u.credential()) && l.ts() <= u.ts() && u.ts() - l.ts() <= CLAIM) {
          e.claimed = true;
          echoes.add(new long[] {endpointItem(l.device()), Fingerprint.of("cred", l.credential())});
        }
      }
    }
    return echoes;
  }

  /**
   * Logons by learned VPN endpoints in the {@link #ATTRIBUTE} window before {@code ts} that no device in the pool
   * claimed, most recent first, at most three; {@code view} tells which devices are endpoints.
   */
  List<Logon> unclaimed(long ts, NetworkView view) {
    List<Logon> out = new ArrayList<>(3);
    for (int i = recent.size() - 1; i >= 0 && out.size() < 3; i--) {
      Entry e = recent.get(i);
      long gap = ts - e.logon.ts();
      if (gap < GRACE) {
        continue;
      }
      if (gap > ATTRIBUTE) {
        break;
      }
      if (!e.claimed && view.devices(endpointItem(e.logon.device())) >= ENDPOINT_ECHOES) {
        out.add(e.logon);
      }
    }
    return out;
  }

  /**
   * The learned VPN endpoints' latest logon of {@code credential} in the {@link #SESSION} before {@code ts}, claimed
   * or not, or null: the session a pool device acting under that user came in by.
   */
  Logon lastOf(String credential, long ts, NetworkView view) {
    for (int i = recent.size() - 1; i >= 0; i--) {
      Logon l = recent.get(i).logon;
      long gap = ts - l.ts();
      if (gap > SESSION) {
        break;
      }
      if (gap >= 0 && l.credential().equals(credential)
          && view.devices(endpointItem(l.device())) >= ENDPOINT_ECHOES) {
        return l;
      }
    }
    return null;
  }

  /** Writes the recent logons (in time order, with whether the pool claimed them) in the snapshot format. */
  void write(DataOutput out) throws IOException {
    out.writeLong(latest);
    out.writeInt(recent.size());
    for (Entry e : recent) {
      writeLogon(out, e.logon);
      out.writeBoolean(e.claimed);
    }
  }

  /** Replaces the recent logons with those written by {@link #write}. */
  void read(DataInput in) throws IOException {
    clear();
    latest = in.readLong();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      Entry e = new Entry(readLogon(in));
      e.claimed = in.readBoolean();
      recent.add(e);
    }
  }

  static void writeLogon(DataOutput out, Logon l) throws IOException {
    out.writeLong(l.ts());
    out.writeUTF(l.credential());
    out.writeUTF(l.uid() == null ? "" : l.uid());
    out.writeUTF(l.device());
    out.writeUTF(l.name() == null ? "" : l.name());
  }

  static Logon readLogon(DataInput in) throws IOException {
    long ts = in.readLong();
    String credential = in.readUTF();
    String uid = in.readUTF();
    String device = in.readUTF();
    String name = in.readUTF();
    return new Logon(ts, credential, uid.isEmpty() ? null : uid, device, name.isEmpty() ? null : name);
  }

  /** Orders logons the way {@link #merge} takes them. */
  static Comparator<Logon> byTime() {
    return BY_TIME;
  }

  void clear() {
    recent.clear();
    latest = Long.MIN_VALUE;
  }
}
