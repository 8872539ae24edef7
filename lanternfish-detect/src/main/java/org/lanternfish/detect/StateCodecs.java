package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The codecs of the core's state types and the format version they share. A runner writes {@link #VERSION} before
 * its state and refuses another version with {@link SnapshotVersionException}, so learned state from an older
 * Lanternfish is set aside rather than misread.
 */
public final class StateCodecs {

  /** Version of the state format written by every codec here; raised whenever any of them changes. */
  public static final int VERSION = 16;

  /** One device's learned state: the value of a per-device key. */
  public static final StateCodec<DeviceState> DEVICE = new StateCodec<>() {
    @Override
    public void write(DeviceState value, DataOutput out) throws IOException {
      value.write(out);
    }

    @Override
    public DeviceState read(DataInput in) throws IOException {
      return DeviceState.read(in);
    }
  };

  /** The network-wide view as of the last merged epoch: broadcast state. */
  public static final StateCodec<NetworkView> VIEW = new StateCodec<>() {
    @Override
    public void write(NetworkView value, DataOutput out) throws IOException {
      value.write(out);
    }

    @Override
    public NetworkView read(DataInput in) throws IOException {
      NetworkView view = new NetworkView();
      view.read(in);
      return view;
    }
  };

  /** What one shard tells the merge about a closed epoch: the message from each parallel instance to the merger. */
  public static final StateCodec<NetworkDelta> DELTA = new StateCodec<>() {
    @Override
    public void write(NetworkDelta value, DataOutput out) throws IOException {
      value.write(out);
    }

    @Override
    public NetworkDelta read(DataInput in) throws IOException {
      return NetworkDelta.read(in);
    }
  };

  private StateCodecs() {}

  /** Writes device roles sorted by device, so equal maps give equal bytes. */
  static void writeRoles(Map<String, Integer> roles, DataOutput out) throws IOException {
    TreeMap<String, Integer> sorted = new TreeMap<>(roles);
    out.writeInt(sorted.size());
    for (Map.Entry<String, Integer> e : sorted.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue());
    }
  }

  /** Reads roles written by {@link #writeRoles} into {@code into}. */
  static void readRoles(DataInput in, Map<String, Integer> into) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      into.put(in.readUTF(), in.readInt());
    }
  }

  /** Writes numbers sorted, so equal sets give equal bytes. */
  static void writeLongs(Collection<Long> values, DataOutput out) throws IOException {
    TreeSet<Long> sorted = new TreeSet<>(values);
    out.writeInt(sorted.size());
    for (long v : sorted) {
      out.writeLong(v);
    }
  }

  /** Reads numbers written by {@link #writeLongs} into {@code into}. */
  static void readLongs(DataInput in, Collection<Long> into) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      into.add(in.readLong());
    }
  }
}
