package org.lanternfish.flink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.detect.DeviceShard;
import org.lanternfish.detect.DeviceState;
import org.lanternfish.detect.DeviceStates;
import org.lanternfish.detect.EpochClock;
import org.lanternfish.detect.Names;
import org.lanternfish.detect.NetworkDelta;
import org.lanternfish.detect.NetworkView;
import org.lanternfish.detect.OpenEpoch;
import org.lanternfish.detect.StateCodecs;
import org.lanternfish.event.Event;

/**
 * The keyed detection stage: one {@link DeviceShard} per parallel instance over the devices {@code keyBy} gives it.
 * Input 1 is the identity stage's routed records and epoch news, keyed by device fingerprint; input 2 is the feedback
 * edge, every instance's {@link NetworkDelta} per epoch read back from Kafka and broadcast to all.
 *
 * <p>At an epoch's close an instance ends the epoch on its shard, sends its delta to the feedback topic, and holds
 * its next records until the deltas of all instances for that epoch have come back; it merges them into its own copy
 * of the {@link NetworkView} (the merge is order-independent, so every copy is the same), settles the epoch, and goes
 * on with the held records. A delta seen twice (a replay after recovery) or for an epoch already merged is ignored.
 *
 * <p>State: each device's {@link DeviceState} in Flink keyed state under its fingerprint, written through
 * {@link StateCodecs#DEVICE} at each checkpoint for the devices touched since the last one (the shard works on a
 * heap copy, as the core mutates state in place); the view, the open epoch ({@link OpenEpoch}), held records and
 * early deltas in operator state.
 */
