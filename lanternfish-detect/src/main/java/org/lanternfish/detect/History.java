package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.lanternfish.model.Sequence;

/**
 * The last signals and breaches of one device that models look back at: sequences ("an SMB write, then
 * ExecMethod on the same destination"), meta-models over breaches, and cooldowns. A ring of fixed size.
 */
final class History {

  static final int SIZE = 16;
  static final String BREACH = "breach";
  /** A breach scored too low to count towards "followed by multiple model breaches"; still under cooldown. */
  static final String MINOR_BREACH = "minor_breach";
  /** A model that fired as part of the device's routine (see {@link Routines}): under cooldown, nothing more. */
  static final String ROUTINE = "routine";

  private final String[] kind = new String[SIZE];
  private final String[] label = new String[SIZE];
  private final long[] peer = new long[SIZE];
  private final long[] ts = new long[SIZE];
  /** Breaches scored at alert level (60 or more). */
  private final boolean[] alert = new boolean[SIZE];
  private int next;

  void add(String k, String l, long peerFp, long t) {
    add(k, l, peerFp, t, false);
  }

  void add(String k, String l, long peerFp, long t, boolean alertLevel) {
    kind[next] = k;
    label[next] = l;
    peer[next] = peerFp;
    ts[next] = t;
    alert[next] = alertLevel;
    next = (next + 1) % SIZE;
  }

  /** True when an earlier entry satisfies the sequence step for a signal at {@code now} with peer {@code peerFp}. */
  boolean matches(Sequence s, long now, long peerFp) {
    for (int i = 0; i < SIZE; i++) {
      if (kind[i] != null && kind[i].equals(s.kind()) && ts[i] <= now && now - ts[i] <= s.windowMicros()
          && (!s.samePeer() || peer[i] == peerFp)
          && (s.label() == null || label[i] != null && s.label().matcher(label[i]).find())) {
        return true;
      }
    }
    return false;
  }

  /** When the breach of {@code model} with this peer last fired, or Long.MIN_VALUE. */
  long lastBreach(String model, long peerFp) {
    long last = Long.MIN_VALUE;
    for (int i = 0; i < SIZE; i++) {
      if ((BREACH.equals(kind[i]) || MINOR_BREACH.equals(kind[i]) || ROUTINE.equals(kind[i])) && peer[i] == peerFp
          && model.equals(label[i])) {
        last = Math.max(last, ts[i]);
      }
    }
    return last;
  }

  /** True when a model other than {@code model} breached at alert level in the window before {@code now}. */
  boolean otherAlert(String model, long now, long window) {
    for (int i = 0; i < SIZE; i++) {
      if (alert[i] && now - ts[i] <= window && ts[i] <= now && !model.equals(label[i])) {
        return true;
      }
    }
    return false;
  }

  /** Distinct models that breached in the window before {@code now}. */
  int distinctBreaches(long now, long window) {
    Set<String> models = new HashSet<>();
    for (int i = 0; i < SIZE; i++) {
      if (BREACH.equals(kind[i]) && now - ts[i] <= window && ts[i] <= now) {
        models.add(label[i]);
      }
    }
    return models.size();
  }

  void write(DataOutput out) throws IOException {
    out.writeByte(next);
    for (int i = 0; i < SIZE; i++) {
      out.writeUTF(kind[i] == null ? "" : kind[i]);
      out.writeUTF(label[i] == null ? "" : label[i]);
      out.writeLong(peer[i]);
      out.writeLong(ts[i]);
      out.writeBoolean(alert[i]);
    }
  }

  static History read(DataInput in) throws IOException {
    History h = new History();
    h.next = in.readByte();
    for (int i = 0; i < SIZE; i++) {
      String k = in.readUTF();
      String l = in.readUTF();
      h.kind[i] = k.isEmpty() ? null : k.intern();
      h.label[i] = l.isEmpty() ? null : l;
      h.peer[i] = in.readLong();
      h.ts[i] = in.readLong();
      h.alert[i] = in.readBoolean();
    }
    return h;
  }
}
