package org.lanternfish.detect.embedded;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.detect.DeviceState;
import org.lanternfish.detect.IdentityStage;
import org.lanternfish.detect.NetworkView;
import org.lanternfish.detect.SnapshotVersionException;
import org.lanternfish.detect.StateCodecs;
import org.lanternfish.device.Role;

/**
 * What a committed detection snapshot (as {@link EmbeddedDetector#snapshot()} writes it) learned of each device: its
 * roles and its peer group, read without hosting detection, for views such as the Device Summary. Immutable.
 */
public final class LearnedDevices {

  /** The name of the learned state a live process commits its detection snapshot under. */
  public static final String STATE_NAME = "detector";

  /**
   * One device as detection learned it.
   *
   * @param device its id
   * @param roles its roles, learned from what it serves and configured
   * @param peerGroup other devices of its peer group (same roles, same habits of internal services), by id
   * @param peerGroupSize how many other devices its peer group holds
   */
  public record LearnedDevice(String device, List<Role> roles, List<String> peerGroup, int peerGroupSize) {
    /** Makes the lists immutable. */
    public LearnedDevice {
      roles = List.copyOf(roles);
      peerGroup = List.copyOf(peerGroup);
    }
  }

  private final Map<String, DeviceState> devices;
  private final Map<Long, List<String>> groups = new HashMap<>();

  private LearnedDevices(Map<String, DeviceState> devices) {
    this.devices = devices;
    devices.values().forEach(d -> groups.computeIfAbsent(d.peerGroup(), g -> new ArrayList<>()).add(d.id()));
  }

  /**
   * The devices of {@code snapshot}; throws {@link SnapshotVersionException} for another format version and
   * {@link IllegalArgumentException} for bytes that are not a whole snapshot.
   */
  public static LearnedDevices read(byte[] snapshot) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      if (in.readInt() != EmbeddedDetector.MAGIC) {
        throw new IllegalArgumentException("not a Lanternfish detection snapshot");
      }
      int version = in.readInt();
      if (version != StateCodecs.VERSION) {
        throw new SnapshotVersionException(version, StateCodecs.VERSION);
      }
      in.readLong();
      in.readLong();
      in.readLong();
      // The identity stage and the network view come first in the format; only the devices after them are kept.
      new IdentityStage(DetectConfig.defaults()).read(in);
      new NetworkView().read(in);
      int n = in.readInt();
      Map<String, DeviceState> devices = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        DeviceState d = StateCodecs.DEVICE.read(in);
        devices.put(d.id(), d);
      }
      return new LearnedDevices(devices);
    } catch (IOException e) {
      throw new IllegalArgumentException("snapshot is truncated or corrupt: " + e.getMessage(), e);
    }
  }

  /** The first of {@code ids} detection knows, with at most {@code groupLimit} others of its peer group. */
  public Optional<LearnedDevice> device(List<String> ids, int groupLimit) {
    for (String id : ids) {
      DeviceState d = devices.get(id);
      if (d != null) {
        List<String> others = groups.getOrDefault(d.peerGroup(), List.of()).stream().filter(o -> !o.equals(id))
            .toList();
        return Optional.of(new LearnedDevice(id, d.learnedRoles(), others.subList(0, Math.min(groupLimit,
            others.size())), others.size()));
      }
    }
    return Optional.empty();
  }
}