final class DetectOperator extends AbstractStreamOperator<Finding>
    implements TwoInputStreamOperator<Routed, byte[], Finding> {

  /** Each instance's delta per epoch, for the feedback topic. */
  static final OutputTag<byte[]> DELTAS =
      new OutputTag<>("network-deltas", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

  private final JobSettings settings;
  private final Partitioning partitioning;
  private transient NetworkView view;
  private transient DeviceShard shard;
  private transient Map<String, DeviceState> devices;
  private transient Set<String> touched;
  private transient ValueState<byte[]> stored;
  private transient ListState<byte[]> openState;
  private transient Records records;
  private transient ArrayDeque<Routed> held;
  /** Deltas by epoch, by the instance that sent them. */
  private transient TreeMap<Long, Map<Integer, byte[]>> deltas;
  private transient long waiting;
  private transient long waitingEnd;
  private transient long merged;
  private transient int instance;
  private transient List<Breach> found;

  DetectOperator(JobSettings settings, Partitioning partitioning) {
    this.settings = settings;
    this.partitioning = partitioning;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    DetectConfig config = settings.detectConfig();
    instance = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    view = new NetworkView();
    devices = new HashMap<>();
    touched = new HashSet<>();
    shard = new DeviceShard(config, view, new DeviceStates() {
      @Override
      public DeviceState get(String device) {
        DeviceState d = devices.get(device);
        if (d != null) {
          touched.add(device);
        }
        return d;
      }

      @Override
      public void put(DeviceState state) {
        devices.put(state.id(), state);
        touched.add(state.id());
      }
    }, new Names());
    records = new Records();
    held = new ArrayDeque<>();
    deltas = new TreeMap<>();
    found = new ArrayList<>();
    waiting = EpochClock.NONE;
    merged = EpochClock.NONE;
    stored = getPartitionedState(new ValueStateDescriptor<>("device", BytePrimitiveArraySerializer.INSTANCE));
    openState = context.getOperatorStateStore()
        .getListState(new ListStateDescriptor<>("open-epoch", BytePrimitiveArraySerializer.INSTANCE));
    if (context.isRestored()) {
      restoreDevices();
      List<byte[]> blobs = new ArrayList<>();
      openState.get().forEach(blobs::add);
      if (blobs.size() != 1) {
        throw new IllegalStateException("the open epoch was saved by " + blobs.size() + " instances for this one:"
            + " restoring at another parallelism is not supported yet; restore at the parallelism it was taken at");
      }
      readOpen(blobs.get(0));
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    // For sizing and alerting: the devices this instance holds, and the records it holds while an epoch's deltas
    // are still on their way (they grow when detection falls behind the identity stage).
    getMetricGroup().gauge("devices", () -> devices.size());
    getMetricGroup().gauge("heldRecords", () -> held.size());
  }

  private void restoreDevices() throws IOException {
    List<Object> keys = getKeyedStateBackend().getKeys("device", VoidNamespace.INSTANCE).map(k -> (Object) k)
        .toList();
    for (Object key : keys) {
      setCurrentKey(key);
      byte[] bytes = stored.value();
      if (bytes != null) {
        DeviceState d = StateCodecs.DEVICE.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        devices.put(d.id(), d);
      }
    }
  }

  @Override
  public void processElement1(StreamRecord<Routed> element) {
    held.add(element.getValue());
    pump();
  }

  @Override
  public void processElement2(StreamRecord<byte[]> element) {
    byte[] message = element.getValue();
    long epoch;
    int from;
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
      epoch = in.readLong();
      from = in.readInt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (merged != EpochClock.NONE && epoch <= merged) {
      return;
    }
    deltas.computeIfAbsent(epoch, e -> new HashMap<>()).putIfAbsent(from, message);
    pump();
  }

  /** Works through the held records until an epoch waits for deltas that have not all come back yet. */
  private void pump() {
    while (true) {
      if (waiting != EpochClock.NONE) {
        Map<Integer, byte[]> arrived = deltas.get(waiting);
        if (arrived == null || arrived.size() < partitioning.instances()) {
          return;
        }
        settle(arrived);
      } else if (held.isEmpty()) {
        return;
      } else {
        handle(held.poll());
      }
    }
  }

  private void handle(Routed r) {
    switch (r.kind) {
      case Routed.RECORD -> {
        for (Event e : records.parse(r.source, r.line)) {
          shard.onEvent(r.toEvent(e));
        }
        sendBreaches();
      }
      case Routed.EPOCH -> {
        output.collect(DELTAS, new StreamRecord<>(deltaMessage(r.epoch, shard.endEpoch())));
        waiting = r.epoch;
        waitingEnd = r.end;
      }
      case Routed.END -> {
        shard.endInput();
        sendBreaches();
        output.collect(new StreamRecord<>(Finding.progress(Finding.FINISHED, instance, 0, 0)));
      }
      default -> throw new IllegalStateException("unknown message kind " + r.kind);
    }
  }

  private void settle(Map<Integer, byte[]> arrived) {
    NetworkDelta[] all = new NetworkDelta[partitioning.instances()];
    try {
      for (var e : arrived.entrySet()) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(e.getValue()));
        in.readLong();
        in.readInt();
        all[e.getKey()] = StateCodecs.DELTA.read(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    view.merge(all, waiting, waitingEnd);
    shard.settleEpoch();
    sendBreaches();
    output.collect(new StreamRecord<>(Finding.progress(Finding.SETTLED, instance, waiting, waitingEnd)));
    deltas.remove(waiting);
    merged = waiting;
    waiting = EpochClock.NONE;
  }

  private void sendBreaches() {
    shard.drainTo(found);
    for (Breach b : found) {
      output.collect(new StreamRecord<>(Finding.breach(Json.write(b))));
    }
    found.clear();
  }

  private byte[] deltaMessage(long epoch, NetworkDelta delta) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(epoch);
      out.writeInt(instance);
      StateCodecs.DELTA.write(delta, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    for (String id : touched) {
      DeviceState d = devices.get(id);
      setCurrentKey(Fingerprint.of(id));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        StateCodecs.DEVICE.write(d, out);
      }
      stored.update(bytes.toByteArray());
    }
    touched.clear();
    openState.update(List.of(writeOpen()));
  }

  private byte[] writeOpen() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(waiting);
      out.writeLong(waitingEnd);
      out.writeLong(merged);
      StateCodecs.VIEW.write(view, out);
      OpenEpoch.write(new DeviceShard[] {shard}, out);
      out.writeInt(held.size());
      for (Routed r : held) {
        r.write(out);
      }
      int count = 0;
      for (Map<Integer, byte[]> m : deltas.values()) {
        count += m.size();
      }
      out.writeInt(count);
      for (Map<Integer, byte[]> m : deltas.values()) {
        for (byte[] message : m.values()) {
          out.writeInt(message.length);
          out.write(message);
        }
      }
    }
    return bytes.toByteArray();
  }

  private void readOpen(byte[] blob) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob))) {
      waiting = in.readLong();
      waitingEnd = in.readLong();
      merged = in.readLong();
      view.read(in);
      OpenEpoch.read(in, new DeviceShard[] {shard}, new OnlyInstance());
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        held.add(Routed.read(in));
      }
      count = in.readInt();
      for (int i = 0; i < count; i++) {
        byte[] message = new byte[in.readInt()];
        in.readFully(message);
        DataInputStream header = new DataInputStream(new ByteArrayInputStream(message));
        deltas.computeIfAbsent(header.readLong(), e -> new HashMap<>()).put(header.readInt(), message);
      }
    }
  }

  /** The open epoch of one instance read back into that instance: every entry is its own. */
  private static final class OnlyInstance implements org.lanternfish.detect.IdentityStage.Sink {
    @Override
    public int partitionOf(long deviceFingerprint) {
      return 0;
    }

    @Override
    public void accept(int partition, org.lanternfish.detect.RoutedEvent event) {
      throw new UnsupportedOperationException("restoring routes no events");
    }
  }
}
