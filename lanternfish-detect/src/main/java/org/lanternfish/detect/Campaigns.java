package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lanternfish.baseline.DistinctCounter;

/**
 * What each model did on one device lately, whatever its peers: when it last raised a breach (the cooldown of a
 * model that cools down per device), the campaign it is in (firings less than a cooldown apart, with their
 * destinations and volume), and the fleet habit it makes across days: the peers, credentials and hours of the day it
 * fired with. An admin workstation creating services on a few servers every Monday, a sync server replicating from
 * each domain controller in turn: the first day breaches, so an analyst sees it; on a later day the same action on
 * other peers is the device's routine, unless its credential, its hour or a domain controller as a target is new. A
 * small table, least recently fired evicted first.
 */
final class Campaigns {

  /** An occasion lasts this long from its first firing; a fleet habit is what earlier occasions showed. */
  static final long OCCASION_MICROS = 20 * 3_600_000_000L;
  /** The peers earlier occasions need for a fleet habit: a device that only ever used one makes a new one news. */
  static final int HABIT_PEERS = 2;
  private static final int SIZE = 8;
  private static final int CREDENTIALS = 4;
  /** Destination names a campaign's breaches list (the newest ones). */
  static final int LISTED = 8;
  private static final long HOUR = 3_600_000_000L;
  /** The fewest new destinations that make a campaign's follow-up breach. */
  static final int MORE_DESTINATIONS = 3;
  /** A campaign's destinations are counted exactly up to this many; it makes no news beyond. */
  static final int COUNTED = 256;

  private final Campaign[] entries = new Campaign[SIZE];
  private int size;

  /** One model's record on the device. */
  static final class Campaign {
    final long key;
    long last = Long.MIN_VALUE;
    /** The last breach raised, or firing taken as routine: what a per-device cooldown runs from. */
    long lastRaised = Long.MIN_VALUE;
    /** Peers ever seen. */
    DistinctCounter peers = new DistinctCounter();
    /**
     * The occasion being recorded (firings less than {@link #OCCASION_MICROS} after its first): what it shows
     * becomes the habit only once a later occasion starts, so an occasion never makes itself routine.
     */
    long occasionStart = Long.MIN_VALUE;
    int occasionHours;
    boolean occasionDc;
    /** What earlier occasions established: peers, hours of the day (UTC, a bit each), a domain controller touched. */
    int habitPeers;
    int hours;
    boolean touchedDc;
    /** Credentials seen; the first {@code habitCredentials} were seen on earlier occasions. */
    final long[] credentials = new long[CREDENTIALS];
    int credentialCount;
    int habitCredentials;
    /** The open campaign: when it started, its peers, its volume, and what they were at its last breach. */
    long campaignStart;
    /** The open campaign's destinations by fingerprint, counted exactly up to {@link #COUNTED}. */
    long[] campaignPeers = new long[4];
    int campaignPeerCount;
    long volume;
    int peersAtBreach;
    long volumeAtBreach;
    final List<String> destinations = new ArrayList<>(LISTED);

    Campaign(long key) {
      this.key = key;
    }

    /**
     * True when this firing repeats the device's established habit with this model: on an earlier occasion it
     * fired with several peers, at this hour, under this credential, and touched a domain controller if the peer is
     * one. Asked before {@link #fire} records the firing.
     */
    boolean habitual(long ts, long credential, boolean peerIsDc) {
      boolean closes = closesOccasion(ts);
      int knownPeers = closes ? peers.estimate() : habitPeers;
      int knownHours = closes ? hours | occasionHours : hours;
      boolean knownDc = closes ? touchedDc || occasionDc : touchedDc;
      int knownCredentials = closes ? credentialCount : habitCredentials;
      return knownPeers >= HABIT_PEERS && (knownHours & (1 << hour(ts))) != 0 && (!peerIsDc || knownDc)
          && indexOf(credential) >= 0 && indexOf(credential) < knownCredentials;
    }

    /**
     * True when this firing is news while the network learns: the model never fired on the device, or never under
     * this credential (while fewer than a handful are known). A new peer, hour or domain controller is not: the
     * habit they make is still being learned, and is judged once it is. Asked before {@link #fire}.
     */
    boolean newWhileLearning(long credential) {
      return last == Long.MIN_VALUE || indexOf(credential) < 0 && credentialCount < CREDENTIALS;
    }

    /** True when the model fired on the device before under {@code credential}, with this peer or another. */
    boolean firedUnder(long credential) {
      return last != Long.MIN_VALUE && indexOf(credential) >= 0;
    }

    /**
     * Records a firing; returns true when it continues the open campaign (less than {@code gap} after the previous
     * firing), false when it opens a new one.
     */
    boolean fire(long ts, long peer, long credential, boolean peerIsDc, long bytes, String destination, long gap) {
      boolean continues = last != Long.MIN_VALUE && ts >= last && ts - last < gap;
      if (!continues) {
        campaignStart = ts;
        campaignPeerCount = 0;
        volume = 0;
        peersAtBreach = 0;
        volumeAtBreach = 0;
        destinations.clear();
      }
      if (closesOccasion(ts)) {
        habitPeers = peers.estimate();
        hours |= occasionHours;
        touchedDc |= occasionDc;
        habitCredentials = credentialCount;
        occasionStart = ts;
        occasionHours = 0;
        occasionDc = false;
      }
      if (addCampaignPeer(peer) && destination != null) {
        if (destinations.size() == LISTED) {
          destinations.removeFirst();
        }
        destinations.add(destination);
      }
      peers.add(peer);
      volume += Math.max(0, bytes);
      occasionHours |= 1 << hour(ts);
      occasionDc |= peerIsDc;
      if (indexOf(credential) < 0 && credentialCount < CREDENTIALS) {
        credentials[credentialCount++] = credential;
      }
      last = Math.max(last, ts);
      return continues;
    }

