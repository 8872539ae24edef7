package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The codecs of the core's state types and the format version they share. A runner writes {@link #VERSION} before
 * its state and refuses another version with {@link SnapshotVersionException}, so learned state from an older
 * Lanternfish is set aside rather than misread.
 */
public final class StateCodecs {

  /** Version of the state format written by every codec here; raised whenever any of them changes. */
  public static final int VERSION = 9;

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
}