    private boolean addCampaignPeer(long peer) {
      for (int i = 0; i < campaignPeerCount; i++) {
        if (campaignPeers[i] == peer) {
          return false;
        }
      }
      if (campaignPeerCount == COUNTED) {
        return false;
      }
      if (campaignPeerCount == campaignPeers.length) {
        campaignPeers = java.util.Arrays.copyOf(campaignPeers, 2 * campaignPeers.length);
      }
      campaignPeers[campaignPeerCount++] = peer;
      return true;
    }

    private boolean closesOccasion(long ts) {
      return occasionStart == Long.MIN_VALUE || ts - occasionStart >= OCCASION_MICROS;
    }

    /** Destinations in the open campaign. */
    int campaignDestinations() {
      return campaignPeerCount;
    }

    /**
     * True when the open campaign doubled its destinations (and added at least {@link #MORE_DESTINATIONS}) or
     * quadrupled its volume since its last breach: a story told in a few breaches, each one news.
     */
    boolean grown() {
      int destinations = campaignDestinations();
      return destinations >= Math.max(2 * peersAtBreach, peersAtBreach + MORE_DESTINATIONS)
          || volume >= 4 * Math.max(1, volumeAtBreach);
    }

    /** Notes that a breach was raised (or the firing taken as routine) at {@code ts}. */
    void raised(long ts) {
      lastRaised = ts;
      peersAtBreach = campaignDestinations();
      volumeAtBreach = volume;
    }

    private int indexOf(long credential) {
      for (int i = 0; i < credentialCount; i++) {
        if (credentials[i] == credential) {
          return i;
        }
      }
      return -1;
    }

    private static int hour(long ts) {
      return (int) Math.floorMod(Math.floorDiv(ts, HOUR), 24L);
    }
  }

  /** The record of the model {@code key}, or null when none is remembered or it was silent for a month. */
  Campaign find(long key, long ts) {
    for (int i = 0; i < size; i++) {
      Campaign c = entries[i];
      if (c.key == key) {
        return c.last != Long.MIN_VALUE && ts - c.last > Routines.MEMORY_MICROS ? null : c;
      }
    }
    return null;
  }

  /** The record of the model {@code key}, new when none is remembered or it was silent for a month. */
  Campaign of(long key, long ts) {
    int victim = -1;
    for (int i = 0; i < size; i++) {
      Campaign c = entries[i];
      if (c.key == key) {
        if (c.last != Long.MIN_VALUE && ts - c.last > Routines.MEMORY_MICROS) {
          entries[i] = new Campaign(key);
        }
        return entries[i];
      }
      if (victim < 0 || c.last < entries[victim].last) {
        victim = i;
      }
    }
    int slot = size < SIZE ? size++ : victim;
    entries[slot] = new Campaign(key);
    return entries[slot];
  }

  void write(DataOutput out) throws IOException {
    out.writeByte(size);
    for (int i = 0; i < size; i++) {
      Campaign c = entries[i];
      out.writeLong(c.key);
      out.writeLong(c.last);
      out.writeLong(c.lastRaised);
      out.writeLong(c.peers.low());
      out.writeLong(c.peers.high());
      out.writeLong(c.occasionStart);
      out.writeInt(c.occasionHours);
      out.writeBoolean(c.occasionDc);
      out.writeInt(c.habitPeers);
      out.writeInt(c.hours);
      out.writeBoolean(c.touchedDc);
      out.writeByte(c.credentialCount);
      out.writeByte(c.habitCredentials);
      for (int k = 0; k < c.credentialCount; k++) {
        out.writeLong(c.credentials[k]);
      }
      out.writeLong(c.campaignStart);
      out.writeShort(c.campaignPeerCount);
      for (int k = 0; k < c.campaignPeerCount; k++) {
        out.writeLong(c.campaignPeers[k]);
      }
      out.writeLong(c.volume);
      out.writeInt(c.peersAtBreach);
      out.writeLong(c.volumeAtBreach);
      out.writeByte(c.destinations.size());
      for (String destination : c.destinations) {
        out.writeUTF(destination);
      }
    }
  }

  static Campaigns read(DataInput in) throws IOException {
    Campaigns campaigns = new Campaigns();
    campaigns.size = in.readByte();
    for (int i = 0; i < campaigns.size; i++) {
      Campaign c = new Campaign(in.readLong());
      c.last = in.readLong();
      c.lastRaised = in.readLong();
      c.peers = new DistinctCounter(in.readLong(), in.readLong());
      c.occasionStart = in.readLong();
      c.occasionHours = in.readInt();
      c.occasionDc = in.readBoolean();
      c.habitPeers = in.readInt();
      c.hours = in.readInt();
      c.touchedDc = in.readBoolean();
      c.credentialCount = in.readByte();
      c.habitCredentials = in.readByte();
      for (int k = 0; k < c.credentialCount; k++) {
        c.credentials[k] = in.readLong();
      }
      c.campaignStart = in.readLong();
      c.campaignPeerCount = in.readShort();
      c.campaignPeers = new long[Math.max(4, c.campaignPeerCount)];
      for (int k = 0; k < c.campaignPeerCount; k++) {
        c.campaignPeers[k] = in.readLong();
      }
      c.volume = in.readLong();
      c.peersAtBreach = in.readInt();
      c.volumeAtBreach = in.readLong();
      for (int k = in.readByte(); k > 0; k--) {
        c.destinations.add(in.readUTF());
      }
      campaigns.entries[i] = c;
    }
    return campaigns;
  }
}
